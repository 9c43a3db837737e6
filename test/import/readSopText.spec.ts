/**
 * `protap import-sop` on SOP text as courts publish it, without the book's Daftar Isi: a single
 * SOP, one unit's pages, numbered rows, bulleted rows, a cover and Kata Pengantar before the
 * unit. The fixtures under test/import/sopText/ are written for this spec in the book's form;
 * none of them is in the book. Each test reads the BPMN files the command writes: the SOP
 * titles, the task names in flow order, the lane of each task and its waktu.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/importSop.ts';
import { readBpmn } from '../../src/bpmn/readBpmn.ts';
import { loadDefinitions } from '../../src/runtime/loadDefinitions.ts';
import { readSopBook } from '../../src/sopText/readSopBook.ts';
import { normalizeRow, readSopBody } from '../../src/sopText/readSopBody.ts';
import { readSopText } from '../../src/sopText/readSopText.ts';
import { describeWithFixture, seedBook, SEED_BOOK } from '../support/sharedFixtures.ts';
import { capture } from '../support/captureConsole.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => path.join(here, 'sopText', name);
const outRoot = mkdtempSync(path.join(os.tmpdir(), 'protap-import-text-'));
afterAll(() => rmSync(outRoot, { recursive: true, force: true }));

interface Report {
  source: string;
  ok: boolean;
  written: { id: string; kodeBuku: string; nama: string; file: string; unguessedSteps: string[]; problems: unknown[] }[];
  withoutSteps: unknown[];
}

/** One written SOP as its BPMN file says it: title, and per task in flow order its name, lane and waktu. */
interface Written {
  id: string;
  nama?: string;
  kodeBuku?: string;
  unit?: string;
  satker?: string;
  tanggalPembuatan?: string;
  steps: [string | undefined, string | undefined, string | undefined][];
  lanes: string[];
}

async function importText(name: string): Promise<{ code: number; report: Report; sops: Written[] }> {
  const out = mkdtempSync(path.join(outRoot, `${path.basename(name, '.txt')}-`));
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const code = await run([fixture(name), '--out', out, '--json']);
  const report = JSON.parse(log.mock.calls.map((c) => c.join(' ')).join('\n')) as Report;
  log.mockRestore();
  const sops: Written[] = [];
  for (const w of report.written) {
    const xml = readFileSync(w.file, 'utf8');
    const loaded = await loadDefinitions(xml);
    expect(loaded.problems, w.file).toEqual([]);
    const { model } = await readBpmn(xml);
    const process = model?.processes[0];
    if (!process) throw new Error(`no process in ${w.file}`);
    const steps: Written['steps'] = [];
    let node = [...process.nodes.values()].find((n) => n.type === 'startEvent');
    while (node) {
      if (node.type === 'userTask') steps.push([node.name, node.lane?.name, node.sop.waktu]);
      const next = process.flows.get(node.outgoing[0] ?? '')?.target;
      node = next ? process.nodes.get(next) : undefined;
    }
    const identity = process.identity;
    sops.push({
      id: process.id, nama: process.name, kodeBuku: identity?.kodeBuku, unit: identity?.unit, satker: identity?.satker,
      tanggalPembuatan: identity?.tanggalPembuatan, steps, lanes: process.lanes.map((l) => l.name ?? ''),
    });
  }
  return { code, report, sops };
}

describe('protap import-sop on SOP text without a Daftar Isi', () => {
  it('reads a single SOP with only its title and a NO | KEGIATAN | WAKTU table (no unit heading)', async () => {
    const { code, report, sops } = await importText('sopTunggal.txt');
    expect(code).toBe(0);
    expect(report).toMatchObject({ ok: true, source: 'judul', withoutSteps: [] });
    expect(sops).toHaveLength(1);
    const [sop] = sops;
    // No unit heading: the unit is the one whose officers act most (Panitera Muda Hukum, twice).
    expect(sop).toMatchObject({
      id: 'hukum-penerbitan-surat-keterangan-tidak-sedang-dicabut',
      nama: 'Penerbitan Surat Keterangan Tidak Sedang Dicabut Hak Pilihnya',
      kodeBuku: 'Penerbitan Surat Keterangan Tidak Sedang Dicabut Hak Pilihnya', unit: 'Kepaniteraan Hukum',
    });
    const file = report.written[0]?.file ?? '';
    expect([path.basename(path.dirname(file)), path.basename(file)]).toEqual(['hukum', `${sop?.id}.bpmn`]);
    expect(sop?.steps).toEqual([
      ['Pemohon mengajukan permohonan surat keterangan pada meja pelayanan dengan…', 'Pemohon', '1 Hari'],
      ['Panitera Muda Pidana memeriksa register perkara pidana dan register putusan…', 'Panitera Muda Pidana', '1 Hari'],
      ['Panitera Muda Hukum menyiapkan konsep surat keterangan sesuai hasil…', 'Panitera Muda Hukum', '1 Hari'],
      ['Ketua Pengadilan Negeri menandatangani surat keterangan', 'Ketua PN', '1 Hari'],
      ['Panitera Muda Hukum menyerahkan surat keterangan kepada Pemohon dan…', 'Panitera Muda Hukum', '1 Hari'],
    ]);
    expect(sop?.lanes).toEqual(['Pemohon', 'Panitera Muda Pidana', 'Panitera Muda Hukum', 'Ketua PN']);
  });

  it('reads one unit\'s pages with three lettered SOPs, bulleted and numbered, waktu on the line below', async () => {
    const { code, report, sops } = await importText('unitPidana.txt');
    expect(code).toBe(0);
    expect(report.written.map((w) => [w.id, w.kodeBuku, w.nama])).toEqual([
      ['pidana-A', 'IV.A', 'Penerimaan Perkara Tindak Pidana Ringan'],
      ['pidana-B', 'IV.B', 'Permohonan Izin Besuk Tahanan'],
      ['pidana-C', 'IV.C', 'Pengiriman Petikan dan Salinan Putusan'],
    ]);
    expect(report.written.every((w) => path.basename(path.dirname(w.file)) === 'pidana')).toBe(true);
    expect(sops.every((s) => s.unit === 'Kepaniteraan Pidana')).toBe(true);
    expect(sops[0]?.steps).toEqual([
      ['Panitera Muda Pidana menerima pelimpahan berkas perkara tindak pidana ringan…', 'Panitera Muda Pidana', '1 Hari'],
      ['Ketua Pengadilan Negeri menunjuk Hakim tunggal dan menetapkan hari sidang', 'Ketua PN', '1 Hari'],
      ['Panitera Muda Pidana menyerahkan berkas perkara kepada Panitera Pengganti yang…', 'Panitera Muda Pidana', '1 Hari'],
      ['Hakim memeriksa dan memutus perkara pada hari sidang yang telah ditetapkan', 'Hakim', '1 Hari'],
    ]);
    expect(sops[1]?.steps.map(([name, lane, waktu]) => [name?.split(' ').slice(0, 3).join(' '), lane, waktu])).toEqual([
      ['Pemohon mengajukan surat', 'Pemohon', '1 Hari'],
      ['Panitera Muda Pidana', 'Panitera Muda Pidana', '1 Hari'],
      ['Ketua Pengadilan Negeri', 'Ketua PN', '1 Hari'], // its "1 Hari" printed on the line below
      ['Panitera Muda Pidana', 'Panitera Muda Pidana', '1 Hari'],
    ]);
    expect(sops[2]?.steps.map(([, lane, waktu]) => [lane, waktu])).toEqual([
      ['Panitera Pengganti', '1 Hari'], ['Panitera Muda Pidana', '14 Hari setelah putusan diucapkan'], ['Panitera Muda Pidana', '1 Hari'],
    ]);
    expect(sops[2]?.lanes).toEqual(['Panitera Pengganti', 'Panitera Muda Pidana']);
  });

  it('reads numbered rows "1. … (1 hari)" and "1) …", with a run-on line and a Keterangan note', async () => {
    const { code, report, sops } = await importText('barisBernomor.txt');
    expect(code).toBe(0);
    expect(report.written.map((w) => [w.id, w.nama])).toEqual([
      ['perdata-A', 'Penerimaan Permohonan Konsinyasi'], ['perdata-B', 'Penyerahan Uang Konsinyasi'],
    ]);
    expect(sops[0]?.unit).toBe('Kepaniteraan Perdata');
    expect(sops[0]?.steps).toEqual([
      ['Pemohon mengajukan permohonan penawaran pembayaran tunai (konsinyasi) kepada…', 'Pemohon', '1 hari'],
      ['Panitera Muda Perdata meneliti kelengkapan permohonan, menaksir panjar biaya…', 'Panitera Muda Perdata', '1 hari'],
      ['Ketua Pengadilan Negeri menetapkan penawaran pembayaran dan memerintahkan…', 'Ketua PN', '2 hari'],
      ['Jurusita melaksanakan penawaran pembayaran kepada Termohon dan membuat berita…', 'Jurusita', '7 hari kerja'],
    ]);
    expect(sops[1]?.steps).toEqual([
      ['Termohon mengajukan permohonan pengambilan uang konsinyasi kepada Ketua…', 'Termohon', '1 hari'],
      ['Panitera Muda Perdata memeriksa kelengkapan berkas dan bukti hak Termohon', 'Panitera Muda Perdata', '2 hari'],
      ['Ketua Pengadilan Negeri menerbitkan penetapan pengambilan uang konsinyasi', 'Ketua PN', '3 hari'],
      ['Panitera Muda Perdata menyerahkan uang konsinyasi kepada Termohon dengan…', 'Panitera Muda Perdata', '1 hari'],
    ]);
    const draft = readSopText(readFileSync(fixture('barisBernomor.txt'), 'utf8'))?.drafts;
    expect(draft?.[0]?.steps[3]?.notes).toEqual(['apabila Termohon menolak, uang dititipkan di kepaniteraan.']);
    expect(draft?.[1]?.steps[3]?.text).toBe('Panitera Muda Perdata menyerahkan uang konsinyasi kepada Termohon dengan berita acara penyerahan.');
  });

  it('reads bulleted rows ("-", "*") under a single SOP\'s title, waktu after a dash or "Waktu:"', async () => {
    const { code, report, sops } = await importText('barisBerbutir.txt');
    expect(code).toBe(0);
    expect(report.written.map((w) => [w.id, w.nama])).toEqual([['keuangan-pembayaran-uang-perjalanan-dinas', 'Pembayaran Uang Perjalanan Dinas']]);
    expect(sops[0]).toMatchObject({ unit: 'Sub Bagian Keuangan', satker: 'Pengadilan Negeri Sukamaju' });
    expect(sops[0]?.steps).toEqual([
      ['Pejabat Pembuat Komitmen (PPK) menerbitkan Surat Perintah Perjalanan Dinas…', 'Pejabat Pembuat Komitmen', '1 hari'],
      ['Bendahara Pengeluaran membayarkan uang muka perjalanan dinas kepada pegawai…', 'Bendahara Pengeluaran', '1 hari'],
      ['Kasubag Keuangan memeriksa bukti pengeluaran perjalanan dinas yang diserahkan…', 'Kasubag Keuangan', '2 hari kerja'],
      ['Pejabat Pembuat Komitmen (PPK) mengesahkan kuitansi rampung perjalanan dinas', 'Pejabat Pembuat Komitmen', '1 hari'],
      ['Bendahara Pengeluaran membayarkan kekurangan atau menerima pengembalian…', 'Bendahara Pengeluaran', '1 hari'],
    ]);
    expect(sops[0]?.lanes).toEqual(['Pejabat Pembuat Komitmen', 'Bendahara Pengeluaran', 'Kasubag Keuangan']);
  });

  it('skips a cover and a Kata Pengantar (with its own numbered and dashed lists) and reads the unit after them', async () => {
    const { code, report, sops } = await importText('sampulTanpaDaftarIsi.txt');
    expect(code).toBe(0);
    expect(report.withoutSteps).toEqual([]);
    expect(report.written.map((w) => [w.id, w.kodeBuku, w.nama])).toEqual([
      ['kepegawaian-A', 'II.A', 'Permohonan Cuti Tahunan'], ['kepegawaian-B', 'II.B', 'Usulan Kenaikan Gaji Berkala'],
    ]);
    expect(sops[0]).toMatchObject({ unit: 'Sub Bagian Kepegawaian', satker: 'Pengadilan Negeri Sukamaju', tanggalPembuatan: '2023-01-02' });
    expect(sops[0]?.steps).toEqual([
      ['Pegawai mengisi formulir permohonan cuti dan menyerahkannya kepada Kasubag…', 'Kasubag Kepegawaian', '1 Hari'],
      ['Kasubag Kepegawaian memeriksa sisa hak cuti tahunan pegawai dalam buku cuti', 'Kasubag Kepegawaian', '1 Hari'],
      ['Panitera/Sekretaris memberikan pertimbangan atas permohonan cuti', 'Panitera/Sekretaris', '1 Hari'],
      ['Ketua Pengadilan Negeri menandatangani surat izin cuti', 'Ketua PN', '1 Hari'],
    ]);
    // "Pegawai" is no lane of the court's roles: the row goes to the unit's head, reported for review.
    expect(report.written[0]?.unguessedSteps).toEqual(['1']);
    expect(sops[1]?.steps.map(([, lane, waktu]) => [lane, waktu])).toEqual([
      ['Kasubag Kepegawaian', '3 Hari'], ['Kasubag Kepegawaian', '2 Hari'], ['Ketua PN', '1 Hari'], ['Kasubag Kepegawaian', '1 Hari'],
    ]);
  });

  it('leaves the whole book to its Daftar Isi', () => {
    const mini = readFileSync(path.join(here, 'readSopBook.mini.txt'), 'utf8');
    expect(readSopText(mini)).toEqual({ ...readSopBook(mini), source: 'daftar-isi' });
  });

  it.each([
    ['1 | Menerima berkas | 1 Hari', '1 Menerima berkas 1 Hari'],
    ['| No | Kegiatan | Waktu |', 'NO KEGIATAN WAKTU PENYELESAIAN'],
    ['|---|---|---|', ''],
    ['1. Panitera Muda Pidana menerima berkas (1 hari)', '1. Panitera Muda Pidana menerima berkas 1 hari'],
    ['2) Ketua menandatangani. (waktu: 2 hari kerja)', '2. Ketua menandatangani. 2 hari kerja'],
    ['- Bendahara membayar – 1 hari', '• Bendahara membayar 1 hari'],
    ['* Bendahara membayar, waktu: 1 hari.', '• Bendahara membayar 1 hari'],
    ['• Pernyataan dapat diajukan dalam tenggang waktu : 14 Hari', '• Pernyataan dapat diajukan dalam tenggang waktu : 14 Hari'],
    ['- Surat masuk - surat keluar dicatat (lihat lampiran)', '• Surat masuk - surat keluar dicatat (lihat lampiran)'],
  ])('normalises the row "%s"', (raw, row) => {
    expect(normalizeRow(raw)).toBe(row);
  });
});

describe('protap import-sop refuses text with no recognisable SOP', () => {
  let printed = { out: () => '', err: () => '' };
  let dir = '';
  const err = () => printed.err();
  beforeEach(() => {
    printed = capture();
    dir = mkdtempSync(path.join(os.tmpdir(), 'protap-import-none-'));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an empty file, exit 1, saying what was expected, and writes nothing', async () => {
    const empty = path.join(dir, 'kosong.txt');
    writeFileSync(empty, '\n  \n');
    expect(await run([empty, '--out', path.join(dir, 'keluar')])).toBe(1);
    expect(err()).toContain('kosong, jadi tidak berbentuk buku SOP dan tidak berisi SOP');
    expect(err()).toContain('diharapkan judul SOP');
    expect(existsSync(path.join(dir, 'keluar'))).toBe(false);
  });

  it('refuses a letter with a numbered list but no SOP title, table or waktu, exit 1', async () => {
    expect(await run([fixture('bukanSop.txt'), '--out', path.join(dir, 'keluar')])).toBe(1);
    expect(err()).toMatch(/tidak berbentuk buku SOP dan tidak berisi SOP yang dapat dikenali: diharapkan judul SOP .*NO \| KEGIATAN \| WAKTU PENYELESAIAN.*baris bernomor.*baris berbutir.*waktu penyelesaian\.$/);
    expect(existsSync(path.join(dir, 'keluar'))).toBe(false);
  });

  it.each([
    ['binary garbage', '\u0000\u0001PK\u0003\u0004 ÿþ \n%%EOF\n'],
    ['numbered lines with no waktu under a title', 'Catatan Rapat\n\n1. Rapat dibuka oleh Ketua.\n2. Rapat ditutup oleh Panitera.\n'],
  ])('finds no SOP in %s', (_what, text) => {
    expect(readSopBody(text)).toBeUndefined();
    expect(readSopText(text)).toBeUndefined();
  });
});

const seed = seedBook();

describeWithFixture('the 2011 book with its Daftar Isi cut out', seed !== undefined, SEED_BOOK, () => {
  it('gives the same SOPs from its headings alone, but for two the Daftar Isi alone can tell', () => {
    const text = seed?.text ?? '';
    const lines = text.split('\n');
    const from = lines.findIndex((l) => l.trim() === 'DAFTAR ISI');
    const to = lines.findIndex((l, i) => i > from && l.trim() === 'I. STANDARD OPERATING PROCEDURES ( SOP )');
    const book = readSopBook(text);
    const body = readSopBody([...lines.slice(0, from), ...lines.slice(to)].join('\n'));
    const key = (d: { id: string; kodeBuku: string; steps: { waktu?: string; pelaksana: string }[] }) =>
      `${d.id} ${d.kodeBuku} ${d.steps.map((s) => `${s.pelaksana}:${s.waktu ?? '-'}`).join(',')}`;
    const fromBook = new Set(book?.drafts.map(key));
    const fromBody = new Set(body?.drafts.map(key));
    expect(book?.drafts).toHaveLength(71);
    expect(body?.drafts).toHaveLength(69);
    // I.E.4's unnumbered child "Pengamanan Tamu" is read as part of I.E.4; II.B.12 (DP3) has neither waktu nor table.
    expect(book?.drafts.filter((d) => !fromBody.has(key(d))).map((d) => d.id)).toEqual(['umum-E-4', 'umum-E-4-pengamanan-tamu', 'kepegawaian-B-12']);
    expect(body?.drafts.filter((d) => !fromBook.has(key(d))).map((d) => d.id)).toEqual(['umum-E-4']);
  });
});

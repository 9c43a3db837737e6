/**
 * `protap import-sop` on the SOP book of the PN under PT Bandung (2011), seed 004: every SOP of
 * the Daftar Isi that has steps becomes a valid, laid-out BPMN file, with as many tasks as the
 * table has rows and each row's waktu verbatim. The expected rows and waktu cells are read here
 * from the raw text with this spec's own scanner (the one test/sop/seedBook.spec.ts uses for
 * the waktu column), never with the importer's functions.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/importSop.ts';
import { readBpmn, sopModdle } from '../../src/bpmn/readBpmn.ts';
import { loadDefinitions } from '../../src/runtime/loadDefinitions.ts';
import type { ModdleElement } from '../../src/bpmn/moddleElement.ts';
import { describeWithFixture, SEED_BOOK } from '../support/sharedFixtures.ts';
import { capture } from '../support/captureConsole.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seeds = path.resolve(repoRoot, '../shared/seeds');
const seedFile = existsSync(seeds) ? readdirSync(seeds).find((f) => f.startsWith('004_')) : undefined;
const seedPath = seedFile ? path.join(seeds, seedFile) : '';

// Every heading of the Daftar Isi as the body prints it, with the SOP it must give (null: none).
// I.E, III.B, III.C, III.D and V.F only group the headings below them; I.E.1 is one sentence
// describing E.2–E.5, with no waktu. "Pengamanan Tamu" has no number: it is a child of I.E.4.
const HEADINGS: [string | string[], string | null][] = [
  ['A. SURAT MASUK', 'umum-A'], ['B. SURAT KELUAR', 'umum-B'], ['C. ADMINISTRASI PERLENGKAPAN', 'umum-C'],
  ['D. ADMINISTRASI PERENCANAAN', 'umum-D'], ['E. KEPERLUAN RUMAH TANGGA KANTOR', null], ['1 PELAKSANAAN TUGAS', null],
  ['2 PENGELOLAAN PERPUSTAKAAN', 'umum-E-2'], ['a. Buku-Buku yang Masuk', 'umum-E-2-a'], ['b. Peminjaman Buku', 'umum-E-2-b'],
  ['3 PERAWATAN DAN PEMELIHARAAN SARANA DAN PRASARANA GEDUNG', 'umum-E-3'], ['4 KEAMANAN', 'umum-E-4'],
  ['Pengamanan Tamu', 'umum-E-4-pengamanan-tamu'], ['5 KEBERSIHAN', 'umum-E-5'], ['F. PELAPORAN', 'umum-F'],
  ['G. PELAPORAN SIMAK BMN SEMESTERAN', 'umum-G'], ['H. PENGHAPUSAN BARANG PADA PENGADILAN NEGERI', 'umum-H'],
  ['A. PENINGKATAN PENGELOLAAN DATA DAN INFORMASI KEPEGAWAIAN', 'kepegawaian-A'],
  ['B. PROSES PENGUSULAN KENAIKAN PANGKAT', 'kepegawaian-B'],
  ...['KENAIKAN PANGKAT REGULER', 'KENAIKAN PANGKAT PENYESUAIAN IJAZAH', 'KENAIKAN PANGKAT PILIHAN', 'KENAIKAN PANGKAT PENGABDIAN',
    'KENAIKAN GAJI BERKALA', 'MUTASI HAKIM DAN PEGAWAI', 'USULAN JABATAN', 'USULAN PENSIUN', 'USULAN TANDA PENGHARGAAN SATYA LENCANA',
    'CUTI HAKIM DAN PEGAWAI', 'HUKUMAN DISIPLIN', 'DP3'].map((t, i): [string, string] => [`${i + 1} ${t}`, `kepegawaian-B-${i + 1}`]),
  ['A. ADMINISTRASI KEUANGAN', 'keuangan-A'], ['B. PELAKSANAAN ANGGARAN', null],
  ...['1 GAJI INDUK', '2 GAJI SUSULAN/KEKURANGAN GAJI', '3 UANG MAKAN', '4. UANG LEMBUR', '5 GAJI KE-13 (TIGA BELAS)',
    '6 REMUNERASI DAN PERTANGGUNG JAWABANNYA', '7 PENGAJUAN UANG PERSEDIAAN (UP)', '8 PENGAJUAN TAMBAHAN UANG PERSEDIAAN (TUP)',
    '9 PENGAJUAN GANTI UANG PERSEDIAAN (GUP)', '10 PENGAJUAN PEMBAYARAN DENGAN MEKANISME LS', '11 PENGELOLAAN PENERIMAAN NEGARA BUKAN PAJAK',
  ].map((h, i): [string, string] => [h, `keuangan-B-${i + 1}`]),
  ['C. PERTANGGUNG JAWABAN LAPORAN KEUANGAN', null],
  ['1 Laporan Bulanan Sistem Akuntansi Pengguna Anggaran (SAKPA)', 'keuangan-C-1'],
  ['2 Laporan Keuangan Setiap Tri Wulan, Semester dan Tahunan', 'keuangan-C-2'],
  ['D. PENATAUSAHAAN DAN PENGAWASAN ANGGARAN', null], ['1. Buku Kas Umum', 'keuangan-D-1'], ['2. Buku Pembantu', 'keuangan-D-2'],
  ['A. PENYELESAIAN PERKARA', 'pidana-A'], ['B. PROSES BANDING', 'pidana-B'], ['C. PROSES KASASI', 'pidana-C'],
  ['D. PROSES PENINJAUAN KEMBALI', 'pidana-D'], ['E. PROSES GRASI', 'pidana-E'], ['F. DELEGASI', 'pidana-F'],
  ['G. LAPORAN PERKARA PIDANA UNTUK DISERAHKAN KEPADA KEPANITERAAN HUKUM', 'pidana-G'],
  ['A. PENYELESAIAN PERKARA', 'perdata-A'], ['B. PROSES BANDING', 'perdata-B'], ['C. PROSES KASASI', 'perdata-C'],
  ['D. PROSES PENINJAUAN KEMBALI', 'perdata-D'], ['E. DELEGASI', 'perdata-E'], ['F. SITA DAN EKSEKUSI', null],
  ['1 SITA JAMINAN', 'perdata-F-1'], [['2', 'AANMANING'], 'perdata-F-2'], ['3 SITA EKSEKUSI', 'perdata-F-3'],
  ['4 EKSEKUSI RIIL/PENGOSONGAN', 'perdata-F-4'], ['5 EKSEKUSI LELANG', 'perdata-F-5'], ['G. LAPORAN PERKARA PERDATA', 'perdata-G'],
  ...['LAPORAN BILANAN PERKARA PIDANA/PERDATA', 'LAPORAN JASA HUKUM', 'LAPORAN KEGIATAN HAKIM', 'LAPORAN CATUR WULAN', 'LAPORAN SEMESTERAN',
    'LAPORAN WASMAT', 'LAPORAN TAHUNAN'].map((t, i): [string, string] => [`${'ABCDEFG'[i]}. PROSEDUR PENYELESAIAN ${t}`, `hukum-${'ABCDEFG'[i]}`]),
  ['H. PENATAAN ARSIP', 'hukum-H'], ['I. PROSEDUR PENYELESAIAN PENDAFTARAN BADAN HUKUM', 'hukum-I'],
];

// The waktu column, found as test/sop/seedBook.spec.ts finds it: the tail of a line after its last stop.
const CELL_START = /^(?:\d+\s+(?:hari|bulan)\b|setiap\s|paling\s|tanggal\s|sesuai kebutuhan|pada hari itu)/i;
const CELL_QUALIFIER = /(?:paling lambat(?: pada)?|paling lama|dalam tenggang waktu|dalam waktu paling lama)\s*:?\s*$/i;

function waktuCell(line: string): string | undefined {
  let cut = 0;
  for (const m of line.matchAll(/[.:)•]\s+/g)) cut = (m.index ?? 0) + m[0].length;
  let cell = line.slice(cut);
  if (!CELL_START.test(cell)) {
    const tail = /(\d+\s+(?:hari|bulan)(?:\s+kerja)?)$/i.exec(line);
    if (!tail) return undefined;
    cut = tail.index;
    cell = tail[1] ?? '';
  }
  const qualifier = CELL_QUALIFIER.exec(line.slice(0, cut));
  if (qualifier) cell = `${line.slice(0, cut).slice(qualifier.index).trim()} ${cell}`.replace(/\s+/g, ' ');
  return cell.trim();
}

/** The rows of one section as printed: a bullet or a row number starts one; the lines below continue it. */
function rowsOf(lines: string[]): string[][] {
  const rows: string[][] = [];
  let notes = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || /^NO KEGIATAN/.test(line) || line === '1 2 3') continue;
    if (/^kenyamanan\s*:/i.test(line)) break; // I.E.5 ends with a list of facilities, not steps
    if (/^(?:keterangan|catatan)\s*:/i.test(line)) notes = true;
    const numbered = /^\d+\.?(?:\s|$)/.test(line) && waktuCell(line) !== line;
    if (line.startsWith('•') || (numbered && !notes)) {
      notes = false;
      rows.push([line]);
    } else rows[rows.length - 1]?.push(line);
  }
  return rows
    .filter((row) => !/^\d+\s+Yang dimaksud/.test(row[0] ?? '')) // I.A row 1 defines "surat masuk"; it is not a kegiatan
    .reduce<string[][]>((all, row) => {
      // V.A: "… pada hari itu juga dapat diserahkan" / "• Salinannya kepada para pihak …" is one sentence over two bullets.
      if (/^•\s*Salinannya/.test(row[0] ?? '')) all[all.length - 1]?.push(...row);
      else all.push(row);
      return all;
    }, []);
}

function expectedBook(text: string): Map<string, (string | undefined)[]> {
  const lines = text.split('\n');
  let at = lines.findIndex((l) => l.trim() === 'I. STANDARD OPERATING PROCEDURES ( SOP )');
  const starts: { at: number; body: number; id: string | null }[] = [];
  for (const [heading, id] of HEADINGS) {
    const [first, second] = Array.isArray(heading) ? heading : [heading];
    const found = lines.findIndex((l, i) => i > at && l.trim() === first && (!second || lines.slice(i + 1).find((n) => n.trim())?.trim() === second));
    if (found < 0) throw new Error(`heading "${first}" not found in the seed`);
    const body = second ? lines.findIndex((l, i) => i > found && l.trim() === second) + 1 : found + 1;
    starts.push({ at: found, body, id });
    at = body - 1;
  }
  const expected = new Map<string, (string | undefined)[]>();
  starts.forEach(({ body, id }, i) => {
    if (!id) return;
    const end = Math.min(starts[i + 1]?.at ?? lines.length, ...lines.map((l, j) => (j > body && /STANDARD OPERATING PROCEDURES/.test(l) ? j : lines.length)));
    const rows = rowsOf(lines.slice(body, end));
    expected.set(id, rows.map((row) => {
      const cells = row.map(waktuCell).filter((c): c is string => c !== undefined);
      return cells.length > 0 ? cells.join(' / ') : undefined;
    }));
  });
  return expected;
}

/** Tasks in flow order from the start event, with their waktu as written in the file. */
async function stepsIn(xml: string): Promise<(string | undefined)[]> {
  const { model } = await readBpmn(xml);
  const process = model?.processes[0];
  if (!process) return [];
  const waktu: (string | undefined)[] = [];
  let node = [...process.nodes.values()].find((n) => n.type === 'startEvent');
  while (node) {
    if (node.type === 'userTask') waktu.push(node.sop.waktu?.includes(' / ') ? node.sop.waktu.replace(/\s*\([^)]*\)/g, '') : node.sop.waktu);
    const next = process.flows.get(node.outgoing[0] ?? '')?.target;
    node = next ? process.nodes.get(next) : undefined;
  }
  return waktu;
}

describeWithFixture('protap import-sop on seed 004', seedFile !== undefined, SEED_BOOK, () => {
  let out = '';
  let report: { written: { id: string; file: string; problems: unknown[]; rejectedWaktu: unknown[] }[]; ok: boolean };
  let exitCode = -1;
  const expected = seedFile ? expectedBook(readFileSync(seedPath, 'utf8')) : new Map();
  const files = () => report.written.map((w) => w.file);

  beforeAll(async () => {
    out = mkdtempSync(path.join(os.tmpdir(), 'protap-import-'));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    exitCode = await run([seedPath, '--out', out, '--json']);
    report = JSON.parse(log.mock.calls.map((c) => c.join(' ')).join('\n'));
    log.mockRestore();
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes one file per SOP of the Daftar Isi that has steps, in one command', () => {
    expect(exitCode).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.written.map((w) => w.id)).toEqual(HEADINGS.flatMap(([, id]) => (id ? [id] : [])));
    for (const w of report.written) {
      expect(path.relative(out, w.file)).toBe(path.join(w.id.split('-')[0] as string, `${w.id}.bpmn`));
      expect(existsSync(w.file)).toBe(true);
    }
  });

  it('gives every SOP as many steps as its table has rows, each with the waktu the row prints', async () => {
    expect([...expected.keys()]).toHaveLength(71);
    for (const w of report.written) {
      expect(await stepsIn(readFileSync(w.file, 'utf8')), w.id).toEqual(expected.get(w.id));
    }
    expect([...expected.values()].flat().filter(Boolean)).toHaveLength(316);
  });

  it('writes drafts that validate and compile, with no waktu phrase refused', async () => {
    for (const file of files()) {
      const loaded = await loadDefinitions(readFileSync(file, 'utf8'));
      expect(loaded.problems, file).toEqual([]);
      expect(loaded.definitions, file).toHaveLength(1);
    }
    expect(report.written.flatMap((w) => w.rejectedWaktu)).toEqual([]);
  });

  it('draws every flow node, lane and sequence flow', async () => {
    for (const file of files()) {
      const { rootElement } = (await sopModdle().fromXML(readFileSync(file, 'utf8'))) as { rootElement: ModdleElement };
      const drawn = new Set((rootElement.diagrams as ModdleElement[]).flatMap((d) =>
        ((d.plane as ModdleElement).planeElement as ModdleElement[]).map((e) => (e.bpmnElement as ModdleElement).id)));
      const process = (rootElement.rootElements as ModdleElement[]).find((r) => r.$type === 'bpmn:Process') as ModdleElement;
      const lanes = ((process.laneSets as ModdleElement[])[0]?.lanes ?? []) as ModdleElement[];
      const ids = [...(process.flowElements as ModdleElement[]), ...lanes].map((e) => e.id);
      expect(ids.filter((id) => !drawn.has(id)), file).toEqual([]);
    }
  });

  it('fills the identity block and the lanes from the text', async () => {
    const xml = readFileSync(path.join(out, 'pidana', 'pidana-C.bpmn'), 'utf8');
    expect(xml).toContain('<bpmn:process id="pidana-C" name="Proses Kasasi" isExecutable="true">');
    expect(xml).toMatch(/<sop:identitas nama="Proses Kasasi" satker="Pengadilan Negeri di lingkungan Pengadilan Tinggi Bandung" unit="Kepaniteraan Pidana" kodeBuku="IV.C" tanggalPembuatan="2011-04-04" jenis="administratif" cakupan="mikro"/);
    expect(xml).toContain('sop:pelaksana="pemohon" sop:eksternal="true"');
    expect(xml).toContain('sop:waktu="dalam tenggang waktu : 14 Hari"');
    const pidanaA = readFileSync(path.join(out, 'pidana', 'pidana-A.bpmn'), 'utf8');
    expect(pidanaA).toContain('<sop:dasarHukum>Pasal 45A Undang-Undang No. 5 Tahun 2004 tentang Mahkamah Agung</sop:dasarHukum>');
    const aanmaning = readFileSync(path.join(out, 'perdata', 'perdata-F-2.bpmn'), 'utf8');
    expect(aanmaning).toContain('name="Jurusita" sop:pelaksana="jurusita" sop:atasan="panmud-perdata"');
  });
});

describe('protap import-sop with bad input', () => {
  let printed = { out: () => '', err: () => '' };
  let dir = '';
  const err = () => printed.err();
  beforeEach(() => {
    printed = capture();
    dir = mkdtempSync(path.join(os.tmpdir(), 'protap-import-bad-'));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    [[], 'Berkas teks buku SOP belum diberikan.'],
    [['buku.txt'], 'Opsi --out wajib diisi'],
    [['buku.txt', '--out'], 'Opsi --out memerlukan nilai.'],
    [['buku.txt', '--out', 'x', '--format', 'svg'], 'Opsi tidak dikenal: --format.'],
  ])('refuses %j with exit 2 and the usage', async (args, message) => {
    expect(await run(args)).toBe(2);
    expect(err()).toContain(message);
    expect(err()).toContain('Penggunaan: protap import-sop');
  });

  it('says in Indonesian that a missing file cannot be read, exit 1', async () => {
    expect(await run([path.join(dir, 'tidak-ada.txt'), '--out', dir])).toBe(1);
    expect(err()).toMatch(/tidak dapat dibaca: berkas tidak ada\.$/);
  });

  it('says a text that is not an SOP book is not one, exit 1, and writes nothing', async () => {
    const readme = path.join(repoRoot, 'README.md');
    expect(await run([readme, '--out', path.join(dir, 'keluar')])).toBe(1);
    expect(err()).toContain('tidak berbentuk buku SOP');
    expect(existsSync(path.join(dir, 'keluar'))).toBe(false);
    expect(err()).not.toMatch(/\n\s+at /);
  });
});

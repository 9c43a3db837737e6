/**
 * `protap import-sop TEXT_FILE --out DIR [--json]`: reads SOP text in the PT Bandung 2011
 * book's form — the whole book through its Daftar Isi, or, without one, one unit's pages or a
 * single SOP through their own headings, with table, numbered or bulleted rows — and writes one
 * draft BPMN per SOP that has steps, to DIR/<folder>/<id>.bpmn, each checked by the compiler.
 * Exit 0 when every draft is valid, 1 for unreadable input (or no recognisable SOP) or a draft
 * with problems, 2 for usage errors.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeSopBpmn } from '../bpmn/writeSopBpmn.ts';
import type { Problem } from '../model/problem.ts';
import { loadDefinitions } from '../runtime/loadDefinitions.ts';
import { readWaktu } from '../sop/readWaktu.ts';
import type { SkippedHeading } from '../sopText/readSopBook.ts';
import { readSopText } from '../sopText/readSopText.ts';

const USAGE = [
  'Penggunaan: protap import-sop BERKAS_TEKS --out DIREKTORI [--json]',
  '',
  'Membaca teks SOP: buku SOP utuh (Daftar Isi, lalu tabel NO | KEGIATAN | WAKTU PENYELESAIAN),',
  'atau tanpa Daftar Isi halaman satu unit maupun satu SOP saja (judul SOP, lalu langkah berupa',
  'tabel, baris bernomor atau baris berbutir), dan menulis satu draf BPMN per SOP yang punya',
  'langkah ke DIREKTORI/<unit>/<id>.bpmn.',
  '',
  'Opsi:',
  '  --out DIREKTORI  tempat menulis berkas BPMN (wajib; dibuat bila belum ada)',
  '  --json           cetak ringkasan sebagai satu objek JSON',
].join('\n');

/** What a text must hold to be read, said when it holds none. */
const EXPECTED = 'diharapkan judul SOP (mis. "A. PENERIMAAN BERKAS PERKARA", boleh di bawah judul unit seperti "KEPANITERAAN PIDANA") '
  + 'yang diikuti langkah-langkahnya — tabel NO | KEGIATAN | WAKTU PENYELESAIAN, baris bernomor ("1. Panitera Muda Pidana menerima '
  + 'berkas … (1 hari)") atau baris berbutir ("- …", "• …") — dengan waktu penyelesaian.';

const MAX_TEXT_BYTES = 10 * 1024 * 1024;

/** What happened to one SOP. */
interface Written {
  id: string;
  kodeBuku: string;
  nama: string;
  file: string;
  steps: number;
  lanes: string[];
  unguessedSteps: string[];
  rejectedWaktu: { step: string; waktu: string; message: string }[];
  problems: Problem[];
}

class UsageError extends Error {}

function parse(args: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args, allowPositionals: true, strict: true,
      options: { out: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const option = /'(-[^' ]*)/.exec(message)?.[1] ?? message;
    throw new UsageError(/argument missing|value/i.test(message) ? `Opsi ${option} memerlukan nilai.` : `Opsi tidak dikenal: ${option}.`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true as const };
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'Berkas teks buku SOP belum diberikan.' : 'Berikan tepat satu berkas teks buku SOP.');
  if (!values.out) throw new UsageError('Opsi --out wajib diisi: direktori tempat menulis berkas BPMN.');
  return { help: false as const, file: positionals[0] as string, out: values.out, json: values.json ?? false };
}

function summary(out: string, written: Written[], withoutSteps: SkippedHeading[], notFound: SkippedHeading[], fromHeadings: boolean): string {
  const steps = written.reduce((n, w) => n + w.steps, 0);
  const unguessed = written.reduce((n, w) => n + w.unguessedSteps.length, 0);
  const perFolder = new Map<string, number>();
  for (const w of written) perFolder.set(path.dirname(w.file), (perFolder.get(path.dirname(w.file)) ?? 0) + 1);
  const lines = [
    `Ditulis ${written.length} SOP (${steps} langkah) ke ${out}:`,
    ...[...perFolder].map(([folder, n]) => `  ${path.relative(out, folder) || '.'}: ${n} berkas`),
    `Langkah tanpa pelaksana yang disebut teks: ${unguessed} (ditempatkan di lajur bawaan unitnya; periksa).`,
  ];
  if (fromHeadings) lines.push('Teks tanpa Daftar Isi: SOP dikenali dari judul-judul di dalam teks.');
  if (withoutSteps.length > 0) lines.push('Judul tanpa langkah (tidak ditulis):', ...withoutSteps.map((s) => `  ${s.kode} ${s.title}: ${s.reason}`));
  if (notFound.length > 0) lines.push('Judul Daftar Isi yang tidak ditemukan di isi buku:', ...notFound.map((s) => `  ${s.kode} ${s.title}`));
  const rejected = written.flatMap((w) => w.rejectedWaktu.map((r) => `  ${w.id} ${r.step}: "${r.waktu}" — ${r.message}`));
  if (rejected.length > 0) lines.push('Frasa waktu yang tidak dapat dibaca:', ...rejected);
  const broken = written.filter((w) => w.problems.length > 0);
  for (const w of broken) lines.push(`Masalah pada ${w.file}:`, ...w.problems.map((p) => `  [${p.code}] ${p.id}: ${p.message}`));
  return lines.join('\n');
}

/** Runs `protap import-sop` and returns its exit code. */
export async function run(args: string[]): Promise<number> {
  let options: ReturnType<typeof parse>;
  try {
    options = parse(args);
  } catch (error) {
    console.error(`protap import-sop: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  let text: string;
  try {
    const bytes = await readFile(options.file);
    if (bytes.length > MAX_TEXT_BYTES) throw new Error(`lebih besar dari ${MAX_TEXT_BYTES / 1024 / 1024} MiB`);
    text = bytes.toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'berkas tidak ada' : code === 'EISDIR' ? 'itu sebuah direktori, bukan berkas'
      : code === 'EACCES' ? 'tidak ada izin membacanya' : code ? `galat sistem ${code}` : error instanceof Error ? error.message : String(error);
    console.error(`protap import-sop: berkas "${options.file}" tidak dapat dibaca: ${reason}.`);
    return 1;
  }
  const book = readSopText(text);
  if (!book) {
    const what = text.trim() === '' ? 'kosong, jadi tidak berbentuk buku SOP dan tidak berisi SOP' : 'tidak berbentuk buku SOP dan tidak berisi SOP yang dapat dikenali';
    console.error(`protap import-sop: "${options.file}" ${what}: ${EXPECTED}`);
    return 1;
  }
  const written: Written[] = [];
  try {
    for (const draft of book.drafts) {
      const xml = await writeSopBpmn(draft);
      const file = path.join(options.out, draft.folder, `${draft.id}.bpmn`);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, xml, 'utf8');
      const loaded = await loadDefinitions(xml);
      written.push({
        id: draft.id, kodeBuku: draft.kodeBuku, nama: draft.nama, file, steps: draft.steps.length,
        lanes: [...new Set(draft.steps.map((s) => s.pelaksana))],
        unguessedSteps: draft.steps.filter((s) => !s.pelaksanaGuessed).map((s) => s.no),
        rejectedWaktu: draft.steps.flatMap((s) => {
          const read = s.waktu === undefined ? undefined : readWaktu(s.waktu);
          return read && !read.ok ? [{ step: s.no, waktu: s.waktu as string, message: read.message }] : [];
        }),
        problems: loaded.problems,
      });
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code ? `${code}: ${(error as NodeJS.ErrnoException).path ?? options.out}` : error instanceof Error ? error.message : String(error);
    console.error(`protap import-sop: gagal menulis ke "${options.out}" (${reason}).`);
    return 1;
  }
  const failed = written.some((w) => w.problems.length > 0 || w.rejectedWaktu.length > 0);
  if (options.json) {
    console.log(JSON.stringify({ out: options.out, source: book.source, written, withoutSteps: book.withoutSteps, notFound: book.notFound, ok: !failed }, null, 2));
  } else {
    console.log(summary(options.out, written, book.withoutSteps, book.notFound, book.source === 'judul'));
  }
  return failed ? 1 : 0;
}

/**
 * Test support: the SOPs of the 2011 book as its own text lists them, read independently of the
 * importer. The Daftar Isi gives the entries; each entry's heading is then found in the body
 * (in order, by its number and its title's words), and the lines up to the next heading are the
 * entry's own text. An entry has steps when that own text holds a step table: two or more rows,
 * or a row with a waktu penyelesaian. So a heading that only groups sub-entries (I.E, III.B,
 * V.F: no row of its own) has no steps, and neither has a single sentence that only introduces
 * the headings after it (I.E.1 "Pelaksanaan Tugas").
 */
import { readDaftarIsi, unitHeading, type DaftarIsiEntry } from '../../src/sopText/daftarIsi.ts';
import { seedBook } from '../support/sharedFixtures.ts';

export interface BookEntry {
  kode: string;
  title: string;
  /** Whether the Daftar Isi lists entries below this one. */
  hasSubEntries: boolean;
  /** Rows of its own step table. */
  rows: number;
  /** Whether its own text gives a waktu penyelesaian. */
  hasWaktu: boolean;
  hasSteps: boolean;
}

/** The text of the SOP book (seed 004), or undefined when the seeds are not checked out (test/support/sharedFixtures.ts). */
export function bookText(): string | undefined {
  return seedBook()?.text;
}

const words = (text: string) => text.toLowerCase().split(/[^a-z0-9-]+/).filter((w) => w.length >= 3);
const ROW = /^(?:•|\d+\.?\s+\S)/;
const WAKTU = /\b\d+\s*(?:\([^)]*\)\s*)?(?:hari|bulan|minggu|jam)\b/i;
const TABLE_HEADER = /^(?:NO\s+KEGIATAN\b.*|1\s+2\s+3)$/i;

/** How many lines the heading of `entry` takes at line i, 0 when it is not there. */
function headingAt(entry: DaftarIsiEntry, lines: string[], i: number): number {
  const line = (lines[i] ?? '').trim();
  let rest: string;
  let used = 1;
  if (entry.marker === '') {
    rest = line;
  } else {
    const m = /^(\S+?)\.?(?:\s+(.*))?$/.exec(line);
    if (!m || m[1] !== entry.marker) return 0;
    if (entry.level !== 2 && !line.startsWith(`${entry.marker}.`)) return 0;
    rest = m[2] ?? '';
    // The number on a line of its own, the title a blank line or two below it.
    for (let j = i + 1; rest === '' && j < i + 4; j++, used++) rest = (lines[j] ?? '').trim();
  }
  const title = words(entry.title);
  const found = words(rest);
  const shared = title.filter((w) => found.some((f) => f.startsWith(w.slice(0, 8)) || w.startsWith(f.slice(0, 8))));
  return title.length > 0 && shared.length / title.length >= 0.6 && found.length <= title.length + 4 ? used : 0;
}

/** Every Daftar Isi entry of the book with what its own text holds. */
export function bookEntries(text: string): BookEntry[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const toc = readDaftarIsi(lines);
  if (!toc) throw new Error('Buku SOP tanpa Daftar Isi.');
  const starts: { index: number; used: number; entry?: DaftarIsiEntry }[] = [];
  let unit: string | undefined;
  let next = 0;
  for (let i = toc.bodyStart; i < lines.length; i++) {
    const heading = unitHeading(lines[i] ?? '');
    if (heading) {
      unit = heading.numeral;
      starts.push({ index: i, used: 1 });
      continue;
    }
    const entry = toc.entries[next];
    if (!entry || entry.unit !== unit) continue;
    const used = headingAt(entry, lines, i);
    if (used > 0) {
      starts.push({ index: i, used, entry });
      next++;
      i += used - 1;
    }
  }
  if (next < toc.entries.length) throw new Error(`Judul "${toc.entries[next]?.kode}" tidak ditemukan di isi buku.`);
  return toc.entries.map((entry, k) => {
    const at = starts.findIndex((s) => s.entry === entry);
    const start = starts[at] as { index: number; used: number };
    const end = starts[at + 1]?.index ?? lines.length;
    const own = lines.slice(start.index + start.used, end).map((l) => l.trim()).filter((l) => l !== '' && !TABLE_HEADER.test(l));
    const rows = own.filter((l) => ROW.test(l) && !/^\d+\s*(?:\([^)]*\)\s*)?(?:hari|bulan|minggu|jam)(?:\s+kerja)?$/i.test(l)).length;
    const hasWaktu = own.some((l) => WAKTU.test(l));
    const following = toc.entries[k + 1];
    const hasSubEntries = following !== undefined && following.unit === entry.unit && following.path.length > entry.path.length
      && entry.path.every((p, n) => following.path[n] === p);
    return { kode: entry.kode, title: entry.title, hasSubEntries, rows, hasWaktu, hasSteps: rows >= 2 || (rows >= 1 && hasWaktu) };
  });
}

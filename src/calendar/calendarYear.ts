/**
 * One year of holiday data (processes/calendar/<year>.json): libur nasional and
 * cuti bersama, each with its legal source, plus the year's status and version.
 * A deadline a court must defend is only as good as this data, so a broken file
 * is refused with a message that names the file and the entry.
 */
import { DateTime } from 'luxon';

export const ENTRY_KINDS = ['libur_nasional', 'cuti_bersama'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const CALENDAR_STATUSES = ['published', 'draft'] as const;

export interface CalendarEntry {
  date: string; // YYYY-MM-DD
  kind: EntryKind;
  name: string;
  source: string; // legal basis, e.g. "SKB 1497/2025, 2/2025, 5/2025"
  tentative?: boolean; // date not fixed yet (Hijri dates before the sidang isbat, draft years)
  catatan?: string; // why an entry is doubtful or was corrected
}

export interface CalendarSource {
  ref: string; // "SKB Menag, Menaker, MenPAN-RB No. 1497/2025, 2/2025, 5/2025"
  title: string;
  date?: string; // date signed
  catatan?: string;
}

export interface CalendarYear {
  year: number;
  status: (typeof CALENDAR_STATUSES)[number];
  version: number;
  sources: CalendarSource[];
  entries: CalendarEntry[];
  catatan?: string;
  generatedFrom?: string; // set on years drafted by a program (e.g. "date-holidays@3.37.0")
}

const YEAR_KEYS = new Set(['year', 'status', 'version', 'sources', 'entries', 'catatan', 'generatedFrom']);
const ENTRY_KEYS = new Set(['date', 'kind', 'name', 'source', 'tentative', 'catatan']);
const SOURCE_KEYS = new Set(['ref', 'title', 'date', 'catatan']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function checkKeys(record: Record<string, unknown>, allowed: Set<string>, where: string): void {
  const unknown = Object.keys(record).filter((k) => !allowed.has(k));
  if (unknown.length > 0) {
    throw new Error(`${where}: kolom tidak dikenal ${unknown.map((k) => `"${k}"`).join(', ')}. Kolom yang boleh: ${[...allowed].join(', ')}.`);
  }
}

function checkEntry(raw: unknown, index: number, year: number, file: string): CalendarEntry {
  const label = isRecord(raw) && typeof raw.date === 'string' ? ` (${raw.date})` : '';
  const where = `Berkas kalender ${file}, entri ke-${index + 1}${label}`;
  if (!isRecord(raw)) throw new Error(`${where}: entri harus berupa objek.`);
  checkKeys(raw, ENTRY_KEYS, where);
  const { date, kind, name, source, tentative, catatan } = raw;
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !DateTime.fromISO(date).isValid) {
    throw new Error(`${where}: tanggal "${String(date)}" tidak sah; tulis sebagai YYYY-MM-DD.`);
  }
  if (Number(date.slice(0, 4)) !== year) throw new Error(`${where}: tanggal ${date} bukan tahun ${year}.`);
  if (kind !== 'libur_nasional' && kind !== 'cuti_bersama') {
    throw new Error(`${where}: jenis "${String(kind)}" tidak dikenal; gunakan "libur_nasional" atau "cuti_bersama".`);
  }
  if (!isText(name)) throw new Error(`${where}: nama hari libur kosong.`);
  if (!isText(source)) throw new Error(`${where}: dasar hukum (source) kosong; sebutkan SKB atau Keppres-nya.`);
  if (tentative !== undefined && typeof tentative !== 'boolean') throw new Error(`${where}: "tentative" harus true atau false.`);
  if (catatan !== undefined && !isText(catatan)) throw new Error(`${where}: "catatan" harus berupa teks.`);
  const entry: CalendarEntry = { date, kind, name, source };
  if (tentative !== undefined) entry.tentative = tentative;
  if (catatan !== undefined) entry.catatan = catatan;
  return entry;
}

/** Checks the parsed JSON of one year file and returns it typed; throws an Indonesian error naming the file and entry. */
export function parseCalendarYear(data: unknown, file: string): CalendarYear {
  const where = `Berkas kalender ${file}`;
  if (!isRecord(data)) throw new Error(`${where}: isi berkas harus berupa objek JSON.`);
  checkKeys(data, YEAR_KEYS, where);
  const { year, status, version, sources, entries, catatan, generatedFrom } = data;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1900 || year > 2200) {
    throw new Error(`${where}: "year" harus berupa tahun, misalnya 2026.`);
  }
  const expected = /^(\d{4})\.json$/.exec(file.split(/[\\/]/).pop() ?? '')?.[1];
  if (expected && Number(expected) !== year) throw new Error(`${where}: nama berkas menyebut ${expected} tetapi "year" berisi ${year}.`);
  if (status !== 'published' && status !== 'draft') throw new Error(`${where}: "status" harus "published" atau "draft".`);
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) throw new Error(`${where}: "version" harus bilangan bulat, misalnya 1.`);
  if (!Array.isArray(sources)) throw new Error(`${where}: "sources" harus berupa daftar dasar hukum.`);
  const checkedSources = sources.map((s, i): CalendarSource => {
    const at = `${where}, sumber ke-${i + 1}`;
    if (!isRecord(s)) throw new Error(`${at}: harus berupa objek.`);
    checkKeys(s, SOURCE_KEYS, at);
    if (!isText(s.ref) || !isText(s.title)) throw new Error(`${at}: "ref" dan "title" wajib diisi.`);
    const out: CalendarSource = { ref: s.ref, title: s.title };
    if (isText(s.date)) out.date = s.date;
    if (isText(s.catatan)) out.catatan = s.catatan;
    return out;
  });
  if (!Array.isArray(entries)) throw new Error(`${where}: "entries" harus berupa daftar.`);
  const checked = entries.map((e, i) => checkEntry(e, i, year, file));
  const seen = new Set<string>();
  checked.forEach((e, i) => {
    const key = `${e.date}|${e.kind}|${e.name}`;
    if (seen.has(key)) throw new Error(`${where}, entri ke-${i + 1} (${e.date}): "${e.name}" tercatat dua kali.`);
    seen.add(key);
  });
  const result: CalendarYear = { year, status, version, sources: checkedSources, entries: checked };
  if (isText(catatan)) result.catatan = catatan;
  if (isText(generatedFrom)) result.generatedFrom = generatedFrom;
  return result;
}

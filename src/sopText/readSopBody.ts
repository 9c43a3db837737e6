/**
 * Reads SOP text as a court publishes it when there is no Daftar Isi: one unit's pages or a
 * single SOP, with or without the book's cover and Kata Pengantar. The SOPs are found from the
 * body's own headings — a unit heading ("IV. STANDARD OPERATING PROCEDURES ( SOP )" /
 * "KEPANITERAAN PIDANA"), lettered or numbered SOP titles under it ("A. PENERIMAAN …",
 * "1 SITA JAMINAN", "a. Peminjaman Buku"), or just a title line above a step table — and each
 * one's rows are read as a `NO | KEGIATAN | WAKTU` table, numbered lines ("1. Panitera Muda
 * Pidana menerima berkas … (1 hari)") or bulleted lines ("- …", "• …").
 *
 * A title alone is only trusted when its section reads like an SOP: a table header or at least
 * one row with a waktu, so a Kata Pengantar's numbered list of missions is not taken for steps.
 */
import { readBookIdentity } from './readBookIdentity.ts';
import { unitHeading } from './daftarIsi.ts';
import { findActors } from './findActors.ts';
import { findDasarHukum } from './findDasarHukum.ts';
import { guessPelaksana } from './guessPelaksana.ts';
import { lanesOf, type SkippedHeading, type SopBookReading } from './readSopBook.ts';
import { readStepTable } from './readStepTable.ts';
import type { SopDraft, SopStep, UnitFolder } from './sopDraft.ts';
import { isWaktuCell, splitWaktuCell } from './splitWaktuCell.ts';

const FOLDERS: UnitFolder[] = ['kepegawaian', 'keuangan', 'pidana', 'perdata', 'hukum', 'umum'];
const UNIT_NAMES: Record<UnitFolder, string> = {
  umum: 'Sub Bagian Umum', kepegawaian: 'Sub Bagian Kepegawaian', keuangan: 'Sub Bagian Keuangan',
  pidana: 'Kepaniteraan Pidana', perdata: 'Kepaniteraan Perdata', hukum: 'Kepaniteraan Hukum',
};

const UNIT_NAME = String.raw`(?:SUB\s*BAG(?:IAN)?\.?|SUBBAG(?:IAN)?|BAGIAN|KEPANITERAAN)\s+(UMUM|KEPEGAWAIAN|KEUANGAN|PIDANA|PERDATA|HUKUM)\b[A-Z ,&/]*`;
const SOP_LABEL = String.raw`(?:STANDAR(?:D)?\s+OPERASIONAL\s+PROSEDUR|STANDARD?\s+OPERATING\s+PROCEDURES?)\s*(?:\(\s*SOP\s*\))?|SOP`;
const UNIT_LINE = new RegExp(String.raw`^(?:([IVX]+)\.\s+)?(?:(?:${SOP_LABEL})\s*[:\-–]?\s*)?(${UNIT_NAME})$`, 'i');
const UNIT_NAME_ONLY = new RegExp(String.raw`^${UNIT_NAME}$`, 'i');
/** A line that only says "this is an SOP": the title is on the line below it. */
const LABEL_LINE = new RegExp(String.raw`^(?:${SOP_LABEL})$|^\(\s*SOP\s*\)$`, 'i');
const TITLE_PREFIX = new RegExp(String.raw`^(?:(?:${SOP_LABEL})|nama\s+sop)\s*[:\-–]?\s+`, 'i');
const TABLE_HEADER = /^NO\.?\s+KEGIATAN\b.*\bWAKTU\b/i;
/** A waktu in brackets, after a dash or after "Waktu :" at the end of a row: (kegiatan, waktu). */
const WAKTU_ELSEWHERE = [
  /^(.*\S)\s*\(\s*(?:waktu(?:\s+penyelesaian)?\s*:?\s*)?([^()]+?)\s*\)\s*[.;]?$/i,
  /^(.*\S)\s+[-–—]\s+(.+?)\s*[.;]?$/,
  /^(.*?\.|.*?(?=\s*[,;–—-]\s*waktu))\s*(?:[,;–—-]\s*)?waktu(?:\s+penyelesaian)?\s*:\s*(.+?)\s*[.;]?$/i,
];
const STEP_LINE = /^(?:•|\d+[.)]?(?:\s|$))/;
const SMALL_WORDS = new Set(['dan', 'di', 'ke', 'dari', 'yang', 'untuk', 'pada', 'atau', 'dengan', 'oleh', 'serta', 'dalam', 'bagi', 'tentang']);
const ACRONYMS = new Set(['SOP', 'PN', 'PT', 'MA', 'RI', 'PNBP', 'BMN', 'SIMAK', 'SAKPA', 'DP3', 'UP', 'TUP', 'GUP', 'LS', 'PK', 'KTP', 'SKCK',
  'PPK', 'SPM', 'SP2D', 'KPA', 'KPPN', 'KPKNL', 'ATK', 'BAP', 'TI', 'SIPP', 'PTSP', 'HAM', 'ASN', 'PNS', 'SKP', 'LHKPN', 'LHKASN', 'DIPA', 'RKA', 'KL']);

/** The role of a step's actor, as evidence of the unit an SOP without a unit heading belongs to. */
const FOLDER_OF_ROLE: Record<string, UnitFolder> = {
  'panmud-pidana': 'pidana', 'panmud-perdata': 'perdata', 'panmud-hukum': 'hukum',
  'kasubag-umum': 'umum', 'kasubag-kepegawaian': 'kepegawaian', 'kasubag-keuangan': 'keuangan',
  'bendahara-pengeluaran': 'keuangan', 'bendahara-penerimaan': 'keuangan', ppk: 'keuangan', kpa: 'keuangan', ppspm: 'keuangan', kppn: 'keuangan',
  'petugas-piket': 'umum', satpam: 'umum', 'petugas-kebersihan': 'umum', baperjakat: 'kepegawaian', kejaksaan: 'pidana', terdakwa: 'pidana',
};

interface Unit {
  numeral?: string;
  folder: UnitFolder;
  name: string;
}

type HeadingKind = 'upper' | 'number' | 'lower' | 'title';

interface Heading {
  kind: HeadingKind;
  marker: string;
  title: string;
  /** Lines the heading takes. */
  used: number;
}

interface Section {
  unit?: Unit;
  kind: HeadingKind;
  path: string[];
  title: string;
  lines: string[];
}

/**
 * One line as the step-table reader knows it: table cells joined ("1 | Menerima … | 1 Hari" →
 * "1 Menerima … 1 Hari"), any bullet made "•", "1)" made "1.", a waktu printed in brackets or
 * after a dash or "Waktu :" moved to the end as a cell of its own.
 */
export function normalizeRow(raw: string): string {
  let line = raw.trim().replace(/\s+/g, ' ');
  if (line.includes('|')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells[0] === '') cells.shift();
    if (cells[cells.length - 1] === '') cells.pop();
    if (cells.every((c) => /^:?-{2,}:?$/.test(c))) return '';
    line = cells.filter((c) => c !== '').join(' ');
  }
  if (TABLE_HEADER.test(line)) return 'NO KEGIATAN WAKTU PENYELESAIAN';
  line = line.replace(/^[-–—*●▪◦·‣○]\s+/, '• ').replace(/^(\d+)\)\s+/, '$1. ');
  for (const pattern of WAKTU_ELSEWHERE) {
    const m = pattern.exec(line);
    if (m && isWaktuCell(m[2] ?? '')) return `${m[1] ?? ''} ${m[2] ?? ''}`;
  }
  return line;
}

function unitAt(lines: string[], i: number): { unit: Unit; used: number } | undefined {
  const line = lines[i] ?? '';
  const book = unitHeading(line);
  if (book) {
    let title = book.title;
    let used = 1;
    for (let j = i + 1; title === '' && j < Math.min(lines.length, i + 4); j++) {
      const next = lines[j] ?? '';
      if (next === '') continue;
      if (UNIT_NAME_ONLY.test(next)) {
        title = next;
        used = j - i + 1;
      }
      break;
    }
    const folder = FOLDERS.find((f) => title.toLowerCase().includes(f));
    return folder ? { unit: { numeral: book.numeral, folder, name: UNIT_NAMES[folder] }, used } : undefined;
  }
  const m = UNIT_LINE.exec(line);
  if (!m) return undefined;
  const folder = (m[3] ?? '').toLowerCase() as UnitFolder;
  return { unit: { ...(m[1] ? { numeral: m[1].toUpperCase() } : {}), folder, name: UNIT_NAMES[folder] }, used: 1 };
}

/** A title: words, not a sentence (no closing stop), no waktu, not too long. */
function titleLike(text: string): boolean {
  return text.length >= 2 && text.length <= 150 && /^[A-Za-z(]/.test(text) && /[A-Za-z]{2}/.test(text)
    && !/[.:;,]$/.test(text) && splitWaktuCell(text).cell === undefined && !isWaktuCell(text);
}

function isUpper(text: string): boolean {
  return text === text.toUpperCase() && /[A-Z]{2}/.test(text);
}

/** "Laporan Bulanan Sistem Akuntansi (SAKPA)": every word but the small ones capitalised. */
function isTitleCase(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => /^[A-Za-z]/.test(w) && !SMALL_WORDS.has(w.toLowerCase()));
  return words.length > 0 && words.every((w) => /^[A-Z]/.test(w));
}

function nextNonEmpty(lines: string[], i: number): { line: string; at: number } | undefined {
  for (let j = i + 1; j < lines.length; j++) if ((lines[j] ?? '') !== '') return { line: lines[j] as string, at: j };
  return undefined;
}

function startsSteps(line: string | undefined): boolean {
  return line !== undefined && (line === 'NO KEGIATAN WAKTU PENYELESAIAN' || STEP_LINE.test(line));
}

function headingAt(lines: string[], i: number, bareTitles: boolean): Heading | undefined {
  const line = lines[i] ?? '';
  const next = nextNonEmpty(lines, i);
  const upper = /^([A-Z])\.\s+(.+)$/.exec(line);
  if (upper && titleLike(upper[2] ?? '')) return { kind: 'upper', marker: upper[1] as string, title: upper[2] as string, used: 1 };
  const numbered = /^(\d+)\.?(?:\s+(.*))?$/.exec(line);
  if (numbered && isWaktuCell(line)) return undefined; // "14 Hari Kerja": a waktu cell on its own line
  if (numbered) {
    // "2" on a line of its own, its title ("AANMANING") on the next.
    if (!numbered[2] && next && isUpper(next.line) && titleLike(next.line) && !unitAt(lines, next.at)) {
      return { kind: 'number', marker: numbered[1] as string, title: next.line, used: next.at - i + 1 };
    }
    const title = numbered[2] ?? '';
    // "11 HUKUMAN DISIPLIN"; "1. Buku Kas Umum" only over bulleted rows or a table, not over "2. …" rows.
    const overBullets = next !== undefined && (next.line.startsWith('•') || next.line === 'NO KEGIATAN WAKTU PENYELESAIAN');
    if (titleLike(title) && (isUpper(title) || (isTitleCase(title) && overBullets))) {
      return { kind: 'number', marker: numbered[1] as string, title, used: 1 };
    }
    return undefined;
  }
  const lower = /^([a-z])\.\s+(.+)$/.exec(line);
  if (lower && /^[A-Z]/.test(lower[2] ?? '') && titleLike(lower[2] ?? '') && startsSteps(next?.line)) {
    return { kind: 'lower', marker: lower[1] as string, title: lower[2] as string, used: 1 };
  }
  if (line.startsWith('•') || LABEL_LINE.test(line) || line === 'NO KEGIATAN WAKTU PENYELESAIAN') return undefined;
  const title = line.replace(TITLE_PREFIX, '');
  if (!titleLike(title)) return undefined;
  // A bare title heads a table anywhere; it heads bare rows only where nothing else heads SOPs,
  // and only after a blank line or a label, so a row's run-on line is not taken for one.
  const prev = lines[i - 1];
  const after = prev === undefined || prev === '' || LABEL_LINE.test(prev) || unitAt(lines, i - 1) !== undefined;
  if (next?.line === 'NO KEGIATAN WAKTU PENYELESAIAN' || (bareTitles && after && startsSteps(next?.line))) {
    return { kind: 'title', marker: '', title, used: 1 };
  }
  return undefined;
}

function slug(title: string): string {
  const words = title.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim().split(' ');
  let out = '';
  for (const w of words) {
    if (out !== '' && out.length + w.length + 1 > 48) break;
    out = out === '' ? w : `${out}-${w}`;
  }
  return out;
}

/** "PENERIMAAN PERMOHONAN IZIN BESUK TAHANAN" → "Penerimaan Permohonan Izin Besuk Tahanan"; mixed case stays. */
export function titleCase(title: string): string {
  if (!isUpper(title)) return title;
  let inBrackets = false;
  return title.split(/\s+/).map((word, i) => {
    const opens = word.startsWith('(');
    inBrackets = inBrackets || opens;
    const keep = inBrackets || /\d/.test(word) || ACRONYMS.has(word.replace(/[^A-Z0-9]/g, ''));
    if (word.includes(')')) inBrackets = false;
    if (keep) return word;
    const lower = word.toLowerCase();
    if (i > 0 && SMALL_WORDS.has(lower)) return lower;
    return lower.replace(/(^|[-/(])([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
  }).join(' ');
}

/** The unit of an SOP printed without a unit heading: named in its title, else by its actors. */
function guessFolder(title: string, stepTexts: string[]): UnitFolder {
  const named = FOLDERS.find((f) => f !== 'umum' && new RegExp(String.raw`\b${f}\b`, 'i').test(title));
  if (named) return named;
  const votes = new Map<UnitFolder, number>();
  for (const text of stepTexts) {
    for (const m of findActors(text)) {
      const folder = FOLDER_OF_ROLE[m.role];
      if (folder) votes.set(folder, (votes.get(folder) ?? 0) + 1);
    }
  }
  let best: UnitFolder | undefined;
  for (const [folder, n] of votes) if (!best || n > (votes.get(best) ?? 0)) best = folder;
  return best ?? FOLDERS.find((f) => new RegExp(String.raw`\b${f}\b`, 'i').test(stepTexts.join(' '))) ?? 'umum';
}

function splitSections(lines: string[]): Section[] {
  const bareTitles = !lines.some((l, i) => headingAt(lines, i, false)?.kind === 'upper');
  const sections: Section[] = [];
  let unit: Unit | undefined;
  let kinds: HeadingKind[] = [];
  let parents: string[] = [];
  let open: Section | undefined;
  for (let i = 0; i < lines.length; i++) {
    const atUnit = unitAt(lines, i);
    if (atUnit) {
      unit = atUnit.unit;
      kinds = [];
      parents = [];
      open = undefined;
      i += atUnit.used - 1;
      continue;
    }
    const heading = headingAt(lines, i, bareTitles);
    if (!heading) {
      open?.lines.push(lines[i] ?? '');
      continue;
    }
    let path: string[];
    if (heading.kind === 'title') {
      // Like the book's "Pengamanan Tamu": a child of the numbered heading above it, if any.
      path = [...parents.slice(0, 2), slug(heading.title)];
    } else {
      if (!kinds.includes(heading.kind)) kinds.push(heading.kind);
      const level = Math.min(kinds.indexOf(heading.kind), 2);
      parents = [...parents.slice(0, level), heading.marker];
      path = [...parents];
    }
    open = { ...(unit ? { unit } : {}), kind: heading.kind, path, title: heading.title, lines: [] };
    sections.push(open);
    i += heading.used - 1;
  }
  return sections;
}

/** Reads the SOPs of a text without a Daftar Isi; undefined when no SOP is recognised in it. */
export function readSopBody(text: string): SopBookReading | undefined {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map(normalizeRow);
  const identity = readBookIdentity(text);
  const drafts: SopDraft[] = [];
  const withoutSteps: SkippedHeading[] = [];
  const ids = new Set<string>();
  for (const section of splitSections(lines)) {
    const table = readStepTable(section.lines);
    const nama = titleCase(section.title);
    const hasTable = section.lines.includes('NO KEGIATAN WAKTU PENYELESAIAN');
    const timed = table.steps.some((s) => s.waktu !== undefined);
    const numeral = section.unit?.numeral;
    const kode = section.kind === 'title'
      ? [numeral, section.path.slice(0, -1).join('.')].filter(Boolean).join('.') + (section.path.length > 1 || numeral ? ` ${nama}` : nama)
      : [numeral, ...section.path].filter(Boolean).join('.');
    if (!(table.steps.length >= 2 || timed) || !(timed || hasTable)) {
      // A bare title with nothing SOP-like under it is just a line of text, not a heading.
      if (section.kind !== 'title') {
        const reason = table.steps.length === 0 ? 'hanya mengelompokkan sub-judul di bawahnya'
          : table.steps.length === 1 ? 'hanya satu kalimat uraian tanpa waktu penyelesaian'
            : 'tidak ada tabel NO | KEGIATAN | WAKTU PENYELESAIAN dan tidak ada waktu penyelesaian pada langkahnya';
        withoutSteps.push({ kode, title: nama, reason });
      }
      continue;
    }
    const folder = section.unit?.folder ?? guessFolder(section.title, table.steps.map((s) => s.text));
    const steps = table.steps.map((step): SopStep => {
      const guess = guessPelaksana(step.text, folder);
      return { ...step, pelaksana: guess.role, pelaksanaGuessed: guess.guessed };
    });
    let id = `${folder}-${section.path.join('-')}`;
    for (let n = 2; ids.has(id); n++) id = `${folder}-${section.path.join('-')}-${n}`;
    ids.add(id);
    drafts.push({
      id,
      folder,
      kodeBuku: kode,
      nama,
      unit: section.unit?.name ?? UNIT_NAMES[folder],
      ...identity,
      dasarHukum: findDasarHukum(section.lines.join('\n')),
      documentation: table.documentation,
      lanes: lanesOf(steps, folder),
      steps,
    });
  }
  return drafts.length > 0 ? { drafts, withoutSteps, notFound: [] } : undefined;
}

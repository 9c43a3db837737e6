/**
 * Reads an SOP book in the form of the PT Bandung 2011 book (seed 004) into one draft per SOP:
 * the Daftar Isi gives the SOPs and their numbering; the body, in the same order, gives each
 * one's step table. A heading is recognised in the body by its number and a title close to the
 * Daftar Isi's (the body prints "PENGELOLAAN PERPUSTAKAAN" for "Pengelola Perpustakaan").
 */
import { readBookIdentity } from './readBookIdentity.ts';
import { readDaftarIsi, unitHeading, type DaftarIsiEntry, type DaftarIsiUnit } from './daftarIsi.ts';
import { findDasarHukum } from './findDasarHukum.ts';
import { guessPelaksana } from './guessPelaksana.ts';
import { PELAKSANA_ROLES, atasanOf } from './pelaksanaRoles.ts';
import { readStepTable } from './readStepTable.ts';
import type { SopDraft, SopLane, SopStep, UnitFolder } from './sopDraft.ts';
import { titleSimilarity } from './titleSimilarity.ts';

/** A Daftar Isi heading that produced no SOP, and why. */
export interface SkippedHeading {
  kode: string;
  title: string;
  reason: string;
}

/** Everything read from a book: the drafts and the headings that gave none. */
export interface SopBookReading {
  drafts: SopDraft[];
  withoutSteps: SkippedHeading[];
  /** Daftar Isi headings never found in the body. */
  notFound: SkippedHeading[];
}

const FOLDER_BY_NUMERAL: Record<string, UnitFolder> = { I: 'umum', II: 'kepegawaian', III: 'keuangan', IV: 'pidana', V: 'perdata', VI: 'hukum' };
const FOLDERS: UnitFolder[] = ['kepegawaian', 'keuangan', 'pidana', 'perdata', 'hukum', 'umum'];
const LOOKAHEAD = 4;

function folderOf(unit: DaftarIsiUnit): UnitFolder | undefined {
  return FOLDERS.find((f) => unit.title.toLowerCase().includes(f)) ?? FOLDER_BY_NUMERAL[unit.numeral];
}

/** One lane per pelaksana, in the order the steps first name them. */
export function lanesOf(steps: SopStep[], folder: UnitFolder): SopLane[] {
  return [...new Set(steps.map((s) => s.pelaksana))].map((pelaksana) => {
    const role = PELAKSANA_ROLES.get(pelaksana);
    const lane: SopLane = { pelaksana, name: role?.name ?? pelaksana };
    const atasan = atasanOf(pelaksana, folder);
    if (atasan) lane.atasan = atasan;
    if (role?.eksternal) lane.eksternal = true;
    return lane;
  });
}

function unitName(unit: DaftarIsiUnit): string {
  return unit.title.toLowerCase().split(/\s+/)
    .map((w) => (['dan', 'di', 'ke'].includes(w) ? w : w.charAt(0).toUpperCase() + w.slice(1))).join(' ');
}

/** How many lines the heading of `entry` takes at line i (0 when line i is not its heading). */
function matchHeading(entry: DaftarIsiEntry, lines: string[], i: number): number {
  const line = (lines[i] ?? '').trim();
  if (entry.marker === '') return titleSimilarity(line, entry.title) >= 0.8 && line.length <= entry.title.length + 10 ? 1 : 0;
  const m = /^([A-Za-z]|\d+)\.?(?:\s+(.*))?$/.exec(line);
  if (!m || m[1] !== entry.marker || (entry.level === 1 && !line.startsWith(`${entry.marker}.`))) return 0;
  let title = m[2] ?? '';
  let used = 1;
  // "2" on a line of its own, the title ("AANMANING") a blank line later.
  for (let j = i + 1; title === '' && j < Math.min(lines.length, i + 4); j++) {
    title = (lines[j] ?? '').trim();
    used = j - i + 1;
  }
  return titleSimilarity(title, entry.title) >= 0.6 ? used : 0;
}

interface Section {
  entry: DaftarIsiEntry;
  lines: string[];
}

function splitSections(lines: string[], units: DaftarIsiUnit[], entries: DaftarIsiEntry[], bodyStart: number) {
  const sections: Section[] = [];
  const notFound: DaftarIsiEntry[] = [];
  let unit: string | undefined;
  let next = 0;
  let open: Section | undefined;
  for (let i = bodyStart; i < lines.length; i++) {
    const heading = unitHeading(lines[i] ?? '');
    if (heading && units.some((u) => u.numeral === heading.numeral)) {
      unit = heading.numeral;
      open = undefined;
      continue;
    }
    let used = 0;
    for (let k = next; k < Math.min(entries.length, next + LOOKAHEAD) && used === 0; k++) {
      const entry = entries[k] as DaftarIsiEntry;
      if (entry.unit !== unit) break;
      used = matchHeading(entry, lines, i);
      if (used > 0) {
        notFound.push(...entries.slice(next, k));
        open = { entry, lines: [] };
        sections.push(open);
        next = k + 1;
      }
    }
    if (used > 0) i += used - 1;
    else open?.lines.push(lines[i] ?? '');
  }
  notFound.push(...entries.slice(next));
  return { sections, notFound };
}

/** Reads the SOPs of a book; undefined when the text has no Daftar Isi of SOP units. */
export function readSopBook(text: string): SopBookReading | undefined {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const toc = readDaftarIsi(lines);
  if (!toc || toc.entries.length === 0) return undefined;
  const identity = readBookIdentity(text);
  const { sections, notFound } = splitSections(lines, toc.units, toc.entries, toc.bodyStart);
  const drafts: SopDraft[] = [];
  const withoutSteps: SkippedHeading[] = [];
  for (const { entry, lines: body } of sections) {
    const unit = toc.units.find((u) => u.numeral === entry.unit) as DaftarIsiUnit;
    const folder = folderOf(unit);
    const table = readStepTable(body);
    // One sentence without a waktu describes the headings below it; it is not a procedure.
    if (!folder || !(table.steps.length >= 2 || table.steps.some((s) => s.waktu !== undefined))) {
      const reason = !folder ? `unit "${unit.title}" tidak dikenal`
        : table.steps.length === 0 ? 'hanya mengelompokkan sub-judul di bawahnya' : 'hanya satu kalimat uraian tanpa waktu penyelesaian';
      withoutSteps.push({ kode: entry.kode, title: entry.title, reason });
      continue;
    }
    const steps = table.steps.map((step): SopStep => {
      const guess = guessPelaksana(step.text, folder);
      return { ...step, pelaksana: guess.role, pelaksanaGuessed: guess.guessed };
    });
    drafts.push({
      id: `${folder}-${entry.path.join('-')}`,
      folder,
      kodeBuku: entry.kode,
      nama: entry.title,
      unit: unitName(unit),
      ...identity,
      dasarHukum: findDasarHukum(body.join('\n')),
      documentation: table.documentation,
      lanes: lanesOf(steps, folder),
      steps,
    });
  }
  return { drafts, withoutSteps, notFound: notFound.map((e) => ({ kode: e.kode, title: e.title, reason: 'judul tidak ditemukan di isi buku' })) };
}

/**
 * Reads the Daftar Isi of an SOP book: the units (roman numerals) and, under each, the SOP
 * headings with the book's numbering — "A." (level 1), "1." (level 2), "a." (level 3). A
 * heading printed without a number ("Pengamanan Tamu", under "4. Keamanan") is a level-3
 * child of the numbered heading above it, named by its title.
 */

/** A unit of the book ("I. STANDARD OPERATING PROCEDURES ( SOP ) SUB BAGIAN UMUM"). */
export interface DaftarIsiUnit {
  numeral: string;
  /** The unit's name as printed, e.g. "SUB BAGIAN UMUM". */
  title: string;
}

/** One heading of the Daftar Isi. */
export interface DaftarIsiEntry {
  /** Roman numeral of its unit. */
  unit: string;
  /** Numbering below the unit, e.g. ["E", "2", "a"]; a heading without a number ends in its slug. */
  path: string[];
  /** The number printed before the title ("E", "2", "a"), empty when there is none. */
  marker: string;
  level: 1 | 2 | 3;
  /** The title as the Daftar Isi writes it. */
  title: string;
  /** The book's code, e.g. "I.E.2.a"; "I.E.4 Pengamanan Tamu" for a heading without a number. */
  kode: string;
}

/** The Daftar Isi and the line where the body of the book starts. */
export interface DaftarIsi {
  units: DaftarIsiUnit[];
  entries: DaftarIsiEntry[];
  bodyStart: number;
}

const UNIT_HEADING = /^([IVX]+)\.\s+STANDARD\s+OPERATING\s+PROCEDURES\s*\(\s*SOP\s*\)\s*(.*)$/i;
const ENTRY = /^(?:([A-Z])|(\d+)|([a-z]))\.\s+(.+?)\s+\d+$/;
const UNNUMBERED = /^([A-Za-z][^.]*?)\s+\d+$/;

/** The numeral and printed name of a unit heading line, if the line is one. */
export function unitHeading(line: string): DaftarIsiUnit | undefined {
  const m = UNIT_HEADING.exec(line.trim());
  return m ? { numeral: (m[1] ?? '').toUpperCase(), title: (m[2] ?? '').trim() } : undefined;
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** Reads the Daftar Isi that follows a "DAFTAR ISI" line; undefined when the text has none. */
export function readDaftarIsi(lines: string[]): DaftarIsi | undefined {
  const start = lines.findIndex((l) => /^daftar\s+isi$/i.test(l.trim()));
  if (start < 0) return undefined;
  const units: DaftarIsiUnit[] = [];
  const entries: DaftarIsiEntry[] = [];
  let unit: DaftarIsiUnit | undefined;
  const parents: string[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim().replace(/\s+/g, ' ');
    if (line === '') continue;
    const heading = unitHeading(line);
    if (heading) {
      // The body repeats the first unit heading: the Daftar Isi ends there.
      if (units.some((u) => u.numeral === heading.numeral)) return { units, entries, bodyStart: i };
      unit = heading;
      units.push(heading);
      parents.length = 0;
      continue;
    }
    if (!unit) continue;
    const m = ENTRY.exec(line);
    if (m) {
      const [, letter, number, lower, title = ''] = m;
      const level = letter ? 1 : number ? 2 : 3;
      const marker = letter ?? number ?? lower ?? '';
      parents.length = level - 1;
      const path = [...parents, marker];
      parents[level - 1] = marker;
      entries.push({ unit: unit.numeral, path, marker, level, title, kode: `${unit.numeral}.${path.join('.')}` });
      continue;
    }
    const plain = UNNUMBERED.exec(line);
    if (plain && parents.length > 0) {
      const title = plain[1] ?? '';
      const base = parents.slice(0, 2);
      entries.push({
        unit: unit.numeral, path: [...base, slug(title)], marker: '', level: 3, title,
        kode: `${unit.numeral}.${base.join('.')} ${title}`,
      });
    }
  }
  return units.length > 0 ? { units, entries, bodyStart: lines.length } : undefined;
}

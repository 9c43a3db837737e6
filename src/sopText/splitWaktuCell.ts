/**
 * Finds the WAKTU PENYELESAIAN cell at the end of a line of extracted text. The book's
 * three-column table comes out of the PDF as one line per row, "<kegiatan> <waktu>", so the
 * cell is the earliest tail of the line that is wholly a waktu phrase of the book's kinds.
 */

const NUM = String.raw`\d+`;
const DURATION = String.raw`${NUM}\s+(?:hari|bulan)(?:\s+kerja)?`;
const MONTHS = 'januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember';

// Each alternative is a whole cell; anything looser would swallow kegiatan text such as
// "dalam tenggang waktu 14 hari setelah putusan diucapkan … tersebut. 7 Hari".
const CELL_KINDS = [
  String.raw`${DURATION}(?:\s*\/\s*${DURATION})?`,
  String.raw`${DURATION}\s+setelah\s+[^.:;()]{3,80}`,
  String.raw`setiap\s+(?:hari|senin|selasa|rabu|kamis|jum.?at|sabtu)`,
  String.raw`${NUM}\s+bulan\s+sekali`,
  String.raw`(?:paling\s+lambat\s+)?tanggal\s+${NUM}\s+(?:setiap|tiap)\s+(?:${NUM}\s+)?bulan(?:nya)?(?:\s+(?:selesai|diselesaikan)\s+${DURATION})?`,
  String.raw`(?:paling\s+lambat\s+)?tanggal\s+${NUM}\s+(?:${MONTHS})`,
  String.raw`sesuai\s+kebutuhan`,
  String.raw`pada\s+hari\s+itu\s+juga\s+atau\s+paling\s+lama\s+pada\s+hari\s+berikutnya`,
];

// Words printed just before the cell and ended by a colon belong to the phrase: they change its
// meaning ("dalam tenggang waktu : 14 Hari" is a party's window, docs/waktu.md R12).
const QUALIFIER = String.raw`(?:paling\s+lambat(?:\s+pada)?|(?:dalam\s+waktu\s+)?paling\s+lama|dalam\s+tenggang\s+waktu)\s*:\s*`;

const CELL = new RegExp(String.raw`^(?:${QUALIFIER})?(?:${CELL_KINDS.join('|')})\s*$`, 'i');

/** A line split into its kegiatan text and its waktu cell (absent when the line has none). */
export interface SplitLine {
  text: string;
  cell?: string;
}

/** Splits a line into kegiatan text and the waktu cell that ends it, if any. */
export function splitWaktuCell(line: string): SplitLine {
  const trimmed = line.trim();
  for (let at = 0; at < trimmed.length; at++) {
    if (at > 0 && !/\s/.test(trimmed.charAt(at - 1))) continue;
    const tail = trimmed.slice(at);
    if (CELL.test(tail)) return { text: trimmed.slice(0, at).trim(), cell: tail.trim() };
  }
  return { text: trimmed };
}

/** True when the whole line is a waktu cell (printed on its own line under its row). */
export function isWaktuCell(line: string): boolean {
  return CELL.test(line.trim());
}

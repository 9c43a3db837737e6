/**
 * Wraps text into lines that fit a column when printed. Widths are estimated from DejaVu Sans,
 * the widest of the fonts the document names (Arial and Liberation Sans set narrower), so a line
 * judged to fit does fit whichever of them the reader has; row heights and page breaks follow.
 */

/** Advance widths in em of DejaVu Sans for the characters SOP text uses most. */
const WIDTHS: Record<string, number> = {
  ' ': 0.318, '.': 0.318, ',': 0.318, ':': 0.337, ';': 0.337, '/': 0.337, '(': 0.39, ')': 0.39,
  '-': 0.361, '?': 0.531, '"': 0.46, "'": 0.275, '!': 0.4, '&': 0.78, '%': 0.95,
  a: 0.613, b: 0.635, c: 0.55, d: 0.635, e: 0.615, f: 0.352, g: 0.635, h: 0.634, i: 0.278, j: 0.278,
  k: 0.579, l: 0.278, m: 0.974, n: 0.634, o: 0.612, p: 0.635, q: 0.635, r: 0.411, s: 0.521, t: 0.392,
  u: 0.634, v: 0.592, w: 0.818, x: 0.592, y: 0.592, z: 0.525,
  A: 0.684, B: 0.686, C: 0.698, D: 0.77, E: 0.632, F: 0.575, G: 0.775, H: 0.752, I: 0.295, J: 0.295,
  K: 0.656, L: 0.557, M: 0.863, N: 0.748, O: 0.787, P: 0.603, Q: 0.787, R: 0.695, S: 0.635, T: 0.611,
  U: 0.732, V: 0.684, W: 0.989, X: 0.685, Y: 0.611, Z: 0.685,
};
const DIGIT = 0.636;
const OTHER = 0.7;
/** Bold text is wider; a small margin covers kerning and rounding in the renderer. */
const BOLD = 1.08;
const SAFETY = 1.04;

/** The estimated printed width of a text, in the unit of `fontSize`. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += WIDTHS[ch] ?? (ch >= '0' && ch <= '9' ? DIGIT : OTHER);
  return em * fontSize * SAFETY * (bold ? BOLD : 1);
}

/**
 * Splits a word too long for the width into pieces that fit: after a "/" or "-" where it can
 * ("Panitera/" + "Sekretaris"), else between letters.
 */
function breakWord(word: string, width: number, fontSize: number, bold: boolean): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const part of word.split(/(?<=[/-])/)) {
    if (piece && textWidth(piece + part, fontSize, bold) <= width) {
      piece += part;
      continue;
    }
    if (piece) pieces.push(piece);
    piece = '';
    for (const ch of part) {
      if (piece && textWidth(piece + ch, fontSize, bold) > width) {
        pieces.push(piece);
        piece = '';
      }
      piece += ch;
    }
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/** The lines of a text wrapped at word boundaries to the width; each newline in the text starts a line. */
export function wrapText(text: string | undefined, width: number, fontSize: number, bold = false): string[] {
  if (!text) return [];
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (textWidth(candidate, fontSize, bold) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      const pieces = textWidth(word, fontSize, bold) <= width ? [word] : breakWord(word, width, fontSize, bold);
      line = pieces.pop() ?? '';
      lines.push(...pieces);
    }
    if (line) lines.push(line);
  }
  return lines;
}

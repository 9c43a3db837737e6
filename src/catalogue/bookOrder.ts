/**
 * The order of the 2011 SOP book: units by roman numeral (I < II < … < VI), then the book's
 * numbering part by part — letters alphabetically, numbers numerically (2 < 10) — and a heading
 * printed without a number ("I.E.4 Pengamanan Tamu") right after its numbered parent.
 */

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10 };

function romanValue(numeral: string): number | undefined {
  if (!/^[IVX]+$/.test(numeral)) return undefined;
  let total = 0;
  for (let i = 0; i < numeral.length; i++) {
    const value = ROMAN[numeral[i] as string] as number;
    const next = ROMAN[numeral[i + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

/** The parts of a book code: "I.E.4 Pengamanan Tamu" → ["I", "E", "4", "Pengamanan Tamu"]. */
export function kodeParts(kode: string): string[] {
  const [numbered = '', ...named] = kode.trim().split(/\s+/);
  const parts = numbered.split('.').filter(Boolean);
  return named.length > 0 ? [...parts, named.join(' ')] : parts;
}

function comparePart(a: string, b: string, index: number): number {
  if (index === 0) {
    const ra = romanValue(a);
    const rb = romanValue(b);
    if (ra !== undefined && rb !== undefined) return ra - rb;
  }
  const na = /^\d+$/.test(a) ? Number(a) : undefined;
  const nb = /^\d+$/.test(b) ? Number(b) : undefined;
  if (na !== undefined && nb !== undefined) return na - nb;
  // A number sorts before a named heading at the same depth (the named one is a child).
  if (na !== undefined) return -1;
  if (nb !== undefined) return 1;
  return a.localeCompare(b, 'id');
}

/** Compares two book codes in book order; a code with no code (a macro SOP) sorts last. */
export function compareKodeBuku(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  const pa = kodeParts(a);
  const pb = kodeParts(b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const order = comparePart(pa[i] as string, pb[i] as string, i);
    if (order !== 0) return order;
  }
  return pa.length - pb.length;
}

/**
 * How alike two headings are, 0…1. The body of the book prints its headings in capitals and
 * not quite as the Daftar Isi does ("PENGELOLAAN PERPUSTAKAAN" for "Pengelola Perpustakaan",
 * "LAPORAN BILANAN" for "Laporan Bulanan", "Buku Pembantu" for "Buku Pembantu Kas"), so the
 * comparison is by words, forgiving one typo or a suffix in words of five letters or more.
 */

function words(title: string): string[] {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
}

function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < 5 || b.length < 5) return false;
  return a.startsWith(b) || b.startsWith(a) || withinOneEdit(a, b);
}

/** Dice coefficient over the words of two titles, with forgiving word equality. */
export function titleSimilarity(a: string, b: string): number {
  const left = words(a);
  const right = words(b);
  if (left.length === 0 || right.length === 0) return 0;
  const unused = [...right];
  let common = 0;
  for (const word of left) {
    const at = unused.findIndex((other) => sameWord(word, other));
    if (at >= 0) {
      common++;
      unused.splice(at, 1);
    }
  }
  return (2 * common) / (left.length + right.length);
}

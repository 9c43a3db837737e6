/**
 * Indonesian number words ("lima", "empat belas", "seratus delapan puluh"), as SOP
 * books write them alone or in brackets after the digits: "5 (lima) hari kerja".
 */

const DIGITS: Record<string, number> = {
  nol: 0, satu: 1, dua: 2, tiga: 3, empat: 4, lima: 5, enam: 6, tujuh: 7, delapan: 8, sembilan: 9,
};
const WHOLE: Record<string, number> = { sepuluh: 10, sebelas: 11, seratus: 100, seribu: 1000 };
const MULTIPLIERS = new Set(['belas', 'puluh', 'ratus', 'ribu']);

function isNumberWord(word: string): boolean {
  return word in DIGITS || word in WHOLE || MULTIPLIERS.has(word);
}

/** Reads a run of Indonesian number words ("dua puluh lima" → 25); null if it is not one. */
export function readNumberWords(words: string): number | null {
  const tokens = words.toLowerCase().split(/[\s-]+/).filter(Boolean);
  if (tokens.length === 0) return null;
  let total = 0; // thousands and hundreds already closed
  let current = 0; // the part below one hundred being built
  let hasUnit = false; // a digit word was read since the last multiplier
  for (const token of tokens) {
    const digit = DIGITS[token];
    if (digit !== undefined) {
      if (hasUnit) return null; // "dua tiga" is two numbers, not one
      current += digit;
      hasUnit = true;
    } else if (token === 'sepuluh' || token === 'sebelas') {
      if (current !== 0) return null;
      current = WHOLE[token] ?? 0;
      hasUnit = true;
    } else if (token === 'seratus') {
      if (total % 1000 !== 0 || current !== 0) return null;
      total += 100;
    } else if (token === 'seribu') {
      if (total !== 0 || current !== 0) return null;
      total = 1000;
    } else if (token === 'belas') {
      if (!hasUnit || current < 1 || current > 9) return null;
      current += 10;
      hasUnit = true;
    } else if (token === 'puluh') {
      if (!hasUnit || current < 1 || current > 9) return null;
      current *= 10;
      hasUnit = false;
    } else if (token === 'ratus') {
      if (!hasUnit || current < 1 || current > 9) return null;
      total += current * 100;
      current = 0;
      hasUnit = false;
    } else if (token === 'ribu') {
      if (total + current === 0) return null;
      total = (total + current) * 1000;
      current = 0;
      hasUnit = false;
    } else {
      return null;
    }
  }
  const value = total + current;
  // A lone multiplier ("puluh") or "nol" never states a waktu amount.
  return tokens.every((t) => MULTIPLIERS.has(t)) ? null : value;
}

/** Replaces every run of number words in a phrase by its digits ("tujuh hari kerja" → "7 hari kerja"). */
export function replaceNumberWords(text: string): string {
  const words = text.split(' ');
  const out: string[] = [];
  let i = 0;
  while (i < words.length) {
    let j = i;
    while (j < words.length && isNumberWord((words[j] ?? '').toLowerCase())) j++;
    // Take the longest run that reads as one number, so "empat belas" wins over "empat".
    let taken = 0;
    for (let end = j; end > i; end--) {
      const value = readNumberWords(words.slice(i, end).join(' '));
      if (value !== null) {
        out.push(String(value));
        taken = end - i;
        break;
      }
    }
    if (taken === 0) {
      out.push(words[i] ?? '');
      i++;
    } else {
      i += taken;
    }
  }
  return out.join(' ');
}

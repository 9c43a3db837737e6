/**
 * Strips the words around a waktu amount that qualify it rather than measure it:
 * "paling lambat", "selambat-lambatnya", "paling lama :", "maksimal" (a deadline,
 * the default); "dalam tenggang waktu", "dapat diajukan" (a party's window);
 * "minimal", "tenggang waktu pemanggilan …" (a minimum gap).
 */

export interface Qualifiers {
  text: string; // what is left to read
  capped: boolean; // a deadline word was written ("paling lambat tanggal 3 …" caps an SLA)
  window: boolean;
  minimum: boolean;
}

const PREFIXES: { pattern: RegExp; flag: 'capped' | 'window' | 'minimum' | null }[] = [
  { pattern: /^(?:dapat|bisa) diajukan(?: dalam tenggang waktu| dalam waktu)?/i, flag: 'window' },
  { pattern: /^dalam tenggang waktu/i, flag: 'window' },
  // The summons gap of HIR 122: the row names the two moments, then the amount.
  { pattern: /^tenggang waktu pemanggilan\b[^0-9]*?(?=\d)/i, flag: 'minimum' },
  { pattern: /^(?:minimal|minimum|sekurang-kurangnya|sekurang kurangnya|paling sedikit|sedikitnya|paling cepat|tidak kurang dari)/i, flag: 'minimum' },
  { pattern: /^(?:paling lambat|selambat-lambatnya|selambat lambatnya|paling lama|selama-lamanya|maksimal|maksimum|maks\.?|tidak lebih dari)/i, flag: 'capped' },
  { pattern: /^(?:dalam jangka waktu|dalam waktu|jangka waktu|batas waktu|tenggang waktu|waktu penyelesaian|diselesaikan dalam|selesai dalam)/i, flag: null },
];

/** Removes qualifier words from the front of a phrase and reports which kinds were seen. */
export function readQualifiers(input: string): Qualifiers {
  const result: Qualifiers = { text: input.trim(), capped: false, window: false, minimum: false };
  for (let changed = true; changed; ) {
    changed = false;
    for (const { pattern, flag } of PREFIXES) {
      const match = pattern.exec(result.text);
      if (!match || match[0].length === 0) continue;
      const rest = result.text.slice(match[0].length);
      if (rest !== '' && !/^[\s:.,]/.test(rest) && !/^\d/.test(rest)) continue; // "maksimalnya" is not "maksimal"
      result.text = rest.replace(/^[\s.,]*(?:pada\s*)?:?\s*/i, '').trim();
      if (flag) result[flag] = true;
      changed = true;
    }
  }
  return result;
}

/**
 * Cleans a waktu phrase as typed in an SOP table before it is read: one kind of
 * apostrophe and space, no bullet or trailing punctuation, number words as digits.
 * Letter case is kept, because the names of events ("Putusan Banding diberitahukan")
 * are shown back to the user as written.
 */
import { readNumberWords, replaceNumberWords } from './numberWords.ts';

export type NormalizeResult = { ok: true; text: string } | { ok: false; message: string };

/** Normalises a raw waktu phrase; fails only when digits and their words disagree ("5 (enam) hari"). */
export function normalizePhrase(raw: string): NormalizeResult {
  let text = raw
    .replace(/[\u2018\u2019\u201B\u0060\u00B4\u02BC\u02B9]/g, "'")
    .replace(/[\u00A0\u2007\u202F\t\r\n]+/g, ' ')
    .replace(/[\u2010-\u2013]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[•\-*–]+\s*/, '')
    .replace(/[\s.,;:!]+$/, '')
    .trim();

  // "5 (lima) hari": the words only repeat the digits; a mismatch is a typo worth reporting.
  const bracketed = /(\d+)\s*\(\s*([A-Za-z\s-]+?)\s*\)/g;
  for (const match of text.matchAll(bracketed)) {
    const digits = Number(match[1]);
    const words = readNumberWords(match[2] ?? '');
    if (words === null) continue; // "(dua)" is a number; "(di dalam wilayah)" is not
    if (words !== digits) {
      return {
        ok: false,
        message: `Angka dan kata bilangan tidak sama pada "${match[0]}": ${digits} tertulis sebagai "${match[2]}". Perbaiki salah satunya, misalnya "5 (lima) hari kerja".`,
      };
    }
  }
  text = text.replace(bracketed, (whole, digits: string, words: string) =>
    readNumberWords(words) === null ? whole : digits,
  );
  text = replaceNumberWords(text.replace(/\s*:\s*/g, ' : ').replace(/\s+/g, ' ').trim());
  // The same, written the other way round: "empat belas (14) hari" is now "14 (14) hari".
  for (const match of text.matchAll(/(\d+)\s*\(\s*(\d+)\s*\)/g)) {
    if (match[1] !== match[2]) {
      return { ok: false, message: `Angka dan kata bilangan tidak sama pada "${raw.trim()}": ${match[2]} dan ${match[1]}. Perbaiki salah satunya, misalnya "5 (lima) hari kerja".` };
    }
  }
  text = text.replace(/(\d+)\s*\(\s*\d+\s*\)/g, '$1');
  return { ok: true, text: text.replace(/ : /g, ': ').trim() };
}

import { describe, expect, it } from 'vitest';
import { readNumberWords, replaceNumberWords } from '../../src/sop/numberWords.ts';

describe('readNumberWords', () => {
  it.each([
    ['satu', 1], ['lima', 5], ['sepuluh', 10], ['sebelas', 11], ['dua belas', 12], ['empat belas', 14],
    ['dua puluh', 20], ['dua puluh lima', 25], ['tiga puluh', 30], ['sembilan puluh', 90], ['seratus', 100],
    ['seratus lima puluh', 150], ['seratus delapan puluh', 180], ['dua ratus', 200], ['seribu', 1000],
    ['Empat Belas', 14],
  ])('reads "%s" as %i', (words, value) => {
    expect(readNumberWords(words)).toBe(value);
  });

  it.each(['dua tiga', 'puluh', 'belas', 'hari', '', 'lima hari'])('refuses "%s"', (words) => {
    expect(readNumberWords(words)).toBeNull();
  });
});

describe('replaceNumberWords', () => {
  it('turns number words into digits and leaves other words alone', () => {
    expect(replaceNumberWords('tujuh hari kerja')).toBe('7 hari kerja');
    expect(replaceNumberWords('empat belas hari')).toBe('14 hari');
    expect(replaceNumberWords('setiap tiga bulan')).toBe('setiap 3 bulan');
    expect(replaceNumberWords('seratus delapan puluh hari')).toBe('180 hari');
    expect(replaceNumberWords('setiap hari kerja')).toBe('setiap hari kerja');
  });
});

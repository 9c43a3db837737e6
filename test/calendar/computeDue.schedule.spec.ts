/**
 * Deadlines of fixed dates, routines, same-day phrases, combinations and "no
 * deadline", on the real 2025–2027 data; expected dates counted by hand.
 */
import { describe, expect, it } from 'vitest';
import { computeDue, WaktuDataError, type DueContext, type DueResult } from '../../src/calendar/computeDue.ts';
import { loadCalendar } from '../../src/calendar/loadCalendar.ts';
import { isRecurring, readWaktu } from '../../src/sop/readWaktu.ts';

function due(phrase: string, start: string, ctx: Partial<DueContext> = {}): DueResult {
  const read = readWaktu(phrase);
  if (!read.ok) throw new Error(read.message);
  return computeDue(read.spec, { start, hari: 'kalender', calendar: loadCalendar(), ...ctx });
}
const skippedDates = (r: DueResult) => r.derivation.skipped.map((s) => s.date);

describe('fixed-date deadlines', () => {
  // Issue 19: a dated deadline is for work on the period just ended, so a closed day moves it
  // forward, never back into that period (before: Thu 2 April, over Wafat Yesus Kristus on the 3rd).
  it('moves a 5th that is closed to the next working day: 5 April 2026 (Sunday, Paskah) → Mon 6 April', () => {
    const r = due('Paling lambat tanggal 5 setiap bulannya', '2026-04-01T08:00:00+07:00');
    expect(r.due).toBe('2026-04-06T23:59:59+07:00');
    expect(skippedDates(r)).toEqual(['2026-04-05']);
    expect(r.derivation.counting).toMatch(/hari kerja berikutnya/);
  });

  it('takes the next month once this month’s date has passed', () => {
    expect(due('Paling lambat tanggal 5 setiap bulan', '2026-04-06T08:00:00+07:00').due).toBe('2026-05-05T23:59:59+07:00');
  });

  it('never moves a deadline behind the step that starts on its closed day', () => {
    // 10 January 2026 is a Saturday: the deadline is Monday 12 January (before issue 19: Friday 9
    // January, the day before the step began, so the step was late at once).
    const r = due('Paling lambat tanggal 10 setiap bulan', '2026-01-10T08:00:00+07:00');
    expect(r.due).toBe('2026-01-12T23:59:59+07:00');
    expect(r.derivation.notes.join(' ')).not.toMatch(/sebelum langkah dimulai/);
  });

  it('reads "tiap 4 bulan" as January, May and September: 3 May 2026 is a Sunday, so Monday 4 May', () => {
    // Before issue 19 it moved back over Saturday and Hari Buruh to 30 April, inside the period reported on.
    const r = due('Tanggal 3 tiap 4 bulannya', '2026-02-10T08:00:00+07:00');
    expect(r.due).toBe('2026-05-04T23:59:59+07:00');
    expect(skippedDates(r)).toEqual(['2026-05-03']);
  });

  it('reads "tiap 6 bulan" as January and July', () => {
    expect(due('Paling lambat tanggal 3 tiap 6 bulannya', '2026-02-10T08:00:00+07:00').due).toBe('2026-07-03T23:59:59+07:00');
  });

  it('reads "tanggal 3 Januari" as yearly', () => {
    // 3 Jan 2026 is a Saturday → Monday 5 January.
    expect(due('Paling lambat tanggal 3 Januari', '2025-06-01T08:00:00+07:00').due).toBe('2026-01-05T23:59:59+07:00');
    // 3 Jan 2027 is a Sunday → Monday 4 January (before issue 19: Thursday 31 December 2026, before
    // the year reported on had ended).
    const r = due('Paling lambat tanggal 3 Januari', '2026-06-01T08:00:00+07:00');
    expect(r.due).toBe('2027-01-04T23:59:59+07:00');
    expect(skippedDates(r)).toEqual(['2027-01-03']);
  });

  it('caps an SLA by the date, whichever is first', () => {
    const phrase = 'Paling lambat tanggal 3 setiap bulannya diselesaikan 1 Hari Kerja';
    // 1 hari kerja from Mon 30 March is Tue 31 March; the 3rd (Friday, Wafat) moves to Mon 6 April.
    expect(due(phrase, '2026-03-30T10:00:00+07:00').due).toBe('2026-03-31T23:59:59+07:00');
    // From Tue 3 February, 1 hari kerja is Wed 4 February, but the capped 3rd is 3 February itself.
    const r = due(phrase, '2026-02-03T08:00:00+07:00');
    expect(r.due).toBe('2026-02-03T23:59:59+07:00');
    expect(r.derivation.notes.join(' ')).toMatch(/Batas lain: 1 hari kerja sejak 2026-02-03 → 2026-02-04T23:59:59\+07:00/);
  });
});

describe('routines (recurring)', () => {
  it('moves a Friday that is closed to the previous working day: from 16 March 2026 the next is Tue 17 March', () => {
    const r = due('Setiap Jum’at', '2026-03-16T08:00:00+07:00');
    expect(r.due).toBe('2026-03-17T23:59:59+07:00');
    expect(skippedDates(r)).toEqual(['2026-03-20', '2026-03-19', '2026-03-18']);
  });

  it('skips an occurrence that moved behind the start', () => {
    // From Wed 18 March: Friday 20 March would move back to 17 March, already past; next is Friday 27 March.
    const r = due("Setiap Jum'at", '2026-03-18T08:00:00+07:00');
    expect(r.due).toBe('2026-03-27T23:59:59+07:00');
    expect(r.derivation.notes.join(' ')).toMatch(/sudah lewat/);
    // From Thu 19 March: Monday 23 March (cuti) moves back to 17 March; next is Monday 30 March.
    expect(due('Setiap Senin', '2026-03-19T08:00:00+07:00').due).toBe('2026-03-30T23:59:59+07:00');
  });

  it('runs "Setiap Hari" on the next working day', () => {
    expect(due('Setiap Hari', '2026-03-16T08:00:00+07:00').due).toBe('2026-03-16T23:59:59+07:00');
    expect(due('Setiap Hari', '2026-03-21T08:00:00+07:00').due).toBe('2026-03-25T23:59:59+07:00');
  });

  it('ends "3 bulan sekali" with each quarter and "setiap bulan" with each month', () => {
    expect(due('3 bulan sekali', '2026-04-01T08:00:00+07:00').due).toBe('2026-06-30T23:59:59+07:00');
    expect(due('3 bulan sekali', '2026-10-01T08:00:00+07:00').due).toBe('2026-12-31T23:59:59+07:00');
    // 31 May 2026 is a Sunday and Waisak; 30 May a Saturday → Friday 29 May.
    expect(due('setiap bulan', '2026-05-01T08:00:00+07:00').due).toBe('2026-05-29T23:59:59+07:00');
  });

  it('is what isRecurring calls recurring', () => {
    for (const phrase of ['Setiap Hari', 'Setiap Senin', '3 bulan sekali', 'setiap bulan']) {
      const read = readWaktu(phrase);
      expect(read.ok && isRecurring(read.spec), phrase).toBe(true);
    }
  });
});

describe('same day', () => {
  it('gives the next working day as the hard deadline', () => {
    const phrase = 'Pada hari itu juga atau paling lama pada hari berikutnya';
    expect(due(phrase, '2026-03-09T10:00:00+07:00').due).toBe('2026-03-10T23:59:59+07:00');
    const r = due(phrase, '2026-03-17T15:00:00+07:00');
    expect(r.due).toBe('2026-03-25T23:59:59+07:00');
    expect(r.derivation.notes[0]).toBe('Sasaran: akhir Selasa, 17 Maret 2026.');
  });

  it('ends "pada hari itu juga" with the day itself', () => {
    expect(due('pada hari itu juga', '2026-03-09T10:00:00+07:00').due).toBe('2026-03-09T23:59:59+07:00');
  });
});

describe('the earlier of two deadlines', () => {
  const phrase = '90 Hari atau minimal 10 hari sebelum waktu penahanan berakhir';
  const start = '2026-01-05T09:00:00+07:00';

  it('takes detention minus 10 days when that is earlier', () => {
    const r = due(phrase, start, { anchors: { 'waktu penahanan berakhir': '2026-03-02' } });
    expect(r.due).toBe('2026-02-20T23:59:59+07:00');
  });

  it('takes 90 days when that is earlier (5 April 2026 is Sunday and Paskah → Monday 6 April)', () => {
    expect(due(phrase, start, { anchors: { 'waktu penahanan berakhir': '2026-06-01' } }).due).toBe('2026-04-06T23:59:59+07:00');
  });

  it('uses 90 days alone when the detention date is unknown, and says so', () => {
    const r = due(phrase, start);
    expect(r.due).toBe('2026-04-06T23:59:59+07:00');
    expect(r.derivation.notes.join(' ')).toMatch(/Batas tidak dihitung/);
  });
});

describe('conditional waktu', () => {
  const phrase = '7 Hari Kerja (di dalam wilayah hukum) / 14 Hari Kerja (di luar wilayah hukum)';
  const start = '2026-07-06T09:00:00+07:00';

  it('picks the case the case data select', () => {
    expect(due(phrase, start, { vars: { domisili: 'dalam_wilayah_hukum' } }).due).toBe('2026-07-15T23:59:59+07:00');
    const r = due(phrase, start, { vars: { domisili: 'di luar wilayah hukum' } });
    expect(r.due).toBe('2026-07-24T23:59:59+07:00');
    expect(r.derivation.notes[0]).toMatch(/Dipilih "14 Hari Kerja" karena domisili = luar_wilayah_hukum/);
  });

  it('refuses to guess when the case data are missing', () => {
    expect(() => due(phrase, start)).toThrow(WaktuDataError);
    expect(() => due(phrase, start, { vars: { domisili: 'jakarta' } })).toThrow(/domisili = "dalam_wilayah_hukum".*yang ada: domisili = "jakarta"/);
  });
});

describe('no deadline', () => {
  it('gives due null with an explanation', () => {
    const r = due('Sesuai kebutuhan', '2026-03-02T09:00:00+07:00');
    expect(r).toMatchObject({ due: null, reading: 'tanpa tenggat (sesuai kebutuhan)' });
    expect(r.explanation).toBe('Langkah ini tidak memiliki tenggat karena waktunya "Sesuai kebutuhan".');
    expect(due('', '2026-03-02T09:00:00+07:00').explanation).toMatch(/kolom waktu penyelesaiannya kosong/);
  });
});

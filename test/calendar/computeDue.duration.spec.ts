/**
 * Deadlines of durations on the real 2025–2027 data. Every expected date was
 * counted by hand on a calendar, from the SKB lists, not taken from the code.
 */
import { describe, expect, it } from 'vitest';
import { computeDue, WaktuDataError, type DueContext, type DueResult } from '../../src/calendar/computeDue.ts';
import { loadCalendar } from '../../src/calendar/loadCalendar.ts';
import { readWaktu } from '../../src/sop/readWaktu.ts';

function due(phrase: string, start: string, ctx: Partial<DueContext> = {}): DueResult {
  const read = readWaktu(phrase);
  if (!read.ok) throw new Error(read.message);
  return computeDue(read.spec, { start, hari: 'kalender', calendar: loadCalendar(), ...ctx });
}
const skippedDates = (r: DueResult) => r.derivation.skipped.map((s) => s.date);

describe('hari kerja', () => {
  it('counts 5 hari kerja from Mon 16 March 2026 across the Nyepi–Lebaran block to Mon 30 March', () => {
    const r = due('5 hari kerja', '2026-03-16T09:00:00+07:00');
    expect(r.due).toBe('2026-03-30T23:59:59+07:00');
    // 17 Mar is day 1; 18–24 closed; 25, 26, 27 are days 2–4; 28–29 weekend; 30 is day 5.
    expect(skippedDates(r)).toEqual(['2026-03-18', '2026-03-19', '2026-03-20', '2026-03-21', '2026-03-22', '2026-03-23', '2026-03-24', '2026-03-28', '2026-03-29']);
    expect(r.derivation.skipped[0]?.reason).toBe('Cuti bersama: Hari Suci Nyepi (Tahun Baru Saka 1948) (SKB 1497/2025, 2/2025, 5/2025)');
    expect(r.derivation.skipped[3]?.reason).toBe('Sabtu; Libur nasional: Idul Fitri 1447 Hijriah (SKB 1497/2025, 2/2025, 5/2025)');
    expect(r.derivation.calendarVersion).toMatch(/^2025:v1,2026:v1,2027:draft-v1/);
    expect(r.reading).toBe('5 hari kerja sejak 2026-03-16');
    expect(r.derivation.counting).toMatch(/HIR Pasal 391/);
  });

  it('explains itself in one Indonesian line', () => {
    const r = due('5 hari kerja', '2026-03-16T09:00:00+07:00');
    expect(r.explanation).toBe('Tenggat Senin, 30 Maret 2026 pukul 23.59 WIB: 5 hari kerja sejak Senin, 16 Maret 2026 (hari itu tidak dihitung); 9 hari tidak dihitung (lihat rincian).');
    expect(r.explanation).not.toContain('\n');
  });

  it('crosses the year end: 5 hari kerja from Tue 30 Dec 2025 ends Wed 7 Jan 2026', () => {
    const r = due('5 hari kerja', '2025-12-30T10:00:00+07:00');
    expect(r.due).toBe('2026-01-07T23:59:59+07:00');
    expect(skippedDates(r)).toEqual(['2026-01-01', '2026-01-03', '2026-01-04']);
  });

  it('skips Natal and its cuti bersama: 1 hari kerja from Wed 24 Dec 2025 is Mon 29 Dec', () => {
    expect(due('1 hari kerja', '2025-12-24T08:00:00+07:00').due).toBe('2025-12-29T23:59:59+07:00');
  });

  it('lets a bare "Hari" follow the SOP: 3 Hari as hari kerja from 16 March 2026 is 26 March', () => {
    const r = due('3 Hari', '2026-03-16T09:00:00+07:00', { hari: 'kerja' });
    expect(r.due).toBe('2026-03-26T23:59:59+07:00');
    expect(r.derivation.notes.join(' ')).toMatch(/dibaca sebagai hari kerja/);
  });
});

describe('calendar durations', () => {
  it('does not move a calendar count that ends on a working day: 3 Hari from 30 Dec 2025 is Fri 2 Jan', () => {
    const r = due('3 Hari', '2025-12-30T10:00:00+07:00');
    expect(r.due).toBe('2026-01-02T23:59:59+07:00');
    expect(r.derivation.skipped).toEqual([]);
  });

  it('moves a calendar count that ends on a holiday forward: 2 Hari from 30 Dec 2025 hits 1 Jan, so 2 Jan', () => {
    const r = due('2 Hari', '2025-12-30T10:00:00+07:00');
    expect(r.due).toBe('2026-01-02T23:59:59+07:00');
    expect(r.derivation.skipped).toEqual([{ date: '2026-01-01', reason: 'Libur nasional: Tahun Baru 2026 Masehi (SKB 1497/2025, 2/2025, 5/2025)' }]);
  });

  it('moves 3 Hari from 16 March 2026 (ends on Nyepi) past the whole Lebaran block to 25 March', () => {
    expect(due('3 hari kalender', '2026-03-16T09:00:00+07:00').due).toBe('2026-03-25T23:59:59+07:00');
  });

  it('clamps 1 bulan from 31 January to 28 February 2026, a Saturday, then moves to Mon 2 March', () => {
    const r = due('1 Bulan', '2026-01-31T10:00:00+07:00');
    expect(r.due).toBe('2026-03-02T23:59:59+07:00');
    expect(skippedDates(r)).toEqual(['2026-02-28', '2026-03-01']);
  });

  it('clamps 1 bulan from 31 January 2028 to the leap day, a Tuesday, from a drafted year', () => {
    const r = due('1 Bulan', '2028-01-31T10:00:00+07:00');
    expect(r.due).toBe('2028-02-29T23:59:59+07:00');
    expect(r.derivation.calendarVersion).toContain('2028:draft-auto');
  });

  it('counts weeks and months on the calendar', () => {
    expect(due('paling lama 1 minggu', '2026-07-01T10:00:00+07:00').due).toBe('2026-07-08T23:59:59+07:00');
    expect(due('1 bulan', '2026-03-31T10:00:00+07:00').due).toBe('2026-04-30T23:59:59+07:00');
  });
});

describe('exact hours', () => {
  it('does not move N x 24 jam off a closed day', () => {
    const r = due('2 x 24 jam', '2026-03-20T09:30:00+07:00');
    expect(r.due).toBe('2026-03-22T09:30:00+07:00'); // a Sunday and Idul Fitri: exact hours do not roll
    expect(r.derivation.skipped).toEqual([]);
  });

  it('keeps the instant across midnight', () => {
    expect(due('3 jam', '2026-03-16T22:00:00+07:00').due).toBe('2026-03-17T01:00:00+07:00');
  });
});

describe('time zones', () => {
  it.each([['WIB', '+07:00'], ['WITA', '+08:00'], ['WIT', '+09:00']])('gives the same local deadline in %s with offset %s', (zone, offset) => {
    const r = due('3 Hari', '2026-03-16T09:00', { calendar: loadCalendar({ zone }) });
    expect(r.due).toBe(`2026-03-25T23:59:59${offset}`);
  });

  it('counts from the local date of the satker: 23.30 WIB on 16 March is already 17 March in WITA', () => {
    const instant = '2026-03-16T23:30:00+07:00';
    expect(due('1 Hari', instant).due).toBe('2026-03-17T23:59:59+07:00');
    // In WITA the step started on 17 March; day 1 is 18 March (cuti bersama), moved forward to 25 March.
    expect(due('1 Hari', instant, { calendar: loadCalendar({ zone: 'WITA' }) }).due).toBe('2026-03-25T23:59:59+08:00');
  });
});

describe('relative to events', () => {
  it('counts from the named event, matched ignoring case and spaces', () => {
    const anchors = { putusanDiterima: '2026-04-06' };
    const r = due('3 Hari setelah putusan diterima', '2026-04-08T09:00:00+07:00', { anchors });
    expect(r.due).toBe('2026-04-09T23:59:59+07:00');
    expect(r.derivation.anchor).toBe('putusan diterima = 2026-04-06');
    expect(due('3 Hari setelah Putusan Diterima', '2026-04-08T09:00:00+07:00', { anchors: { 'putusan  diterima': '2026-04-06' } }).due).toBe('2026-04-09T23:59:59+07:00');
  });

  it('falls back to the start, and says so, when the event is not in the case data', () => {
    const r = due('3 Hari setelah putusan diterima', '2026-04-08T09:00:00+07:00');
    expect(r.due).toBe('2026-04-13T23:59:59+07:00'); // 11 April is a Saturday
    expect(r.derivation.notes.join(' ')).toMatch(/«putusan diterima» tidak ada dalam data kasus; dihitung dari mulainya langkah/);
  });

  it('keeps the window flag of a party window in the notes', () => {
    const anchors = { 'putusan banding diberitahukan kepada para pihak': '2026-05-04T10:00:00+07:00' };
    const r = due('dalam tenggang waktu : 14 Hari setelah Putusan Banding diberitahukan kepada para pihak', '2026-05-04T10:00:00+07:00', { anchors });
    expect(r.due).toBe('2026-05-18T23:59:59+07:00');
    expect(r.derivation.notes.join(' ')).toMatch(/Jangka waktu bagi pihak/);
  });

  it('counts "setelah A atau setelah B" from the later of the two events that happened (Pasal 7 ayat (1) UU 20/1947)', () => {
    const phrase = '14 Hari setelah putusan diucapkan atau setelah putusan diberitahukan';
    // Both happened: the notification of Mon 11 May counts, so Mon 25 May.
    const both = due(phrase, '2026-05-13T10:00:00+07:00', { anchors: { putusanDiucapkan: '2026-04-21', PutusanDiberitahukan: '2026-05-11T10:00:00+07:00' } });
    expect(both.due).toBe('2026-05-25T23:59:59+07:00');
    expect(both.derivation.anchor).toBe('putusan diberitahukan = 2026-05-11T10:00:00+07:00');
    expect(both.derivation.notes.join(' ')).toMatch(/dipakai yang paling akhir: «putusan diberitahukan»/);
    expect(both.explanation).toContain('«putusan diberitahukan»');
    // Only the putusan: 14 days from Tue 21 April end on Tue 5 May.
    const one = due(phrase, '2026-04-21T11:00:00+07:00', { anchors: { putusanDiucapkan: '2026-04-21' } });
    expect(one.due).toBe('2026-05-05T23:59:59+07:00');
    expect(one.explanation).toContain('«putusan diucapkan»');
    // Neither: from the start, said so.
    expect(due(phrase, '2026-04-21T11:00:00+07:00').derivation.notes.join(' ')).toMatch(/tidak ada dalam data kasus/);
  });

  it('counts back from a case date and moves backward off closed days', () => {
    const phrase = 'minimal 10 (sepuluh) hari sebelum waktu penahanan berakhir';
    expect(due(phrase, '2026-03-02T09:00:00+07:00', { anchors: { 'waktu penahanan berakhir': '2026-04-05' } }).due).toBe('2026-03-26T23:59:59+07:00');
    // 2 April − 10 = 23 March (cuti bersama); backward over 22…18 March to Tue 17 March.
    const r = due(phrase, '2026-03-02T09:00:00+07:00', { anchors: { 'waktu penahanan berakhir': '2026-04-02' } });
    expect(r.due).toBe('2026-03-17T23:59:59+07:00');
    expect(skippedDates(r)).toEqual(['2026-03-23', '2026-03-22', '2026-03-21', '2026-03-20', '2026-03-19', '2026-03-18']);
  });

  it('cannot count back from a case date that is missing', () => {
    expect(() => due('10 hari sebelum waktu penahanan berakhir', '2026-03-02T09:00:00+07:00')).toThrow(WaktuDataError);
    expect(() => due('10 hari sebelum waktu penahanan berakhir', '2026-03-02T09:00:00+07:00')).toThrow(/«waktu penahanan berakhir».*tidak ada/);
  });

  it('starts "Tanggal 5 setiap bulan selesai 2 Hari" on the 5th, or at the start if later', () => {
    expect(due('Tanggal 5 setiap bulan selesai 2 Hari', '2026-03-02T09:00:00+07:00').due).toBe('2026-03-09T23:59:59+07:00'); // 7 March is a Saturday
    expect(due('Tanggal 5 setiap bulan selesai 2 Hari', '2026-03-10T09:00:00+07:00').due).toBe('2026-03-12T23:59:59+07:00');
  });
});

describe('minimum gaps, alternatives and pauses', () => {
  it('gives notBefore, not due, for the summons gap', () => {
    const r = due('Tenggang waktu pemanggilan para pihak dengan hari sidang pertama. 7 Hari', '2026-03-02T10:00:00+07:00');
    expect(r.due).toBeNull();
    expect(r.notBefore).toBe('2026-03-10T00:00:00+07:00'); // 3–9 March are the seven full days
  });

  it('reads 150 Hari/5 Bulan as 5 months', () => {
    const r = due('150 Hari/5 Bulan', '2026-01-15T09:00:00+07:00');
    expect(r.due).toBe('2026-06-15T23:59:59+07:00'); // 150 days would have been 14 June, a Sunday
    expect(r.derivation.notes.join(' ')).toMatch(/150 Hari/);
  });

  it('stops a pausable clock during the recorded mediation', () => {
    const phrase = '150 Hari/5 Bulan (diluar waktu mediasi)';
    expect(due(phrase, '2026-01-15T09:00:00+07:00').derivation.notes.join(' ')).toMatch(/belum ada jeda tercatat/);
    const vars = { __jedaWaktu: [{ from: '2026-02-02', to: '2026-03-03', alasan: 'mediasi' }] };
    const r = due(phrase, '2026-01-15T09:00:00+07:00', { vars });
    // 30 paused days (2 Feb – 3 Mar) push 15 June to 15 July.
    expect(r.due).toBe('2026-07-15T23:59:59+07:00');
    expect(r.derivation.skipped).toHaveLength(30);
    expect(r.derivation.skipped[0]).toEqual({ date: '2026-02-02', reason: 'Jeda: mediasi (2026-02-02 s.d. 2026-03-03)' });
  });

  it('skips paused working days too', () => {
    const vars = { __jedaWaktu: [{ from: '2026-07-08T08:00:00+07:00', to: '2026-07-09T16:00:00+07:00' }] };
    expect(due('10 hari kerja diluar waktu mediasi', '2026-07-06T09:00:00+07:00').due).toBe('2026-07-20T23:59:59+07:00');
    expect(due('10 hari kerja diluar waktu mediasi', '2026-07-06T09:00:00+07:00', { vars }).due).toBe('2026-07-22T23:59:59+07:00');
  });

  it('refuses malformed pauses', () => {
    expect(() => due('5 bulan diluar waktu mediasi', '2026-01-15', { vars: { __jedaWaktu: 'mediasi' } })).toThrow(/harus berupa daftar jeda/);
    expect(() => due('5 bulan diluar waktu mediasi', '2026-01-15', { vars: { __jedaWaktu: [{ from: '2026-03-01', to: '2026-02-01' }] } })).toThrow(/berakhir .* sebelum dimulai/);
  });
});

describe('bad input', () => {
  it('refuses a start that is not an ISO date', () => {
    expect(() => due('3 Hari', 'kemarin')).toThrow(/Waktu mulai "kemarin" bukan tanggal ISO 8601/);
  });
});

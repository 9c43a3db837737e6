import { describe, expect, it } from 'vitest';
import { parseCalendarYear } from '../../src/calendar/calendarYear.ts';
import { draftYear } from '../../src/calendar/draftYear.ts';

describe('draftYear', () => {
  const y2027 = draftYear(2027);
  const on = (date: string) => y2027.entries.filter((e) => e.date === date);

  it('is a draft marked as generated, without cuti bersama', () => {
    expect(y2027).toMatchObject({ year: 2027, status: 'draft', version: 0, generatedFrom: expect.stringMatching(/^date-holidays@\d/) });
    expect(y2027.entries.every((e) => e.kind === 'libur_nasional')).toBe(true);
    expect(() => parseCalendarYear(y2027, '2027.json')).not.toThrow();
  });

  it('names 27 Rajab Isra Mikraj, not Maulid (the date-holidays label error)', () => {
    expect(on('2027-01-05')).toMatchObject([{ name: 'Isra Mikraj Nabi Muhammad SAW', tentative: true }]);
  });

  it('adds Paskah two days after Good Friday (Keppres 8/2024)', () => {
    expect(on('2027-03-26')).toMatchObject([{ name: 'Wafat Yesus Kristus' }]);
    expect(on('2027-03-28')).toMatchObject([{ name: 'Kebangkitan Yesus Kristus (Paskah)' }]);
    expect(draftYear(2026).entries.find((e) => /Paskah/.test(e.name))?.date).toBe('2026-04-05');
  });

  it('marks Hijri, Nyepi and Waisak dates tentative and fixed-date holidays not', () => {
    expect(on('2027-03-09')).toMatchObject([{ name: 'Idul Fitri (hari pertama)', tentative: true }]);
    expect(on('2027-03-08')).toMatchObject([{ name: 'Hari Suci Nyepi (Tahun Baru Saka)', tentative: true }]);
    expect(on('2027-08-17')[0]).not.toHaveProperty('tentative');
    expect(on('2027-06-01')[0]?.name).toBe('Hari Lahir Pancasila');
  });

  it('says when date-holidays has no Nyepi or Waisak for the year', () => {
    expect(draftYear(2030).catatan).toMatch(/Hari Suci Nyepi \(Tahun Baru Saka\) dan Hari Raya Waisak tidak tersedia di date-holidays untuk 2030/);
    expect(y2027.catatan).not.toMatch(/tidak tersedia/);
  });
});

import { describe, expect, it } from 'vitest';
import type { CalendarYear } from '../../src/calendar/calendarYear.ts';
import { draftYear } from '../../src/calendar/draftYear.ts';
import { loadCalendar } from '../../src/calendar/loadCalendar.ts';
import { createWorkingCalendar } from '../../src/calendar/workingCalendar.ts';

const SKB = 'SKB 1497/2025, 2/2025, 5/2025';

describe('the working calendar from processes/calendar', () => {
  const calendar = loadCalendar();

  it('closes Saturdays and Sundays', () => {
    expect(calendar.closedReason('2026-03-28')).toBe('Sabtu');
    expect(calendar.closedReason('2026-03-29')).toBe('Minggu');
    expect(calendar.isWorkingDay('2026-03-28')).toBe(false);
  });

  it('closes libur nasional and cuti bersama, citing the SKB', () => {
    expect(calendar.closedReason('2026-03-19')).toBe(`Libur nasional: Hari Suci Nyepi (Tahun Baru Saka 1948) (${SKB})`);
    expect(calendar.closedReason('2026-03-18')).toBe(`Cuti bersama: Hari Suci Nyepi (Tahun Baru Saka 1948) (${SKB})`);
    expect(calendar.isWorkingDay('2026-03-23')).toBe(false);
  });

  it('gives both reasons when a holiday falls on a weekend', () => {
    expect(calendar.closedReason('2026-03-21')).toBe(`Sabtu; Libur nasional: Idul Fitri 1447 Hijriah (${SKB})`);
  });

  it('opens ordinary weekdays', () => {
    expect(calendar.isWorkingDay('2026-03-25')).toBe(true);
    expect(calendar.closedReason('2026-03-25')).toBeNull();
    expect(calendar.isWorkingDay('2025-12-31')).toBe(true);
  });

  it('says "draf" for dates of a draft year', () => {
    expect(calendar.closedReason('2027-03-10')).toMatch(/^Libur nasional \(draf, tanggal belum pasti\): Idul Fitri 1448 Hijriah/);
    expect(calendar.closedReason('2027-08-17')).toMatch(/^Libur nasional \(draf\): Proklamasi Kemerdekaan/);
  });

  it('records the version of each year it uses', () => {
    expect(calendar.version.split(',').slice(0, 3)).toEqual(['2025:v1', '2026:v1', '2027:draft-v1']);
  });

  it('refuses a malformed date', () => {
    expect(() => calendar.closedReason('2026-02-30')).toThrow(/tidak sah/);
    expect(() => calendar.isWorkingDay('16/03/2026')).toThrow(/YYYY-MM-DD/);
  });
});

describe('createWorkingCalendar', () => {
  const year: CalendarYear = {
    year: 2031, status: 'published', version: 3, sources: [],
    entries: [{ date: '2031-01-01', kind: 'libur_nasional', name: 'Tahun Baru 2031 Masehi', source: 'SKB uji', tentative: true }],
  };

  it('marks tentative entries even in a published year', () => {
    const calendar = createWorkingCalendar({ zone: 'Asia/Jakarta', years: [year] });
    expect(calendar.closedReason('2031-01-01')).toBe('Libur nasional (tanggal belum pasti): Tahun Baru 2031 Masehi (SKB uji)');
    expect(calendar.version).toBe('2031:v3');
  });

  it('drafts a year without data on first use, and adds it to the version', () => {
    const calendar = createWorkingCalendar({ zone: 'Asia/Jakarta', years: [year], draft: draftYear });
    expect(calendar.version).toBe('2031:v3');
    expect(calendar.closedReason('2032-08-17')).toMatch(/^Libur nasional \(draf\): Proklamasi Kemerdekaan \(date-holidays@/);
    expect(calendar.version).toBe('2031:v3,2032:draft-auto');
  });

  it('without a drafter, knows only weekends outside its years', () => {
    const calendar = createWorkingCalendar({ zone: 'Asia/Jakarta', years: [] });
    expect(calendar.isWorkingDay('2040-01-02')).toBe(true); // a Monday
    expect(calendar.closedReason('2040-01-01')).toBe('Minggu');
  });
});

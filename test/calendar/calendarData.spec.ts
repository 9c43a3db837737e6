/**
 * The holiday data in processes/calendar, checked against the SKB lists typed in
 * here by hand from sop-standard §4.1 and the SKB texts quoted by the press.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCalendarYear, type CalendarYear } from '../../src/calendar/calendarYear.ts';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../processes/calendar');
const load = (year: number): CalendarYear =>
  parseCalendarYear(JSON.parse(readFileSync(path.join(dir, `${year}.json`), 'utf8')), `${year}.json`);
const dates = (y: CalendarYear, kind: string): string[] => y.entries.filter((e) => e.kind === kind).map((e) => e.date).sort();

describe('2026 (SKB 1497/2025, 2/2025, 5/2025)', () => {
  const y = load(2026);

  it('is published with 17 libur nasional and 8 cuti bersama', () => {
    expect(y).toMatchObject({ year: 2026, status: 'published', version: 1 });
    expect(dates(y, 'libur_nasional')).toEqual([
      '2026-01-01', '2026-01-16', '2026-02-17', '2026-03-19', '2026-03-21', '2026-03-22', '2026-04-03', '2026-04-05',
      '2026-05-01', '2026-05-14', '2026-05-27', '2026-05-31', '2026-06-01', '2026-06-16', '2026-08-17', '2026-08-25', '2026-12-25',
    ]);
    expect(dates(y, 'cuti_bersama')).toEqual([
      '2026-02-16', '2026-03-18', '2026-03-20', '2026-03-23', '2026-03-24', '2026-05-15', '2026-05-28', '2026-12-24',
    ]);
  });

  it('cites the SKB on every entry', () => {
    for (const e of y.entries) expect(e.source).toBe('SKB 1497/2025, 2/2025, 5/2025');
    expect(y.sources[0]?.ref).toContain('1497');
  });
});

describe('2025 (SKB 1017/2024, 2/2024, 2/2024 and its amendment)', () => {
  const y = load(2025);

  it('is published with 17 libur nasional and 10 + 1 cuti bersama', () => {
    expect(y).toMatchObject({ year: 2025, status: 'published' });
    expect(dates(y, 'libur_nasional')).toEqual([
      '2025-01-01', '2025-01-27', '2025-01-29', '2025-03-29', '2025-03-31', '2025-04-01', '2025-04-18', '2025-04-20',
      '2025-05-01', '2025-05-12', '2025-05-29', '2025-06-01', '2025-06-06', '2025-06-27', '2025-08-17', '2025-09-05', '2025-12-25',
    ]);
    expect(dates(y, 'cuti_bersama')).toEqual([
      '2025-01-28', '2025-03-28', '2025-04-02', '2025-04-03', '2025-04-04', '2025-04-07', '2025-05-13', '2025-05-30',
      '2025-06-09', '2025-08-18', '2025-12-26',
    ]);
  });

  it('cites the amending SKB for 18 August 2025', () => {
    expect(y.entries.find((e) => e.date === '2025-08-18')?.source).toMatch(/933\/2025/);
  });
});

describe('2027 (draft)', () => {
  const y = load(2027);

  it('is a draft without cuti bersama', () => {
    expect(y).toMatchObject({ year: 2027, status: 'draft' });
    expect(dates(y, 'cuti_bersama')).toEqual([]);
  });

  it('corrects date-holidays: Paskah added, 27 Rajab named Isra Mikraj', () => {
    expect(y.entries.find((e) => e.date === '2027-03-28')?.name).toMatch(/Paskah/);
    expect(y.entries.filter((e) => /Isra Mikraj/.test(e.name)).map((e) => e.date)).toEqual(['2027-01-05', '2027-12-26']);
    expect(y.entries.some((e) => /Maulid/.test(e.name) && e.date === '2027-01-05')).toBe(false);
  });

  it('marks every Hijri date tentative and explains it', () => {
    const hijri = y.entries.filter((e) => /Hijriah|Isra Mikraj|Maulid/.test(e.name));
    expect(hijri.length).toBe(7);
    for (const e of hijri) {
      expect(e.tentative).toBe(true);
      expect(e.catatan).toBeTruthy();
    }
  });
});

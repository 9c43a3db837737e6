import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCalendarYear, type CalendarYear } from '../../src/calendar/calendarYear.ts';
import { publishYear } from '../../src/calendar/publishYear.ts';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../processes/calendar');
const load = (year: number): CalendarYear =>
  parseCalendarYear(JSON.parse(readFileSync(path.join(dir, `${year}.json`), 'utf8')), `${year}.json`);

describe('publishYear', () => {
  const v1 = load(2026);

  it('publishes an amendment as the next version and lists the dates that changed', () => {
    // A hypothetical SKB perubahan: one more cuti bersama, Idul Adha cuti moved by a day, Natal renamed.
    const amended: CalendarYear = {
      ...v1,
      entries: [
        ...v1.entries.filter((e) => e.date !== '2026-05-28' && e.date !== '2026-12-25'),
        { date: '2026-05-29', kind: 'cuti_bersama', name: 'Idul Adha 1447 Hijriah', source: 'SKB perubahan' },
        { date: '2026-12-25', kind: 'libur_nasional', name: 'Hari Raya Natal', source: 'SKB perubahan' },
        { date: '2026-12-31', kind: 'cuti_bersama', name: 'Tahun Baru 2027', source: 'SKB perubahan' },
      ],
    };
    const result = publishYear(v1, amended);
    expect(result.year).toMatchObject({ year: 2026, status: 'published', version: 2 });
    expect(result.changedDates).toEqual(['2026-05-28', '2026-05-29', '2026-12-25', '2026-12-31']);
    expect(result.changes.find((c) => c.date === '2026-05-28')).toEqual({
      date: '2026-05-28', before: ['cuti_bersama: Idul Adha 1447 Hijriah'], after: [], opennessChanged: true,
    });
    expect(result.changes.find((c) => c.date === '2026-12-25')?.opennessChanged).toBe(false);
  });

  it('does not count a holiday moving onto a weekend as a change of openness', () => {
    const moved: CalendarYear = { ...v1, entries: [...v1.entries, { date: '2026-03-28', kind: 'cuti_bersama', name: 'Uji', source: 'SKB uji' }] };
    expect(publishYear(v1, moved).changes).toEqual([{ date: '2026-03-28', before: [], after: ['cuti_bersama: Uji'], opennessChanged: false }]);
  });

  it('reports nothing when nothing changed', () => {
    expect(publishYear(v1, v1)).toMatchObject({ changedDates: [], year: { version: 2 } });
  });

  it('publishes a draft year, dropping its generated mark', () => {
    const draft = load(2027);
    const result = publishYear(draft, { ...draft, generatedFrom: 'date-holidays@3.37.0' });
    expect(result.year).toMatchObject({ status: 'published', version: 2 });
    expect(result.year).not.toHaveProperty('generatedFrom');
  });

  it('publishes a first version when there was no data', () => {
    const result = publishYear(null, v1);
    expect(result.year.version).toBe(1);
    expect(result.changedDates).toHaveLength(25);
  });

  it('refuses data of another year or broken data', () => {
    expect(() => publishYear(v1, { ...v1, year: 2027, entries: [] })).toThrow(/tahun 2027 tidak dapat menggantikan data tahun 2026/);
    expect(() => publishYear(v1, { ...v1, entries: [{ ...v1.entries[0]!, source: '' }] })).toThrow(/dasar hukum/);
  });
});

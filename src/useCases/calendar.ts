/**
 * The working-day calendar as the office reads and corrects it: the years in force, one year's
 * holidays, and (admin) a corrected year published, which moves the open deadlines not yet missed.
 */
import type { CalendarYear } from '../calendar/calendarYear.ts';
import type { DateChange } from '../calendar/publishYear.ts';
import { requirePermission, type Person } from '../auth/roles.ts';
import { ProtapError } from '../runtime/protapError.ts';
import type { DurableEngine } from '../store/durableEngine.ts';

export interface CalendarSummary {
  zone: string;
  version: string;
  years: { year: number; status: CalendarYear['status']; version: number; sources: CalendarYear['sources']; entries: number }[];
}

export function calendarSummary(engine: DurableEngine): CalendarSummary {
  return {
    zone: engine.calendar.zone, version: engine.calendar.version,
    years: engine.calendarYears().map((y) => ({ year: y.year, status: y.status, version: y.version, sources: y.sources, entries: y.entries.length })),
  };
}

/** One year's data; a year without data is counted from the automatic draft and has none to show. */
export function calendarYear(engine: DurableEngine, year: number): CalendarYear {
  const found = engine.calendarYears().find((y) => y.year === year);
  if (!found) throw new ProtapError('BAD_INPUT', `Tidak ada data kalender tahun "${year}"; tahun tanpa data dihitung dari draf otomatis.`);
  return found;
}

/** Publishes a corrected year (admin): its next version; the open deadlines not yet missed are counted again and logged in their cases. */
export async function publishCalendarYear(
  engine: DurableEngine, person: Person, year: number, data: { year: number },
): Promise<{ year: number; version: number; calendarVersion: string; changes: DateChange[]; casesMoved: number }> {
  requirePermission(person, 'administer');
  if (data.year !== year) throw new ProtapError('BAD_INPUT', `Kirim data kalender tahun ${year} (kolom "year" harus sama dengan tahun di alamat, bukan ${data.year}).`, { field: 'year' });
  const published = await engine.publishCalendarYear(data, { actor: person.id });
  return { year: published.year.year, version: published.year.version, calendarVersion: engine.calendar.version, changes: published.changes, casesMoved: published.moved };
}

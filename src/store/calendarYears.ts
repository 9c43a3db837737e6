/**
 * The calendar years in force on a server: the year files of processes/calendar, each replaced by
 * a later version published through the server (a corrected SKB), which the store keeps.
 */
import { parseCalendarYear, type CalendarYear } from '../calendar/calendarYear.ts';
import { CALENDAR_DIR, readCalendarYears } from '../calendar/loadCalendar.ts';
import { publishYear, type DateChange } from '../calendar/publishYear.ts';
import { ProtapError } from '../runtime/protapError.ts';
import type { CaseStore } from './caseStore.ts';

const byYear = (a: CalendarYear, b: CalendarYear) => a.year - b.year;

/** The files, overlaid with the stored years of an equal or later version. */
export async function yearsInForce(store: CaseStore, dir: string = CALENDAR_DIR): Promise<CalendarYear[]> {
  const years = new Map(readCalendarYears(dir).map((year) => [year.year, year]));
  for (const row of await store.calendarYears()) {
    const year = parseCalendarYear(JSON.parse(row.data), `kalender ${row.year} (penyimpanan)`);
    if (year.version >= (years.get(year.year)?.version ?? 0)) years.set(year.year, year);
  }
  return [...years.values()].sort(byYear);
}

/** Checks a corrected year, makes it the next version of that year, and stores it. */
export async function publishCorrectedYear(
  store: CaseStore, current: readonly CalendarYear[], data: unknown, by: { actor: string; at: string },
): Promise<{ year: CalendarYear; changes: DateChange[]; years: CalendarYear[] }> {
  let next: CalendarYear;
  try {
    next = parseCalendarYear(data, 'kalender yang dikirim');
  } catch (error) {
    throw new ProtapError('BAD_INPUT', (error as Error).message);
  }
  const published = publishYear(current.find((y) => y.year === next.year) ?? null, next);
  await store.saveCalendarYear({ year: published.year.year, version: published.year.version, data: JSON.stringify(published.year), publishedAt: by.at, publishedBy: by.actor });
  return { year: published.year, changes: published.changes, years: [...current.filter((y) => y.year !== next.year), published.year].sort(byYear) };
}

/**
 * "Jatuh tempo dalam 1 hari kerja": the end of the next working day in the office's zone, on the office's own
 * calendar (GET /api/calendar and /api/calendar/:year: libur nasional and cuti bersama), so a step
 * due after a long weekend or Lebaran counts as due soon exactly when the server's calendar says.
 */
import type { Api } from '../core/api.ts';
import { officeOffsetMs } from '../i18n/format.ts';

const DAY_MS = 86_400_000;

interface CalendarSummary { years: { year: number }[] }
interface CalendarYear { year: number; entries: { date: string }[] }

/** The closed dates ('YYYY-MM-DD') the server's calendar holds for this year and the next. */
export async function loadClosedDates(api: Api, now: number): Promise<Set<string>> {
  const thisYear = new Date(now + officeOffsetMs()).getUTCFullYear();
  const summary = await api.get<CalendarSummary>('/api/calendar');
  const wanted = summary.years.map((y) => y.year).filter((year) => year === thisYear || year === thisYear + 1);
  const years = await Promise.all(wanted.map((year) => api.get<CalendarYear>(`/api/calendar/${year}`)));
  return new Set(years.flatMap((year) => year.entries.map((entry) => entry.date)));
}

/** The office's date of an instant (its zone keeps no daylight saving). */
export function officeDate(ms: number): string {
  return new Date(ms + officeOffsetMs()).toISOString().slice(0, 10);
}

/** The last millisecond (office time) of the first working day after today: what "within 1 hari kerja" reaches. */
export function endOfNextWorkingDay(now: number, closed: ReadonlySet<string>): number {
  const todayStart = Date.parse(`${officeDate(now)}T00:00:00Z`) - officeOffsetMs();
  for (let day = todayStart + DAY_MS; ; day += DAY_MS) {
    const weekday = new Date(day + officeOffsetMs()).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !closed.has(officeDate(day))) return day + DAY_MS - 1;
  }
}

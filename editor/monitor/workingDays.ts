/**
 * "Jatuh tempo dalam 1 hari kerja": the end of the next working day in WIB, on the office's own
 * calendar (GET /api/calendar and /api/calendar/:year: libur nasional and cuti bersama), so a step
 * due after a long weekend or Lebaran counts as due soon exactly when the server's calendar says.
 */
import type { Api } from '../core/api.ts';

/** WIB has no daylight saving: local dates are UTC+7. */
const WIB_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

interface CalendarSummary { years: { year: number }[] }
interface CalendarYear { year: number; entries: { date: string }[] }

/** The closed dates ('YYYY-MM-DD') the server's calendar holds for this year and the next. */
export async function loadClosedDates(api: Api, now: number): Promise<Set<string>> {
  const thisYear = new Date(now + WIB_OFFSET_MS).getUTCFullYear();
  const summary = await api.get<CalendarSummary>('/api/calendar');
  const wanted = summary.years.map((y) => y.year).filter((year) => year === thisYear || year === thisYear + 1);
  const years = await Promise.all(wanted.map((year) => api.get<CalendarYear>(`/api/calendar/${year}`)));
  return new Set(years.flatMap((year) => year.entries.map((entry) => entry.date)));
}

/** The WIB date of an instant. */
export function wibDate(ms: number): string {
  return new Date(ms + WIB_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last millisecond (WIB) of the first working day after today: what "within 1 hari kerja" reaches. */
export function endOfNextWorkingDay(now: number, closed: ReadonlySet<string>): number {
  const todayStart = Date.parse(`${wibDate(now)}T00:00:00+07:00`);
  for (let day = todayStart + DAY_MS; ; day += DAY_MS) {
    const weekday = new Date(day + WIB_OFFSET_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !closed.has(wibDate(day))) return day + DAY_MS - 1;
  }
}

/**
 * The working-day calendar of a satker: Monday–Friday (Keppres 68/1995, Perpres
 * 21/2023) minus libur nasional and cuti bersama, in the satker's time zone.
 * Pure: the year data comes in from loadCalendar; years without data are asked
 * of a drafter (date-holidays) and say "draf" in every reason they give.
 */
import { DateTime } from 'luxon';
import type { CalendarEntry, CalendarYear } from './calendarYear.ts';

export interface WorkingCalendar {
  zone: string; // IANA zone of the satker: Asia/Jakarta (WIB, default), Asia/Makassar (WITA), Asia/Jayapura (WIT)
  version: string; // e.g. "2025:v1,2026:v1,2027:draft-v1" — recorded with each computed deadline
  isWorkingDay(isoDate: string): boolean; // 'YYYY-MM-DD' local date
  closedReason(isoDate: string): string | null; // 'Sabtu', 'Minggu', 'Libur nasional: …', 'Cuti bersama: …'
}

export interface WorkingCalendarOptions {
  zone: string;
  years: CalendarYear[];
  draft?: (year: number) => CalendarYear; // supplies a year that has no data
}

/** The version label of one year's data: "2026:v1", "2027:draft-v1", "2028:draft-auto". */
export function yearLabel(year: CalendarYear): string {
  if (year.generatedFrom) return `${year.year}:draft-auto`;
  return `${year.year}:${year.status === 'draft' ? 'draft-' : ''}v${year.version}`;
}

function entryReason(entry: CalendarEntry, year: CalendarYear): string {
  const kind = entry.kind === 'libur_nasional' ? 'Libur nasional' : 'Cuti bersama';
  const marks = [year.status === 'draft' ? 'draf' : '', entry.tentative ? 'tanggal belum pasti' : ''].filter(Boolean);
  return `${kind}${marks.length > 0 ? ` (${marks.join(', ')})` : ''}: ${entry.name} (${entry.source})`;
}

/** The same calendar (its holidays, its version) counting instants in another zone: a unit in WITA under a WIB office. */
export function inZone(calendar: WorkingCalendar, zone: string): WorkingCalendar {
  if (zone === calendar.zone) return calendar;
  return {
    zone,
    get version() { return calendar.version; },
    isWorkingDay: (isoDate) => calendar.isWorkingDay(isoDate),
    closedReason: (isoDate) => calendar.closedReason(isoDate),
  };
}

/** Builds a WorkingCalendar from year data; dates in years without data are drafted on first use. */
export function createWorkingCalendar(options: WorkingCalendarOptions): WorkingCalendar {
  const years = new Map<number, CalendarYear>(options.years.map((y) => [y.year, y]));
  const byDate = new Map<string, string[]>();
  const index = (year: CalendarYear): void => {
    for (const entry of year.entries) byDate.set(entry.date, [...(byDate.get(entry.date) ?? []), entryReason(entry, year)]);
  };
  years.forEach(index);

  const yearOf = (year: number): void => {
    if (years.has(year) || !options.draft) return;
    const drafted = options.draft(year);
    years.set(year, drafted);
    index(drafted);
  };

  const versionOf = { size: -1, label: '' };
  // Every deadline asks about the same few hundred dates; the answers never change for a calendar.
  const answers = new Map<string, string | null>();
  const closedReason = (isoDate: string): string | null => {
    const known = answers.get(isoDate);
    if (known !== undefined) return known;
    const day = /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? DateTime.fromISO(isoDate, { zone: 'UTC' }) : null;
    if (!day || !day.isValid) throw new Error(`Tanggal "${isoDate}" tidak sah; tulis sebagai YYYY-MM-DD.`);
    yearOf(day.year);
    const reasons = [day.weekday === 6 ? 'Sabtu' : day.weekday === 7 ? 'Minggu' : '', ...(byDate.get(isoDate) ?? [])].filter(Boolean);
    const answer = reasons.length > 0 ? reasons.join('; ') : null;
    answers.set(isoDate, answer);
    return answer;
  };

  return {
    zone: options.zone,
    get version(): string {
      // Recorded with every deadline: built once per set of years, not on every call.
      if (versionOf.size !== years.size) {
        versionOf.size = years.size;
        versionOf.label = [...years.values()].sort((a, b) => a.year - b.year).map(yearLabel).join(',');
      }
      return versionOf.label;
    },
    isWorkingDay: (isoDate) => closedReason(isoDate) === null,
    closedReason,
  };
}

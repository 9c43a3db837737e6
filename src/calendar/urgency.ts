/**
 * How urgent an open step is, one rule for every screen (the worklist's badge and the monitor's
 * "jatuh tempo ≤ 1 hari kerja" alike): late once the server marked the breach or its due time has
 * passed; *segera* when it is due by the end of the next working day on the office's calendar (so
 * a step due after a long weekend or Lebaran is *segera* exactly when the calendar says); else
 * *biasa*; a step without a tenggat has none. Pure: `now` is given.
 */
import { addDays, endOfDay, localDayOf } from './localDate.ts';
import type { WorkingCalendar } from './workingCalendar.ts';

export type Urgency = 'terlambat' | 'segera' | 'biasa' | 'tanpa-tenggat';

/** The last second of the first working day after `now`'s office date: what "within 1 hari kerja" reaches. */
export function endOfNextWorkingDay(now: string, calendar: WorkingCalendar): string {
  let day = localDayOf(now, calendar.zone) as string;
  for (let i = 0; i < 60; i++) {
    day = addDays(day, 1);
    if (calendar.isWorkingDay(day)) break;
  }
  return endOfDay(day, calendar.zone);
}

export function urgencyOf(step: { due?: string | undefined; late: boolean }, now: string, soonUntil: string): Urgency {
  if (step.late) return 'terlambat';
  if (!step.due) return 'tanpa-tenggat';
  const due = Date.parse(step.due);
  if (due <= Date.parse(now)) return 'terlambat';
  return due <= Date.parse(soonUntil) ? 'segera' : 'biasa';
}

/**
 * Walking over a WorkingCalendar: counting hari kerja and moving a date off a
 * closed day, while recording every day passed over with the reason it was
 * passed over. That record is what lets a court defend the deadline.
 */
import type { Roll } from '../sop/waktuSpec.ts';
import { addDays } from './localDate.ts';
import type { WorkingCalendar } from './workingCalendar.ts';

export interface SkippedDay {
  date: string;
  reason: string;
}

/** Days on which a pausable clock stands still ("Jeda: mediasi"), by local date. */
export type PausedDays = ReadonlyMap<string, string>;

const NO_PAUSE: PausedDays = new Map();

/** Counts `n` working days after (or, with direction -1, before) a date; the date itself is not counted (HIR 391). */
export function addHariKerja(
  calendar: WorkingCalendar,
  from: string,
  n: number,
  direction: 1 | -1 = 1,
  paused: PausedDays = NO_PAUSE,
): { date: string; skipped: SkippedDay[] } {
  const skipped: SkippedDay[] = [];
  let date = from;
  for (let counted = 0; counted < n; ) {
    date = addDays(date, direction);
    const closed = calendar.closedReason(date);
    const pause = paused.get(date);
    if (closed !== null) skipped.push({ date, reason: closed });
    else if (pause !== undefined) skipped.push({ date, reason: pause });
    else counted++;
  }
  return { date, skipped };
}

/** Moves a date that is not a working day to the next (forward) or previous (backward) working day. */
export function rollToWorkingDay(calendar: WorkingCalendar, date: string, roll: Roll): { date: string; skipped: SkippedDay[] } {
  const skipped: SkippedDay[] = [];
  if (roll === 'none') return { date, skipped };
  let current = date;
  for (let reason = calendar.closedReason(current); reason !== null; reason = calendar.closedReason(current)) {
    skipped.push({ date: current, reason });
    current = addDays(current, roll === 'forward' ? 1 : -1);
  }
  return { date: current, skipped };
}

/** Extends a calendar count past the paused days it contains: each paused day adds one unpaused day at the end. */
export function extendPastPauses(from: string, to: string, paused: PausedDays): { date: string; skipped: SkippedDay[] } {
  const skipped: SkippedDay[] = [];
  if (paused.size === 0) return { date: to, skipped };
  let extra = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
    const pause = paused.get(d);
    if (pause !== undefined) {
      skipped.push({ date: d, reason: pause });
      extra++;
    }
  }
  let date = to;
  while (extra > 0) {
    date = addDays(date, 1);
    const pause = paused.get(date);
    if (pause !== undefined) skipped.push({ date, reason: pause });
    else extra--;
  }
  return { date, skipped };
}

/**
 * A row of GET /api/worklist as the server declares it (src/store/worklistRow.ts, read by type
 * only): an open step of some case with its due time, its claim, and how urgent it is — judged by
 * the server on the office's working-day calendar (src/calendar/urgency.ts).
 */
import type { Urgency } from '../../src/calendar/urgency.ts';
import type { WorklistRow } from '../../src/store/worklistRow.ts';

export type { Urgency } from '../../src/calendar/urgency.ts';

export type WorkItem = WorklistRow;

/** The server's urgency, and late once the due time has passed since it answered (the list is read again every half minute). */
export function urgencyOf(step: { due?: string | undefined; late: boolean; urgency?: Urgency }, now: number = Date.now()): Urgency {
  if (step.late || (step.due !== undefined && Date.parse(step.due) <= now)) return 'terlambat';
  return step.urgency ?? (step.due ? 'biasa' : 'tanpa-tenggat');
}

/** Orders by due time, overdue first; steps without a due time last, oldest first. */
export function byDue(now: number = Date.now()): (a: WorkItem, b: WorkItem) => number {
  const rank = (item: WorkItem) => (urgencyOf(item, now) === 'terlambat' ? 0 : item.due ? 1 : 2);
  return (a, b) => rank(a) - rank(b)
    || (a.due && b.due ? Date.parse(a.due) - Date.parse(b.due) : 0)
    || Date.parse(a.startedAt) - Date.parse(b.startedAt);
}

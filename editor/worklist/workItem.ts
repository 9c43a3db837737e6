/**
 * A row of GET /api/worklist: an open step of some case with its due time and its claim, and how urgent it is for the person reading the list.
 */
export interface WorkItem {
  caseId: string;
  processId: string;
  stepId: string;
  name?: string;
  pelaksana?: string;
  startedAt: string;
  due?: string;
  late: boolean;
  claimedBy?: string;
  claimedAt?: string;
  /** The case's business key (nomor perkara …), when it has one. */
  businessKey?: string;
}

export type Urgency = 'terlambat' | 'segera' | 'biasa' | 'tanpa-tenggat';

const DAY = 24 * 60 * 60 * 1000;

/** Late when the server marked it so or its due time has passed; `segera` when due within a day. */
export function urgencyOf(step: { due?: string | undefined; late: boolean }, now: number = Date.now()): Urgency {
  if (step.late) return 'terlambat';
  if (!step.due) return 'tanpa-tenggat';
  const left = Date.parse(step.due) - now;
  if (left <= 0) return 'terlambat';
  return left <= DAY ? 'segera' : 'biasa';
}

/** Orders by due time, overdue first; steps without a due time last, oldest first. */
export function byDue(now: number = Date.now()): (a: WorkItem, b: WorkItem) => number {
  const rank = (item: WorkItem) => (urgencyOf(item, now) === 'terlambat' ? 0 : item.due ? 1 : 2);
  return (a, b) => rank(a) - rank(b)
    || (a.due && b.due ? Date.parse(a.due) - Date.parse(b.due) : 0)
    || Date.parse(a.startedAt) - Date.parse(b.startedAt);
}

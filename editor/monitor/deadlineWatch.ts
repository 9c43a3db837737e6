/** The deadline watch: which open steps are late, which are due soon, and how they spread over SOPs and pelaksana. */
import { urgencyOf } from '../worklist/workItem.ts';
import type { WatchedStep } from './openWork.ts';

export interface WatchCount {
  key: string;
  label: string;
  open: number;
  late: number;
  dueSoon: number;
}

export interface DeadlineWatch {
  open: WatchedStep[];
  /** Past due (or marked late by the server), oldest due first. */
  late: WatchedStep[];
  /** Not late, due by the end of the next working day (the server's urgency "segera"), soonest first. */
  dueSoon: WatchedStep[];
  bySop: WatchCount[];
  byPelaksana: WatchCount[];
}

/** Late: the server marked the breach, or the due time has passed and the timer has not yet run. */
export function isLate(step: WatchedStep, now: number): boolean {
  return urgencyOf(step, now) === 'terlambat';
}

const byDue = (a: WatchedStep, b: WatchedStep) => Date.parse(a.due ?? '') - Date.parse(b.due ?? '') || a.caseId.localeCompare(b.caseId);

/** Sorts the open steps into the watch as of `now`, by the urgency the server gave each. */
export function watchDeadlines(open: WatchedStep[], now: number): DeadlineWatch {
  const late = open.filter((step) => isLate(step, now)).sort(byDue);
  const dueSoon = open.filter((step) => urgencyOf(step, now) === 'segera').sort(byDue);
  const lateSet = new Set(late);
  const soonSet = new Set(dueSoon);
  const count = (keyOf: (step: WatchedStep) => [string, string]): WatchCount[] => {
    const counts = new Map<string, WatchCount>();
    for (const step of open) {
      const [key, label] = keyOf(step);
      const row = counts.get(key) ?? { key, label, open: 0, late: 0, dueSoon: 0 };
      row.open++;
      if (lateSet.has(step)) row.late++;
      if (soonSet.has(step)) row.dueSoon++;
      counts.set(key, row);
    }
    return [...counts.values()].sort((a, b) => b.late - a.late || b.open - a.open || a.label.localeCompare(b.label));
  };
  return {
    open, late, dueSoon,
    bySop: count((step) => [step.processId, step.processName ? `${step.processName} (${step.processId})` : step.processId]),
    byPelaksana: count((step) => [step.pelaksana ?? '', step.pelaksanaName ?? step.pelaksana ?? '(tanpa pelaksana)']),
  };
}

/**
 * The case as it stood after each log entry, rebuilt from the entries alone: the steps open
 * (started and not yet ended; none once the case is no longer active), the nodes passed, the
 * status and the variables the commands carried. A reading aid for the step-through; the
 * server's replay is what proves the states.
 */
import type { LogRow } from './logEntry.ts';

export interface StateAfter {
  seq: number;
  status: string;
  /** Open steps with their due time, when one was set. */
  active: { step: string; due?: string }[];
  /** Nodes visited and steps ended so far that are not open now. */
  done: string[];
  vars: Record<string, unknown>;
  notes: readonly string[];
}

/** One state per row, in log order. */
export function statesAfter(rows: readonly LogRow[]): StateAfter[] {
  const open = new Map<string, string | undefined>();
  const passed = new Set<string>();
  let vars: Record<string, unknown> = {};
  return rows.map((row) => {
    const entry = row.entry;
    for (const step of entry.stepsEnded) { open.delete(step); passed.add(step); }
    for (const node of entry.visited) passed.add(node);
    for (const step of entry.stepsStarted) open.set(step, undefined);
    for (const deadline of entry.deadlines) if (open.has(deadline.step)) open.set(deadline.step, deadline.due);
    if (entry.status !== 'active') open.clear();
    if (entry.data) vars = { ...vars, ...entry.data };
    return {
      seq: row.seq,
      status: entry.status,
      active: [...open].map(([step, due]) => (due ? { step, due } : { step })),
      done: [...passed].filter((node) => !open.has(node)),
      vars,
      notes: entry.notes,
    };
  });
}

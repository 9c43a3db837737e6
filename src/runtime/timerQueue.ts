/**
 * Due timer rows of the in-process runtime, keyed by (case, timer key). A durable store keeps
 * the same rows in a table with an index on the due time (issue 4); this is its in-memory twin.
 */
import { DateTime, Duration } from 'luxon';
import type { TimerRow } from './caseRecord.ts';

/** The next firing of a cycle timer row that has fired, or undefined when it has no more. */
export function nextCycle(row: TimerRow): TimerRow | undefined {
  if (!row.every || row.remaining === 0) return undefined;
  const due = DateTime.fromISO(row.due, { setZone: true }).plus(Duration.fromISO(row.every)).toISO({ suppressMilliseconds: true }) as string;
  return { ...row, due, remaining: row.remaining === null || row.remaining === undefined ? null : row.remaining - 1 };
}

export class TimerQueue {
  private readonly byCase = new Map<string, Map<string, TimerRow>>();

  /** Adds or replaces a timer row (a step re-entered in a loop replaces its old row). */
  upsert(row: TimerRow): void {
    let rows = this.byCase.get(row.caseId);
    if (!rows) this.byCase.set(row.caseId, (rows = new Map()));
    rows.set(row.key, row);
  }

  remove(caseId: string, key: string): void {
    this.byCase.get(caseId)?.delete(key);
  }

  removeCase(caseId: string): void {
    this.byCase.delete(caseId);
  }

  private *rows(): Iterable<TimerRow> {
    for (const rows of this.byCase.values()) yield* rows.values();
  }


  /** The earliest row due at or before `now`, if any. */
  nextDue(now: string): TimerRow | undefined {
    const limit = Date.parse(now);
    let best: TimerRow | undefined;
    for (const row of this.rows()) {
      const due = Date.parse(row.due);
      if (due <= limit && (!best || due < Date.parse(best.due))) best = row;
    }
    return best;
  }

  /** The earliest due instant of all rows (for a simulated clock to jump to). */
  earliest(): string | undefined {
    let best: TimerRow | undefined;
    for (const row of this.rows()) if (!best || Date.parse(row.due) < Date.parse(best.due)) best = row;
    return best?.due;
  }

  /** Every row. */
  all(): TimerRow[] {
    return [...this.rows()];
  }

  /** The rows of one case. */
  forCase(caseId: string): TimerRow[] {
    return [...(this.byCase.get(caseId)?.values() ?? [])];
  }

  get size(): number {
    let size = 0;
    for (const rows of this.byCase.values()) size += rows.size;
    return size;
  }
}

/**
 * The durable runtime's timers: the rows that came due delivered in one transaction (on
 * PostgreSQL locked with SKIP LOCKED, so several server processes deliver each exactly once), a
 * row that fails on its own set aside, and the schedules of recurring SOPs kept as timer rows of
 * their own (src/runtime/startSchedule.ts, as the in-memory engine keeps them).
 */
import type { WorkingCalendar } from '../calendar/workingCalendar.ts';
import type { TimerRow } from '../runtime/caseRecord.ts';
import type { Definition } from '../runtime/definition.ts';
import { scheduleDue, scheduledProcess, scheduleId, scheduleRows } from '../runtime/startSchedule.ts';
import { StoreConflict, type CaseStore } from './caseStore.ts';
import { timerKey, Unit } from './commandUnit.ts';
import type { CommandRunner } from './commandRunner.ts';
import type { DurableDefinitions } from './durableDefinitions.ts';

export class DurableTimers {
  /** Timer rows that failed on their own: left in the store, skipped by this process. */
  private readonly poisoned = new Set<string>();

  constructor(
    private readonly store: CaseStore,
    private readonly runner: CommandRunner,
    private readonly definitions: DurableDefinitions,
    private readonly calendar: () => WorkingCalendar,
    private readonly clock: () => string,
    private readonly onError: (error: unknown, context: string) => void,
    private readonly onNote: (message: string, details: Record<string, unknown>) => void = () => {},
  ) {}

  /**
   * Delivers the timers due at or before `now` (at most `limit`, earliest first) in one
   * transaction; returns how many rows were taken. When another command changed one of the
   * batch's cases first, the batch rolls back and its rows go again one transaction each, so a
   * busy case holds back only its own timers (before, under steady load on two nodes a batch
   * nearly always met one such case, and hardly any timer fired until the load stopped).
   */
  async fire(now: string, limit: number): Promise<number> {
    const batch = await this.fireBatch(now, limit, new Set());
    if (batch !== 'conflict') return batch;
    const deferred = new Set<string>();
    let fired = 0;
    for (let taken = 0; taken < limit; taken++) {
      const one = await this.fireBatch(now, 1, deferred);
      if (one === 0) break;
      if (one !== 'conflict') fired += one;
    }
    if (deferred.size > 0) this.onNote('timer ditunda ke putaran berikutnya: kasusnya sedang diubah perintah lain', { deferred: deferred.size, fired });
    return fired;
  }

  /** One transaction over the due rows not in `skip`; 'conflict' (the rows then added to `skip`) when another command changed one of their cases first. */
  private async fireBatch(now: string, limit: number, skip: Set<string>): Promise<number | 'conflict'> {
    let current: TimerRow | undefined;
    let unit: Unit | undefined;
    let rows: TimerRow[] = [];
    try {
      const fired = await this.store.transaction(async (tx) => {
        const claimed = await tx.claimDueTimers(now, limit + this.poisoned.size + skip.size);
        rows = claimed.filter((row) => !this.poisoned.has(timerKey(row)) && !skip.has(timerKey(row))).slice(0, limit);
        unit = new Unit(tx, this.runner, true);
        for (const row of rows) {
          current = row;
          await this.deliver(unit, row);
        }
        current = undefined;
        await unit.flush(this.clock());
        return rows.length;
      });
      if (unit) this.runner.committed(unit);
      return fired;
    } catch (error) {
      // Another command changed one of the cases first: the rows are still there.
      if (error instanceof StoreConflict) {
        if (limit === 1) for (const row of rows) skip.add(timerKey(row));
        return 'conflict';
      }
      if (!current) throw error;
      this.poisoned.add(timerKey(current));
      this.onError(error, `timer ${current.key} kasus ${current.caseId} gagal dijalankan dan dilewati sampai server dimulai ulang`);
      return 0;
    }
  }

  /** Writes the schedule of a definition's timer start events as timer rows (replacing an earlier version's). */
  async schedule(definition: Definition, at: string): Promise<void> {
    const set = scheduleRows(definition, this.calendar(), at);
    await this.store.transaction(async (tx) => tx.write([], { clearedCases: [scheduleId(definition.processId)], set, removed: [] }));
  }

  private async deliver(unit: Unit, row: TimerRow): Promise<void> {
    const processId = scheduledProcess(row);
    if (processId !== undefined) {
      // A scheduled case starts on the latest version, wherever it was deployed.
      await this.definitions.ensureLatest(processId);
      const { start, next } = scheduleDue(row, this.definitions.get(processId), this.calendar());
      if (next) unit.upsert(next);
      else unit.remove(row.caseId, row.key);
      if (start) unit.work.start(processId, start);
      return;
    }
    const record = await unit.load(row.caseId);
    if (!record || record.status !== 'active') unit.remove(row.caseId, row.key);
    else unit.work.fire(record, row);
  }
}

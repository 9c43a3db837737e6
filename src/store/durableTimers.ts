/**
 * The durable runtime's timers: the rows that came due delivered in one transaction (on
 * PostgreSQL locked with SKIP LOCKED, so several server processes deliver each exactly once), a
 * row that fails on its own set aside, and the schedules of recurring SOPs kept as timer rows of
 * their own (case id `jadwal:<processId>`).
 */
import type { WorkingCalendar } from '../calendar/workingCalendar.ts';
import type { TimerRow } from '../runtime/caseRecord.ts';
import { calendarOf, type Definition } from '../runtime/definition.ts';
import { nextStart } from '../runtime/startSchedule.ts';
import { StoreConflict, type CaseStore } from './caseStore.ts';
import { timerKey, Unit } from './commandUnit.ts';
import type { CommandRunner } from './commandRunner.ts';
import type { DurableDefinitions } from './durableDefinitions.ts';
import { runTimerService, type TimerService, type TimerServiceOptions } from './timerService.ts';

/** Scheduled starts of recurring SOPs live in the timer table under this case id prefix. */
const SCHEDULE_PREFIX = 'jadwal:';
const SCHEDULE_EVENT = 'START';

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
  ) {}

  /** Delivers the timers due at or before `now` (at most `limit`, earliest first) in one transaction; returns how many rows were taken. */
  async fire(now: string, limit: number): Promise<number> {
    let current: TimerRow | undefined;
    let unit: Unit | undefined;
    try {
      const fired = await this.store.transaction(async (tx) => {
        const rows = (await tx.claimDueTimers(now, limit + this.poisoned.size)).filter((row) => !this.poisoned.has(timerKey(row))).slice(0, limit);
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
      // Another command changed one of the cases first: the rows are still there for the next round.
      if (error instanceof StoreConflict) return 0;
      if (!current) throw error;
      this.poisoned.add(timerKey(current));
      this.onError(error, `timer ${current.key} kasus ${current.caseId} gagal dijalankan dan dilewati sampai server dimulai ulang`);
      return 0;
    }
  }

  /** Delivers due timers on its own until stopped: at once for those that came due while the server was down, then every `pollMs`. */
  startService(options: TimerServiceOptions = {}): TimerService {
    return runTimerService(() => this.fire(this.clock(), options.batch ?? 256), this.onError, options);
  }

  /** Writes the schedule of a definition's timer start events as timer rows (replacing an earlier version's). */
  async schedule(definition: Definition, at: string): Promise<void> {
    const caseId = `${SCHEDULE_PREFIX}${definition.processId}`;
    const set: TimerRow[] = [];
    for (const { node, timer } of definition.startTimers) {
      const next = nextStart(timer, calendarOf(definition, this.calendar()), at);
      if (next) set.push({ caseId, key: node, due: next.due, event: SCHEDULE_EVENT, every: 'jadwal', remaining: next.remaining });
    }
    await this.store.transaction(async (tx) => tx.write([], { clearedCases: [caseId], set, removed: [] }));
  }

  private async deliver(unit: Unit, row: TimerRow): Promise<void> {
    if (row.caseId.startsWith(SCHEDULE_PREFIX)) {
      const processId = row.caseId.slice(SCHEDULE_PREFIX.length);
      const definition = this.definitions.get(processId);
      const start = definition.startTimers.find((s) => s.node === row.key);
      const next = start && nextStart(start.timer, calendarOf(definition, this.calendar()), row.due, { due: row.due, remaining: row.remaining ?? null });
      if (next) unit.upsert({ ...row, due: next.due, remaining: next.remaining });
      else unit.remove(row.caseId, row.key);
      if (start) unit.work.start(processId, { at: row.due, actor: 'jadwal', startEvent: row.key });
      return;
    }
    const record = await unit.load(row.caseId);
    if (!record || record.status !== 'active') unit.remove(row.caseId, row.key);
    else unit.work.fire(record, row);
  }
}

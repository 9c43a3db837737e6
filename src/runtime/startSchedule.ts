/**
 * Timer start events: when the engine starts the next case of a recurring SOP by itself
 * ("Setiap hari", "Paling lambat tanggal 5 setiap bulannya", "3 bulan sekali", R12/P1M …).
 * A waktu schedule starts its case at 00:00 of the occurrence's day, so the SOP's own steps
 * count their deadlines from that day; ISO timers start at their exact instant.
 */
import { DateTime, Duration } from 'luxon';
import type { TimerSpec } from '../compile/timerSpec.ts';
import { computeDue } from '../calendar/computeDue.ts';
import { addDays, startOfDay } from '../calendar/localDate.ts';
import type { WorkingCalendar } from '../calendar/workingCalendar.ts';
import type { TimerRow } from './caseRecord.ts';
import { calendarOf, type Definition } from './definition.ts';

/**
 * Both runtimes keep a recurring SOP's next starts as timer rows of their own, one per timer start
 * event, under the case id `jadwal:<processId>`: the in-memory engine in its timer queue, the
 * durable one in its timer table, where several server processes take each row once.
 */
const SCHEDULE_PREFIX = 'jadwal:';
const SCHEDULE_EVENT = 'START';

/** The next start of a recurring SOP: its process, its timer start event and when. */
export interface ScheduledStart {
  processId: string;
  node: string;
  due: string;
  /** Cycles: starts left after this one (null: unbounded). */
  remaining: number | null;
}

/** The case id under which a process's schedule rows are kept. */
export function scheduleId(processId: string): string {
  return `${SCHEDULE_PREFIX}${processId}`;
}

/** The process whose schedule a timer row is, or undefined for a case's own timer. */
export function scheduledProcess(row: Pick<TimerRow, 'caseId'>): string | undefined {
  return row.caseId.startsWith(SCHEDULE_PREFIX) ? row.caseId.slice(SCHEDULE_PREFIX.length) : undefined;
}

function asScheduledStart(row: TimerRow): ScheduledStart {
  return { processId: scheduledProcess(row) ?? row.caseId, node: row.key, due: row.due, remaining: row.remaining ?? null };
}

/** The next starts kept in these timer rows (case rows are passed over), earliest first. */
export function scheduledStarts(rows: Iterable<TimerRow>): ScheduledStart[] {
  const starts: ScheduledStart[] = [];
  for (const row of rows) if (scheduledProcess(row) !== undefined) starts.push(asScheduledStart(row));
  return starts.sort((x, y) => Date.parse(x.due) - Date.parse(y.due));
}

/** The schedule rows of a definition deployed at `at`: each timer start event's first start (replacing an earlier version's rows). */
export function scheduleRows(definition: Definition, calendar: WorkingCalendar, at: string): TimerRow[] {
  const caseId = scheduleId(definition.processId);
  const rows: TimerRow[] = [];
  for (const { node, timer } of definition.startTimers) {
    const next = nextStart(timer, calendarOf(definition, calendar), at);
    if (next) rows.push({ caseId, key: node, due: next.due, event: SCHEDULE_EVENT, every: 'jadwal', remaining: next.remaining });
  }
  return rows;
}

/**
 * A schedule row came due: the case to start (none when the deployed version no longer has that
 * start event) and the row of the start after it (none when the schedule is spent).
 */
export function scheduleDue(row: TimerRow, definition: Definition, calendar: WorkingCalendar): {
  start?: { processId: string; startEvent: string; at: string; actor: string };
  next?: TimerRow;
} {
  const start = definition.startTimers.find((s) => s.node === row.key);
  if (!start) return {};
  const next = nextStart(start.timer, calendarOf(definition, calendar), row.due, { due: row.due, remaining: row.remaining ?? null });
  return {
    start: { processId: definition.processId, startEvent: row.key, at: row.due, actor: 'jadwal' },
    ...(next ? { next: { ...row, due: next.due, remaining: next.remaining } } : {}),
  };
}

const iso = (instant: DateTime): string => instant.toISO({ suppressMilliseconds: true }) as string;

/**
 * The first start of a timer start event deployed at `deployedAt`, or the one after `previous`;
 * undefined when there is none (a one-off timer already used, a cycle whose repeats are spent).
 */
export function nextStart(
  timer: TimerSpec, calendar: WorkingCalendar, deployedAt: string, previous?: { due: string; remaining: number | null },
): { due: string; remaining: number | null } | undefined {
  const zone = calendar.zone;
  switch (timer.kind) {
    case 'duration':
      return previous ? undefined : { due: iso(DateTime.fromISO(deployedAt, { setZone: true }).plus(Duration.fromISO(timer.iso))), remaining: 0 };
    case 'date':
      return previous ? undefined : { due: iso(DateTime.fromISO(timer.iso, { zone, setZone: true })), remaining: 0 };
    case 'cycle': {
      if (previous?.remaining === 0 || timer.repeat === 0) return undefined;
      const from = DateTime.fromISO(previous?.due ?? deployedAt, { setZone: true });
      const remaining = previous ? (previous.remaining === null ? null : previous.remaining - 1) : timer.repeat === null ? null : timer.repeat - 1;
      return { due: iso(from.plus(Duration.fromISO(timer.iso))), remaining };
    }
    case 'waktu': {
      const recurring = timer.spec.kind === 'recurring' || timer.spec.kind === 'fixedDate';
      if (previous && !recurring) return undefined;
      // The next occurrence strictly after the previous one's day. An occurrence moved back off a
      // holiday ("tanggal 5" on a Sunday is Friday the 3rd) is found again from the 4th: step on
      // until the schedule gives a later day (a year of days at most).
      let from = previous ? addDays(previous.due.slice(0, 10), 1) : undefined;
      for (let tries = 0; tries < 400; tries++) {
        const result = computeDue(timer.spec, { start: from ? startOfDay(from, zone) : deployedAt, hari: 'kalender', calendar });
        if (!result.due) return undefined;
        const day = result.due.slice(0, 10);
        if (!previous || day > previous.due.slice(0, 10)) return { due: recurring ? startOfDay(day, zone) : result.due, remaining: recurring ? null : 0 };
        from = addDays(from as string, 1);
      }
      return undefined;
    }
  }
}

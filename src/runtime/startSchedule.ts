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

export interface ScheduledStart {
  processId: string;
  version: number;
  node: string;
  timer: TimerSpec;
  due: string;
  /** Cycles: starts left after this one (null: unbounded). */
  remaining: number | null;
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

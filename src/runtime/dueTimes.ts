/**
 * Due instants of a case's timers: a step's waktu penyelesaian on the working-day calendar, and
 * BPMN timers (ISO 8601 durations, dates, bounded cycles, or waktu phrases). Computed once, when
 * the step or timer starts, from the event's own timestamp; the derivation is kept with the due.
 */
import { DateTime, Duration } from 'luxon';
import type { StepMeta } from '../compile/machineConfig.ts';
import type { TimerSpec } from '../compile/timerSpec.ts';
import { computeDue, type DueResult } from '../calendar/computeDue.ts';
import type { WorkingCalendar } from '../calendar/workingCalendar.ts';

export interface DueContext {
  at: string;
  hari: 'kalender' | 'kerja';
  calendar: WorkingCalendar;
  vars: Record<string, unknown>;
  /** Completion instants of earlier steps (by id and name) and date variables, for "N Hari setelah …". */
  anchors: Record<string, string>;
}

/** The deadline of a step that has just started, or undefined when its waktu sets none. */
export function stepDeadline(step: StepMeta, ctx: DueContext): DueResult | undefined {
  if (!step.waktuSpec) return undefined;
  let start = ctx.at;
  if (step.waktuDari) {
    const anchor = ctx.anchors[step.waktuDari] ?? (typeof ctx.vars[step.waktuDari] === 'string' ? (ctx.vars[step.waktuDari] as string) : undefined);
    if (anchor && DateTime.fromISO(anchor).isValid) start = anchor;
  }
  const result = computeDue(step.waktuSpec, { start, hari: ctx.hari, calendar: ctx.calendar, anchors: ctx.anchors, vars: ctx.vars });
  return result.due === null ? undefined : result;
}

export interface TimerDue {
  due: string;
  explanation: string;
  /** Cycles: how many more times it fires after this one (null: unbounded). */
  remaining?: number | null;
}

/** When a BPMN timer started at `ctx.at` comes due, or undefined when it never does. */
export function timerDue(timer: TimerSpec, ctx: DueContext): TimerDue | undefined {
  const start = DateTime.fromISO(ctx.at, { setZone: true }).setZone(ctx.calendar.zone);
  switch (timer.kind) {
    case 'duration': {
      const due = start.plus(Duration.fromISO(timer.iso));
      return { due: due.toISO() as string, explanation: `${timer.iso} sejak ${start.toISO()}` };
    }
    case 'date': {
      const due = DateTime.fromISO(timer.iso, { zone: ctx.calendar.zone, setZone: true });
      return { due: due.toISO() as string, explanation: `tanggal tetap ${timer.iso}` };
    }
    case 'cycle': {
      if (timer.repeat === 0) return undefined;
      const due = start.plus(Duration.fromISO(timer.iso));
      return { due: due.toISO() as string, explanation: `siklus ${timer.iso}`, remaining: timer.repeat === null ? null : timer.repeat - 1 };
    }
    case 'waktu': {
      const result = computeDue(timer.spec, { start: ctx.at, hari: ctx.hari, calendar: ctx.calendar, anchors: ctx.anchors, vars: ctx.vars });
      return result.due === null ? undefined : { due: result.due, explanation: result.explanation };
    }
  }
}

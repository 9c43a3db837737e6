/**
 * Due instants of a case's timers: a step's waktu penyelesaian on the working-day calendar, and
 * BPMN timers (ISO 8601 durations, dates, bounded cycles, or waktu phrases). Computed once, when
 * the step or timer starts, from the event's own timestamp; the derivation is kept with the due.
 */
import { DateTime, Duration } from 'luxon';
import type { StepMeta } from '../compile/machineConfig.ts';
import type { TimerSpec } from '../compile/timerSpec.ts';
import type { WaktuSpec } from '../sop/waktuSpec.ts';
import { computeDue, type DueResult } from '../calendar/computeDue.ts';
import { instantText, localDate, localDayOf, readInstant } from '../calendar/localDate.ts';
import type { WorkingCalendar } from '../calendar/workingCalendar.ts';

export interface DueContext {
  at: string;
  hari: 'kalender' | 'kerja';
  calendar: WorkingCalendar;
  vars: Record<string, unknown>;
  /** Completion instants of earlier steps (by id and name) and date variables, for "N Hari setelah …"; built only when a phrase needs them. */
  anchors: () => Record<string, string>;
}

/**
 * True when a waktu's deadline depends only on the calendar day the step starts (not the hour,
 * not case data): every step started that day with that phrase gets the same deadline.
 */
function dependsOnStartDayOnly(spec: WaktuSpec): boolean {
  if (spec.kind === 'duration') return spec.unit !== 'hour' && spec.unit !== 'minute' && spec.anchor.kind !== 'event' && !spec.pausable;
  return spec.kind === 'sameDay' || spec.kind === 'fixedDate' || spec.kind === 'recurring' || spec.kind === 'none';
}

// Deadlines of start-day-only phrases, by phrase, meaning of "Hari", local start day and calendar version.
const byStartDay = new Map<string, DueResult>();
const START_LABEL = 'mulai langkah ';

/** The deadline (or, for a minimum gap, the earliest moment) of a step that has just started; undefined when its waktu sets neither. */
export function stepDeadline(step: StepMeta, ctx: DueContext): DueResult | undefined {
  if (!step.waktuSpec) return undefined;
  let start = ctx.at;
  if (step.waktuDari) {
    const anchor = ctx.anchors()[step.waktuDari] ?? (typeof ctx.vars[step.waktuDari] === 'string' ? (ctx.vars[step.waktuDari] as string) : undefined);
    if (anchor && DateTime.fromISO(anchor).isValid) start = anchor;
  }
  const spec = step.waktuSpec;
  const day = dependsOnStartDayOnly(spec) ? localDay(start, ctx.calendar.zone) : undefined;
  const key = day && `${spec.verbatim}\u0000${ctx.hari}\u0000${day}\u0000${ctx.calendar.zone}\u0000${ctx.calendar.version}`;
  let result = key ? byStartDay.get(key) : undefined;
  if (result && result.derivation.anchor.startsWith(START_LABEL)) {
    // Written as computeDue writes it (a bare date from waktuDari as its midnight, in the zone's offset), so a cached deadline reads the same.
    result = { ...result, derivation: { ...result.derivation, anchor: `${START_LABEL}${instantText(start, ctx.calendar.zone)}` } };
  } else if (!result) {
    result = computeDue(spec, { start, hari: ctx.hari, calendar: ctx.calendar, anchors: ctx.anchors(), vars: ctx.vars });
    if (key) {
      if (byStartDay.size >= 50_000) byStartDay.clear();
      byStartDay.set(key, result);
    }
  }
  return result.due === null && !result.notBefore ? undefined : result;
}

function localDay(instant: string, zone: string): string | undefined {
  // A start that is not a full instant (a bare date from waktuDari) goes the long way.
  const fast = localDayOf(instant, zone);
  if (fast) return fast;
  try {
    return localDate(readInstant(instant, zone, 'mulai'));
  } catch {
    return undefined; // computeDue reports the bad start itself
  }
}

const iso = (instant: DateTime): string => instant.toISO({ suppressMilliseconds: true }) as string;

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
      return { due: iso(due), explanation: `${timer.iso} sejak ${iso(start)}` };
    }
    case 'date': {
      const due = DateTime.fromISO(timer.iso, { zone: ctx.calendar.zone, setZone: true });
      return { due: iso(due), explanation: `tanggal tetap ${timer.iso}` };
    }
    case 'cycle': {
      if (timer.repeat === 0) return undefined;
      const due = start.plus(Duration.fromISO(timer.iso));
      return { due: iso(due), explanation: `siklus ${timer.iso}`, remaining: timer.repeat === null ? null : timer.repeat - 1 };
    }
    case 'waktu': {
      const result = computeDue(timer.spec, { start: ctx.at, hari: ctx.hari, calendar: ctx.calendar, anchors: ctx.anchors(), vars: ctx.vars });
      return result.due === null ? undefined : { due: result.due, explanation: result.explanation };
    }
  }
}

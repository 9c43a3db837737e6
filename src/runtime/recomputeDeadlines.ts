/**
 * Recomputes the deadlines of a case's open steps on a corrected calendar: only steps not yet
 * late and whose deadline is still ahead move (sop-standard §4.3: never reopen a breach).
 */
import { deadlineEvent } from '../compile/eventTypes.ts';
import type { WorkingCalendar } from '../calendar/workingCalendar.ts';
import { WaktuDataError } from '../calendar/waktuDataError.ts';
import { anchorsOf } from './applyDecision.ts';
import type { CaseRecord } from './caseRecord.ts';
import { contextOf } from './decide.ts';
import { calendarOf, type Definition } from './definition.ts';
import { stepDeadline } from './dueTimes.ts';
import type { TimerRows } from './applyDecision.ts';

export interface DeadlineChange {
  caseId: string;
  step: string;
  before: string;
  after: string;
  explanation: string;
}

/** Moves the open, not yet missed deadlines of one case to what the calendar now says. */
export function recomputeDeadlines(record: CaseRecord, definition: Definition, calendar: WorkingCalendar, timers: TimerRows, at: string): DeadlineChange[] {
  const context = contextOf(record.snapshot);
  const changes: DeadlineChange[] = [];
  for (const step of record.steps.values()) {
    const meta = definition.steps.get(step.id);
    if (!meta?.waktuSpec || step.late || !step.due || Date.parse(step.due) <= Date.parse(at)) continue;
    let result;
    try {
      result = stepDeadline(meta, { at: step.startedAt, hari: definition.hari, calendar: calendarOf(definition, calendar), vars: context.vars, anchors: () => anchorsOf(record, context.vars) });
    } catch (error) {
      if (error instanceof WaktuDataError) continue; // the deadline could not be computed before either
      throw error;
    }
    if (!result?.due || result.due === step.due) continue;
    changes.push({ caseId: record.id, step: step.id, before: step.due, after: result.due, explanation: result.explanation });
    record.steps.set(step.id, Object.freeze({ ...step, due: result.due, dueExplanation: result.explanation, derivation: result.derivation }));
    timers.upsert({ caseId: record.id, key: `DEADLINE:${step.id}`, due: result.due, event: deadlineEvent(step.id) });
  }
  return changes;
}

/** The records the runtime keeps per case: open steps, timer rows, history, links to child cases. */
import type { CaseEvent } from '../compile/eventTypes.ts';
import type { StepMeta } from '../compile/machineConfig.ts';
import type { DueResult } from '../calendar/computeDue.ts';
import type { CaseSnapshot, CaseStatus } from './decide.ts';

/** A step that is open now: what the compiled step says of it, and when it started and is due. */
export interface OpenStep extends Pick<StepMeta, 'id' | 'name' | 'type' | 'completion' | 'lane' | 'pelaksana' | 'atasan' | 'waktu'> {
  startedAt: string;
  due?: string;
  /** Minimum-gap waktu ("tenggang waktu pemanggilan … 7 Hari"): the step may not be completed before this. */
  notBefore?: string;
  dueExplanation?: string;
  derivation?: DueResult['derivation'];
  late: boolean;
  /** Who has claimed the step (src/runtime/stepClaims.ts): until it ends or is released, only they complete it. */
  claimedBy?: string;
  claimedAt?: string;
}

export interface TimerRow {
  caseId: string;
  /** The timer event node id, or `DEADLINE:<stepId>` for a step's waktu penyelesaian. */
  key: string;
  due: string;
  event: string;
  /** Cycle timers: how many more firings after this one (null: unbounded). */
  remaining?: number | null;
  /** Cycle timers: the ISO duration between firings. */
  every?: string;
}

/**
 * What produced a history entry: an event fed to the machine, the start of the case (`data` the
 * start variables, `start` the start event), its cancellation by a parent, a calendar
 * correction, or a step claimed or released. Replay feeds these back in.
 */
export interface Command extends CaseEvent {
  /** START: the start event node (message or timer start); the none start when absent. */
  start?: string;
  /** CALENDAR: the calendar version deadlines were recomputed with. */
  calendarVersion?: string;
  /** START: the SHA-256 of the definition's BPMN document, pinned so replay can check the stored XML. */
  source?: string;
  /** START with `source`: the case's business key as given (absent when none), pinned for replay. */
  businessKey?: string;
  /** START of a child case with `source`: the case whose call activity started it, pinned for replay. */
  parentCase?: string;
}

export interface HistoryEntry {
  seq: number;
  at: string;
  actor: string;
  /** The event type, e.g. COMPLETE.Task_1, TIMER.Boundary_2, START. */
  event: string;
  data?: Record<string, unknown>;
  /** Nodes entered, in order. */
  visited: readonly string[];
  stepsStarted: readonly string[];
  stepsEnded: readonly string[];
  /** Deadlines set for the steps started by this event. */
  deadlines: readonly { step: string; due: string; explanation: string }[];
  status: CaseStatus;
  /** Readable notes in Indonesian (deadline set, breach escalated, child case started). */
  notes: readonly string[];
  /** The command itself, as replay feeds it back in. */
  command: Command;
}

export interface Escalation {
  step: string;
  at: string;
  /** The role the breach goes to (the lane's sop:atasan), if configured. */
  to?: string;
  reason: string;
}

export interface CaseRecord {
  id: string;
  processId: string;
  version: number;
  definitionHash: string;
  businessKey?: string;
  parent?: { caseId: string; node: string; instance: number };
  status: CaseStatus;
  snapshot: CaseSnapshot;
  steps: Map<string, OpenStep>;
  /** Call activity step id → instance → child case id. */
  children: Map<string, Map<number, string>>;
  /** When each step last completed (by id and by name): anchors for "N Hari setelah …". */
  completed: Record<string, string>;
  escalations: Escalation[];
  history: HistoryEntry[];
  startedAt: string;
  endedAt?: string;
  /**
   * How many history entries were written before this record was loaded: a durable store loads a
   * case without its log, so the next entry's sequence number is `logged + history.length + 1`.
   */
  logged: number;
}

/** The sequence number of a case's latest history entry: its revision, for optimistic concurrency. */
export function revisionOf(record: CaseRecord): number {
  return record.logged + record.history.length;
}

/**
 * A case as the API answers it — the list (GET /api/cases), one case (GET /api/cases/:id), its log
 * (GET /api/cases/:id/log), a command's answer — and the records those are made of. Types only,
 * with no Node imports, so the web app type-checks against the server's own shapes (issue 20).
 */
import type { DueResult } from '../calendar/dueTypes.ts';
import type { CaseEvent } from '../compile/eventTypes.ts';
import type { StepMeta } from '../compile/machineConfig.ts';
import type { FormSchema } from '../model/formSchema.ts';
import type { AwaitedMessage } from './awaitedMessage.ts';

/** Where a case stands. The same list as decide.ts's, which reads it off the machine (caseRecord.ts checks the two agree). */
export type CaseStatus = 'active' | 'completed' | 'terminated' | 'failed' | 'incident';

/** How a due time was counted: anchor, counting, the days skipped and the calendar version used. */
export type Derivation = DueResult['derivation'];

/** The call activity that started a child case. */
export interface CaseParent {
  caseId: string;
  node: string;
  instance: number;
}

/** A step that is open now: what the compiled step says of it, and when it started and is due. */
export interface OpenStep extends Pick<StepMeta, 'id' | 'name' | 'type' | 'completion' | 'lane' | 'pelaksana' | 'atasan' | 'waktu'> {
  startedAt: string;
  due?: string;
  /** Minimum-gap waktu ("tenggang waktu pemanggilan … 7 Hari"): the step may not be completed before this. */
  notBefore?: string;
  dueExplanation?: string;
  derivation?: Derivation;
  late: boolean;
  /** Who has claimed the step (src/runtime/stepClaims.ts): until it ends or is released, only they complete it. */
  claimedBy?: string;
  claimedAt?: string;
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

export interface StepView extends OpenStep, Partial<Pick<StepMeta, 'no' | 'kelengkapan' | 'output' | 'keterangan'>> {
  /** Multi-instance: the instance indexes open for completion now. */
  openInstances?: number[];
  /** Call activities: the child case ids by instance. */
  childCases?: string[];
  /** Person and message steps: the form its data must fit (form-js schema; no fields: it takes no data). */
  form?: FormSchema;
}

/** The read model of a case: what a worklist, a monitor or the API shows of it (GET /api/cases/:id). */
export interface CaseView {
  id: string;
  processId: string;
  processName?: string;
  version: number;
  /** The sequence number of the case's latest history entry; a command may name it to guard against racing another. */
  revision: number;
  businessKey?: string;
  parent?: CaseParent;
  status: CaseStatus;
  startedAt: string;
  endedAt?: string;
  activeSteps: StepView[];
  vars: Record<string, unknown>;
  late: string[];
  escalations: Escalation[];
  error?: { code: string; message?: string };
  incident?: { node: string; reason: string };
  history: HistoryEntry[];
  /**
   * The outside events the case can take now (a putusan pronounced, a statement received): the
   * message to send, the waiting node's name, the form its data must fit and who records it.
   */
  awaiting: AwaitedMessage[];
}

/**
 * What a command answers: the case as it is after the command, and the history entries this
 * command added to it in a field of their own (`entries`); the whole history is read with the case
 * (GET /api/cases/:id, `getCase`). The same in both runtimes.
 */
export interface CommandAnswer extends Omit<CaseView, 'history'> {
  entries: HistoryEntry[];
}

/** One case in the list GET /api/cases answers. */
export interface CaseSummary {
  id: string;
  processId: string;
  /** The definition version the case runs on. */
  version: number;
  businessKey?: string;
  status: CaseStatus;
  revision: number;
  startedAt: string;
  endedAt?: string;
}

/** One entry of GET /api/cases/:id/log: the stored log row, its hashed history entry read back. */
export interface CaseLogEntry {
  caseId: string;
  seq: number;
  at: string;
  actor: string;
  event: string;
  /** SHA-256 of the canonical snapshot the entry led to. */
  stateHash: string;
  prevHash: string;
  hash: string;
  entry: HistoryEntry;
}

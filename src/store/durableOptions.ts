/** What a durable engine is opened with, and what its commands take beyond the in-memory engine's. */
import type { WorkingCalendar } from '../calendar/workingCalendar.ts';
import type { OpenStep } from '../runtime/caseRecord.ts';
import type { CommandOptions, StartOptions } from '../runtime/caseWork.ts';
import type { BpmnChecker } from '../runtime/bpmnChecker.ts';
import type { CaseStore } from './caseStore.ts';
import type { CaseInspector } from './inspection.ts';

export interface DurableEngineOptions {
  store: CaseStore;
  /** A calendar to use as it is; by default the year files of processes/calendar overlaid with the years published through the server. */
  calendar?: WorkingCalendar;
  /** The satker's zone for the default calendar: WIB (default), WITA, WIT or an IANA name. */
  zone?: string;
  /** The current instant as ISO 8601; used only when a command does not say `at`. */
  clock?: () => string;
  newId?: () => string;
  /** Told of a timer that could not be delivered (it stays in the store and is reported once). */
  onError?: (error: unknown, context: string) => void;
  /** Told of what is worth a log line but no fault: timers deferred to the next round because their case was being changed. */
  onNote?: (message: string, details: Record<string, unknown>) => void;
  /**
   * How many recently written cases stay decoded in memory (default 1,000; 0 turns the cache off).
   * Every case that leaves the cache is garbage of the old generation, and V8 lets that grow to a
   * few times the live heap before collecting it: at 5,000 the server's heap peaked at 150 MB while
   * starting 100,000 cases, at 1,000 at 85 MB (live heap 36 and 29 MB).
   */
  cachedCases?: number;
  /**
   * Live inspection (opt-in): told of every committed command — a new case as an actor with its
   * machine, then each event and the snapshot it led to. `@statelyai/inspect`'s inspectors fit.
   */
  inspector?: CaseInspector;
  /** Where BPMN documents are read and compiled: in this thread by default; the server passes a worker thread (src/runtime/bpmnWorker.ts). */
  bpmn?: BpmnChecker;
}

export interface DurableCommandOptions extends CommandOptions {
  /** A repeated command with the same key returns the first answer and changes nothing. */
  idempotencyKey?: string;
  /** Checked against the open step inside the command's transaction (e.g. the caller holds its lane's role); throws to refuse. */
  authorize?: (step: OpenStep) => void;
  /** The revision the caller last saw: if the case has moved on since, the command is a conflict. */
  expectedRevision?: number;
}

export interface DurableStartOptions extends StartOptions {
  idempotencyKey?: string;
}

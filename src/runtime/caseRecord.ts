/** The records the runtime keeps per case: open steps, timer rows, history, links to child cases. */
import type { CaseParent, CaseStatus, Escalation, HistoryEntry, OpenStep } from './caseShapes.ts';
import type { CaseSnapshot } from './decide.ts';

// The shapes the API answers live in caseShapes.ts (no Node imports, the web app reads them too).
export type { Command, Escalation, HistoryEntry, OpenStep } from './caseShapes.ts';

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

export interface CaseRecord {
  id: string;
  processId: string;
  version: number;
  definitionHash: string;
  businessKey?: string;
  parent?: CaseParent;
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

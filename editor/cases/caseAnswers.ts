/**
 * What the API answers about cases, as the screens read it: GET /api/cases (summaries),
 * GET /api/cases/:id (src/runtime/caseView.ts) and GET /api/cases/:id/log (the hash-chained log).
 */
export interface CaseSummary {
  id: string;
  processId: string;
  version: number;
  businessKey?: string;
  status: string;
  revision: number;
  startedAt: string;
  endedAt?: string;
}

export interface Derivation {
  anchor: string;
  counting: string;
  skipped: { date: string; reason: string }[];
  calendarVersion: string;
  notes: string[];
}

export interface ActiveStep {
  id: string;
  name?: string;
  type: string;
  completion: string;
  lane?: string;
  pelaksana?: string;
  atasan?: string;
  waktu?: string;
  startedAt: string;
  due?: string;
  notBefore?: string;
  dueExplanation?: string;
  derivation?: Derivation;
  late: boolean;
  claimedBy?: string;
  claimedAt?: string;
  openInstances?: number[];
  childCases?: string[];
}

/** An outside event the case can take now, and who records it (src/runtime/caseView.ts AwaitedMessage). */
export type { AwaitedMessage as AwaitedEvent } from '../../src/runtime/awaitedMessage.ts';
import type { AwaitedMessage } from '../../src/runtime/awaitedMessage.ts';

export interface CaseDetail {
  id: string;
  processId: string;
  processName?: string;
  version: number;
  revision: number;
  businessKey?: string;
  parent?: { caseId: string; node: string; instance: number };
  status: string;
  startedAt: string;
  endedAt?: string;
  activeSteps: ActiveStep[];
  vars: Record<string, unknown>;
  late: string[];
  escalations: { step: string; at: string; to?: string; reason: string }[];
  error?: { code: string; message?: string };
  incident?: { node: string; reason: string };
  awaiting: AwaitedMessage[];
}

export interface LogEntry {
  seq: number;
  at: string;
  actor: string;
  event: string;
  entry: {
    data?: Record<string, unknown>;
    notes?: string[];
    status?: string;
    command?: { type: string; data?: Record<string, unknown>; instance?: number };
  };
  hash: string;
}

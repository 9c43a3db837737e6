/**
 * A row of GET /api/worklist: an open step as the store lists it, with its form and how urgent it
 * is. Types only, with no Node imports, so the web app reads the same shape (issue 20).
 */
import type { Urgency } from '../calendar/urgency.ts';
import type { FormSchema } from '../model/formSchema.ts';

/**
 * An open step, kept in its own table so worklists and monitors can query by pelaksana and due
 * time.
 */
export interface OpenStepRow {
  caseId: string;
  processId: string;
  stepId: string;
  name?: string;
  pelaksana?: string;
  startedAt: string;
  due?: string;
  late: boolean;
  /** Who has claimed the step, and when (src/runtime/stepClaims.ts). */
  claimedBy?: string;
  claimedAt?: string;
  /** The case's business key (nomor perkara …), filled in when steps are read, not written. */
  businessKey?: string;
  /** The case's definition version, filled in when steps are read. */
  version?: number;
}

/** An open step with its step's form (when its definition is deployed here) and its urgency as of the answer. */
export type WorklistRow = OpenStepRow & { form?: FormSchema; urgency: Urgency };

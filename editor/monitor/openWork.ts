/**
 * Every open step of the office, for an overseer: GET /api/worklist?semua=true (every role's
 * steps, each with its case's business key), the SOP names from GET /api/definitions, and the
 * number of active cases from GET /api/cases — three requests, whatever the number of cases.
 */
import type { Api } from '../core/api.ts';
import type { CaseSummary } from '../cases/caseAnswers.ts';
import { loadRoleNames } from '../people/roleNames.ts';
import { latestDefinitions } from '../worklist/definitions.ts';
import type { WorkItem } from '../worklist/workItem.ts';

/** An open step as the monitor shows it: the worklist row with its SOP's name. */
export type WatchedStep = WorkItem & { processName?: string; /** The pelaksana by its lane's name. */ pelaksanaName?: string };

export interface OpenWork {
  steps: WatchedStep[];
  activeCases: number;
  /** The server holds more than one listing answers (STEP_LIMIT steps or CASE_LIMIT cases). */
  truncated: boolean;
}

/** The most the server answers at once. */
export const STEP_LIMIT = 5000;
export const CASE_LIMIT = 1000;

export async function loadOpenWork(api: Api): Promise<OpenWork> {
  const [rows, definitions, cases, roleName] = await Promise.all([
    api.get<WatchedStep[]>('/api/worklist', { semua: 'true', limit: STEP_LIMIT }),
    latestDefinitions(api),
    api.get<CaseSummary[]>('/api/cases', { status: 'active', limit: CASE_LIMIT }),
    loadRoleNames(api),
  ]);
  const names = new Map(definitions.map((d) => [d.processId, d.name]));
  const steps = rows.map((row) => {
    const processName = names.get(row.processId);
    return { ...row, ...(processName ? { processName } : {}), ...(row.pelaksana ? { pelaksanaName: roleName(row.pelaksana) } : {}) };
  });
  return { steps, activeCases: cases.length, truncated: rows.length >= STEP_LIMIT || cases.length >= CASE_LIMIT };
}

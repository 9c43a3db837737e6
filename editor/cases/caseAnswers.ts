/**
 * What the API answers about cases, as the server declares it (src/runtime/caseShapes.ts, read by
 * type only): GET /api/cases (summaries), GET /api/cases/:id (the case), GET /api/cases/:id/log
 * (the hash-chained log), POST /api/cases (a command's answer).
 */
export type { CaseLogEntry, CaseSummary, CaseView, CommandAnswer, Derivation, StepView } from '../../src/runtime/caseShapes.ts';
/** An outside event the case can take now, and who records it. */
export type { AwaitedMessage } from '../../src/runtime/awaitedMessage.ts';

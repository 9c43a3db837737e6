/**
 * Commands on cases as one person gives them (issue 20: who may do what, decided here once):
 * start a case of an SOP whose start lane they stand in, complete or claim a step of their lane,
 * release a claim they hold (or any, as admin), record an outside event their lane receives.
 * Auditors change nothing. What a step's lane and claim allow is checked inside the command's
 * transaction, on the case as it is then.
 */
import { mayComplete, mayRelease, requirePermission } from '../auth/roles.ts';
import { checkMaySend, checkMayStart } from '../auth/sopAccess.ts';
import type { CommandAnswer, OpenStep } from '../runtime/caseShapes.ts';
import { ProtapError } from '../runtime/protapError.ts';
import type { DurableEngine } from '../store/durableEngine.ts';
import type { UserRow } from '../store/userRow.ts';
import { present } from './present.ts';

/** A repeated request with the same key gets the first one's answer instead of running again. */
export interface Repeatable {
  idempotencyKey?: string | undefined;
}

/** Starts a case of the latest version of an SOP (deployed by this server process or another). */
export async function startCase(engine: DurableEngine, person: UserRow, input: { processId: string; vars?: Record<string, unknown> | undefined; businessKey?: string | undefined } & Repeatable): Promise<CommandAnswer> {
  await engine.ensureLatest(input.processId);
  requirePermission(person, 'act');
  checkMayStart(person, engine.definition(input.processId));
  return engine.startCase(input.processId, { actor: person.id, ...present({ vars: input.vars, businessKey: input.businessKey, idempotencyKey: input.idempotencyKey }) });
}

/** Completes a step of the person's lane; `expectedRevision` refuses if the case moved on since they saw it. */
export async function completeStep(
  engine: DurableEngine, person: UserRow, caseId: string, stepId: string,
  input: { data?: Record<string, unknown> | undefined; instance?: number | undefined; expectedRevision?: number | undefined } & Repeatable,
): Promise<CommandAnswer> {
  requirePermission(person, 'act');
  return engine.completeStep(caseId, stepId, { actor: person.id, authorize: laneHolder(person), ...present(input) });
}

/** Claims an open step of the person's lane: until it ends or is released, only they complete it. */
export async function claimStep(engine: DurableEngine, person: UserRow, caseId: string, stepId: string, input: { expectedRevision?: number | undefined } & Repeatable): Promise<CommandAnswer> {
  requirePermission(person, 'act');
  return engine.claimStep(caseId, stepId, { actor: person.id, authorize: laneHolder(person), ...present(input) });
}

/** Ends a claim: the person who holds it, or an admin. */
export async function releaseStep(engine: DurableEngine, person: UserRow, caseId: string, stepId: string): Promise<CommandAnswer> {
  requirePermission(person, 'act');
  return engine.releaseStep(caseId, stepId, { actor: person.id, authorize: claimHolder(person) });
}

/** Records an outside event (a message) for the case that waits for it, by case id or business key; only someone of the lane that receives it. */
export async function sendMessage(
  engine: DurableEngine, person: UserRow,
  input: { name: string; caseId?: string | undefined; businessKey?: string | undefined; data?: Record<string, unknown> | undefined } & Repeatable,
): Promise<CommandAnswer> {
  requirePermission(person, 'act');
  const target = input.caseId !== undefined ? { caseId: input.caseId } : { businessKey: input.businessKey ?? '' };
  return engine.correlateMessage(input.name, target, {
    actor: person.id, mayDeliver: (definition) => checkMaySend(person, definition, input.name), ...present({ data: input.data, idempotencyKey: input.idempotencyKey }),
  });
}

/** Inside a step command's transaction: refuses a step of a lane whose role the person does not hold. */
const laneHolder = (person: UserRow) => (step: OpenStep): void => {
  if (!mayComplete(person, step.pelaksana)) {
    throw new ProtapError('FORBIDDEN', `Langkah "${step.name ?? step.id}" dikerjakan oleh peran ${step.pelaksana}; Anda (${person.name}) tidak memegang peran itu.`, { pelaksana: step.pelaksana });
  }
};

/** Inside a release's transaction: refuses to end a claim someone else holds, unless the person is an admin. */
const claimHolder = (person: UserRow) => (step: OpenStep): void => {
  if (step.claimedBy && !mayRelease(person, step.claimedBy)) {
    throw new ProtapError('FORBIDDEN', `Langkah "${step.name ?? step.id}" diambil oleh ${step.claimedBy}; hanya ia atau admin yang dapat melepas klaimnya.`, { claimedBy: step.claimedBy });
  }
};

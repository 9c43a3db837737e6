/**
 * Claims on open steps (the worklist's "ambil"): someone who may complete a step claims it, and
 * until the step ends or the claim is released only they complete it. A claim is a command like
 * any other — a log entry with its actor, in the hash chain — that changes the case's record
 * (the open step), not its machine. Replay rebuilds the claims from the log with `claimsAfter`,
 * the rule the engine follows, and compares them with the stored case.
 */
import type { HistoryEntry, OpenStep } from './caseRecord.ts';
import { ProtapError } from './protapError.ts';

const CLAIM = 'CLAIM.';
const RELEASE = 'RELEASE.';

/** The command type of claiming a step. */
export const claimEvent = (stepId: string) => `${CLAIM}${stepId}`;
/** The command type of releasing a step's claim. */
export const releaseEvent = (stepId: string) => `${RELEASE}${stepId}`;

export interface StepClaim {
  claimedBy: string;
  claimedAt: string;
}

/** Whether a logged command claims or releases a step (neither reaches the machine). */
export function isClaimCommand(type: string): boolean {
  return type.startsWith(CLAIM) || type.startsWith(RELEASE);
}

/** The claims of open steps, by step id. */
export function claimsOf(steps: Iterable<OpenStep>): Map<string, StepClaim> {
  const claims = new Map<string, StepClaim>();
  for (const step of steps) if (step.claimedBy) claims.set(step.id, { claimedBy: step.claimedBy, claimedAt: step.claimedAt ?? '' });
  return claims;
}

/**
 * The claims after one history entry, from those before it: a claim or release entry sets or
 * ends one; a step that ends or starts afresh (a loop re-enters it) loses its claim, as
 * applyDecision replaces it; a case that is no longer active has no open steps.
 */
export function claimsAfter(claims: Map<string, StepClaim>, entry: HistoryEntry): void {
  const { type } = entry.command;
  if (type.startsWith(CLAIM)) claims.set(type.slice(CLAIM.length), { claimedBy: entry.actor, claimedAt: entry.at });
  else if (type.startsWith(RELEASE)) claims.delete(type.slice(RELEASE.length));
  if (claims.size === 0) return;
  for (const stepId of entry.stepsEnded) claims.delete(stepId);
  for (const stepId of entry.stepsStarted) claims.delete(stepId);
  if (entry.status !== 'active') claims.clear();
}

/** The refusal of a command on a step someone else has claimed. */
export function stepClaimed(caseId: string, step: OpenStep): ProtapError {
  return new ProtapError('STEP_CLAIMED', `Langkah "${step.name ?? step.id}" pada kasus ${caseId} sedang diambil oleh ${step.claimedBy ?? ''} (sejak ${step.claimedAt ?? ''}); hanya ia yang dapat menyelesaikannya sampai klaimnya dilepas.`, {
    claimedBy: step.claimedBy, claimedAt: step.claimedAt,
  });
}

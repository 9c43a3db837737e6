/**
 * Names of the events a compiled process understands. Every event from outside carries `at`
 * (an ISO instant): time enters a case only through events, so replay gives the same states.
 */

/** A person completes a step (`data` merges into the case variables). */
export const completeEvent = (stepId: string) => `COMPLETE.${stepId}`;
/** A message arrives (receive tasks, message catch and boundary events). */
export const messageEvent = (name: string) => `MESSAGE.${name}`;
/** A signal arrives. */
export const signalEvent = (name: string) => `SIGNAL.${name}`;
/** A BPMN timer event is due. */
export const timerEvent = (nodeId: string) => `TIMER.${nodeId}`;
/** A step's waktu penyelesaian has passed (non-interrupting breach). */
export const deadlineEvent = (stepId: string) => `DEADLINE.${stepId}`;
/** A child case of a call activity has finished (`output` carries its variables). */
export const callDoneEvent = (nodeId: string) => `CALL.DONE.${nodeId}`;
/** A business error, thrown by an error end event, a failed step or a failed child case. */
export const errorEvent = (code?: string) => (code ? `ERROR.${code}` : 'ERROR.*');
/** An escalation, thrown by an escalation end or throw event. */
export const escalationEvent = (code?: string) => (code ? `ESCALATION.${code}` : 'ESCALATION.*');

/** The shape of every event a case receives. */
export interface CaseEvent {
  type: string;
  /** ISO 8601 instant of the command. */
  at: string;
  data?: Record<string, unknown>;
  /** Multi-instance: which instance (0-based) this completion or child result is for. */
  instance?: number;
  /** CALL.DONE: the child case's variables. */
  output?: Record<string, unknown>;
  /** ERROR: what failed. */
  message?: string;
  /** ERROR: the node that threw it (failed step, error end event, call activity of a failed child). */
  source?: string;
  /** Who sent the command (user id or "sistem"). */
  actor?: string;
}

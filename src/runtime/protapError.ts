/**
 * A fault with a stable code and an Indonesian message, raised when a command cannot be carried
 * out (unknown case, step not open, wrong state). The server maps each code to one HTTP status.
 */
export type ErrorCode =
  | 'DEFINITION_INVALID' | 'DEFINITION_NOT_FOUND' | 'CASE_NOT_FOUND' | 'CASE_NOT_ACTIVE'
  | 'STEP_NOT_ACTIVE' | 'STEP_TOO_EARLY' | 'STEP_CLAIMED' | 'INSTANCE_NOT_OPEN' | 'MESSAGE_NOT_EXPECTED' | 'BAD_INPUT' | 'BAD_STEP_DATA' | 'TIMER_NOT_FOUND'
  | 'CONFLICT' | 'IDEMPOTENCY_KEY_REUSED'
  | 'UNAUTHENTICATED' | 'LOGIN_FAILED' | 'FORBIDDEN' | 'USER_NOT_FOUND' | 'PASSWORD_CHANGE_REQUIRED'
  | 'PDF_UNAVAILABLE' | 'PDF_BUSY' | 'PDF_FAILED' | 'CHECKPOINT_NOT_FOUND' | 'TOO_MANY_ATTEMPTS'
  | 'BPMN_BUSY' | 'BPMN_TOO_SLOW';

export class ProtapError extends Error {
  override readonly name = 'ProtapError';

  constructor(readonly code: ErrorCode, message: string, readonly details?: Record<string, unknown>) {
    super(message);
  }
}

/**
 * A deadline that cannot be computed from the case data given: a missing event
 * date that a "sebelum" deadline counts back from, a missing case variable a
 * conditional waktu depends on, or a start that is not a date. Stable codes let
 * the engine turn it into a case state rather than a crash.
 */
export type WaktuDataCode = 'WAKTU_START_INVALID' | 'WAKTU_ANCHOR_MISSING' | 'WAKTU_ANCHOR_INVALID' | 'WAKTU_VARIABLE_MISSING' | 'WAKTU_JEDA_INVALID';

export class WaktuDataError extends Error {
  readonly code: WaktuDataCode;

  /** Creates the error with its stable code and an Indonesian message. */
  constructor(code: WaktuDataCode, message: string) {
    super(message);
    this.name = 'WaktuDataError';
    this.code = code;
  }
}

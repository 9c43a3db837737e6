/**
 * Errors as RFC 9457 problem+json: every refusal names its code and what was wrong, in Bahasa
 * Indonesia; an unexpected fault is logged and answered without a stack trace.
 */
import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { ProtapError, type ErrorCode } from '../src/runtime/protapError.ts';

const STATUS: Record<ErrorCode, number> = {
  BAD_INPUT: 400,
  CASE_NOT_FOUND: 404,
  DEFINITION_NOT_FOUND: 404,
  TIMER_NOT_FOUND: 404,
  CASE_NOT_ACTIVE: 409,
  STEP_NOT_ACTIVE: 409,
  INSTANCE_NOT_OPEN: 409,
  STEP_TOO_EARLY: 409,
  STEP_CLAIMED: 409,
  MESSAGE_NOT_EXPECTED: 409,
  CONFLICT: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  DEFINITION_INVALID: 422,
  BAD_STEP_DATA: 422,
  UNAUTHENTICATED: 401,
  LOGIN_FAILED: 401,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  USER_NOT_FOUND: 404,
  PDF_UNAVAILABLE: 503,
  PDF_BUSY: 503,
  PDF_FAILED: 502,
  CHECKPOINT_NOT_FOUND: 404,
  TOO_MANY_ATTEMPTS: 429,
  BPMN_BUSY: 503,
  BPMN_TOO_SLOW: 422,
};

const TITLE: Record<number, string> = {
  400: 'Permintaan tidak valid',
  401: 'Perlu masuk (login)',
  403: 'Tidak diizinkan',
  404: 'Tidak ditemukan',
  409: 'Bertentangan dengan keadaan kasus',
  413: 'Isi permintaan terlalu besar',
  415: 'Jenis isi tidak didukung',
  422: 'Tidak dapat diproses',
  429: 'Terlalu banyak percobaan',
  500: 'Kesalahan internal',
  502: 'Pembuat PDF gagal',
  503: 'Layanan sementara tidak tersedia',
};

export function sendProblem(res: Response, status: number, code: string, detail: string, extra: Record<string, unknown> = {}): void {
  res.status(status).type('application/problem+json').json({
    type: `urn:protap:masalah:${code}`, title: TITLE[status] ?? 'Kesalahan', status, code, detail, instance: res.req.originalUrl, ...extra,
  });
}

/** The last middleware: maps every error to a problem answer. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    if (error instanceof ProtapError) {
      sendProblem(res, STATUS[error.code] ?? 400, error.code, error.message, error.details ?? {});
      return;
    }
    const body = error as { type?: string; status?: number; limit?: number };
    if (body.type === 'entity.too.large') {
      sendProblem(res, 413, 'BODY_TOO_LARGE', `Isi permintaan melebihi batas ${body.limit ?? ''} byte.`);
      return;
    }
    if (body.type === 'entity.parse.failed') {
      sendProblem(res, 400, 'BAD_JSON', 'Isi permintaan bukan JSON yang sah.');
      return;
    }
    if (typeof body.status === 'number' && body.status >= 400 && body.status < 500) {
      sendProblem(res, body.status, 'BAD_REQUEST', error instanceof Error ? error.message : 'Permintaan tidak dapat dibaca.');
      return;
    }
    logger.error({ err: error }, 'kesalahan internal');
    sendProblem(res, 500, 'INTERNAL', 'Terjadi kesalahan internal; sudah dicatat di log server.');
  };
}

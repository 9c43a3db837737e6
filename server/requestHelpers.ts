/**
 * The routes' one set of helpers: who is asking (and whether their roles allow it), the
 * Idempotency-Key header, a BPMN body, and the wrapper that passes a rejected promise on to the
 * problem+json handler.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { requirePermission, type Permission } from '../src/auth/roles.ts';
import type { UserRow } from '../src/store/caseStore.ts';
import { ProtapError } from '../src/runtime/protapError.ts';
import { sendProblem } from './problem.ts';

export function bad(message: string): ProtapError {
  return new ProtapError('BAD_INPUT', message);
}

/** The BPMN document sent as the body; undefined once a 415 has answered a body that is not XML. */
export function xmlBodyOf(req: Request, res: Response): string | undefined {
  if (typeof req.body === 'string' && req.body.length > 0) return req.body;
  sendProblem(res, 415, 'NOT_XML', 'Kirim diagram BPMN sebagai isi permintaan dengan Content-Type application/xml.');
  return undefined;
}

/** The person behind the request (set by the authentication middleware). */
export function userOf(res: Response): UserRow {
  return res.locals.user as UserRow;
}

/** Refuses the request unless its person holds a role granting the permission. */
export function demand(res: Response, permission: Permission): UserRow {
  return requirePermission(userOf(res), permission);
}

/** Middleware form of `demand`: refuses before the body is even read. */
export const permit = (permission: Permission): RequestHandler => (_req, res, next) => {
  try {
    demand(res, permission);
    next();
  } catch (error) {
    next(error);
  }
};

export function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.get('idempotency-key');
  if (key !== undefined && (key.length === 0 || key.length > 200)) throw bad('Header Idempotency-Key harus 1–200 karakter.');
  return key;
}

/** Express 5 passes rejected promises on; this only keeps the route bodies short. A middleware resolves 'next'. */
export const route = (handler: (req: Request, res: Response) => Promise<unknown>, middleware = false): RequestHandler =>
  (req: Request, res: Response, next: NextFunction) => handler(req, res).then((outcome) => { if (middleware && outcome === 'next') next(); }, next);

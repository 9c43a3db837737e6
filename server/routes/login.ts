/**
 * POST /api/login (issue 18, point 6): a bearer token for a right password. Wrong passwords are
 * bounded per address (express-rate-limit, failures only, so the people of one office behind one
 * address still sign in: LOGIN_FAILURES_PER_ADDRESS in 15 minutes) and per account (LoginThrottle:
 * a lock that grows); both answer 429 with Retry-After and are logged.
 */
import type express from 'express';
import { route } from '../requestHelpers.ts';
import type { Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Logger } from 'pino';
import { LOCK_AFTER, LoginThrottle } from '../../src/auth/loginThrottle.ts';
import { login, signedInUser } from '../../src/auth/people.ts';
import { ProtapError } from '../../src/runtime/protapError.ts';
import type { DurableEngine } from '../../src/store/durableEngine.ts';
import { sendProblem } from '../problem.ts';

/** Wrong passwords one address may send in 15 minutes, over every account. */
const LOGIN_FAILURES_PER_ADDRESS = 100;

/** Registers the login route; `body` reads and checks the JSON body. */
export function loginRoute(app: express.Express, engine: DurableEngine, logger: Logger, body: RequestHandler[], throttle = new LoginThrottle()): void {
  const perAddress = rateLimit({
    windowMs: 15 * 60_000, limit: LOGIN_FAILURES_PER_ADDRESS, skipSuccessfulRequests: true, standardHeaders: 'draft-7', legacyHeaders: false,
    handler: (req, res) => {
      const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const wait = Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + 60_000) - Date.now()) / 1000));
      logger.warn({ address: req.ip }, 'terlalu banyak kata sandi salah dari satu alamat');
      res.set('Retry-After', String(wait));
      sendProblem(res, 429, 'TOO_MANY_ATTEMPTS', `Terlalu banyak percobaan masuk yang gagal dari alamat ini. Coba lagi dalam ${Math.ceil(wait / 60)} menit.`, { retryAfter: wait });
    },
  });
  app.post('/api/login', perAddress, ...body, route(async (req, res) => {
    const { id, password } = req.body as { id: string; password: string };
    const now = Date.now();
    const wait = throttle.waitSeconds(id, now);
    if (wait > 0) {
      res.set('Retry-After', String(wait));
      throw new ProtapError('TOO_MANY_ATTEMPTS', `Akun "${id}" dikunci sementara setelah ${LOCK_AFTER} kata sandi salah berturut-turut. Coba lagi dalam ${Math.ceil(wait / 60)} menit, atau minta admin mengatur ulang kata sandinya.`, { retryAfter: wait });
    }
    let session: Awaited<ReturnType<typeof login>>;
    try {
      session = await login(engine.store, id, password, engine.clock());
    } catch (error) {
      if (error instanceof ProtapError && error.code === 'LOGIN_FAILED') {
        const locked = throttle.failed(id, now);
        if (locked) logger.warn({ account: id, address: req.ip, seconds: locked }, 'akun dikunci sementara: kata sandi salah berturut-turut');
      }
      throw error;
    }
    throttle.succeeded(id);
    res.json({ token: session.token, expiresAt: session.expiresAt, user: signedInUser(session.user) });
  }));
}

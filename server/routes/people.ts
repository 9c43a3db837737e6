/**
 * People (issue 18, point 5): who is signed in (GET /api/me) and their own password (POST
 * /api/me/password); the names of everyone, for showing names instead of login ids (GET
 * /api/people); the units of the deployed SOPs (GET /api/units); and, for admins, the people
 * themselves (GET/POST /api/users, PATCH /api/users/:id, POST /api/users/:id/reset-password).
 *
 * Registered right after the authentication middleware and POST /api/logout: while a person must
 * change the password an admin chose (a new person, a reset), every route registered after
 * `peopleRoutes` answers 403 PASSWORD_CHANGE_REQUIRED — only GET /api/me, POST /api/me/password
 * and POST /api/logout still work.
 */
import { existsSync, rmSync } from 'node:fs';
import type express from 'express';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { LOCK_AFTER, type LoginThrottle } from '../../src/auth/loginThrottle.ts';
import { accounts, addUser, changeOwnPassword, peopleNames, publicUser, resetPassword, signedInUser, updateUser, type NewUser, type UserChange } from '../../src/auth/people.ts';
import type { Permission } from '../../src/auth/roles.ts';
import type { SessionCache } from '../../src/auth/sessionCache.ts';
import { sopUnits } from '../../src/auth/sopAccess.ts';
import { ProtapError } from '../../src/runtime/protapError.ts';
import type { DurableEngine } from '../../src/store/durableEngine.ts';
import { validBody } from '../schemas.ts';
import { route, userOf } from '../requestHelpers.ts';

export interface PeopleRouteServices {
  /** Reads and bounds a JSON body. */
  json: RequestHandler[];
  sessions: SessionCache;
  /** The login route's per-account throttle: a wrong current password counts as a failed sign-in. */
  throttle: LoginThrottle;
  permit: (permission: Permission) => RequestHandler;
  logger: Logger;
  /** The first admin's password file (server/firstAdmin.ts): deleted once admin has chosen a password of their own. */
  firstAdminFile?: string;
}

export function peopleRoutes(app: express.Express, engine: DurableEngine, { json, sessions, throttle, permit, logger, firstAdminFile }: PeopleRouteServices): void {
  app.get('/api/me', route(async (_req, res) => {
    res.json(signedInUser(userOf(res)));
  }));

  app.post('/api/me/password', json, validBody('PasswordChange'), route(async (req, res) => {
    const { id } = userOf(res);
    const wait = throttle.waitSeconds(id, Date.now());
    if (wait > 0) {
      res.set('Retry-After', String(wait));
      throw new ProtapError('TOO_MANY_ATTEMPTS', `Akun "${id}" dikunci sementara setelah ${LOCK_AFTER} kata sandi salah berturut-turut. Coba lagi dalam ${Math.ceil(wait / 60)} menit.`, { retryAfter: wait });
    }
    try {
      await changeOwnPassword(engine.store, id, res.locals.token as string, req.body as { current: string; password: string }, engine.clock());
    } catch (error) {
      if (error instanceof ProtapError && error.details?.field === 'current') {
        const locked = throttle.failed(id, Date.now());
        if (locked) logger.warn({ account: id, address: req.ip, seconds: locked }, 'akun dikunci sementara: kata sandi salah berturut-turut');
      }
      throw error;
    }
    throttle.succeeded(id);
    sessions.forgetUser(id);
    if (id === 'admin' && firstAdminFile && existsSync(firstAdminFile)) {
      // The generated first password no longer opens anything: its file goes.
      rmSync(firstAdminFile, { force: true });
      logger.info({ file: firstAdminFile }, 'berkas kata sandi admin pertama dihapus: admin sudah memilih kata sandinya sendiri');
    }
    res.status(204).end();
  }));

  // Everything below (and every route registered after this function) waits for a chosen password.
  app.use('/api', (_req, res, next) => {
    if (!userOf(res).mustChangePassword) return next();
    next(new ProtapError('PASSWORD_CHANGE_REQUIRED', 'Kata sandi Anda dibuat oleh admin dan harus diganti dulu. Pilih kata sandi baru, lalu lanjutkan.'));
  });

  app.get('/api/people', route(async (_req, res) => {
    res.json(await peopleNames(engine.store));
  }));

  app.get('/api/units', route(async (_req, res) => {
    await engine.refreshDefinitions();
    res.json(sopUnits(engine.definitions()));
  }));

  app.get('/api/users', permit('manageUsers'), route(async (_req, res) => {
    res.json(await accounts(engine.store));
  }));

  // A person an admin adds must choose their own password at first sign-in, unless told otherwise.
  app.post('/api/users', permit('manageUsers'), json, validBody('NewUser'), route(async (req, res) => {
    const body = req.body as NewUser;
    const user = await addUser(engine.store, { ...body, mustChangePassword: body.mustChangePassword ?? true }, engine.clock());
    res.status(201).json(publicUser(user));
  }));

  app.patch('/api/users/:id', permit('manageUsers'), json, validBody('UserChange'), route(async (req, res) => {
    const updated = await updateUser(engine.store, String(req.params.id), req.body as UserChange, engine.clock());
    sessions.forgetUser(updated.id);
    res.json(publicUser(updated));
  }));

  app.post('/api/users/:id/reset-password', permit('manageUsers'), route(async (req, res) => {
    const { user, password } = await resetPassword(engine.store, String(req.params.id), engine.clock());
    sessions.forgetUser(user.id);
    res.set('Cache-Control', 'no-store').json({ password });
  }));
}

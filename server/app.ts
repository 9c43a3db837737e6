/**
 * The HTTP API over the durable engine: thin routes (server/routes/<resource>.ts), each reading its
 * request and calling one use case of src/useCases, where who may see and do what is decided. Every
 * answer to a command is sent after its transaction committed. Everything but health and login needs a
 * bearer token (POST /api/login); what a person may do follows their roles (src/auth/roles.ts),
 * and every command records who did it in the event log.
 */
import { createRequire } from 'node:module';
import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { CheckpointPlaces } from '../src/audit/checkpointFiles.ts';
import { LoginThrottle } from '../src/auth/loginThrottle.ts';
import { logout } from '../src/auth/people.ts';
import { SessionCache } from '../src/auth/sessionCache.ts';
import { zoneLabel } from '../src/calendar/formatTanggal.ts';
import { MAX_NESTING, nestingDepth } from '../src/runtime/dataNesting.ts';
import { ProtapError } from '../src/runtime/protapError.ts';
import type { DurableEngine } from '../src/store/durableEngine.ts';
import { DOCS_PAGE, openApiDocument } from './openapi.ts';
import { problemHandler, sendProblem } from './problem.ts';
import { permit, route } from './requestHelpers.ts';
import { auditRoutes } from './routes/audit.ts';
import { calendarRoutes } from './routes/calendar.ts';
import { caseRoutes } from './routes/cases.ts';
import { definitionRoutes } from './routes/definitions.ts';
import { loginRoute } from './routes/login.ts';
import { peopleRoutes } from './routes/people.ts';
import { reportRoutes } from './routes/reports.ts';
import { worklistRoutes } from './routes/worklist.ts';
import { validBody } from './schemas.ts';
import { webApp } from './webApp.ts';

const swaggerUi = (createRequire(import.meta.url)('swagger-ui-dist') as { getAbsoluteFSPath(): string }).getAbsoluteFSPath();
const VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

const MAX_JSON = '256kb';
const MAX_XML = '5mb';

export function createApp(engine: DurableEngine, logger: Logger, options: { webRoot?: string; checkpoints?: CheckpointPlaces; tls?: boolean; firstAdminFile?: string } = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // The usual security headers (helmet). Its Content-Security-Policy is left to the routes that need
  // one (the SOP document). HSTS only when this server itself serves HTTPS (`tls`, server/listen.ts):
  // 180 days, this host name alone (an office's other hosts may still be plain HTTP).
  app.use(helmet({ contentSecurityPolicy: false, strictTransportSecurity: options.tls ? { maxAge: 15_552_000, includeSubDomains: false } : false }));
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => logger.info({ method: req.method, url: req.originalUrl, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'permintaan'));
    next();
  });
  // JSON bodies: at most MAX_JSON bytes and MAX_NESTING levels, each refused naming its limit.
  const json: RequestHandler[] = [express.json({ limit: MAX_JSON }), (req, _res, next) => {
    if (nestingDepth(req.body) > MAX_NESTING) {
      next(new ProtapError('BAD_INPUT', `Data bersarang lebih dari ${MAX_NESTING} tingkat; kirim data yang lebih datar (formulir langkah tidak pernah sedalam itu).`, { limit: MAX_NESTING }));
      return;
    }
    next();
  }];
  const xml = express.text({ type: ['application/xml', 'text/xml', 'application/bpmn+xml'], limit: MAX_XML });

  app.get('/api/health', route(async (_req, res) => {
    // The office's zone (PROTAP_ZONA): the web app shows every time in it.
    res.json({ status: 'siap', store: engine.store.kind, definitions: engine.definitions().length, zone: engine.calendar.zone, zona: zoneLabel(engine.calendar.zone) });
  }));

  const sessions = new SessionCache(engine.store);
  // A logout or a person changed on another server process is honoured here at once (PostgreSQL).
  sessions.listen().catch((error: unknown) => logger.warn({ err: error }, 'perubahan sesi dari server lain tidak dapat didengar; berlaku paling lambat 10 detik'));
  const document = openApiDocument(VERSION);
  app.get('/api/openapi.json', (_req, res) => { res.json(document); });
  app.get('/api/docs', (_req, res) => { res.type('html').send(DOCS_PAGE); });
  app.use('/api/docs', express.static(swaggerUi, { index: false }));

  const throttle = new LoginThrottle();
  loginRoute(app, engine, logger, [...json, validBody('Login')], throttle);

  // Everything below needs a live session.
  app.use('/api', route(async (req, res) => {
    const header = req.get('authorization');
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    const user = token ? await sessions.authenticate(token, engine.clock()) : undefined;
    if (!user) throw new ProtapError('UNAUTHENTICATED', token ? 'Sesi tidak berlaku atau sudah berakhir; masuk lagi.' : 'Masuk dulu (POST /api/login), lalu kirim header Authorization: Bearer <token>.');
    res.locals.user = user;
    res.locals.token = token;
    return 'next';
  }, true));

  app.post('/api/logout', route(async (_req, res) => {
    sessions.forget(res.locals.token as string);
    await logout(engine.store, res.locals.token as string);
    res.status(204).end();
  }));

  // Own account, names, units and (admin) people; from here on a password an admin chose must be changed first.
  peopleRoutes(app, engine, { json, sessions, throttle, permit, logger, ...(options.firstAdminFile ? { firstAdminFile: options.firstAdminFile } : {}) });

  definitionRoutes(app, engine, { xml });

  caseRoutes(app, engine, { json });
  worklistRoutes(app, engine);
  reportRoutes(app, engine);
  if (options.checkpoints) auditRoutes(app, engine, options.checkpoints, permit);

  calendarRoutes(app, engine, { json });

  app.use(webApp(options.webRoot));
  app.use('/api', (req, res) => sendProblem(res, 404, 'NO_ROUTE', `Tidak ada ${req.method} ${req.originalUrl} di API ini.`));
  app.use(problemHandler(logger));
  return app;
}

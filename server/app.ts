/**
 * The HTTP API over the durable engine: thin routes, each one command or one read. Every answer
 * to a command is sent after its transaction committed. Everything but health and login needs a
 * bearer token (POST /api/login); what a person may do follows their roles (src/auth/roles.ts),
 * and every command records who did it in the event log.
 */
import { worklistRows } from '../src/store/worklistRows.ts';
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import { replayCase } from '../src/audit/replay.ts';
import { logout } from '../src/auth/people.ts';
import { LoginThrottle } from '../src/auth/loginThrottle.ts';
import { SessionCache } from '../src/auth/sessionCache.ts';
import helmet from 'helmet';
import { may, mayComplete, mayRelease, validRole } from '../src/auth/roles.ts';
import { checkMayRead, checkMaySend, checkMayStart, maySend, readableProcesses } from '../src/auth/sopAccess.ts';
import type { CaseFilter, UserRow } from '../src/store/caseStore.ts';
import type { HistoryEntry, OpenStep } from '../src/runtime/caseRecord.ts';
import type { CaseStatus } from '../src/runtime/decide.ts';
import { ProtapError } from '../src/runtime/protapError.ts';
import { zoneLabel } from '../src/calendar/formatTanggal.ts';
import { MAX_NESTING, nestingDepth } from '../src/runtime/dataNesting.ts';
import type { DurableEngine } from '../src/store/durableEngine.ts';
import { createRequire } from 'node:module';
import { DOCS_PAGE, openApiDocument } from './openapi.ts';
import { problemHandler, sendProblem } from './problem.ts';
import { badParameter, queryBoolean, queryBound, queryCount, queryString } from './queryParameters.ts';
import { definitionRoutes } from './routes/definitions.ts';
import { reportRoutes } from './routes/reports.ts';
import { bad, demand, idempotencyKeyOf, permit, route, userOf } from './requestHelpers.ts';
import { auditRoutes } from './routes/audit.ts';
import { loginRoute } from './routes/login.ts';
import { peopleRoutes } from './routes/people.ts';
import type { CheckpointPlaces } from '../src/audit/checkpointFiles.ts';
import { validBody } from './schemas.ts';
import { webApp } from './webApp.ts';

const swaggerUi = (createRequire(import.meta.url)('swagger-ui-dist') as { getAbsoluteFSPath(): string }).getAbsoluteFSPath();
const VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

const STATUSES: readonly CaseStatus[] = ['active', 'completed', 'terminated', 'failed', 'incident'];
const MAX_JSON = '256kb';
const MAX_XML = '5mb';

/** The case list's filter from its query parameters (`now` judges overdue steps); a bad value is refused naming its parameter. */
function caseFilterOf(req: Request, zone: string, now: string): CaseFilter {
  const status = queryString(req, 'status');
  if (status !== undefined && !STATUSES.includes(status as CaseStatus)) throw badParameter('status', `Parameter "status" harus salah satu dari: ${STATUSES.join(', ')}.`);
  const pelaksana = queryString(req, 'pelaksana');
  if (pelaksana !== undefined && !validRole(pelaksana)) throw badParameter('pelaksana', 'Parameter "pelaksana" harus satu nama peran: huruf kecil, angka, . _ - (mis. jurusita).');
  const overdue = queryBoolean(req, 'overdue');
  const from = queryBound(req, 'from', 'start', zone);
  const to = queryBound(req, 'to', 'end', zone);
  if (from !== undefined && to !== undefined && Date.parse(from) > Date.parse(to)) throw badParameter('from', 'Parameter "from" harus sebelum atau sama dengan "to".');
  const processId = queryString(req, 'processId');
  const businessKey = queryString(req, 'businessKey');
  return {
    limit: queryCount(req, 'limit', 1000) ?? 100,
    ...(status ? { status: status as CaseStatus } : {}), ...(processId ? { processId } : {}), ...(businessKey ? { businessKey } : {}),
    ...(pelaksana ? { pelaksana } : {}), ...(overdue !== undefined ? { overdue: { at: now, value: overdue } } : {}),
    ...(from ? { startedFrom: from } : {}), ...(to ? { startedTo: to } : {}),
  };
}

/** Inside a step command's transaction: refuses a step of a lane whose role the person does not hold. */
const laneHolder = (user: UserRow) => (step: OpenStep): void => {
  if (!mayComplete(user, step.pelaksana)) {
    throw new ProtapError('FORBIDDEN', `Langkah "${step.name ?? step.id}" dikerjakan oleh peran ${step.pelaksana}; Anda (${user.nama}) tidak memegang peran itu.`, { pelaksana: step.pelaksana });
  }
};

/** Inside a release's transaction: refuses to end a claim someone else holds, unless the person is an admin. */
const claimHolder = (user: UserRow) => (step: OpenStep): void => {
  if (step.claimedBy && !mayRelease(user, step.claimedBy)) {
    throw new ProtapError('FORBIDDEN', `Langkah "${step.name ?? step.id}" diambil oleh ${step.claimedBy}; hanya ia atau admin yang dapat melepas klaimnya.`, { claimedBy: step.claimedBy });
  }
};

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

  /**
   * Refuses to show a case to someone outside its SOP and unit (src/auth/sopAccess.ts); an unknown
   * case is 404. Those who oversee read every case without the SOP being looked at; otherwise the
   * deployed definitions are re-read only when the case's version is not known here yet (deployed
   * by another server process): every definition's XML is not read on each case view.
   */
  const checkReadable = async (id: string, res: Response) => {
    const row = await engine.store.getCase(id);
    if (!row) throw new ProtapError('CASE_NOT_FOUND', `Kasus "${id}" tidak ditemukan.`);
    const user = userOf(res);
    if (may(user, 'oversee')) return;
    let definition;
    try {
      definition = engine.definition(row.processId, row.definitionVersion);
    } catch {
      await engine.refreshDefinitions();
      definition = engine.definition(row.processId, row.definitionVersion);
    }
    checkMayRead(user, definition);
  };

  app.get('/api/health', route(async (_req, res) => {
    // The office's zone (PROTAP_ZONA): the web app shows every time in it.
    res.json({ status: 'siap', store: engine.store.kind, definitions: engine.definitions().length, zone: engine.calendar.zone, zona: zoneLabel(engine.calendar.zone) });
  }));

  const sessions = new SessionCache(engine.store);
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

  app.post('/api/cases', json, validBody('StartCase'), route(async (req, res) => {
    const { processId, vars, businessKey } = req.body as { processId: string; vars?: Record<string, unknown>; businessKey?: string };
    const idempotencyKey = idempotencyKeyOf(req);
    await engine.ensureLatest(processId);
    const user = demand(res, 'act');
    checkMayStart(user, engine.definition(processId));
    const view = await engine.startCase(processId, { actor: user.id, ...(vars ? { vars } : {}), ...(businessKey ? { businessKey } : {}), ...(idempotencyKey ? { idempotencyKey } : {}) });
    res.status(201).json(view);
  }));

  app.get('/api/cases', route(async (req, res) => {
    const filter = caseFilterOf(req, engine.calendar.zone, engine.clock());
    // Only the cases of the SOPs the person may read (their roles' and their unit's; everything for
    // those who oversee), judged on the definitions this process knows: an SOP deployed by another
    // process since is listed once it is known here (GET /api/definitions loads it).
    const readable = readableProcesses(userOf(res), engine.definitions());
    const cases = readable === undefined ? await engine.store.listCases(filter)
      : filter.processId !== undefined ? (readable.includes(filter.processId) ? await engine.store.listCases(filter) : [])
      : readable.length > 0 ? await engine.store.listCases({ ...filter, processIds: readable }) : [];
    res.json(cases.map((c) => ({ id: c.id, processId: c.processId, version: c.definitionVersion, businessKey: c.businessKey, status: c.status, revision: c.revision, startedAt: c.startedAt, endedAt: c.endedAt })));
  }));

  app.get('/api/cases/:id', route(async (req, res) => {
    await checkReadable(String(req.params.id), res);
    const view = await engine.getCase(String(req.params.id));
    const user = userOf(res);
    const definition = engine.definition(view.processId, view.version);
    res.json({ ...view, awaiting: view.awaiting.map((event) => ({ ...event, mayRecord: may(user, 'act') && maySend(user, definition, event.message) })) });
  }));

  app.get('/api/cases/:id/log', route(async (req, res) => {
    const id = String(req.params.id);
    await checkReadable(id, res);
    const log = await engine.store.log(id);
    // Who, when and what are shown from the hashed entry, never from the side columns (replay checks those agree).
    res.json(log.map((row) => {
      const entry = JSON.parse(row.entry) as HistoryEntry;
      return { caseId: row.caseId, seq: row.seq, at: entry.at, actor: entry.actor, event: entry.event, stateHash: row.stateHash, prevHash: row.prevHash, hash: row.hash, entry };
    }));
  }));

  app.get('/api/cases/:id/replay', route(async (req, res) => {
    await checkReadable(String(req.params.id), res);
    const report = await replayCase(engine, String(req.params.id));
    if (!report.processId) throw new ProtapError('CASE_NOT_FOUND', report.reason ?? 'Kasus tidak ditemukan.');
    res.json(report);
  }));

  app.post('/api/cases/:id/steps/:stepId/complete', json, validBody('CompleteStep'), route(async (req, res) => {
    const { data, instance, expectedRevision } = req.body as { data?: Record<string, unknown>; instance?: number; expectedRevision?: number };
    const idempotencyKey = idempotencyKeyOf(req);
    const user = demand(res, 'act');
    const view = await engine.completeStep(String(req.params.id), String(req.params.stepId), {
      actor: user.id, authorize: laneHolder(user),
      ...(data ? { data } : {}), ...(instance !== undefined ? { instance } : {}),
      ...(expectedRevision !== undefined ? { expectedRevision } : {}), ...(idempotencyKey ? { idempotencyKey } : {}),
    });
    res.json(view);
  }));

  app.post('/api/cases/:id/steps/:stepId/claim', json, validBody('ClaimStep'), route(async (req, res) => {
    const { expectedRevision } = req.body as { expectedRevision?: number };
    const idempotencyKey = idempotencyKeyOf(req);
    const user = demand(res, 'act');
    res.json(await engine.claimStep(String(req.params.id), String(req.params.stepId), {
      actor: user.id, authorize: laneHolder(user),
      ...(expectedRevision !== undefined ? { expectedRevision } : {}), ...(idempotencyKey ? { idempotencyKey } : {}),
    }));
  }));

  app.delete('/api/cases/:id/steps/:stepId/claim', route(async (req, res) => {
    const user = demand(res, 'act');
    res.json(await engine.releaseStep(String(req.params.id), String(req.params.stepId), { actor: user.id, authorize: claimHolder(user) }));
  }));

  app.post('/api/messages', json, validBody('Message'), route(async (req, res) => {
    const { name, caseId, businessKey, data } = req.body as { name: string; caseId?: string; businessKey?: string; data?: Record<string, unknown> };
    const idempotencyKey = idempotencyKeyOf(req);
    const user = demand(res, 'act');
    res.json(await engine.correlateMessage(name, caseId ? { caseId } : { businessKey: businessKey as string }, {
      actor: user.id, mayDeliver: (definition) => checkMaySend(user, definition, name), ...(data ? { data } : {}), ...(idempotencyKey ? { idempotencyKey } : {}),
    }));
  }));

  app.get('/api/worklist', route(async (req, res) => {
    const user = userOf(res);
    const asked = queryString(req, 'pelaksana')?.split(',').filter(Boolean);
    const all = queryBoolean(req, 'semua') === true;
    // One's own roles' steps by default; other roles' (or every open step: semua=true) only for those who oversee.
    if (all || (asked && asked.some((role) => !user.roles.includes(role)))) demand(res, 'oversee');
    const pelaksana = all ? undefined : asked ?? user.roles;
    const late = queryBoolean(req, 'late');
    const limit = queryCount(req, 'limit', 5000) ?? 500;
    res.json(await worklistRows(engine, { limit, ...(pelaksana ? { pelaksana } : {}), ...(late !== undefined ? { late } : {}) }, engine.clock()));
  }));

  reportRoutes(app, engine);
  if (options.checkpoints) auditRoutes(app, engine, options.checkpoints, permit);

  app.get('/api/calendar', route(async (_req, res) => {
    res.json({
      zone: engine.calendar.zone, version: engine.calendar.version,
      years: engine.calendarYears().map((y) => ({ year: y.year, status: y.status, version: y.version, sources: y.sources, entries: y.entries.length })),
    });
  }));

  app.get('/api/calendar/:year', route(async (req, res) => {
    const year = engine.calendarYears().find((y) => String(y.year) === req.params.year);
    if (!year) throw new ProtapError('BAD_INPUT', `Tidak ada data kalender tahun "${String(req.params.year)}"; tahun tanpa data dihitung dari draf otomatis.`);
    res.json(year);
  }));

  app.put('/api/calendar/:year', permit('administer'), json, route(async (req, res) => {
    const user = userOf(res);
    const body = req.body as { year?: unknown } | undefined;
    if (!body || typeof body !== 'object' || String(body.year) !== req.params.year) {
      throw bad(`Kirim data kalender tahun ${String(req.params.year)} (kolom "year" harus sama dengan tahun di alamat).`);
    }
    const published = await engine.publishCalendarYear(body, { actor: user.id });
    res.json({ year: published.year.year, version: published.year.version, calendarVersion: engine.calendar.version, changes: published.changes, casesMoved: published.moved });
  }));

  app.use(webApp(options.webRoot));
  app.use('/api', (req, res) => sendProblem(res, 404, 'NO_ROUTE', `Tidak ada ${req.method} ${req.originalUrl} di API ini.`));
  app.use(problemHandler(logger));
  return app;
}

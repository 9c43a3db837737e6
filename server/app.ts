/**
 * The HTTP API over the durable engine: thin routes, each one command or one read. Every answer
 * to a command is sent after its transaction committed. People and roles (issue 5) are not in
 * yet: until then the acting person is taken from the `X-Protap-Aktor` header and recorded in the
 * event log as given.
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import { replayCase } from '../src/audit/replay.ts';
import type { CaseStatus } from '../src/runtime/decide.ts';
import { ProtapError } from '../src/runtime/protapError.ts';
import type { DurableEngine } from '../src/store/durableEngine.ts';
import { problemHandler, sendProblem } from './problem.ts';

const STATUSES: readonly CaseStatus[] = ['active', 'completed', 'terminated', 'failed', 'incident'];
const MAX_JSON = '256kb';
const MAX_XML = '5mb';

type Body = Record<string, unknown>;

function bad(message: string): ProtapError {
  return new ProtapError('BAD_INPUT', message);
}

/** A JSON object body (or an empty one). */
function objectBody(req: Request): Body {
  const body: unknown = req.body ?? {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw bad('Isi permintaan harus berupa objek JSON.');
  return body as Body;
}

function optionalString(body: Body, field: string): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > 200) throw bad(`Kolom "${field}" harus berupa teks 1–200 karakter.`);
  return value;
}

function optionalObject(body: Body, field: string): Record<string, unknown> | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad(`Kolom "${field}" harus berupa objek JSON.`);
  return value as Record<string, unknown>;
}

function optionalInteger(body: Body, field: string): number | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || (value as number) < 0) throw bad(`Kolom "${field}" harus berupa bilangan bulat ≥ 0.`);
  return value as number;
}

function queryString(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw bad(`Parameter "${name}" hanya boleh disebut sekali.`);
  return value;
}

/** Who sends the command (until login arrives with issue 5). */
function actorOf(req: Request): string {
  const actor = req.get('x-protap-aktor');
  if (actor === undefined) return 'anonim';
  if (!/^[\p{L}\p{N}._@ -]{1,80}$/u.test(actor)) throw bad('Header X-Protap-Aktor berisi karakter yang tidak diizinkan.');
  return actor;
}

function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.get('idempotency-key');
  if (key !== undefined && (key.length === 0 || key.length > 200)) throw bad('Header Idempotency-Key harus 1–200 karakter.');
  return key;
}

/** Express 5 passes rejected promises on; this only keeps the route bodies short. */
const route = (handler: (req: Request, res: Response) => Promise<unknown>): RequestHandler =>
  (req: Request, res: Response, next: NextFunction) => handler(req, res).catch(next);

export function createApp(engine: DurableEngine, logger: Logger): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => logger.info({ method: req.method, url: req.originalUrl, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'permintaan'));
    next();
  });
  const json = express.json({ limit: MAX_JSON });
  const xml = express.text({ type: ['application/xml', 'text/xml', 'application/bpmn+xml'], limit: MAX_XML });

  app.get('/api/health', route(async (_req, res) => {
    res.json({ status: 'siap', store: engine.store.kind, definitions: engine.definitions().length });
  }));

  app.get('/api/definitions', route(async (_req, res) => {
    await engine.refreshDefinitions();
    res.json(engine.definitions().map((d) => ({ processId: d.processId, version: d.version, name: d.name, hari: d.hari, kodeBuku: d.identity?.kodeBuku })));
  }));

  app.post('/api/definitions', xml, route(async (req, res) => {
    if (typeof req.body !== 'string' || req.body.length === 0) {
      sendProblem(res, 415, 'NOT_XML', 'Kirim diagram BPMN sebagai isi permintaan dengan Content-Type application/xml.');
      return;
    }
    const deployed = await engine.deployXml(req.body, { actor: actorOf(req) });
    res.status(201).json(deployed.map((d) => ({ processId: d.processId, version: d.version, name: d.name })));
  }));

  app.post('/api/cases', json, route(async (req, res) => {
    const body = objectBody(req);
    const processId = optionalString(body, 'processId');
    if (!processId) throw bad('Kolom "processId" wajib diisi: SOP mana yang dimulai.');
    const vars = optionalObject(body, 'vars');
    const businessKey = optionalString(body, 'businessKey');
    const idempotencyKey = idempotencyKeyOf(req);
    await engine.ensureLatest(processId);
    const view = await engine.startCase(processId, { actor: actorOf(req), ...(vars ? { vars } : {}), ...(businessKey ? { businessKey } : {}), ...(idempotencyKey ? { idempotencyKey } : {}) });
    res.status(201).json(view);
  }));

  app.get('/api/cases', route(async (req, res) => {
    const status = queryString(req, 'status');
    if (status !== undefined && !STATUSES.includes(status as CaseStatus)) throw bad(`Parameter "status" harus salah satu dari: ${STATUSES.join(', ')}.`);
    const limit = Number(queryString(req, 'limit') ?? 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw bad('Parameter "limit" harus bilangan bulat 1–1000.');
    const processId = queryString(req, 'processId');
    const businessKey = queryString(req, 'businessKey');
    const cases = await engine.store.listCases({ limit, ...(status ? { status: status as CaseStatus } : {}), ...(processId ? { processId } : {}), ...(businessKey ? { businessKey } : {}) });
    res.json(cases.map((c) => ({ id: c.id, processId: c.processId, version: c.definitionVersion, businessKey: c.businessKey, status: c.status, revision: c.revision, startedAt: c.startedAt, endedAt: c.endedAt })));
  }));

  app.get('/api/cases/:id', route(async (req, res) => {
    res.json(await engine.getCase(String(req.params.id)));
  }));

  app.get('/api/cases/:id/log', route(async (req, res) => {
    const id = String(req.params.id);
    const log = await engine.store.log(id);
    if (log.length === 0 && !(await engine.store.getCase(id))) throw new ProtapError('CASE_NOT_FOUND', `Kasus "${id}" tidak ditemukan.`);
    res.json(log.map((row) => ({ ...row, entry: JSON.parse(row.entry) as unknown })));
  }));

  app.get('/api/cases/:id/replay', route(async (req, res) => {
    const report = await replayCase(engine, String(req.params.id));
    if (!report.processId) throw new ProtapError('CASE_NOT_FOUND', report.reason ?? 'Kasus tidak ditemukan.');
    res.json(report);
  }));

  app.post('/api/cases/:id/steps/:stepId/complete', json, route(async (req, res) => {
    const body = objectBody(req);
    const data = optionalObject(body, 'data');
    const instance = optionalInteger(body, 'instance');
    const expectedRevision = optionalInteger(body, 'expectedRevision');
    const idempotencyKey = idempotencyKeyOf(req);
    const view = await engine.completeStep(String(req.params.id), String(req.params.stepId), {
      actor: actorOf(req), ...(data ? { data } : {}), ...(instance !== undefined ? { instance } : {}),
      ...(expectedRevision !== undefined ? { expectedRevision } : {}), ...(idempotencyKey ? { idempotencyKey } : {}),
    });
    res.json(view);
  }));

  app.post('/api/messages', json, route(async (req, res) => {
    const body = objectBody(req);
    const name = optionalString(body, 'name');
    if (!name) throw bad('Kolom "name" wajib diisi: nama pesan.');
    const caseId = optionalString(body, 'caseId');
    const businessKey = optionalString(body, 'businessKey');
    if (!caseId === !businessKey) throw bad('Sebutkan salah satu: "caseId" atau "businessKey".');
    const data = optionalObject(body, 'data');
    const idempotencyKey = idempotencyKeyOf(req);
    res.json(await engine.correlateMessage(name, caseId ? { caseId } : { businessKey: businessKey as string }, {
      actor: actorOf(req), ...(data ? { data } : {}), ...(idempotencyKey ? { idempotencyKey } : {}),
    }));
  }));

  app.get('/api/worklist', route(async (req, res) => {
    const pelaksana = queryString(req, 'pelaksana')?.split(',').filter(Boolean);
    const late = queryString(req, 'late');
    res.json(await engine.store.openSteps({ limit: 500, ...(pelaksana ? { pelaksana } : {}), ...(late !== undefined ? { late: late === 'true' } : {}) }));
  }));

  app.use('/api', (req, res) => sendProblem(res, 404, 'NO_ROUTE', `Tidak ada ${req.method} ${req.originalUrl} di API ini.`));
  app.use(problemHandler(logger));
  return app;
}

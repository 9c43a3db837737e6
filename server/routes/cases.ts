/**
 * Cases: the list, one case, its log and its replay (src/useCases/caseReads.ts), and the commands
 * on them — start, complete, claim, release, record an outside event (src/useCases/caseCommands.ts).
 * Who may read or do what is decided there; here only the request is read.
 */
import type express from 'express';
import type { RequestHandler } from 'express';
import { claimStep, completeStep, releaseStep, sendMessage, startCase } from '../../src/useCases/caseCommands.ts';
import { caseLog, caseReplay, listCases, readCase, type CaseListQuery } from '../../src/useCases/caseReads.ts';
import { present } from '../../src/useCases/present.ts';
import type { DurableEngine } from '../../src/store/durableEngine.ts';
import { periodOf } from '../queryParameters.ts';
import { idempotencyKeyOf, route, userOf } from '../requestHelpers.ts';
import { queryOf, validBody, validQuery } from '../schemas.ts';

type ListQuery = Omit<CaseListQuery, 'startedFrom' | 'startedTo'> & { from?: string; to?: string };

export function caseRoutes(app: express.Express, engine: DurableEngine, { json }: { json: RequestHandler[] }): void {
  app.get('/api/cases', validQuery('CaseList'), route(async (_req, res) => {
    const { from, to, ...query } = queryOf<ListQuery>(res);
    const period = periodOf(present({ from, to }), engine.calendar.zone);
    const page = await listCases(engine, userOf(res), { ...query, startedFrom: period.from, startedTo: period.to });
    // The page is the body, as before; where the next one starts is a header (absent on the last page).
    if (page.next) res.set('Protap-Next-Cursor', page.next);
    res.json(page.cases);
  }));

  app.get('/api/cases/:id', route(async (req, res) => {
    res.json(await readCase(engine, userOf(res), String(req.params.id)));
  }));

  app.get('/api/cases/:id/log', route(async (req, res) => {
    res.json(await caseLog(engine, userOf(res), String(req.params.id)));
  }));

  app.get('/api/cases/:id/replay', route(async (req, res) => {
    res.json(await caseReplay(engine, userOf(res), String(req.params.id)));
  }));

  app.post('/api/cases', json, validBody('StartCase'), route(async (req, res) => {
    const body = req.body as { processId: string; vars?: Record<string, unknown>; businessKey?: string };
    res.status(201).json(await startCase(engine, userOf(res), { ...body, idempotencyKey: idempotencyKeyOf(req) }));
  }));

  app.post('/api/cases/:id/steps/:stepId/complete', json, validBody('CompleteStep'), route(async (req, res) => {
    const body = req.body as { data?: Record<string, unknown>; instance?: number; expectedRevision?: number };
    res.json(await completeStep(engine, userOf(res), String(req.params.id), String(req.params.stepId), { ...body, idempotencyKey: idempotencyKeyOf(req) }));
  }));

  app.post('/api/cases/:id/steps/:stepId/claim', json, validBody('ClaimStep'), route(async (req, res) => {
    const body = req.body as { expectedRevision?: number };
    res.json(await claimStep(engine, userOf(res), String(req.params.id), String(req.params.stepId), { ...body, idempotencyKey: idempotencyKeyOf(req) }));
  }));

  app.delete('/api/cases/:id/steps/:stepId/claim', route(async (req, res) => {
    res.json(await releaseStep(engine, userOf(res), String(req.params.id), String(req.params.stepId)));
  }));

  app.post('/api/messages', json, validBody('Message'), route(async (req, res) => {
    const body = req.body as { name: string; caseId?: string; businessKey?: string; data?: Record<string, unknown> };
    res.json(await sendMessage(engine, userOf(res), { ...body, idempotencyKey: idempotencyKeyOf(req) }));
  }));
}

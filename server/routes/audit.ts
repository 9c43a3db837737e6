/**
 * Audit routes (issue 17, points 3 and 5): GET /api/audit/checkpoints lists the signed checkpoints
 * written beside the data folder, GET /api/audit/checkpoints/:name gives one file to copy
 * elsewhere, POST /api/audit/checkpoints signs one now (auditor or admin); GET
 * /api/cases/:id/evidence gives one case's signed evidence as a file; POST /api/audit/replay-all
 * starts checking every case in the background (auditor or admin) and GET /api/audit/replay-all
 * reads that job. Registered after the authentication middleware.
 */
import type express from 'express';
import { route } from '../requestHelpers.ts';
import type { RequestHandler } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listCheckpoints, writeCheckpoint, type CheckpointPlaces } from '../../src/audit/checkpointFiles.ts';
import { caseEvidence } from '../../src/audit/evidence.ts';
import { replayJob, startReplayAll } from '../../src/audit/replayJob.ts';
import type { Permission } from '../../src/auth/roles.ts';
import { ProtapError } from '../../src/runtime/protapError.ts';
import type { UserRow } from '../../src/store/caseStore.ts';
import type { DurableEngine } from '../../src/store/durableEngine.ts';

/** The engine's clock as an ISO instant in UTC (the form checkpoints and evidence record). */
const nowOf = (engine: DurableEngine) => new Date(Date.parse(engine.clock())).toISOString();

const NAME = /^titik-periksa-[0-9A-Za-z-]+\.json$/;

export function auditRoutes(app: express.Express, engine: DurableEngine, places: CheckpointPlaces, permit: (permission: Permission) => RequestHandler): void {
  app.get('/api/audit/checkpoints', permit('oversee'), route(async (_req, res) => {
    res.json(listCheckpoints(places));
  }));

  app.post('/api/audit/checkpoints', permit('audit'), route(async (_req, res) => {
    const { checkpoint, path } = await writeCheckpoint(engine.store, places, nowOf(engine));
    const { heads: _heads, publicKey: _key, signature: _signature, ...summary } = checkpoint;
    res.status(201).json({ name: path.slice(places.folder.length + 1), ...summary });
  }));

  app.get('/api/audit/checkpoints/:name', permit('oversee'), route(async (req, res) => {
    const name = String(req.params.name);
    if (!NAME.test(name) || !existsSync(join(places.folder, name))) throw new ProtapError('CHECKPOINT_NOT_FOUND', `Titik periksa "${name}" tidak ada.`);
    res.type('application/json').set('Content-Disposition', `attachment; filename="${name}"`).sendFile(join(places.folder, name));
  }));

  app.get('/api/cases/:id/evidence', permit('oversee'), route(async (req, res) => {
    const caseId = String(req.params.id);
    const evidence = await caseEvidence(engine, caseId, places, (res.locals.user as UserRow).id, nowOf(engine));
    // The file name carries the id only as far as it is safe in a header and on every file system.
    res.set('Content-Disposition', `attachment; filename="bukti-${caseId.replace(/[^0-9A-Za-z._-]/g, '_')}.json"`).json(evidence);
  }));

  app.post('/api/audit/replay-all', permit('audit'), route(async (_req, res) => {
    res.status(202).json(startReplayAll(engine, places));
  }));

  app.get('/api/audit/replay-all', permit('oversee'), route(async (_req, res) => {
    res.json(replayJob(engine) ?? null);
  }));
}

/**
 * Checkpoint routes (issue 17, point 3): GET /api/audit/checkpoints lists the signed checkpoints
 * written beside the data folder, GET /api/audit/checkpoints/:name gives one file to copy
 * elsewhere, POST /api/audit/checkpoints signs one now (auditor or admin). Registered after the
 * authentication middleware.
 */
import type express from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listCheckpoints, writeCheckpoint, type CheckpointPlaces } from '../../src/audit/checkpointFiles.ts';
import type { Permission } from '../../src/auth/roles.ts';
import { ProtapError } from '../../src/runtime/protapError.ts';
import type { DurableEngine } from '../../src/store/durableEngine.ts';

const handle = (handler: (req: Request, res: Response) => Promise<void>): RequestHandler =>
  (req: Request, res: Response, next: NextFunction) => { handler(req, res).catch(next); };

const NAME = /^titik-periksa-[0-9A-Za-z-]+\.json$/;

export function auditRoutes(app: express.Express, engine: DurableEngine, places: CheckpointPlaces, permit: (permission: Permission) => RequestHandler): void {
  app.get('/api/audit/checkpoints', permit('oversee'), handle(async (_req, res) => {
    res.json(listCheckpoints(places));
  }));

  app.post('/api/audit/checkpoints', permit('audit'), handle(async (_req, res) => {
    const { checkpoint, path } = await writeCheckpoint(engine.store, places, new Date(Date.parse(engine.clock())).toISOString());
    const { heads: _heads, publicKey: _key, signature: _signature, ...summary } = checkpoint;
    res.status(201).json({ name: path.slice(places.folder.length + 1), ...summary });
  }));

  app.get('/api/audit/checkpoints/:name', permit('oversee'), handle(async (req, res) => {
    const name = String(req.params.name);
    if (!NAME.test(name) || !existsSync(join(places.folder, name))) throw new ProtapError('CHECKPOINT_NOT_FOUND', `Titik periksa "${name}" tidak ada.`);
    res.type('application/json').set('Content-Disposition', `attachment; filename="${name}"`).sendFile(join(places.folder, name));
  }));
}

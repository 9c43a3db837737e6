/** GET /api/worklist: open steps with their forms and urgency, as the person may see them (src/useCases/worklist.ts). */
import type express from 'express';
import type { DurableEngine } from '../../src/store/durableEngine.ts';
import { worklistOf } from '../../src/useCases/worklist.ts';
import { route, userOf } from '../requestHelpers.ts';
import { queryOf, validQuery } from '../schemas.ts';

export function worklistRoutes(app: express.Express, engine: DurableEngine): void {
  app.get('/api/worklist', validQuery('Worklist'), route(async (_req, res) => {
    const { pelaksana, semua, late, limit, cursor } = queryOf<{ pelaksana?: string; semua?: boolean; late?: boolean; limit: number; cursor?: string }>(res);
    const page = await worklistOf(engine, userOf(res), { limit, pelaksana: pelaksana?.split(','), semua, late, cursor });
    if (page.next) res.set('Protap-Next-Cursor', page.next);
    res.json(page.rows);
  }));
}

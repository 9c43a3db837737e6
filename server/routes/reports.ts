/**
 * Report routes (issue 5): GET /api/reports/compliance — deadline compliance per SOP, step and
 * pelaksana over a period (src/useCases/reports.ts); only people who may oversee see reports.
 */
import type express from 'express';
import type { ComplianceFilter } from '../../src/reports/compliance.ts';
import type { DurableEngine } from '../../src/store/durableEngine.ts';
import { complianceFor } from '../../src/useCases/reports.ts';
import { periodOf } from '../queryParameters.ts';
import { route, userOf } from '../requestHelpers.ts';
import { queryOf, validQuery } from '../schemas.ts';

export function reportRoutes(app: express.Express, engine: DurableEngine): void {
  app.get('/api/reports/compliance', validQuery('Compliance'), route(async (_req, res) => {
    const filter = queryOf<ComplianceFilter>(res);
    periodOf(filter, engine.calendar.zone); // refuses a bound that is no date, or a period that ends before it starts
    res.json(await complianceFor(engine, userOf(res), filter));
  }));
}

/**
 * Report routes (issue 5): GET /api/reports/compliance — deadline compliance per SOP, step and
 * pelaksana over a period (src/reports/compliance.ts). Registered after the authentication
 * middleware (res.locals.user is set); only people who may oversee see reports. Errors go to
 * `next`, so the problem+json handler answers them.
 */
import type express from 'express';
import { handle } from './handle.ts';
import type { Request } from 'express';
import { may } from '../../src/auth/roles.ts';
import { complianceReport, type ComplianceFilter } from '../../src/reports/compliance.ts';
import { ProtapError } from '../../src/runtime/protapError.ts';
import type { UserRow } from '../../src/store/caseStore.ts';
import type { DurableEngine } from '../../src/store/durableEngine.ts';

/** A query parameter given at most once, 1–200 characters. */
function queryText(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new ProtapError('BAD_INPUT', `Parameter "${name}" hanya boleh disebut sekali.`);
  if (value.length === 0 || value.length > 200) throw new ProtapError('BAD_INPUT', `Parameter "${name}" harus berupa teks 1–200 karakter.`);
  return value;
}

/** A query parameter that must be an ISO 8601 date or instant. */
function queryDate(req: Request, name: string): string | undefined {
  const value = queryText(req, name);
  if (value !== undefined && Number.isNaN(Date.parse(value))) {
    throw new ProtapError('BAD_INPUT', `Parameter "${name}" harus tanggal ISO 8601 (mis. 2026-01-31 atau 2026-01-31T17:00:00+07:00).`, { parameter: name });
  }
  return value;
}

export function reportRoutes(app: express.Express, engine: DurableEngine): void {
  app.get('/api/reports/compliance', handle(async (req, res) => {
    const user = res.locals.user as UserRow;
    if (!may(user, 'oversee')) {
      throw new ProtapError('FORBIDDEN', `Peran ${user.roles.join(', ')} tidak mengizinkan melihat laporan kepatuhan (perlu peran pimpinan, auditor, analis atau admin).`, { roles: user.roles });
    }
    const from = queryDate(req, 'from');
    const to = queryDate(req, 'to');
    if (from !== undefined && to !== undefined && Date.parse(from) > Date.parse(to)) {
      throw new ProtapError('BAD_INPUT', `Parameter "from" (${from}) harus sebelum atau sama dengan "to" (${to}).`, { parameter: 'from' });
    }
    const processId = queryText(req, 'processId');
    const pelaksana = queryText(req, 'pelaksana');
    const filter: ComplianceFilter = {
      ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}),
      ...(processId !== undefined ? { processId } : {}), ...(pelaksana !== undefined ? { pelaksana } : {}),
    };
    res.json(await complianceReport(engine, filter, engine.clock()));
  }));
}

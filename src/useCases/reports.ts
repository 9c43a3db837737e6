/** Reports for those who oversee (pimpinan, auditor, analis, admin): deadline compliance over a period. */
import { requirePermission, type Person } from '../auth/roles.ts';
import { complianceReport, type ComplianceFilter, type ComplianceReport } from '../reports/compliance.ts';
import type { DurableEngine } from '../store/durableEngine.ts';

export function complianceFor(engine: DurableEngine, person: Person, filter: ComplianceFilter): Promise<ComplianceReport> {
  requirePermission(person, 'oversee');
  return complianceReport(engine, filter, engine.clock());
}

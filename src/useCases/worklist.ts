/**
 * The worklist one person may see (issue 20: decided here once): the open steps of their own roles
 * by default; another role's, or every open step (`semua`, the monitor), only for those who oversee.
 */
import { requirePermission, type Person } from '../auth/roles.ts';
import type { DurableEngine } from '../store/durableEngine.ts';
import { worklistRows, type WorklistRow } from '../store/worklistRows.ts';

export interface WorklistQuery {
  /** The roles whose steps to list; the person's own when absent. */
  pelaksana?: string[] | undefined;
  /** Every open step of every role. */
  semua?: boolean | undefined;
  /** Only steps past (true) or not past (false) their due time. */
  late?: boolean | undefined;
  limit: number;
}

export async function worklistOf(engine: DurableEngine, person: Person, query: WorklistQuery): Promise<WorklistRow[]> {
  const { pelaksana: asked, semua, late, limit } = query;
  if (semua || asked?.some((role) => !person.roles.includes(role))) requirePermission(person, 'oversee');
  const pelaksana = semua ? undefined : asked ?? [...person.roles];
  return worklistRows(engine, { limit, ...(pelaksana ? { pelaksana } : {}), ...(late !== undefined ? { late } : {}) }, engine.clock());
}

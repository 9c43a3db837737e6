/**
 * The worklist one person may see (issue 20: decided here once): the open steps of their own roles
 * by default; another role's, or every open step (`semua`, the monitor), only for those who oversee.
 */
import { requirePermission, type Person } from '../auth/roles.ts';
import { cursorOf, keyOf } from './cursor.ts';
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
  /** Where the previous page ended (`next` of its answer). */
  cursor?: string | undefined;
}

/** A page of open steps, and where the next one starts (absent on the last page). */
export interface WorklistPage {
  rows: WorklistRow[];
  next?: string;
}

export async function worklistOf(engine: DurableEngine, person: Person, query: WorklistQuery): Promise<WorklistPage> {
  const { pelaksana: asked, semua, late, limit, cursor } = query;
  if (semua || asked?.some((role) => !person.roles.includes(role))) requirePermission(person, 'oversee');
  const pelaksana = semua ? undefined : asked ?? [...person.roles];
  const rows = await worklistRows(engine, {
    limit: limit + 1, ...(pelaksana ? { pelaksana } : {}), ...(late !== undefined ? { late } : {}), ...(cursor !== undefined ? { after: readCursor(cursor) } : {}),
  }, engine.clock());
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, ...(rows.length > limit && last ? { next: cursorAfter(last) } : {}) };
}

/** The cursor after a step: its place in the list's order (due time, case, step). */
const cursorAfter = (row: WorklistRow): string => cursorOf([row.due === undefined ? null : Date.parse(row.due), row.caseId, row.stepId]);

const readCursor = (cursor: string): { dueMs: number | null; caseId: string; stepId: string } => keyOf(cursor, ([dueMs, caseId, stepId]) =>
  ((dueMs === null || (typeof dueMs === 'number' && Number.isFinite(dueMs))) && typeof caseId === 'string' && typeof stepId === 'string' ? { dueMs, caseId, stepId } : undefined));

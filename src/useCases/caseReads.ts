/**
 * Reading cases as one person may (issue 20: who may see what, decided here once): the list of
 * the cases of the SOPs they may read, one case with the outside events they may record, its
 * hash-chained log and its replay. Those who oversee read every case; anyone else only the cases
 * of SOPs whose lanes they stand in or whose unit is theirs (src/auth/sopAccess.ts).
 */
import { replayCase, type ReplayReport } from '../audit/replay.ts';
import { may } from '../auth/roles.ts';
import { checkMayRead, maySend, readableProcesses, type Member } from '../auth/sopAccess.ts';
import type { AwaitedMessage } from '../runtime/awaitedMessage.ts';
import type { CaseLogEntry, CaseStatus, CaseSummary, CaseView, HistoryEntry } from '../runtime/caseShapes.ts';
import type { Definition } from '../runtime/definition.ts';
import { ProtapError } from '../runtime/protapError.ts';
import type { CaseFilter, StoredCase } from '../store/caseStore.ts';
import type { DurableEngine } from '../store/durableEngine.ts';
import { cursorOf, keyOf } from './cursor.ts';
import { present } from './present.ts';

/** The case list's filter as asked (period bounds already instants). */
export interface CaseListQuery {
  status?: CaseStatus | undefined;
  processId?: string | undefined;
  businessKey?: string | undefined;
  /** Cases with an open step of this role. */
  pelaksana?: string | undefined;
  /** Cases with (true) or without (false) an open step past its due time now. */
  overdue?: boolean | undefined;
  startedFrom?: string | undefined;
  startedTo?: string | undefined;
  limit: number;
  /** Where the previous page ended (`next` of its answer): this page goes on from there. */
  cursor?: string | undefined;
}

/** A page of the case list, and where the next one starts (absent on the last page). */
export interface CasePage {
  cases: CaseSummary[];
  next?: string;
}

/** The cursor after a case: its place in the list's order (start time, then id). */
const cursorAfter = (c: StoredCase): string => cursorOf([Date.parse(c.startedAt), c.id]);

const readCursor = (cursor: string): { startedMs: number; id: string } => keyOf(cursor, ([startedMs, id]) =>
  (typeof startedMs === 'number' && Number.isFinite(startedMs) && typeof id === 'string' && id.length > 0 ? { startedMs, id } : undefined));

/** A case as one person reads it: each awaited event says whether they may record it. */
export interface CaseAsRead extends CaseView {
  awaiting: (AwaitedMessage & { mayRecord: boolean })[];
}

/**
 * A page of the cases, most recent first, of the SOPs the person may read — judged on the
 * definitions this process knows: an SOP deployed by another process since is listed once it is
 * known here. Paged by a cursor on the list's own order (an index serves it): a page reads at most
 * one row more than it returns, however deep it is.
 */
export async function listCases(engine: DurableEngine, person: Member, query: CaseListQuery): Promise<CasePage> {
  const { overdue, cursor, limit, ...rest } = query;
  const filter: CaseFilter = {
    ...present(rest), limit: limit + 1,
    ...(overdue !== undefined ? { overdue: { at: engine.clock(), value: overdue } } : {}), ...(cursor !== undefined ? { after: readCursor(cursor) } : {}),
  };
  const readable = readableProcesses(person, engine.definitions());
  const rows = readable === undefined ? await engine.store.listCases(filter)
    : filter.processId !== undefined ? (readable.includes(filter.processId) ? await engine.store.listCases(filter) : [])
    : readable.length > 0 ? await engine.store.listCases({ ...filter, processIds: readable }) : [];
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { cases: page.map(summaryOf), ...(rows.length > limit && last ? { next: cursorAfter(last) } : {}) };
}

function summaryOf(c: StoredCase): CaseSummary {
  return {
    id: c.id, processId: c.processId, version: c.definitionVersion, status: c.status, revision: c.revision, startedAt: c.startedAt,
    ...(c.businessKey !== undefined ? { businessKey: c.businessKey } : {}), ...(c.endedAt !== undefined ? { endedAt: c.endedAt } : {}),
  };
}

/** One case with its whole history, and for each event it awaits whether this person may record it. */
export async function readCase(engine: DurableEngine, person: Member, caseId: string): Promise<CaseAsRead> {
  const definition = await readableDefinition(engine, person, caseId);
  const view = await engine.getCase(caseId);
  const mayAct = may(person, 'act');
  return { ...view, awaiting: view.awaiting.map((event) => ({ ...event, mayRecord: mayAct && maySend(person, definition, event.message) })) };
}

/** A case's hash-chained log. Who, when and what come from the hashed entry, never from the side columns (replay checks those agree). */
export async function caseLog(engine: DurableEngine, person: Member, caseId: string): Promise<CaseLogEntry[]> {
  await readableDefinition(engine, person, caseId);
  return (await engine.store.log(caseId)).map((row) => {
    const entry = JSON.parse(row.entry) as HistoryEntry;
    return { caseId: row.caseId, seq: row.seq, at: entry.at, actor: entry.actor, event: entry.event, stateHash: row.stateHash, prevHash: row.prevHash, hash: row.hash, entry };
  });
}

/** A case replayed from its log: intact, or the first bad entry and why. */
export async function caseReplay(engine: DurableEngine, person: Member, caseId: string): Promise<ReplayReport> {
  await readableDefinition(engine, person, caseId);
  const report = await replayCase(engine, caseId);
  if (!report.processId) throw new ProtapError('CASE_NOT_FOUND', report.reason ?? 'Kasus tidak ditemukan.');
  return report;
}

/**
 * The definition version of a case the person may read; an unknown case is CASE_NOT_FOUND, a case
 * outside their SOPs and unit FORBIDDEN. The deployed definitions are read again only when the
 * case's version is not known here yet (deployed by another server process).
 */
async function readableDefinition(engine: DurableEngine, person: Member, caseId: string): Promise<Definition> {
  const row = await engine.store.getCase(caseId);
  if (!row) throw new ProtapError('CASE_NOT_FOUND', `Kasus "${caseId}" tidak ditemukan.`);
  await engine.ensureDefinitions([row]);
  const definition = engine.definition(row.processId, row.definitionVersion);
  checkMayRead(person, definition);
  return definition;
}

/**
 * The SQL of the PostgreSQL store (postgresStore.ts): the columns it reads back, the WHERE clauses
 * of its filters, the prepared statements of its writes, and the helpers that shape rows into
 * `unnest` column arrays — kept apart so the store class reads as what it does.
 */
import type pg from 'pg';
import type { TimerRow } from '../../runtime/caseRecord.ts';
import { StoreConflict, type CaseFilter, type CaseWrite, type LogRow, type OpenStepRow, type StepFilter, type TimerChanges } from '../caseStore.ts';

/** A pool client or the pool itself: both run queries. */
export type Queryable = pg.Pool | pg.PoolClient;

/** The columns read back, in every query that maps rows (named, so a later column never changes a prepared result). */
export const CASE_COLUMNS = 'id, root_id, parent_id, process_id, definition_version, business_key, status, revision, head_hash, started_at, ended_at, updated_at, snapshot, state';
export const TIMER_COLUMNS = 'case_id, key, due, event, every, remaining';
export const USER_COLUMNS = 'id, nama, password_hash, roles, disabled, unit, must_change_password, created_at, updated_at';
export const SESSION_COLUMNS = 'token_hash, user_id, created_at, expires_at';

/** Collects query parameters, handing out their `$n` placeholders. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** WHERE clause of a case filter; an empty `processIds` list matches nothing. */
export function caseWhere(filter: CaseFilter, params: Params): string {
  const clauses: string[] = [];
  if (filter.processId) clauses.push(`process_id = ${params.add(filter.processId)}`);
  if (filter.processIds) clauses.push(`process_id = ANY(${params.add(filter.processIds)}::text[])`);
  if (filter.status) clauses.push(`status = ${params.add(filter.status)}`);
  if (filter.businessKey) clauses.push(`business_key = ${params.add(filter.businessKey)}`);
  if (filter.startedFrom) clauses.push(`started_ms >= ${params.add(Date.parse(filter.startedFrom))}`);
  if (filter.startedTo) clauses.push(`started_ms <= ${params.add(Date.parse(filter.startedTo))}`);
  if (filter.overdue) {
    const overdueStep = `SELECT 1 FROM open_steps AS s WHERE s.case_id = cases.id AND s.due_ms <= ${params.add(Date.parse(filter.overdue.at))}`;
    clauses.push(filter.overdue.value ? `EXISTS (${overdueStep})` : `NOT EXISTS (${overdueStep})`);
  }
  if (filter.pelaksana) clauses.push(`EXISTS (SELECT 1 FROM open_steps AS s WHERE s.case_id = cases.id AND s.pelaksana = ${params.add(filter.pelaksana)})`);
  if (filter.afterId) clauses.push(`id > ${params.add(filter.afterId)}`);
  if (filter.after) {
    const ms = params.add(filter.after.startedMs);
    clauses.push(`(started_ms < ${ms} OR (started_ms = ${ms} AND id > ${params.add(filter.after.id)}))`);
  }
  return clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
}

/** WHERE clause of a step filter; an empty `pelaksana` list matches nothing. */
export function stepWhere(filter: StepFilter, params: Params): string {
  const clauses: string[] = [];
  if (filter.pelaksana) clauses.push(`pelaksana = ANY(${params.add(filter.pelaksana)}::text[])`);
  if (filter.processId) clauses.push(`process_id = ${params.add(filter.processId)}`);
  if (filter.dueBefore) clauses.push(`due_ms <= ${params.add(Date.parse(filter.dueBefore))}`);
  if (filter.late !== undefined) clauses.push(`late = ${params.add(filter.late)}`);
  if (filter.after) {
    const { dueMs, caseId, stepId } = filter.after;
    const c = params.add(caseId);
    const later = `(case_id > ${c} OR (case_id = ${c} AND step_id > ${params.add(stepId)}))`;
    if (dueMs === null) clauses.push(`(due_ms IS NULL AND ${later})`);
    else {
      const d = params.add(dueMs);
      clauses.push(`(due_ms IS NULL OR due_ms > ${d} OR (due_ms = ${d} AND ${later}))`);
    }
  }
  return clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
}

/** One array per column: the parameters of an `INSERT … SELECT * FROM unnest(…)`. */
export const columnsOf = <T>(items: T[], ...pick: ((item: T) => unknown)[]): unknown[][] => pick.map((column) => items.map(column));

export const logColumns = (log: LogRow[]): unknown[][] =>
  columnsOf(log, (e) => e.caseId, (e) => e.seq, (e) => e.at, (e) => e.actor, (e) => e.event, (e) => e.entry, (e) => e.stateHash, (e) => e.prevHash, (e) => e.hash);

export const stepColumns = (steps: OpenStepRow[]): unknown[][] =>
  columnsOf(steps, (t) => t.caseId, (t) => t.stepId, (t) => t.processId, (t) => t.name ?? null, (t) => t.pelaksana ?? null, (t) => t.startedAt,
    (t) => t.due ?? null, (t) => (t.due ? Date.parse(t.due) : null), (t) => t.late, (t) => t.claimedBy ?? null, (t) => t.claimedAt ?? null);

export const byId = (a: CaseWrite, b: CaseWrite): number => (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0);

/**
 * Splits the case writes into runs in which each case appears once, so that a run can go in
 * multi-row statements and a case written twice in one call is still written in order.
 */
export function uniqueRuns(cases: CaseWrite[]): CaseWrite[][] {
  const runs: CaseWrite[][] = [];
  let run: CaseWrite[] = [];
  let ids = new Set<string>();
  for (const write of cases) {
    if (ids.has(write.row.id)) { runs.push(run); run = []; ids = new Set(); }
    run.push(write);
    ids.add(write.row.id);
  }
  if (run.length) runs.push(run);
  return runs;
}

/** The timer rows to set, the last one winning for a key set twice (an upsert may touch a row only once). */
export function lastPerKey(timers: TimerRow[]): TimerRow[] {
  const latest = new Map<string, TimerRow>();
  for (const timer of timers) latest.set(`${timer.caseId}\u0000${timer.key}`, timer);
  return [...latest.values()];
}

/**
 * A deadlock or serialisation failure while writing means another command was changing the same
 * case or timer rows at the same moment: it is reported as the conflict it is, so the caller
 * retries the command instead of failing it.
 */
export function asConflict(error: unknown, cases: CaseWrite[], timers: TimerChanges): unknown {
  const code = (error as { code?: string }).code;
  if (code !== '40P01' && code !== '40001') return error;
  const first = cases[0];
  const caseId = first?.row.id ?? timers.clearedCases[0] ?? timers.removed[0]?.caseId ?? timers.set[0]?.caseId ?? '';
  return Object.assign(new StoreConflict(caseId, first ? first.expectedRevision : null), { cause: error });
}

/** A schema name safe to put in SQL and in the connection's search_path. */
export function checkedSchema(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`Nama skema PostgreSQL tidak sah: "${schema}" (hanya huruf kecil, angka dan garis bawah, paling panjang 63).`);
  }
  return schema;
}

/** The statements of the hot path, named so that each connection prepares them once. */
export const statements = {
  family: { name: 'protap_family', text: `SELECT ${CASE_COLUMNS} FROM cases WHERE root_id = (SELECT root_id FROM cases WHERE id = $1)` },
  /**
   * New case rows, with the log entries and open steps of those actually inserted. An id that
   * exists inserts nothing (rather than failing with 23505, which would abort the whole PostgreSQL
   * transaction): the caller sees it missing from the ids returned and raises StoreConflict.
   */
  createCases: {
    name: 'protap_create_cases',
    text: `WITH inserted AS (
        INSERT INTO cases (id, root_id, parent_id, process_id, definition_version, business_key, status, revision, head_hash, started_at, started_ms, ended_at, updated_at, snapshot, state)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::int[], $9::text[], $10::text[], $11::bigint[], $12::text[], $13::text[], $14::text[], $15::text[])
        ON CONFLICT (id) DO NOTHING RETURNING id
      ), logged AS (
        INSERT INTO case_log (case_id, seq, at, actor, event, entry, state_hash, prev_hash, hash)
        SELECT * FROM unnest($16::text[], $17::int[], $18::text[], $19::text[], $20::text[], $21::text[], $22::text[], $23::text[], $24::text[])
          AS l (case_id, seq, at, actor, event, entry, state_hash, prev_hash, hash)
        WHERE l.case_id IN (SELECT id FROM inserted)
      ), opened AS (
        INSERT INTO open_steps (case_id, step_id, process_id, name, pelaksana, started_at, due, due_ms, late, claimed_by, claimed_at)
        SELECT * FROM unnest($25::text[], $26::text[], $27::text[], $28::text[], $29::text[], $30::text[], $31::text[], $32::bigint[], $33::boolean[], $34::text[], $35::text[])
          AS s (case_id, step_id, process_id, name, pelaksana, started_at, due, due_ms, late, claimed_by, claimed_at)
        WHERE s.case_id IN (SELECT id FROM inserted)
      )
      SELECT id FROM inserted`,
  },
  /** Case rows still at their expected revision, with the log entries of those actually updated. */
  updateCases: {
    name: 'protap_update_cases',
    text: `WITH updated AS (
        UPDATE cases AS c SET status = v.status, revision = v.revision, head_hash = v.head_hash, ended_at = v.ended_at, updated_at = v.updated_at, snapshot = v.snapshot, state = v.state
        FROM unnest($1::text[], $2::int[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
          AS v (id, expected_revision, status, revision, head_hash, ended_at, updated_at, snapshot, state)
        WHERE c.id = v.id AND c.revision = v.expected_revision RETURNING c.id
      ), logged AS (
        INSERT INTO case_log (case_id, seq, at, actor, event, entry, state_hash, prev_hash, hash)
        SELECT * FROM unnest($10::text[], $11::int[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[])
          AS l (case_id, seq, at, actor, event, entry, state_hash, prev_hash, hash)
        WHERE l.case_id IN (SELECT id FROM updated)
      )
      SELECT id FROM updated`,
  },
  clearSteps: { name: 'protap_clear_steps', text: 'DELETE FROM open_steps WHERE case_id = ANY($1::text[])' },
  insertSteps: {
    name: 'protap_insert_steps',
    text: `INSERT INTO open_steps (case_id, step_id, process_id, name, pelaksana, started_at, due, due_ms, late, claimed_by, claimed_at)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::boolean[], $10::text[], $11::text[])`,
  },
  clearTimers: { name: 'protap_clear_timers', text: 'DELETE FROM timers WHERE case_id = ANY($1::text[])' },
  removeTimers: {
    name: 'protap_remove_timers',
    text: 'DELETE FROM timers AS t USING unnest($1::text[], $2::text[]) AS r (case_id, key) WHERE t.case_id = r.case_id AND t.key = r.key',
  },
  setTimers: {
    name: 'protap_set_timers',
    text: `INSERT INTO timers (case_id, key, due, due_ms, event, every, remaining)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::int[])
      ON CONFLICT (case_id, key) DO UPDATE SET due = excluded.due, due_ms = excluded.due_ms, event = excluded.event, every = excluded.every, remaining = excluded.remaining`,
  },
  dueTimers: { name: 'protap_due_timers', text: `SELECT ${TIMER_COLUMNS} FROM timers WHERE due_ms <= $1 ORDER BY due_ms LIMIT $2 FOR UPDATE SKIP LOCKED` },
  recall: { name: 'protap_recall', text: 'SELECT fingerprint, response FROM commands WHERE idempotency_key = $1' },
  remember: { name: 'protap_remember', text: 'INSERT INTO commands (idempotency_key, fingerprint, response, created_at) VALUES ($1, $2, $3, $4)' },
};

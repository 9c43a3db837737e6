/**
 * The server store: PostgreSQL through a `pg` pool, for several server processes sharing one
 * database. Each command runs in a transaction of its own on a pooled connection, and its promise
 * settles after COMMIT. Where SQLite serialises commands, PostgreSQL lets them run side by side:
 * a stale case revision is caught by `UPDATE … WHERE revision = expected`, and timer rows are
 * claimed with `FOR UPDATE SKIP LOCKED`, so two processes never fire the same timer. A write
 * takes few round trips whatever the number of rows: multi-row statements over `unnest` of column
 * arrays, new cases going in with their log entries and open steps in one statement. The
 * structure follows sqliteStore.ts, so the two read side by side.
 */
import pg from 'pg';
import type { TimerRow } from '../../runtime/caseRecord.ts';
import {
  byCase, StoreConflict, type CaseFilter, type CaseStore, type CaseWrite, type DefinitionRow, type DefinitionVersion, type LogRow, type OpenStepRow,
  type SessionRow, type CalendarYearRow, type StepFilter, type StoreTransaction, type StoredCase, type TimerChanges, type UserRow,
} from '../caseStore.ts';
import { postgresMigrations } from './migrations.ts';
import { calendarYearOf, caseOf, definitionVersionOf, LOG_COLUMNS, logOf, logsByCase, sessionOf, STEP_BUSINESS_KEY, stepOf, timerOf, userOf, type Row } from '../rowShapes.ts';

export interface PostgresStoreOptions {
  /** The schema every connection works in (created by `migrate` when missing); default: the server's search_path. */
  schema?: string;
  /** Most connections the pool opens (default 10). */
  poolSize?: number;
}

/** A pool client or the pool itself: both run queries. */
type Queryable = pg.Pool | pg.PoolClient;

/** The columns read back, in every query that maps rows (named, so a later column never changes a prepared result). */
const CASE_COLUMNS = 'id, root_id, parent_id, process_id, definition_version, business_key, status, revision, head_hash, started_at, ended_at, updated_at, snapshot, state';
const TIMER_COLUMNS = 'case_id, key, due, event, every, remaining';
const USER_COLUMNS = 'id, nama, password_hash, roles, disabled, unit, must_change_password, created_at, updated_at';
const SESSION_COLUMNS = 'token_hash, user_id, created_at, expires_at';

/** Collects query parameters, handing out their `$n` placeholders. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** WHERE clause of a case filter; an empty `processIds` list matches nothing. */
function caseWhere(filter: CaseFilter, params: Params): string {
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
  return clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
}

/** WHERE clause of a step filter; an empty `pelaksana` list matches nothing. */
function stepWhere(filter: StepFilter, params: Params): string {
  const clauses: string[] = [];
  if (filter.pelaksana) clauses.push(`pelaksana = ANY(${params.add(filter.pelaksana)}::text[])`);
  if (filter.processId) clauses.push(`process_id = ${params.add(filter.processId)}`);
  if (filter.dueBefore) clauses.push(`due_ms <= ${params.add(Date.parse(filter.dueBefore))}`);
  if (filter.late !== undefined) clauses.push(`late = ${params.add(filter.late)}`);
  return clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
}

/** One array per column: the parameters of an `INSERT … SELECT * FROM unnest(…)`. */
const columnsOf = <T>(items: T[], ...pick: ((item: T) => unknown)[]): unknown[][] => pick.map((column) => items.map(column));

const logColumns = (log: LogRow[]): unknown[][] =>
  columnsOf(log, (e) => e.caseId, (e) => e.seq, (e) => e.at, (e) => e.actor, (e) => e.event, (e) => e.entry, (e) => e.stateHash, (e) => e.prevHash, (e) => e.hash);

const stepColumns = (steps: OpenStepRow[]): unknown[][] =>
  columnsOf(steps, (t) => t.caseId, (t) => t.stepId, (t) => t.processId, (t) => t.name ?? null, (t) => t.pelaksana ?? null, (t) => t.startedAt,
    (t) => t.due ?? null, (t) => (t.due ? Date.parse(t.due) : null), (t) => t.late, (t) => t.claimedBy ?? null, (t) => t.claimedAt ?? null);

const byId = (a: CaseWrite, b: CaseWrite): number => (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0);

/**
 * Splits the case writes into runs in which each case appears once, so that a run can go in
 * multi-row statements and a case written twice in one call is still written in order.
 */
function uniqueRuns(cases: CaseWrite[]): CaseWrite[][] {
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
function lastPerKey(timers: TimerRow[]): TimerRow[] {
  const latest = new Map<string, TimerRow>();
  for (const timer of timers) latest.set(`${timer.caseId}\u0000${timer.key}`, timer);
  return [...latest.values()];
}

/**
 * A deadlock or serialisation failure while writing means another command was changing the same
 * case or timer rows at the same moment: it is reported as the conflict it is, so the caller
 * retries the command instead of failing it.
 */
function asConflict(error: unknown, cases: CaseWrite[], timers: TimerChanges): unknown {
  const code = (error as { code?: string }).code;
  if (code !== '40P01' && code !== '40001') return error;
  const first = cases[0];
  const caseId = first?.row.id ?? timers.clearedCases[0] ?? timers.removed[0]?.caseId ?? timers.set[0]?.caseId ?? '';
  return Object.assign(new StoreConflict(caseId, first ? first.expectedRevision : null), { cause: error });
}

/** A schema name safe to put in SQL and in the connection's search_path. */
function checkedSchema(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`Nama skema PostgreSQL tidak sah: "${schema}" (hanya huruf kecil, angka dan garis bawah, paling panjang 63).`);
  }
  return schema;
}

/** The statements of the hot path, named so that each connection prepares them once. */
const statements = {
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

export class PostgresStore implements CaseStore {
  readonly kind = 'postgres' as const;
  readonly schema: string | undefined;
  private readonly pool: pg.Pool;

  /** Opens a pool (connections are made on first use); with `schema`, every connection's search_path is that schema alone. */
  constructor(connectionString: string, options: PostgresStoreOptions = {}) {
    this.schema = options.schema === undefined ? undefined : checkedSchema(options.schema);
    this.pool = new pg.Pool({
      connectionString,
      max: options.poolSize ?? 10,
      ...(this.schema ? { options: `-c search_path=${this.schema}` } : {}),
    });
    // A connection that breaks while idle leaves the pool; the next query opens a new one.
    this.pool.on('error', () => {});
  }

  async migrate(): Promise<number> {
    const applied = await this.underMigrationLock(async (client) => {
      if (this.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
      return appliedVersions(client);
    });
    for (const migration of postgresMigrations) {
      if (applied.has(migration.version)) continue;
      await this.underMigrationLock(async (client) => {
        // Another process may have applied it while this one waited for the lock.
        if ((await appliedVersions(client)).has(migration.version)) return;
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, new Date().toISOString()]);
      });
    }
    return Math.max(0, ...postgresMigrations.map((m) => m.version));
  }

  /** A transaction holding the schema's migration lock, so processes starting together migrate one after another. */
  private underMigrationLock<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.inTransaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`protap.migrate:${this.schema ?? ''}`]);
      return work(client);
    });
  }

  private transactionApi(client: pg.PoolClient): StoreTransaction {
    const s = statements;
    return {
      loadFamily: async (caseId) => (await client.query<Row>({ ...s.family, values: [caseId] })).rows.map(caseOf),
      findCases: async (filter) => this.selectCases(client, filter),
      write: async (cases, timers) => {
        try {
          await this.write(client, cases, timers);
        } catch (error) {
          throw asConflict(error, cases, timers);
        }
      },
      claimDueTimers: async (now, limit) => (await client.query<Row>({ ...s.dueTimers, values: [Date.parse(now), limit] })).rows.map(timerOf),
      recall: async (key) => {
        const row = (await client.query<Row>({ ...s.recall, values: [key] })).rows[0];
        return row && { fingerprint: row.fingerprint as string, response: row.response as string };
      },
      remember: async (key, command, at) => { await client.query({ ...s.remember, values: [key, command.fingerprint, command.response, at] }); },
    };
  }

  private async write(client: pg.PoolClient, cases: CaseWrite[], timers: TimerChanges): Promise<void> {
    for (const run of uniqueRuns(cases)) {
      // New cases before updated ones, each in id order, so that concurrent commands lock rows in the same order.
      const created = run.filter((write) => write.expectedRevision === null).sort(byId);
      const updated = run.filter((write) => write.expectedRevision !== null).sort(byId);
      const written = new Set([...await this.createCases(client, created), ...await this.updateCases(client, updated)]);
      const lost = run.find((write) => !written.has(write.row.id));
      if (lost) throw new StoreConflict(lost.row.id, lost.expectedRevision);
      await this.replaceSteps(client, updated);
    }
    await this.writeTimers(client, timers);
  }

  /** Inserts new cases with their log entries and open steps; returns the ids inserted (not an id that exists). */
  private async createCases(client: pg.PoolClient, created: CaseWrite[]): Promise<string[]> {
    if (created.length === 0) return [];
    const values = [
      ...columnsOf(created.map((write) => write.row), (r) => r.id, (r) => r.rootId, (r) => r.parentId ?? null, (r) => r.processId, (r) => r.definitionVersion,
        (r) => r.businessKey ?? null, (r) => r.status, (r) => r.revision, (r) => r.headHash, (r) => r.startedAt, (r) => Date.parse(r.startedAt),
        (r) => r.endedAt ?? null, (r) => r.updatedAt, (r) => r.snapshot, (r) => r.state),
      ...logColumns(created.flatMap((write) => write.log)),
      ...stepColumns(created.flatMap((write) => write.steps)),
    ];
    return (await client.query<Row>({ ...statements.createCases, values })).rows.map((row) => row.id as string);
  }

  /** Updates the cases still at their expected revision and appends their log entries; returns the ids updated. */
  private async updateCases(client: pg.PoolClient, updated: CaseWrite[]): Promise<string[]> {
    if (updated.length === 0) return [];
    const values = [
      ...columnsOf(updated, (w) => w.row.id, (w) => w.expectedRevision, (w) => w.row.status, (w) => w.row.revision, (w) => w.row.headHash,
        (w) => w.row.endedAt ?? null, (w) => w.row.updatedAt, (w) => w.row.snapshot, (w) => w.row.state),
      ...logColumns(updated.flatMap((write) => write.log)),
    ];
    return (await client.query<Row>({ ...statements.updateCases, values })).rows.map((row) => row.id as string);
  }

  /** The open steps of updated cases replace the stored ones (a new case has none stored: createCases wrote them). */
  private async replaceSteps(client: pg.PoolClient, updated: CaseWrite[]): Promise<void> {
    if (updated.length === 0) return;
    await client.query({ ...statements.clearSteps, values: [updated.map((write) => write.row.id)] });
    const steps = updated.flatMap((write) => write.steps);
    if (steps.length) await client.query({ ...statements.insertSteps, values: stepColumns(steps) });
  }

  /** Whole cases cleared first, then rows removed by key, then rows set. */
  private async writeTimers(client: pg.PoolClient, timers: TimerChanges): Promise<void> {
    if (timers.clearedCases.length) await client.query({ ...statements.clearTimers, values: [timers.clearedCases] });
    if (timers.removed.length) await client.query({ ...statements.removeTimers, values: columnsOf(timers.removed, (t) => t.caseId, (t) => t.key) });
    const set = lastPerKey(timers.set);
    if (set.length) {
      await client.query({
        ...statements.setTimers,
        values: columnsOf(set, (t) => t.caseId, (t) => t.key, (t) => t.due, (t) => Date.parse(t.due), (t) => t.event, (t) => t.every ?? null, (t) => (t.every ? (t.remaining ?? null) : null)),
      });
    }
  }

  transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    return this.inTransaction((client) => work(this.transactionApi(client)));
  }

  /** BEGIN, work, COMMIT on one pooled connection; ROLLBACK and rethrow on any failure; the connection always goes back. */
  private async inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const value = await work(client);
      const commit = await client.query('COMMIT');
      // A transaction in which a statement failed (and the failure was caught) ends in ROLLBACK, not COMMIT.
      if (commit.command !== 'COMMIT') throw new Error('Transaksi dibatalkan oleh PostgreSQL karena salah satu perintah di dalamnya gagal; tidak ada yang disimpan.');
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch((failure: Error) => { broken = failure; });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async saveCalendarYear(row: CalendarYearRow): Promise<void> {
    await this.pool.query(`INSERT INTO calendar_years (year, version, data, published_at, published_by) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (year) DO UPDATE SET version = excluded.version, data = excluded.data, published_at = excluded.published_at, published_by = excluded.published_by`,
    [row.year, row.version, row.data, row.publishedAt, row.publishedBy]);
  }

  async calendarYears(): Promise<CalendarYearRow[]> {
    return (await this.pool.query<Row>('SELECT year, version, data, published_at, published_by FROM calendar_years ORDER BY year')).rows.map(calendarYearOf);
  }

  async saveDefinition(row: DefinitionRow): Promise<void> {
    await this.pool.query('INSERT INTO definitions (process_id, version, name, hash, xml, deployed_at, deployed_by) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [row.processId, row.version, row.name ?? null, row.hash, row.xml, row.deployedAt, row.deployedBy]);
  }

  async definitions(): Promise<DefinitionRow[]> {
    return (await this.pool.query<Row>('SELECT * FROM definitions ORDER BY process_id, version')).rows.map((row) => ({
      processId: row.process_id as string, version: row.version as number, ...(row.name !== null ? { name: row.name as string } : {}),
      hash: row.hash as string, xml: row.xml as string, deployedAt: row.deployed_at as string, deployedBy: row.deployed_by as string,
    }));
  }

  async definitionVersions(processId: string): Promise<DefinitionVersion[]> {
    const sql = 'SELECT process_id, version, name, hash, deployed_at, deployed_by FROM definitions WHERE process_id = $1 ORDER BY version DESC';
    return (await this.pool.query<Row>(sql, [processId])).rows.map(definitionVersionOf);
  }

  async definitionXml(processId: string, version?: number): Promise<{ version: number; xml: string } | undefined> {
    const row = (version === undefined
      ? await this.pool.query<Row>('SELECT version, xml FROM definitions WHERE process_id = $1 ORDER BY version DESC LIMIT 1', [processId])
      : await this.pool.query<Row>('SELECT version, xml FROM definitions WHERE process_id = $1 AND version = $2', [processId, version])).rows[0];
    return row && { version: row.version as number, xml: row.xml as string };
  }

  async getCase(caseId: string): Promise<StoredCase | undefined> {
    const row = (await this.pool.query<Row>(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1`, [caseId])).rows[0];
    return row && caseOf(row);
  }

  async listCases(filter: CaseFilter = {}): Promise<StoredCase[]> {
    return this.selectCases(this.pool, filter);
  }

  private async selectCases(db: Queryable, filter: CaseFilter): Promise<StoredCase[]> {
    const params = new Params();
    const where = caseWhere(filter, params);
    const order = filter.afterId !== undefined ? 'ORDER BY id' : 'ORDER BY started_ms DESC, id';
    const sql = `SELECT ${CASE_COLUMNS} FROM cases ${where} ${order} LIMIT ${params.add(filter.limit ?? null)}`;
    return (await db.query<Row>(sql, params.values)).rows.map(caseOf);
  }

  async log(caseId: string, fromSeq = 1): Promise<LogRow[]> {
    return (await this.pool.query<Row>('SELECT * FROM case_log WHERE case_id = $1 AND seq >= $2 ORDER BY seq', [caseId, fromSeq])).rows.map(logOf);
  }

  async logsOf(caseIds: readonly string[]): Promise<Map<string, LogRow[]>> {
    if (caseIds.length === 0) return new Map();
    const sql = `SELECT ${LOG_COLUMNS} FROM case_log WHERE case_id = ANY($1::text[]) ORDER BY case_id, seq`;
    return logsByCase((await this.pool.query<unknown[]>({ text: sql, values: [caseIds], rowMode: 'array' })).rows);
  }

  async openSteps(filter: StepFilter = {}): Promise<OpenStepRow[]> {
    const params = new Params();
    const where = stepWhere(filter, params);
    const sql = `SELECT *, ${STEP_BUSINESS_KEY} FROM open_steps ${where} ORDER BY due_ms ASC NULLS LAST, case_id LIMIT ${params.add(filter.limit ?? null)}`;
    return (await this.pool.query<Row>(sql, params.values)).rows.map(stepOf);
  }

  async openStepsOf(caseIds: readonly string[]): Promise<Map<string, OpenStepRow[]>> {
    const rows = (await this.pool.query<Row>(`SELECT *, ${STEP_BUSINESS_KEY} FROM open_steps WHERE case_id = ANY($1::text[])`, [caseIds])).rows.map(stepOf);
    return byCase(caseIds, rows);
  }

  async timersOf(caseIds: readonly string[]): Promise<Map<string, TimerRow[]>> {
    return byCase(caseIds, (await this.pool.query<Row>(`SELECT ${TIMER_COLUMNS} FROM timers WHERE case_id = ANY($1::text[]) ORDER BY due_ms`, [caseIds])).rows.map(timerOf));
  }

  async timers(caseId: string): Promise<TimerRow[]> {
    return (await this.pool.query<Row>(`SELECT ${TIMER_COLUMNS} FROM timers WHERE case_id = $1 ORDER BY due_ms`, [caseId])).rows.map(timerOf);
  }

  async nextTimerDue(): Promise<string | undefined> {
    const row = (await this.pool.query<Row>('SELECT due FROM timers ORDER BY due_ms LIMIT 1')).rows[0];
    return row?.due as string | undefined;
  }

  async countTimers(): Promise<number> {
    // count(*) is a BIGINT, which pg hands back as a string.
    return Number((await this.pool.query<Row>('SELECT count(*) AS n FROM timers')).rows[0]?.n ?? 0);
  }

  async saveUser(user: UserRow): Promise<void> {
    await this.pool.query(`INSERT INTO users (${USER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      ON CONFLICT (id) DO UPDATE SET nama = excluded.nama, password_hash = excluded.password_hash, roles = excluded.roles, disabled = excluded.disabled,
        unit = excluded.unit, must_change_password = excluded.must_change_password, created_at = excluded.created_at, updated_at = excluded.updated_at`,
    [user.id, user.nama, user.passwordHash, JSON.stringify(user.roles), user.disabled, user.unit ?? null, user.mustChangePassword, user.createdAt, user.updatedAt]);
  }

  async getUser(id: string): Promise<UserRow | undefined> {
    const row = (await this.pool.query<Row>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id])).rows[0];
    return row && userOf(row);
  }

  async listUsers(): Promise<UserRow[]> {
    return (await this.pool.query<Row>(`SELECT ${USER_COLUMNS} FROM users ORDER BY id`)).rows.map(userOf);
  }

  async countUsers(): Promise<number> {
    // count(*) is a BIGINT, which pg hands back as a string.
    return Number((await this.pool.query<Row>('SELECT count(*) AS n FROM users')).rows[0]?.n ?? 0);
  }

  async saveSession(session: SessionRow): Promise<void> {
    await this.pool.query('INSERT INTO sessions (token_hash, user_id, created_at, expires_at, expires_ms) VALUES ($1, $2, $3, $4, $5)',
      [session.tokenHash, session.userId, session.createdAt, session.expiresAt, Date.parse(session.expiresAt)]);
  }

  async getSession(tokenHash: string, now: string): Promise<SessionRow | undefined> {
    const row = (await this.pool.query<Row>(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE token_hash = $1 AND expires_ms > $2`, [tokenHash, Date.parse(now)])).rows[0];
    return row && sessionOf(row);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }

  async deleteSessionsOf(userId: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}

async function appliedVersions(client: pg.PoolClient): Promise<Set<number>> {
  return new Set((await client.query<Row>('SELECT version FROM schema_migrations')).rows.map((r) => r.version as number));
}

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
  type SessionRow, type CalendarYearRow, type StepFilter, type StoreChange, type StoreTransaction, type StoredCase, type TimerChanges, type UserRow,
} from '../caseStore.ts';
import { postgresMigrations } from './migrations.ts';
import { CASE_COLUMNS, Params, type Queryable, SESSION_COLUMNS, TIMER_COLUMNS, USER_COLUMNS, asConflict, byId, caseWhere, checkedSchema, columnsOf, lastPerKey, logColumns, statements, stepColumns, stepWhere, uniqueRuns } from './postgresSql.ts';
import { calendarYearOf, caseOf, definitionVersionOf, LOG_COLUMNS, logOf, logsByCase, sessionOf, STEP_BUSINESS_KEY, stepOf, timerOf, userOf, type Row } from '../rowShapes.ts';

export interface PostgresStoreOptions {
  /** The schema every connection works in (created by `migrate` when missing); default: the server's search_path. */
  schema?: string;
  /** Most connections the pool opens (default 10). */
  poolSize?: number;
}

export class PostgresStore implements CaseStore {
  readonly kind = 'postgres' as const;
  readonly schema: string | undefined;
  private readonly pool: pg.Pool;
  private readonly connectionString: string;
  /** Who hears this store's changes (the engine, the session cache), and the one connection held open for them (LISTEN), ended with the store. */
  private readonly listeners: ((change: StoreChange) => void)[] = [];
  private listening: Promise<pg.Client> | undefined;

  /** Opens a pool (connections are made on first use); with `schema`, every connection's search_path is that schema alone. */
  constructor(connectionString: string, options: PostgresStoreOptions = {}) {
    this.schema = options.schema === undefined ? undefined : checkedSchema(options.schema);
    this.connectionString = connectionString;
    this.pool = new pg.Pool({
      connectionString,
      max: options.poolSize ?? 10,
      ...(this.schema ? { options: `-c search_path=${this.schema}` } : {}),
    });
    // A connection that breaks while idle leaves the pool; the next query opens a new one.
    this.pool.on('error', () => {});
  }

  /** The channel of this store's changes: one per schema, so stores in other schemas of the database hear nothing of them. */
  private get channel(): string {
    return `protap_${this.schema ?? 'public'}`.toLowerCase();
  }

  /** Tells the other server processes of a change (after it committed: these writes are outside any transaction). */
  private async notify(change: StoreChange): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [this.channel, JSON.stringify(change)]);
  }

  async onChange(listener: (change: StoreChange) => void): Promise<void> {
    this.listeners.push(listener);
    this.listening ??= (async () => {
      const client = new pg.Client({ connectionString: this.connectionString });
      // A listening connection that breaks is given up: the caches' own time limits still hold.
      client.on('error', () => {});
      client.on('notification', (message) => {
        let change: StoreChange;
        try {
          change = JSON.parse(message.payload ?? '') as StoreChange;
        } catch {
          return; // a payload not written by notify()
        }
        for (const hear of this.listeners) hear(change);
      });
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
      return client;
    })();
    await this.listening;
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
    await this.notify({ kind: 'calendar' });
  }

  async calendarYears(): Promise<CalendarYearRow[]> {
    return (await this.pool.query<Row>('SELECT year, version, data, published_at, published_by FROM calendar_years ORDER BY year')).rows.map(calendarYearOf);
  }

  async saveDefinition(row: DefinitionRow): Promise<void> {
    await this.pool.query('INSERT INTO definitions (process_id, version, name, hash, xml, deployed_at, deployed_by) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [row.processId, row.version, row.name ?? null, row.hash, row.xml, row.deployedAt, row.deployedBy]);
    await this.notify({ kind: 'definitions' });
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
    const sql = `SELECT *, ${STEP_BUSINESS_KEY} FROM open_steps ${where} ORDER BY due_ms ASC NULLS LAST, case_id, step_id LIMIT ${params.add(filter.limit ?? null)}`;
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
    [user.id, user.name, user.passwordHash, JSON.stringify(user.roles), user.disabled, user.unit ?? null, user.mustChangePassword, user.createdAt, user.updatedAt]);
    await this.notify({ kind: 'user', userId: user.id });
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
    await this.notify({ kind: 'session', tokenHash });
  }

  async deleteSessionsOf(userId: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
    await this.notify({ kind: 'user', userId });
  }

  async close(): Promise<void> {
    const listening = this.listening;
    this.listening = undefined;
    this.listeners.length = 0;
    if (listening) await listening.then((client) => client.end()).catch(() => {});
    if (!this.pool.ended) await this.pool.end();
  }
}

async function appliedVersions(client: pg.PoolClient): Promise<Set<number>> {
  return new Set((await client.query<Row>('SELECT version FROM schema_migrations')).rows.map((r) => r.version as number));
}

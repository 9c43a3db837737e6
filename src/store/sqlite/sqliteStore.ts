/**
 * The embedded store: one SQLite file through better-sqlite3, in WAL mode. Commands queue up and
 * are committed in groups — each in a savepoint of its own inside one transaction, so one
 * command's failure rolls back only that command — and every promise settles after COMMIT
 * (group commit: one fsync for many commands at synchronous=FULL). Reads go through a second
 * connection, which sees only committed data.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { TimerRow } from '../../runtime/caseRecord.ts';
import {
  StoreConflict, type CaseFilter, type CaseStore, type CaseWrite, type DefinitionRow, type DefinitionVersion, type LogRow, type OpenStepRow,
  type RememberedCommand, type SessionRow, type CalendarYearRow, type StepFilter, type StoreTransaction, type StoredCase, type TimerChanges, type UserRow,
} from '../caseStore.ts';
import { sqliteMigrations } from './migrations.ts';
import { calendarYearOf, caseOf, definitionVersionOf, logOf, sessionOf, STEP_BUSINESS_KEY, stepOf, timerOf, userOf, type Row } from '../rowShapes.ts';

export interface SqliteStoreOptions {
  /** SQLite's `synchronous`: FULL (default) syncs the WAL on every commit; NORMAL survives a process crash but not a power cut. */
  synchronous?: 'NORMAL' | 'FULL';
  /** Most commands committed together in one transaction (default 256). */
  maxBatch?: number;
}


interface Pending {
  work: (tx: StoreTransaction) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** WHERE clause and parameters of a case filter. */
function caseWhere(filter: CaseFilter): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filter.processId) { clauses.push('process_id = ?'); params.push(filter.processId); }
  if (filter.processIds) { clauses.push(`process_id IN (${filter.processIds.map(() => '?').join(', ') || 'NULL'})`); params.push(...filter.processIds); }
  if (filter.status) { clauses.push('status = ?'); params.push(filter.status); }
  if (filter.businessKey) { clauses.push('business_key = ?'); params.push(filter.businessKey); }
  if (filter.startedFrom) { clauses.push('started_ms >= ?'); params.push(Date.parse(filter.startedFrom)); }
  if (filter.startedTo) { clauses.push('started_ms <= ?'); params.push(Date.parse(filter.startedTo)); }
  if (filter.overdue) {
    // From the steps' due index when looking for overdue cases; per case (primary key) when ruling them out.
    clauses.push(filter.overdue.value ? 'id IN (SELECT case_id FROM open_steps WHERE due_ms <= ?)'
      : 'NOT EXISTS (SELECT 1 FROM open_steps AS s WHERE s.case_id = cases.id AND s.due_ms <= ?)');
    params.push(Date.parse(filter.overdue.at));
  }
  if (filter.pelaksana) { clauses.push('id IN (SELECT case_id FROM open_steps WHERE pelaksana = ?)'); params.push(filter.pelaksana); }
  if (filter.afterId) { clauses.push('id > ?'); params.push(filter.afterId); }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

export class SqliteStore implements CaseStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly reader: Database.Database;
  private readonly queue: Pending[] = [];
  private draining = false;
  private readonly maxBatch: number;
  private readonly statements: ReturnType<SqliteStore['prepare']>;
  private readonly tx: StoreTransaction;
  private readonly reads = new Map<string, Database.Statement>();

  /** Opens (creating when missing) the database file; `:memory:` is refused, since the reader needs the same file. */
  constructor(readonly path: string, options: SqliteStoreOptions = {}) {
    mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    this.db.pragma('busy_timeout = 10000');
    this.maxBatch = options.maxBatch ?? 256;
    this.migrateNow();
    this.reader = new Database(path, { readonly: true });
    this.reader.pragma('busy_timeout = 10000');
    this.statements = this.prepare();
    this.tx = this.transactionApi();
  }

  /** A statement on the read connection, prepared once. */
  private read(sql: string): Database.Statement {
    let statement = this.reads.get(sql);
    if (!statement) this.reads.set(sql, (statement = this.reader.prepare(sql)));
    return statement;
  }

  async migrate(): Promise<number> {
    return this.migrateNow();
  }

  private migrateNow(): number {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const applied = new Set((this.db.prepare('SELECT version FROM schema_migrations').all() as Row[]).map((r) => r.version as number));
    for (const migration of sqliteMigrations) {
      if (applied.has(migration.version)) continue;
      this.db.transaction(() => {
        this.db.exec(migration.sql);
        this.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, new Date().toISOString());
      }).immediate();
    }
    return Math.max(0, ...sqliteMigrations.map((m) => m.version));
  }

  private prepare() {
    const db = this.db;
    return {
      family: db.prepare('SELECT * FROM cases WHERE root_id = (SELECT root_id FROM cases WHERE id = ?)'),
      insertCase: db.prepare(`INSERT INTO cases (id, root_id, parent_id, process_id, definition_version, business_key, status, revision, head_hash, started_at, started_ms, ended_at, updated_at, snapshot, state)
        VALUES (@id, @rootId, @parentId, @processId, @definitionVersion, @businessKey, @status, @revision, @headHash, @startedAt, @startedMs, @endedAt, @updatedAt, @snapshot, @state)`),
      updateCase: db.prepare(`UPDATE cases SET status = ?, revision = ?, head_hash = ?, ended_at = ?, updated_at = ?, snapshot = ?, state = ?
        WHERE id = ? AND revision = ?`),
      // Most commands leave the status as it is; not naming it spares the indexes on it.
      updateRunning: db.prepare('UPDATE cases SET revision = ?, head_hash = ?, updated_at = ?, snapshot = ?, state = ? WHERE id = ? AND revision = ? AND status = ?'),
      appendLog: db.prepare('INSERT INTO case_log (case_id, seq, at, actor, event, entry, state_hash, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      clearSteps: db.prepare('DELETE FROM open_steps WHERE case_id = ?'),
      insertStep: db.prepare(`INSERT INTO open_steps (case_id, step_id, process_id, name, pelaksana, started_at, due, due_ms, late, claimed_by, claimed_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      clearTimers: db.prepare('DELETE FROM timers WHERE case_id = ?'),
      removeTimer: db.prepare('DELETE FROM timers WHERE case_id = ? AND key = ?'),
      setTimer: db.prepare(`INSERT INTO timers (case_id, key, due, due_ms, event, every, remaining) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (case_id, key) DO UPDATE SET due = excluded.due, due_ms = excluded.due_ms, event = excluded.event, every = excluded.every, remaining = excluded.remaining`),
      dueTimers: db.prepare('SELECT * FROM timers WHERE due_ms <= ? ORDER BY due_ms LIMIT ?'),
      savepoint: db.prepare('SAVEPOINT command'),
      release: db.prepare('RELEASE command'),
      rollbackTo: db.prepare('ROLLBACK TO command'),
      recall: db.prepare('SELECT fingerprint, response FROM commands WHERE idempotency_key = ?'),
      remember: db.prepare('INSERT INTO commands (idempotency_key, fingerprint, response, created_at) VALUES (?, ?, ?, ?)'),
    };
  }

  private transactionApi(): StoreTransaction {
    const s = this.statements;
    return {
      loadFamily: async (caseId) => (s.family.all(caseId) as Row[]).map(caseOf),
      findCases: async (filter) => this.selectCases((sql) => this.db.prepare(sql), filter),
      write: async (cases, timers) => this.write(cases, timers),
      claimDueTimers: async (now, limit) => (s.dueTimers.all(Date.parse(now), limit) as Row[]).map(timerOf),
      recall: async (key) => s.recall.get(key) as RememberedCommand | undefined,
      remember: async (key, command, at) => { s.remember.run(key, command.fingerprint, command.response, at); },
    };
  }

  private write(cases: CaseWrite[], timers: TimerChanges): void {
    const s = this.statements;
    for (const { row, expectedRevision, log, steps } of cases) {
      if (expectedRevision === null) {
        try {
          s.insertCase.run({ ...row, parentId: row.parentId ?? null, businessKey: row.businessKey ?? null, endedAt: row.endedAt ?? null, startedMs: Date.parse(row.startedAt) });
        } catch (error) {
          if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new StoreConflict(row.id, null);
          throw error;
        }
      } else {
        const running = row.status === 'active' && s.updateRunning.run(row.revision, row.headHash, row.updatedAt, row.snapshot, row.state, row.id, expectedRevision, 'active').changes === 1;
        if (!running && s.updateCase.run(row.status, row.revision, row.headHash, row.endedAt ?? null, row.updatedAt, row.snapshot, row.state, row.id, expectedRevision).changes !== 1) {
          throw new StoreConflict(row.id, expectedRevision);
        }
      }
      for (const entry of log) s.appendLog.run(entry.caseId, entry.seq, entry.at, entry.actor, entry.event, entry.entry, entry.stateHash, entry.prevHash, entry.hash);
      s.clearSteps.run(row.id);
      for (const step of steps) {
        s.insertStep.run(step.caseId, step.stepId, step.processId, step.name ?? null, step.pelaksana ?? null, step.startedAt, step.due ?? null, step.due ? Date.parse(step.due) : null, step.late ? 1 : 0,
          step.claimedBy ?? null, step.claimedAt ?? null);
      }
    }
    for (const caseId of timers.clearedCases) s.clearTimers.run(caseId);
    for (const { caseId, key } of timers.removed) s.removeTimer.run(caseId, key);
    for (const t of timers.set) s.setTimer.run(t.caseId, t.key, t.due, Date.parse(t.due), t.event, t.every ?? null, t.every ? (t.remaining ?? null) : null);
  }

  transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) {
        this.draining = true;
        // Let the commands that arrive in this turn of the event loop join the same commit.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
      try {
        this.db.exec('BEGIN IMMEDIATE');
      } catch (error) {
        for (const item of batch) item.reject(error);
        continue;
      }
      for (const item of batch) {
        this.statements.savepoint.run();
        try {
          const value = await item.work(this.tx);
          this.statements.release.run();
          outcomes.push({ ok: true, value });
        } catch (error) {
          this.statements.rollbackTo.run();
          this.statements.release.run();
          outcomes.push({ ok: false, error });
        }
      }
      try {
        this.db.exec('COMMIT');
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        for (const item of batch) item.reject(error);
        continue;
      }
      batch.forEach((item, i) => {
        const outcome = outcomes[i] as (typeof outcomes)[number];
        if (outcome.ok) item.resolve(outcome.value);
        else item.reject(outcome.error);
      });
    }
    this.draining = false;
  }

  async saveDefinition(row: DefinitionRow): Promise<void> {
    await this.transaction(async () => {
      this.db.prepare('INSERT INTO definitions (process_id, version, name, hash, xml, deployed_at, deployed_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(row.processId, row.version, row.name ?? null, row.hash, row.xml, row.deployedAt, row.deployedBy);
    });
  }

  async definitions(): Promise<DefinitionRow[]> {
    return (this.read('SELECT * FROM definitions ORDER BY process_id, version').all() as Row[]).map((row) => ({
      processId: row.process_id as string, version: row.version as number, ...(row.name !== null ? { name: row.name as string } : {}),
      hash: row.hash as string, xml: row.xml as string, deployedAt: row.deployed_at as string, deployedBy: row.deployed_by as string,
    }));
  }

  async definitionVersions(processId: string): Promise<DefinitionVersion[]> {
    const sql = 'SELECT process_id, version, name, hash, deployed_at, deployed_by FROM definitions WHERE process_id = ? ORDER BY version DESC';
    return (this.read(sql).all(processId) as Row[]).map(definitionVersionOf);
  }

  async definitionXml(processId: string, version?: number): Promise<{ version: number; xml: string } | undefined> {
    const row = (version === undefined
      ? this.read('SELECT version, xml FROM definitions WHERE process_id = ? ORDER BY version DESC LIMIT 1').get(processId)
      : this.read('SELECT version, xml FROM definitions WHERE process_id = ? AND version = ?').get(processId, version)) as Row | undefined;
    return row && { version: row.version as number, xml: row.xml as string };
  }

  async getCase(caseId: string): Promise<StoredCase | undefined> {
    const row = this.read('SELECT * FROM cases WHERE id = ?').get(caseId) as Row | undefined;
    return row && caseOf(row);
  }

  async listCases(filter: CaseFilter = {}): Promise<StoredCase[]> {
    return this.selectCases((sql) => this.read(sql), filter);
  }

  private selectCases(prepare: (sql: string) => Database.Statement, filter: CaseFilter): StoredCase[] {
    const where = caseWhere(filter);
    const order = filter.afterId !== undefined ? 'ORDER BY id' : 'ORDER BY started_ms DESC, id';
    return (prepare(`SELECT * FROM cases ${where.sql} ${order} LIMIT ?`).all(...where.params, filter.limit ?? -1) as Row[]).map(caseOf);
  }

  async log(caseId: string, fromSeq = 1): Promise<LogRow[]> {
    return (this.read('SELECT * FROM case_log WHERE case_id = ? AND seq >= ? ORDER BY seq').all(caseId, fromSeq) as Row[]).map(logOf);
  }

  async openSteps(filter: StepFilter = {}): Promise<OpenStepRow[]> {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (filter.pelaksana) { clauses.push(`pelaksana IN (${filter.pelaksana.map(() => '?').join(', ') || 'NULL'})`); params.push(...filter.pelaksana); }
    if (filter.processId) { clauses.push('process_id = ?'); params.push(filter.processId); }
    if (filter.dueBefore) { clauses.push('due_ms <= ?'); params.push(Date.parse(filter.dueBefore)); }
    if (filter.late !== undefined) { clauses.push('late = ?'); params.push(filter.late ? 1 : 0); }
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    return (this.read(`SELECT *, ${STEP_BUSINESS_KEY} FROM open_steps ${where} ORDER BY due_ms IS NULL, due_ms, case_id LIMIT ?`).all(...params, filter.limit ?? -1) as Row[]).map(stepOf);
  }

  async timers(caseId: string): Promise<TimerRow[]> {
    return (this.read('SELECT * FROM timers WHERE case_id = ? ORDER BY due_ms').all(caseId) as Row[]).map(timerOf);
  }

  async nextTimerDue(): Promise<string | undefined> {
    const row = this.read('SELECT due FROM timers ORDER BY due_ms LIMIT 1').get() as Row | undefined;
    return row?.due as string | undefined;
  }

  async countTimers(): Promise<number> {
    return (this.read('SELECT count(*) AS n FROM timers').get() as Row).n as number;
  }

  async saveUser(user: UserRow): Promise<void> {
    await this.transaction(async () => {
      this.db.prepare(`INSERT INTO users (id, nama, password_hash, roles, disabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET nama = excluded.nama, password_hash = excluded.password_hash, roles = excluded.roles, disabled = excluded.disabled,
          created_at = excluded.created_at, updated_at = excluded.updated_at`)
        .run(user.id, user.nama, user.passwordHash, JSON.stringify(user.roles), user.disabled ? 1 : 0, user.createdAt, user.updatedAt);
    });
  }

  async getUser(id: string): Promise<UserRow | undefined> {
    const row = this.read('SELECT * FROM users WHERE id = ?').get(id) as Row | undefined;
    return row && userOf(row);
  }

  async listUsers(): Promise<UserRow[]> {
    return (this.read('SELECT * FROM users ORDER BY id').all() as Row[]).map(userOf);
  }

  async countUsers(): Promise<number> {
    return (this.read('SELECT count(*) AS n FROM users').get() as Row).n as number;
  }

  async saveCalendarYear(row: CalendarYearRow): Promise<void> {
    await this.transaction(async () => {
      this.db.prepare(`INSERT INTO calendar_years (year, version, data, published_at, published_by) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (year) DO UPDATE SET version = excluded.version, data = excluded.data, published_at = excluded.published_at, published_by = excluded.published_by`)
        .run(row.year, row.version, row.data, row.publishedAt, row.publishedBy);
    });
  }

  async calendarYears(): Promise<CalendarYearRow[]> {
    return (this.read('SELECT * FROM calendar_years ORDER BY year').all() as Row[]).map(calendarYearOf);
  }

  async saveSession(session: SessionRow): Promise<void> {
    await this.transaction(async () => {
      this.db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at, expires_ms) VALUES (?, ?, ?, ?, ?)')
        .run(session.tokenHash, session.userId, session.createdAt, session.expiresAt, Date.parse(session.expiresAt));
    });
  }

  async getSession(tokenHash: string, now: string): Promise<SessionRow | undefined> {
    const row = this.read('SELECT * FROM sessions WHERE token_hash = ? AND expires_ms > ?').get(tokenHash, Date.parse(now)) as Row | undefined;
    return row && sessionOf(row);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.transaction(async () => {
      this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
    });
  }

  async deleteSessionsOf(userId: string): Promise<void> {
    await this.transaction(async () => {
      this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
    });
  }

  async close(): Promise<void> {
    while (this.draining) await new Promise((resolve) => setImmediate(resolve));
    this.reads.clear();
    this.reader.close();
    this.db.close();
  }
}

/**
 * The embedded store: one SQLite file through better-sqlite3, in WAL mode. Commands run one after
 * another on this thread and their writes are committed in batches by a writer thread
 * (batchedCommands.ts, writerThread.mjs); every command is answered after its COMMIT. Reads go
 * through connections of this thread and see committed data only.
 */
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { TimerRow } from '../../runtime/caseRecord.ts';
import {
  byCase, type CaseFilter, type CaseStore, type DefinitionRow, type DefinitionVersion, type LogRow, type OpenStepRow,
  type RememberedCommand, type SessionRow, type CalendarYearRow, type StepFilter, type StoreTransaction, type StoredCase, type UserRow,
} from '../caseStore.ts';
import { backupFolder, copyBeforeMigrating } from '../backupFiles.ts';
import { BatchedCommands } from './batchedCommands.ts';
import { sqliteMigrations } from './migrations.ts';
import { calendarYearOf, caseOf, definitionVersionOf, LOG_COLUMNS, logOf, logsByCase, sessionOf, STEP_BUSINESS_KEY, stepOf, timerOf, userOf, type Row } from '../rowShapes.ts';

export interface SqliteStoreOptions {
  /** SQLite's `synchronous`: FULL (default) syncs the WAL on every commit; NORMAL survives a process crash but not a power cut. */
  synchronous?: 'NORMAL' | 'FULL';
  /** Most commands committed together in one transaction (default 256). */
  maxBatch?: number;
  /** Where a store holding data is copied before pending migrations run (default: the data folder's backup folder, backupFiles.ts); false for no copy. */
  backupBeforeMigrating?: string | false;
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
  if (filter.after) { clauses.push('(started_ms < ? OR (started_ms = ? AND id > ?))'); params.push(filter.after.startedMs, filter.after.startedMs, filter.after.id); }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

export class SqliteStore implements CaseStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly reader: Database.Database;
  private readonly statements: ReturnType<SqliteStore['prepare']>;
  private readonly reads = new Map<string, Database.Statement>();
  /** The commands: run here one after another, their writes committed in batches by the writer thread. */
  private readonly commands: BatchedCommands;
  private readonly backupBeforeMigrating: string | false;
  /** The copy written before this store's pending migrations ran, when it already held data (for the server's log). */
  migrationBackup?: string;

  /** Opens (creating when missing) the database file; `:memory:` is refused, since the reader needs the same file. */
  constructor(readonly path: string, options: SqliteStoreOptions = {}) {
    // The folder and the file are the office's records and its password hashes: the service user's alone.
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    closeSync(openSync(path, 'a', 0o600));
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 10000');
    this.backupBeforeMigrating = options.backupBeforeMigrating ?? backupFolder(dirname(path));
    this.migrateNow();
    this.reader = new Database(path, { readonly: true });
    this.reader.pragma('busy_timeout = 10000');
    this.statements = this.prepare();
    const s = this.statements;
    this.commands = new BatchedCommands(path, { synchronous: options.synchronous ?? 'FULL', maxBatch: options.maxBatch ?? 256 }, {
      family: (caseId) => s.family.all(caseId) as Row[],
      cases: (filter) => this.selectCases((sql) => this.db.prepare(sql), filter),
      dueTimers: (nowMs, limit) => s.dueTimers.all(nowMs, limit) as Row[],
      recall: (key) => s.recall.get(key) as RememberedCommand | undefined,
    });
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
    const pending = sqliteMigrations.filter((migration) => !applied.has(migration.version));
    const latest = Math.max(0, ...sqliteMigrations.map((m) => m.version));
    // A store that holds data is copied before its schema changes: the way back to the previous Protap.
    if (pending.length > 0 && applied.size > 0 && this.backupBeforeMigrating !== false) {
      this.migrationBackup = copyBeforeMigrating(this.db, this.backupBeforeMigrating, Math.max(...applied), latest);
    }
    for (const migration of pending) {
      try {
        this.db.transaction(() => {
          this.db.exec(migration.sql);
          this.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, new Date().toISOString());
        }).immediate();
      } catch (error) {
        if (!this.migrationBackup) throw error;
        throw new Error(`Migrasi v${migration.version} (${migration.name}) gagal: ${(error as Error).message}. Cadangan sebelum migrasi: ${this.migrationBackup}.`, { cause: error });
      }
    }
    return latest;
  }

  /** The reads of commands (the writes are writerThread.mjs's). */
  private prepare() {
    const db = this.db;
    return {
      family: db.prepare('SELECT * FROM cases WHERE root_id = (SELECT root_id FROM cases WHERE id = ?)'),
      dueTimers: db.prepare('SELECT * FROM timers WHERE due_ms <= ? ORDER BY due_ms LIMIT ?'),
      recall: db.prepare('SELECT fingerprint, response FROM commands WHERE idempotency_key = ?'),
    };
  }

  transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    return this.commands.transaction(work);
  }

  /** One statement as a command of its own (definitions, people, sessions, calendar years). */
  private statement(sql: string, ...params: (string | number | null)[]): Promise<void> {
    return this.commands.statement(sql, params);
  }

  async saveDefinition(row: DefinitionRow): Promise<void> {
    await this.statement('INSERT INTO definitions (process_id, version, name, hash, xml, deployed_at, deployed_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
      row.processId, row.version, row.name ?? null, row.hash, row.xml, row.deployedAt, row.deployedBy);
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

  async logsOf(caseIds: readonly string[]): Promise<Map<string, LogRow[]>> {
    if (caseIds.length === 0) return new Map();
    // The ids as one JSON parameter: one statement for any number of them, and no limit on bound variables.
    const sql = `SELECT ${LOG_COLUMNS} FROM case_log WHERE case_id IN (SELECT value FROM json_each(?)) ORDER BY case_id, seq`;
    return logsByCase(this.read(sql).raw(true).all(JSON.stringify(caseIds)) as unknown[][]);
  }

  async openSteps(filter: StepFilter = {}): Promise<OpenStepRow[]> {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (filter.pelaksana) { clauses.push(`pelaksana IN (${filter.pelaksana.map(() => '?').join(', ') || 'NULL'})`); params.push(...filter.pelaksana); }
    if (filter.processId) { clauses.push('process_id = ?'); params.push(filter.processId); }
    if (filter.dueBefore) { clauses.push('due_ms <= ?'); params.push(Date.parse(filter.dueBefore)); }
    if (filter.late !== undefined) { clauses.push('late = ?'); params.push(filter.late ? 1 : 0); }
    if (filter.after) {
      const { dueMs, caseId, stepId } = filter.after;
      const later = '(case_id > ? OR (case_id = ? AND step_id > ?))';
      clauses.push(dueMs === null ? `(due_ms IS NULL AND ${later})` : `(due_ms IS NULL OR due_ms > ? OR (due_ms = ? AND ${later}))`);
      params.push(...(dueMs === null ? [] : [dueMs, dueMs]), caseId, caseId, stepId);
    }
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    return (this.read(`SELECT *, ${STEP_BUSINESS_KEY} FROM open_steps ${where} ORDER BY due_ms IS NULL, due_ms, case_id, step_id LIMIT ?`).all(...params, filter.limit ?? -1) as Row[]).map(stepOf);
  }

  async openStepsOf(caseIds: readonly string[]): Promise<Map<string, OpenStepRow[]>> {
    const rows = (this.read(`SELECT *, ${STEP_BUSINESS_KEY} FROM open_steps WHERE case_id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(caseIds)) as Row[]).map(stepOf);
    return byCase(caseIds, rows);
  }

  async timersOf(caseIds: readonly string[]): Promise<Map<string, TimerRow[]>> {
    return byCase(caseIds, (this.read('SELECT * FROM timers WHERE case_id IN (SELECT value FROM json_each(?)) ORDER BY due_ms').all(JSON.stringify(caseIds)) as Row[]).map(timerOf));
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
    await this.statement(`INSERT INTO users (id, nama, password_hash, roles, disabled, unit, must_change_password, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET nama = excluded.nama, password_hash = excluded.password_hash, roles = excluded.roles, disabled = excluded.disabled,
        unit = excluded.unit, must_change_password = excluded.must_change_password, created_at = excluded.created_at, updated_at = excluded.updated_at`,
    user.id, user.name, user.passwordHash, JSON.stringify(user.roles), user.disabled ? 1 : 0, user.unit ?? null, user.mustChangePassword ? 1 : 0, user.createdAt, user.updatedAt);
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
    await this.statement(`INSERT INTO calendar_years (year, version, data, published_at, published_by) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (year) DO UPDATE SET version = excluded.version, data = excluded.data, published_at = excluded.published_at, published_by = excluded.published_by`,
    row.year, row.version, row.data, row.publishedAt, row.publishedBy);
  }

  async calendarYears(): Promise<CalendarYearRow[]> {
    return (this.read('SELECT * FROM calendar_years ORDER BY year').all() as Row[]).map(calendarYearOf);
  }

  async saveSession(session: SessionRow): Promise<void> {
    await this.statement('INSERT INTO sessions (token_hash, user_id, created_at, expires_at, expires_ms) VALUES (?, ?, ?, ?, ?)',
      session.tokenHash, session.userId, session.createdAt, session.expiresAt, Date.parse(session.expiresAt));
  }

  async getSession(tokenHash: string, now: string): Promise<SessionRow | undefined> {
    const row = this.read('SELECT * FROM sessions WHERE token_hash = ? AND expires_ms > ?').get(tokenHash, Date.parse(now)) as Row | undefined;
    return row && sessionOf(row);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.statement('DELETE FROM sessions WHERE token_hash = ?', tokenHash);
  }

  async deleteSessionsOf(userId: string): Promise<void> {
    await this.statement('DELETE FROM sessions WHERE user_id = ?', userId);
  }

  async close(): Promise<void> {
    await this.commands.close();
    this.reads.clear();
    this.reader.close();
    this.db.close();
  }
}

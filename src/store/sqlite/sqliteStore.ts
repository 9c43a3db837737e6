/**
 * The embedded store: one SQLite file through better-sqlite3, in WAL mode. Commands queue up and
 * run one after another on this thread; what each one writes goes, in batches, to a writer thread
 * (writerThread.mjs) that commits a batch in one transaction — each command in a savepoint of its
 * own, so one command's failure rolls back only that command — and every promise settles after
 * that COMMIT (group commit: one fsync for many commands at synchronous=FULL). While the writer
 * commits one batch, this thread runs the next commands: on two cores the statements, COMMIT and
 * WAL checkpoints no longer take turns with the state machines.
 *
 * Reads see committed data only. A command that reads a case (or an idempotency key) still on its
 * way to the writer waits until it is committed, so it sees what the commands before it wrote,
 * as it would inside one transaction; looking for cases or due timers waits for every write
 * before it.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { TimerRow } from '../../runtime/caseRecord.ts';
import {
  StoreConflict, type CaseFilter, type CaseStore, type CaseWrite, type DefinitionRow, type DefinitionVersion, type LogRow, type OpenStepRow,
  type RememberedCommand, type SessionRow, type CalendarYearRow, type StepFilter, type StoreTransaction, type StoredCase, type TimerChanges, type UserRow,
} from '../caseStore.ts';
import { sqliteMigrations } from './migrations.ts';
import { calendarYearOf, caseOf, definitionVersionOf, LOG_COLUMNS, logOf, logsByCase, sessionOf, STEP_BUSINESS_KEY, stepOf, timerOf, userOf, type Row } from '../rowShapes.ts';

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

/** What one command's transaction writes, flat: a tag, then its values (writerThread.mjs's `apply` lists them). */
type CommandOps = (string | number | null)[];

interface WriteError {
  message: string;
  code?: string;
  conflict?: { caseId: string; expectedRevision: number | null };
}

type FromWriter = { batch: number; outcomes: (WriteError | null)[] } | { batch: number; failed: WriteError };

/** Commands whose writes go to the writer thread together, answered when it has committed them. */
interface Batch {
  id: number;
  commands: { item: Pending; value: unknown; ops: CommandOps }[];
  /** Case ids, root ids and idempotency keys the batch writes. */
  keys: Set<string>;
  committed: Promise<void>;
  settle: () => void;
}

/** A command's transaction here: the store's own statements may write any row. */
interface WriterTransaction extends StoreTransaction {
  sql(sql: string, params: (string | number | null)[]): void;
}

interface CommittedReads {
  family(caseId: string): Promise<StoredCase[]>;
  cases(filter: CaseFilter): Promise<StoredCase[]>;
  dueTimers(now: string, limit: number): Promise<Row[]>;
  recall(key: string): Promise<RememberedCommand | undefined>;
}

/** One command's view of the store: reads of committed data, writes collected in `ops` for the writer. */
class CommandTransaction implements WriterTransaction {
  readonly ops: CommandOps = [];
  /** Case ids, root ids and idempotency keys written. */
  readonly keys: string[] = [];

  constructor(private readonly reads: CommittedReads) {}

  loadFamily(caseId: string): Promise<StoredCase[]> {
    return this.reads.family(caseId);
  }

  findCases(filter: CaseFilter): Promise<StoredCase[]> {
    return this.reads.cases(filter);
  }

  async write(cases: CaseWrite[], timers: TimerChanges): Promise<void> {
    const ops = this.ops;
    for (const { row, expectedRevision, log, steps } of cases) {
      this.keys.push(row.id, row.rootId);
      if (expectedRevision === null) {
        ops.push('case+', row.id, row.rootId, row.parentId ?? null, row.processId, row.definitionVersion, row.businessKey ?? null, row.status, row.revision,
          row.headHash, row.startedAt, row.endedAt ?? null, row.updatedAt, row.snapshot, row.state);
      } else {
        ops.push('case', row.status, row.revision, row.headHash, row.endedAt ?? null, row.updatedAt, row.snapshot, row.state, row.id, expectedRevision);
      }
      for (const e of log) ops.push('log', e.caseId, e.seq, e.at, e.actor, e.event, e.entry, e.stateHash, e.prevHash, e.hash);
      ops.push('steps-', row.id);
      for (const step of steps) {
        ops.push('step', step.caseId, step.stepId, step.processId, step.name ?? null, step.pelaksana ?? null, step.startedAt, step.due ?? null,
          step.late ? 1 : 0, step.claimedBy ?? null, step.claimedAt ?? null);
      }
    }
    for (const caseId of timers.clearedCases) ops.push('timers-', caseId);
    for (const { caseId, key } of timers.removed) ops.push('timer-', caseId, key);
    for (const t of timers.set) ops.push('timer', t.caseId, t.key, t.due, t.event, t.every ?? null, t.every ? (t.remaining ?? null) : null);
  }

  async claimDueTimers(now: string, limit: number): Promise<TimerRow[]> {
    const rows = await this.reads.dueTimers(now, limit);
    // Read outside the writer's transaction: the writer checks each is still there, unchanged (another process may have fired it).
    for (const row of rows) this.ops.push('due?', row.case_id as string, row.key as string, row.due_ms as number);
    return rows.map(timerOf);
  }

  recall(key: string): Promise<RememberedCommand | undefined> {
    return this.reads.recall(key);
  }

  async remember(key: string, command: RememberedCommand, at: string): Promise<void> {
    this.keys.push(KEY_PREFIX + key);
    this.ops.push('key', key, command.fingerprint, command.response, at);
  }

  sql(sql: string, params: (string | number | null)[]): void {
    this.ops.push('sql', sql, params.length, ...params);
  }
}

/**
 * While commands keep coming, a batch goes to an idle writer once it holds this many: a COMMIT
 * costs about as much as a few commands' statements, so batches of one would keep the writer
 * busier than this thread. A lone command goes at once (the queue is empty behind it).
 */
const SEND_AT = 16;

const KEY_PREFIX = 'kunci\u0000';

/** A worker thread of the store, and when it has ended. */
interface Thread {
  worker: Worker;
  exited: Promise<void>;
}

/** Starts a thread of this folder; it does not keep the process alive by itself. */
function thread(file: string, workerData: unknown): Thread {
  // Without the parent's flags: the threads run plain JavaScript and need no TypeScript loader.
  const worker = new Worker(new URL(`./${file}`, import.meta.url), { execArgv: [], workerData });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.unref();
  return { worker, exited };
}

/** Asks a thread to close its connection and waits until it has ended. */
async function stop(thread: Thread): Promise<void> {
  thread.worker.postMessage({ close: true });
  thread.worker.ref();
  await thread.exited;
}

function writeError(error: WriteError): Error {
  if (error.conflict) return new StoreConflict(error.conflict.caseId, error.conflict.expectedRevision);
  return Object.assign(new Error(error.message), error.code ? { code: error.code } : {});
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
  private readonly readsOfCommands: CommittedReads;
  private readonly reads = new Map<string, Database.Statement>();
  private readonly synchronous: 'NORMAL' | 'FULL';
  /** The writer and checkpointer threads, started with the first write (a store that only reads — replay, reports — needs none). */
  private threads: { writer: Thread; checkpointer: Thread } | undefined;
  /** The writer failed for good (could not open the file, or stopped): every later command gets this. */
  private broken: Error | undefined;
  private nextBatch = 1;
  /** Batches the writer has finished, counted by the writer itself: read without waiting for its messages. */
  private readonly finished = new Int32Array(new SharedArrayBuffer(4));
  /** The batch being filled (not yet with the writer). */
  private filling: Batch | undefined;
  /** Batches with the writer, in the order it commits them. */
  private readonly sent = new Map<number, Batch>();
  /** The last batch, filling or sent, that writes a key (case id, root id or idempotency key). */
  private readonly lastWriteOf = new Map<string, Batch>();

  /** Opens (creating when missing) the database file; `:memory:` is refused, since the reader needs the same file. */
  constructor(readonly path: string, options: SqliteStoreOptions = {}) {
    mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 10000');
    this.maxBatch = options.maxBatch ?? 256;
    this.migrateNow();
    this.reader = new Database(path, { readonly: true });
    this.reader.pragma('busy_timeout = 10000');
    this.statements = this.prepare();
    this.readsOfCommands = this.committedReads();
    this.synchronous = options.synchronous ?? 'FULL';
  }

  /** The writer thread, started (with the checkpointer) when first needed. */
  private writer(): Thread {
    if (!this.threads) {
      const writer = thread('writerThread.mjs', { path: this.path, synchronous: this.synchronous, finished: this.finished });
      writer.worker.on('message', (message: FromWriter) => this.answered(message));
      writer.worker.on('error', (error) => this.fail(error));
      writer.worker.on('exit', () => this.fail(new Error(`Penulis basis data ${this.path} berhenti.`)));
      const checkpointer = thread('checkpointThread.mjs', { path: this.path });
      // A checkpoint that failed is done again by the writer itself (its backstop); nothing is lost.
      checkpointer.worker.on('error', () => {});
      this.threads = { writer, checkpointer };
    }
    return this.threads.writer;
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

  /** The reads of commands (the writes are writerThread.mjs's). */
  private prepare() {
    const db = this.db;
    return {
      family: db.prepare('SELECT * FROM cases WHERE root_id = (SELECT root_id FROM cases WHERE id = ?)'),
      dueTimers: db.prepare('SELECT * FROM timers WHERE due_ms <= ? ORDER BY due_ms LIMIT ?'),
      recall: db.prepare('SELECT fingerprint, response FROM commands WHERE idempotency_key = ?'),
    };
  }

  /** The reads of commands, on committed data: each first waits for the earlier commands' writes it depends on. */
  private committedReads(): CommittedReads {
    const s = this.statements;
    return {
      family: async (caseId) => {
        await this.writesOf([caseId]);
        let rows = s.family.all(caseId) as Row[];
        // A family member (or its root) may be on its way to the writer: wait for it, read again.
        const pending = rows.flatMap((row) => [row.id as string, row.root_id as string]).filter((key) => this.lastWriteOf.has(key));
        if (pending.length > 0) {
          await this.writesOf(pending);
          rows = s.family.all(caseId) as Row[];
        }
        return rows.map(caseOf);
      },
      cases: async (filter) => {
        await this.allWrites();
        return this.selectCases((sql) => this.db.prepare(sql), filter);
      },
      dueTimers: async (now, limit) => {
        await this.allWrites();
        return s.dueTimers.all(Date.parse(now), limit) as Row[];
      },
      recall: async (key) => {
        await this.writesOf([KEY_PREFIX + key]);
        return s.recall.get(key) as RememberedCommand | undefined;
      },
    };
  }

  transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) {
        this.draining = true;
        // Let the commands that arrive in this turn of the event loop join the same batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  /**
   * Runs the queued commands one after another. A command's writes join the batch being filled;
   * the batch goes to the writer as soon as the writer has nothing else (or is full), so that the
   * writer commits one batch while this thread runs the commands of the next.
   */
  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const item = this.queue.shift() as Pending;
      const tx = new CommandTransaction(this.readsOfCommands);
      try {
        if (this.broken) throw this.broken;
        const value = await item.work(tx);
        if (tx.ops.length === 0) item.resolve(value);
        else this.join(item, value, tx);
      } catch (error) {
        // Nothing of a failed command reaches the writer: as if rolled back.
        item.reject(error);
      }
      const filled = this.filling?.commands.length ?? 0;
      if (filled >= this.maxBatch || (filled >= SEND_AT && this.writerIdle())) this.send();
    }
    // Nothing more to run: the rest goes now, or when the writer is done with what it has.
    if (this.writerIdle()) this.send();
    this.draining = false;
  }

  private join(item: Pending, value: unknown, tx: CommandTransaction): void {
    let batch = this.filling;
    if (!batch) {
      let settle = () => {};
      const committed = new Promise<void>((resolve) => { settle = resolve; });
      batch = this.filling = { id: this.nextBatch++, commands: [], keys: new Set(), committed, settle };
    }
    batch.commands.push({ item, value, ops: tx.ops });
    for (const key of tx.keys) {
      batch.keys.add(key);
      this.lastWriteOf.set(key, batch);
    }
  }

  /** Whether the writer has finished every batch sent to it (its answers may still be on their way). */
  private writerIdle(): boolean {
    return Atomics.load(this.finished, 0) === this.nextBatch - 1 - (this.filling ? 1 : 0);
  }

  /** Hands the batch being filled to the writer. */
  private send(): void {
    const batch = this.filling;
    if (!batch) return;
    if (this.broken) return this.fail(this.broken);
    this.filling = undefined;
    // While a batch is with the writer, the process must not exit before its answer.
    const writer = this.writer();
    if (this.sent.size === 0) writer.worker.ref();
    this.sent.set(batch.id, batch);
    writer.worker.postMessage({ batch: batch.id, commands: batch.commands.map((c) => c.ops) });
    // The writer has its copy: drop ours now rather than keep it (and have it promoted to the old generation) until the answer.
    for (const command of batch.commands) command.ops = [];
  }

  /** The writer's answer for a batch: each command settles after COMMIT, with its own outcome. */
  private answered(message: FromWriter): void {
    const batch = this.sent.get(message.batch);
    if (!batch) return;
    this.settled(batch);
    batch.commands.forEach(({ item, value }, i) => {
      if ('failed' in message) return item.reject(writeError(message.failed));
      const outcome = message.outcomes[i];
      if (outcome) item.reject(writeError(outcome));
      else item.resolve(value);
    });
  }

  private settled(batch: Batch): void {
    this.sent.delete(batch.id);
    for (const key of batch.keys) if (this.lastWriteOf.get(key) === batch) this.lastWriteOf.delete(key);
    if (this.sent.size === 0) this.threads?.writer.worker.unref();
    batch.settle();
    if (!this.draining && this.filling && this.writerIdle()) this.send();
  }

  /** The writer cannot go on: what it holds, and the batch being filled, fail; so does every later command. */
  private fail(error: Error): void {
    this.broken ??= error;
    const lost = [...this.sent.values()];
    if (this.filling) lost.push(this.filling);
    this.filling = undefined;
    for (const batch of lost) {
      this.settled(batch);
      for (const { item } of batch.commands) item.reject(this.broken);
    }
  }

  /** Waits until the writes of these keys made by earlier commands are committed. */
  private async writesOf(keys: string[]): Promise<void> {
    const batches = new Set<Batch>();
    for (const key of keys) {
      const batch = this.lastWriteOf.get(key);
      if (batch) batches.add(batch);
    }
    if (this.filling && batches.has(this.filling)) this.send();
    await Promise.all([...batches].map((batch) => batch.committed));
  }

  /** Waits until every write of earlier commands is committed (the writer commits in order: the last batch is enough). */
  private async allWrites(): Promise<void> {
    this.send();
    const last = [...this.sent.values()].pop();
    if (last) await last.committed;
  }

  /** One statement as a command of its own (definitions, people, sessions, calendar years). */
  private async statement(sql: string, ...params: (string | number | null)[]): Promise<void> {
    await this.transaction(async (tx) => { (tx as WriterTransaction).sql(sql, params); });
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
    await this.statement(`INSERT INTO users (id, nama, password_hash, roles, disabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET nama = excluded.nama, password_hash = excluded.password_hash, roles = excluded.roles, disabled = excluded.disabled,
        created_at = excluded.created_at, updated_at = excluded.updated_at`,
    user.id, user.nama, user.passwordHash, JSON.stringify(user.roles), user.disabled ? 1 : 0, user.createdAt, user.updatedAt);
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
    while (this.draining) await new Promise((resolve) => setImmediate(resolve));
    this.send();
    await Promise.all([...this.sent.values()].map((batch) => batch.committed));
    this.broken ??= new Error(`Basis data ${this.path} sudah ditutup.`);
    if (this.threads) {
      await stop(this.threads.checkpointer);
      await stop(this.threads.writer);
    }
    this.reads.clear();
    this.reader.close();
    this.db.close();
  }
}

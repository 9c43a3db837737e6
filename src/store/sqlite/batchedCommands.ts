/**
 * The SQLite store's commands (see sqliteStore.ts): they run one after another on this thread;
 * what each one writes goes, in batches, to the writer thread (writerThread.mjs), which commits a
 * batch in one transaction — each command in a savepoint of its own, so one command's failure
 * rolls back only that command — and every command's promise settles after that COMMIT (group
 * commit: one fsync for many commands at synchronous=FULL). While the writer commits one batch,
 * this thread runs the next commands; a checkpointer thread (checkpointThread.mjs) copies the WAL
 * back. On two cores the statements, COMMIT and checkpoints no longer take turns with the state
 * machines.
 *
 * Reads see committed data only. A command that reads a case (or an idempotency key) still on its
 * way to the writer waits until it is committed, so it sees what the commands before it wrote, as
 * it would inside one transaction; looking for cases or due timers waits for every write before it.
 */
import { Worker } from 'node:worker_threads';
import type { TimerRow } from '../../runtime/caseRecord.ts';
import {
  StoreConflict, type CaseFilter, type CaseWrite, type RememberedCommand, type StoreTransaction, type StoredCase, type TimerChanges,
} from '../caseStore.ts';
import { caseOf, timerOf, type Row } from '../rowShapes.ts';

/** The committed data commands read, as the store reads it (rows of its own connection). */
export interface CommittedData {
  /** The rows of a case's family (the cases sharing its root). */
  family(caseId: string): Row[];
  cases(filter: CaseFilter): StoredCase[];
  dueTimers(nowMs: number, limit: number): Row[];
  recall(key: string): RememberedCommand | undefined;
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

/** Runs a store's commands and commits their writes in batches on the writer thread. */
export class BatchedCommands {
  private readonly queue: Pending[] = [];
  private draining = false;
  private readonly reads: CommittedReads;
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

  constructor(private readonly path: string, private readonly options: { synchronous: 'NORMAL' | 'FULL'; maxBatch: number }, data: CommittedData) {
    this.reads = this.committedReads(data);
  }

  /** The writer thread, started (with the checkpointer) when first needed. */
  private writer(): Thread {
    if (!this.threads) {
      const writer = thread('writerThread.mjs', { path: this.path, synchronous: this.options.synchronous, finished: this.finished });
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

  /** The reads of commands, on committed data: each first waits for the earlier commands' writes it depends on. */
  private committedReads(data: CommittedData): CommittedReads {
    return {
      family: async (caseId) => {
        await this.writesOf([caseId]);
        let rows = data.family(caseId);
        // A family member (or its root) may be on its way to the writer: wait for it, read again.
        const pending = rows.flatMap((row) => [row.id as string, row.root_id as string]).filter((key) => this.lastWriteOf.has(key));
        if (pending.length > 0) {
          await this.writesOf(pending);
          rows = data.family(caseId);
        }
        return rows.map(caseOf);
      },
      cases: async (filter) => {
        await this.allWrites();
        return data.cases(filter);
      },
      dueTimers: async (now, limit) => {
        await this.allWrites();
        return data.dueTimers(Date.parse(now), limit);
      },
      recall: async (key) => {
        await this.writesOf([KEY_PREFIX + key]);
        return data.recall(key);
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
      const tx = new CommandTransaction(this.reads);
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
      if (filled >= this.options.maxBatch || (filled >= SEND_AT && this.writerIdle())) this.send();
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
  async statement(sql: string, params: (string | number | null)[]): Promise<void> {
    await this.transaction(async (tx) => { (tx as WriterTransaction).sql(sql, params); });
  }

  /** Runs what is queued, waits for every batch's answer, then stops the threads; later commands are refused. */
  async close(): Promise<void> {
    while (this.draining) await new Promise((resolve) => setImmediate(resolve));
    this.send();
    await Promise.all([...this.sent.values()].map((batch) => batch.committed));
    this.broken ??= new Error(`Basis data ${this.path} sudah ditutup.`);
    if (this.threads) {
      await stop(this.threads.checkpointer);
      await stop(this.threads.writer);
    }
  }
}

// @ts-check
/**
 * The SQLite store's writer (see sqliteStore.ts): a worker thread with the one connection that
 * writes. It takes a batch of commands — each a list of writes its transaction made — and commits
 * them together: every command in a savepoint of its own, so one failure rolls back only that
 * command, then one COMMIT for the batch (checkpoints are checkpointThread.mjs's). The
 * main thread meanwhile runs the next commands; it answers them only after this thread reports
 * their commit.
 *
 * Plain JavaScript, checked by tsc: the thread starts in milliseconds, without the TypeScript loader.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/**
 * What one command writes, flat: a tag, then that tag's values (see `apply`), one after another —
 * strings, numbers and nulls only, which cross to this thread for a fraction of what objects cost.
 * @typedef {(string | number | null)[]} CommandOps
 */
/** @typedef {{ message: string, code?: string, conflict?: { caseId: string, expectedRevision: number | null } }} WriteError */

const port = parentPort;
if (!port) throw new Error('writerThread.mjs berjalan hanya sebagai worker thread');
const settings = /** @type {{ path: string, synchronous: 'NORMAL' | 'FULL', finished: Int32Array }} */ (workerData);

const db = new Database(settings.path);
db.pragma('journal_mode = WAL');
db.pragma(`synchronous = ${settings.synchronous}`);
db.pragma('busy_timeout = 10000');
// checkpointThread.mjs copies the WAL back; this connection does it only if that thread falls far behind.
db.pragma('wal_autocheckpoint = 10000');

const s = {
  insertCase: db.prepare(`INSERT INTO cases (id, root_id, parent_id, process_id, definition_version, business_key, status, revision, head_hash, started_at, started_ms, ended_at, updated_at, snapshot, state)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
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
  timerAt: db.prepare('SELECT 1 FROM timers WHERE case_id = ? AND key = ? AND due_ms = ?'),
  remember: db.prepare('INSERT INTO commands (idempotency_key, fingerprint, response, created_at) VALUES (?, ?, ?, ?)'),
  savepoint: db.prepare('SAVEPOINT command'),
  release: db.prepare('RELEASE command'),
  rollbackTo: db.prepare('ROLLBACK TO command'),
};
/** @type {Map<string, import('better-sqlite3').Statement>} */
const other = new Map();

/** A case's row was not at the revision the command loaded (or a new case's id exists). */
class Conflict extends Error {
  /** @param {string} caseId @param {number | null} expectedRevision */
  constructor(caseId, expectedRevision) {
    super(`konflik pada kasus ${caseId}`);
    this.conflict = { caseId, expectedRevision };
  }
}

/** @type {Record<string, number | undefined>} */
const VALUES = { 'case+': 14, case: 9, log: 9, 'steps-': 1, step: 10, 'timers-': 1, 'timer-': 2, timer: 6, key: 4, 'due?': 3 };
const text = (/** @type {unknown} */ value) => /** @type {string} */ (value);
const ms = (/** @type {unknown} */ value) => (value === null ? null : Date.parse(/** @type {string} */ (value)));

/**
 * Runs one command's writes. Tags and their values (the order of sqliteStore.ts's `encode…`):
 * `case+` a new case (14: id … state) · `case` a case at a revision (9: status … id, expected revision) ·
 * `log` an entry (9) · `steps-` clear a case's open steps (1) · `step` an open step (10) ·
 * `timers-` clear a case's timers (1) · `timer-` remove one (2) · `timer` set one (6) ·
 * `key` an idempotency key and its answer (4) · `due?` a timer read as due must still be there (3) ·
 * `sql` a statement: its text, the number of values, the values.
 * @param {CommandOps} a
 */
function apply(a) {
  for (let i = 0; i < a.length;) {
    const tag = /** @type {string} */ (a[i++]);
    const count = tag === 'sql' ? 2 + /** @type {number} */ (a[i + 1]) : VALUES[tag];
    if (count === undefined) throw new Error(`perintah tulis tidak dikenal: ${tag}`);
    const v = a.slice(i, (i += count));
    switch (tag) {
      case 'case+':
        try {
          s.insertCase.run(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], ms(v[9]), v[10], v[11], v[12], v[13]);
        } catch (error) {
          if (/** @type {{ code?: string }} */ (error).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new Conflict(text(v[0]), null);
          throw error;
        }
        break;
      case 'case': {
        const [status, revision, headHash, endedAt, updatedAt, snapshot, state, id, expected] = v;
        const running = status === 'active' && s.updateRunning.run(revision, headHash, updatedAt, snapshot, state, id, expected, 'active').changes === 1;
        if (!running && s.updateCase.run(status, revision, headHash, endedAt, updatedAt, snapshot, state, id, expected).changes !== 1) {
          throw new Conflict(text(id), /** @type {number} */ (expected));
        }
        break;
      }
      case 'log': s.appendLog.run(v); break;
      case 'steps-': s.clearSteps.run(v[0]); break;
      case 'step': s.insertStep.run(v[0], v[1], v[2], v[3], v[4], v[5], v[6], ms(v[6]), v[7], v[8], v[9]); break;
      case 'timers-': s.clearTimers.run(v[0]); break;
      case 'timer-': s.removeTimer.run(v[0], v[1]); break;
      case 'timer': s.setTimer.run(v[0], v[1], v[2], ms(v[2]), v[3], v[4], v[5]); break;
      case 'key': s.remember.run(v); break;
      case 'due?':
        // Read as due outside this transaction: another process may have fired (or moved) it since.
        if (!s.timerAt.get(v[0], v[1], v[2])) throw new Conflict(text(v[0]), null);
        break;
      case 'sql': {
        const sql = text(v[0]);
        let statement = other.get(sql);
        if (!statement) other.set(sql, (statement = db.prepare(sql)));
        statement.run(v.slice(2));
        break;
      }
    }
  }
}

/** @param {unknown} error @returns {WriteError} */
function describe(error) {
  if (error instanceof Conflict) return { message: error.message, conflict: error.conflict };
  const { message, code } = /** @type {{ message?: string, code?: unknown }} */ (error ?? {});
  return { message: String(message ?? error), ...(typeof code === 'string' ? { code } : {}) };
}

port.on('message', (/** @type {{ batch: number, commands: CommandOps[] } | { close: true }} */ message) => {
  if ('close' in message) {
    db.close();
    port.close();
    return;
  }
  const answer = commit(message.commands, message.batch);
  // Told without a message, and before the answer: the main thread sends the next batch as soon
  // as this one is done, and when the answer arrives it finds the count already moved on.
  Atomics.add(settings.finished, 0, 1);
  port.postMessage(answer);
});

/** Commits one batch; its answer names each command's failure, or the whole batch's. @param {CommandOps[]} commands @param {number} batch */
function commit(commands, batch) {
  /** @type {(WriteError | null)[]} */
  const outcomes = [];
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (error) {
    return { batch, failed: describe(error) };
  }
  for (const ops of commands) {
    s.savepoint.run();
    try {
      apply(ops);
      s.release.run();
      outcomes.push(null);
    } catch (error) {
      s.rollbackTo.run();
      s.release.run();
      outcomes.push(describe(error));
    }
  }
  try {
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    return { batch, failed: describe(error) };
  }
  return { batch, outcomes };
}

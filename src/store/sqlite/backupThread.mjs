// @ts-check
/**
 * One online backup of a live SQLite store (see ../backup.ts), on a thread of its own: SQLite's
 * backup API copies every page in ONE step, inside one read transaction, so the copy is the
 * database as it was at one instant however busy the writer (a copy in several steps starts over
 * each time another connection commits, and under steady load might never end). That step holds
 * its thread for the whole copy: here, not the server's main thread. Then the copy is turned into
 * a self-contained file (rollback journal, no -wal/-shm beside it) and, when asked, checked with
 * `PRAGMA integrity_check`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const port = parentPort;
if (!port) throw new Error('backupThread.mjs berjalan hanya sebagai worker thread');
const { source, target, integrity } = /** @type {{ source: string, target: string, integrity: boolean }} */ (workerData);

try {
  const from = new Database(source, { readonly: true, fileMustExist: true, timeout: 10_000 });
  let progress;
  try {
    // The largest step better-sqlite3 allows: all pages at once.
    progress = await from.backup(target, { progress: () => 0x7fffffff });
  } finally {
    from.close();
  }
  const copy = new Database(target, { timeout: 10_000 });
  /** @type {string[] | undefined} */
  let problems;
  try {
    copy.pragma('journal_mode = DELETE');
    if (integrity) {
      const rows = /** @type {{ integrity_check: string }[]} */ (copy.pragma('integrity_check(20)'));
      problems = rows.map((row) => row.integrity_check).filter((line) => line !== 'ok');
    }
  } finally {
    copy.close();
  }
  port.postMessage({ pages: progress.totalPages, ...(problems ? { problems } : {}) });
} catch (error) {
  port.postMessage({ error: error instanceof Error ? error.message : String(error), code: /** @type {{ code?: string }} */ (error).code });
}

// @ts-check
/**
 * The SQLite store's checkpointer (see sqliteStore.ts): a worker thread that copies committed WAL
 * pages back into the database file, with a connection of its own. In the writer, SQLite would do
 * this inside a COMMIT every 1,000 pages, and that commit (and every command waiting behind it)
 * would wait for the copy and its fsync — several milliseconds. A PASSIVE checkpoint here never
 * blocks the writer or a reader; the writer keeps its own automatic checkpoint only as a backstop,
 * at 10,000 pages, should this thread fall behind.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const port = parentPort;
if (!port) throw new Error('checkpointThread.mjs berjalan hanya sebagai worker thread');
const { path } = /** @type {{ path: string }} */ (workerData);

const db = new Database(path);
// Checkpoint as often as there is something new: soon after writes, slowing down to once a second when idle.
const FASTEST_MS = 20;
const SLOWEST_MS = 1000;
let wait = FASTEST_MS;
let lastLog = -1;
let timer = setTimeout(checkpoint, wait);

function checkpoint() {
  const [result] = /** @type {{ busy: number, log: number, checkpointed: number }[]} */ (db.pragma('wal_checkpoint(PASSIVE)'));
  const active = result !== undefined && (result.log !== lastLog || result.checkpointed < result.log);
  lastLog = result?.log ?? -1;
  wait = active ? FASTEST_MS : Math.min(SLOWEST_MS, wait * 2);
  timer = setTimeout(checkpoint, wait);
}

port.on('message', () => {
  clearTimeout(timer);
  db.close();
  port.close();
});

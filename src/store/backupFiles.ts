/**
 * Where SQLite backups go and what they are called. By default beside the data folder, not in it:
 * `./data` → `./data-cadangan` (PROTAP_BACKUP_DIR names another folder). Outside the data folder a
 * backup survives the folder being emptied or replaced (a restore, a reinstall), a copy of the data
 * folder does not carry every older backup along, and the office can point the folder at another
 * disk. The folder and every backup are the service user's alone (0700 and 0600), as the store is:
 * a backup holds the same records and password hashes.
 */
import { closeSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type Database from 'better-sqlite3';

/** The backup folder of a data folder: PROTAP_BACKUP_DIR, or `<data folder>-cadangan` beside it. */
export function backupFolder(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.PROTAP_BACKUP_DIR) return resolve(env.PROTAP_BACKUP_DIR);
  const data = resolve(dataDir);
  return join(dirname(data), `${basename(data)}-cadangan`);
}

/** A refusal or failure of a backup, restore or migration step, said for the office's IT person (shown as it is, without a stack). */
export class BackupError extends Error {
  override name = 'BackupError';
}

const two = (n: number) => String(n).padStart(2, '0');

/** `YYYYMMDD-HHmmss` in the machine's local time: sorts as it reads, safe on every file system. */
export function stamp(at: Date = new Date()): string {
  return `${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}-${two(at.getHours())}${two(at.getMinutes())}${two(at.getSeconds())}`;
}

/** Scheduled backups: `protap-YYYYMMDD-HHmmss.db`. Only files of this name are ever pruned. */
export const SCHEDULED_BACKUP = /^protap-\d{8}-\d{6}\.db$/;
export const scheduledName = (at: Date = new Date()) => `protap-${stamp(at)}.db`;

/** The copy made before migrating: `sebelum-migrasi-v<from>-ke-v<to>-YYYYMMDD-HHmmss.db`. */
export const migrationBackupName = (from: number, to: number, at: Date = new Date()) => `sebelum-migrasi-v${from}-ke-v${to}-${stamp(at)}.db`;

/** Where `restore` moves the live file aside: `protap.db.sebelum-pulih-YYYYMMDD-HHmmss` (its -wal and -shm keep SQLite's suffixes). */
export const asideName = (file: string, at: Date = new Date()) => `${file}.sebelum-pulih-${stamp(at)}`;

/** Makes the backup folder (0700) when missing. */
export function ensureFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
}

/**
 * A consistent copy of an open SQLite database into a new file (0600), synchronously, with
 * `VACUUM INTO` (one read transaction: other connections may go on writing). Used before migrating,
 * inside the store's constructor, where nothing can wait for a promise. Answers the file's path.
 */
export function copyBeforeMigrating(db: Database.Database, folder: string, from: number, to: number): string {
  ensureFolder(folder);
  const target = join(folder, migrationBackupName(from, to));
  try {
    // An empty file of the right mode first: VACUUM INTO fills an empty file and keeps its mode.
    closeSync(openSync(target, 'wx', 0o600));
    db.prepare('VACUUM INTO ?').run(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') rmSync(target, { force: true });
    throw new BackupError(`Cadangan sebelum migrasi (v${from} ke v${to}) tidak dapat ditulis ke ${target}: ${(error as Error).message}. Migrasi tidak dijalankan.`);
  }
  return target;
}

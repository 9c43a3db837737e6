/**
 * Scheduled backups of the SQLite store, for the server: every PROTAP_BACKUP_HOURS hours (default
 * 24; 0 for none), and at start when the newest is older than that, a copy `protap-YYYYMMDD-HHmmss.db`
 * goes into the backup folder (PROTAP_BACKUP_DIR, default `<data folder>-cadangan` beside the data
 * folder); the newest PROTAP_BACKUP_KEEP of them (default 14) are kept, older ones deleted. Only
 * files of that exact name are ever deleted. The copy and its integrity check run on a worker
 * thread: the server keeps answering meanwhile.
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { backupFolder, ensureFolder, SCHEDULED_BACKUP, scheduledName } from './backupFiles.ts';
import { backupSqlite } from './sqlite/onlineBackup.ts';

/** A pino logger fits. */
export interface BackupLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface BackupScheduleOptions {
  /** The data folder: its `protap.db` is copied. */
  dataDir: string;
  /** Where the copies go (default: backupFolder(dataDir)). */
  dir?: string;
  everyHours: number;
  /** How many scheduled copies to keep (at least 1). */
  keep: number;
  log?: BackupLog;
  /** The clock (tests). */
  now?: () => Date;
}

export interface ScheduledBackups {
  /** The repeating timer (unref'd: it never keeps a process alive). */
  readonly timer: NodeJS.Timeout;
  readonly dir: string;
  /** Makes one backup now (or joins the one running); resolves with its path, or undefined when none was made. */
  backupNow(): Promise<string | undefined>;
  stop(): void;
}

/** The longest interval a Node timer holds (2^31 − 1 ms, 24 days): beyond it Node would fire at once. */
const MAX_HOURS = 596;

/** The schedule from the environment: PROTAP_BACKUP_HOURS, PROTAP_BACKUP_KEEP, PROTAP_BACKUP_DIR. Throws a sentence for a bad value. */
export function backupScheduleSettings(dataDir: string, env: NodeJS.ProcessEnv = process.env): { everyHours: number; keep: number; dir: string } {
  const everyHours = Number(env.PROTAP_BACKUP_HOURS ?? 24);
  if (!Number.isFinite(everyHours) || everyHours < 0 || everyHours > MAX_HOURS) {
    throw new Error(`PROTAP_BACKUP_HOURS harus angka jam 0–${MAX_HOURS} (0 = tanpa cadangan terjadwal), bukan "${env.PROTAP_BACKUP_HOURS}".`);
  }
  const keep = Number(env.PROTAP_BACKUP_KEEP ?? 14);
  if (!Number.isInteger(keep) || keep < 1) throw new Error(`PROTAP_BACKUP_KEEP harus bilangan bulat ≥ 1, bukan "${env.PROTAP_BACKUP_KEEP}".`);
  return { everyHours, keep, dir: backupFolder(dataDir, env) };
}

/** The scheduled copies in `dir`, oldest first. */
function scheduledCopies(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((name) => SCHEDULED_BACKUP.test(name)).sort() : [];
}

/** Deletes the oldest scheduled copies beyond `keep`; answers the names deleted. */
export function pruneBackups(dir: string, keep: number): string[] {
  const copies = scheduledCopies(dir);
  const old = copies.slice(0, Math.max(0, copies.length - Math.max(1, keep)));
  for (const name of old) rmSync(join(dir, name), { force: true });
  return old;
}

/**
 * Starts the schedule; undefined when `everyHours` is 0 (or not a positive number). Wire it into the
 * server after the store is open, and call `stop()` before closing the store.
 */
export function scheduleBackups(options: BackupScheduleOptions): ScheduledBackups | undefined {
  if (!(options.everyHours > 0)) return undefined;
  const dir = options.dir ?? backupFolder(options.dataDir);
  const source = join(options.dataDir, 'protap.db');
  const now = options.now ?? (() => new Date());
  const log = options.log;
  const everyMs = Math.min(options.everyHours, MAX_HOURS) * 3_600_000;
  let running: Promise<string | undefined> | undefined;

  const once = async (): Promise<string | undefined> => {
    ensureFolder(dir);
    const target = join(dir, scheduledName(now()));
    if (existsSync(target)) return undefined;
    const started = Date.now();
    const result = await backupSqlite(source, target, { integrity: true });
    if (result.problems && result.problems.length > 0) {
      // A damaged copy keeps a name that is never pruned, and never pushes a good copy out.
      const damaged = target.replace(/\.db$/, '-rusak.db');
      renameSync(target, damaged);
      log?.error({ path: damaged, problems: result.problems.slice(0, 5) }, 'cadangan terjadwal RUSAK menurut pemeriksaan integritas SQLite: periksa penyimpanan');
      return undefined;
    }
    const deleted = pruneBackups(dir, options.keep);
    log?.info({ path: target, bytes: result.bytes, ms: Date.now() - started, deleted }, 'cadangan terjadwal ditulis');
    return target;
  };
  const backupNow = (): Promise<string | undefined> => {
    if (running) return running;
    running = once()
      .catch((error: unknown) => { log?.error({ err: error, dir }, 'cadangan terjadwal gagal dibuat'); return undefined; })
      .finally(() => { running = undefined; });
    return running;
  };

  const newest = scheduledCopies(dir).at(-1);
  const newestAt = newest ? statSync(join(dir, newest)).mtimeMs : 0;
  // The file's time is the real clock's, and so is this comparison.
  if (Date.now() - newestAt > everyMs) void backupNow();
  const timer = setInterval(() => void backupNow(), everyMs);
  timer.unref();
  return { timer, dir, backupNow, stop: () => clearInterval(timer) };
}

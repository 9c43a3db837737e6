/**
 * Backup and restore of the SQLite store (issue 18, points 3 and 4; docs/backup.md). A backup is
 * one self-contained SQLite file, copied from the live store with SQLite's online backup API while
 * the server goes on working (sqlite/onlineBackup.ts). A backup is trusted only once checked:
 * `PRAGMA integrity_check`, then a sample of its cases replayed by the auditors' replay
 * (src/audit/replay.ts). Restoring refuses while a server has the data folder's store open, and
 * never deletes the store it replaces: that file is moved aside. PostgreSQL is backed up with
 * pg_dump, outside Protap.
 */
import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { CaseStore } from './caseStore.ts';
import { DurableEngine } from './durableEngine.ts';
import { asideName, BackupError, ensureFolder } from './backupFiles.ts';
import { backupSqlite } from './sqlite/onlineBackup.ts';
import { SqliteStore } from './sqlite/sqliteStore.ts';

export { backupFolder, BackupError, SCHEDULED_BACKUP } from './backupFiles.ts';
export { backupSqlite, type BackupOptions, type BackupResult } from './sqlite/onlineBackup.ts';
export { backupScheduleSettings, scheduleBackups, type BackupLog, type BackupScheduleOptions, type ScheduledBackups } from './backupSchedule.ts';

/** What a backup file is, read without changing it. */
export interface BackupFileReport {
  file: string;
  /** `ok`, or what is wrong, in a sentence. */
  integrity: string;
  /** The highest migration applied to it (0 when it is not a Protap store). */
  schemaVersion: number;
  cases: number;
}

export interface BackupCheck extends BackupFileReport {
  /** Cases replayed (the sample) and how many of them were intact. */
  replayed: number;
  intact: number;
  broken: { caseId: string; reason: string }[];
  /** Integrity ok and every sampled case intact. */
  ok: boolean;
}

const isBusy = (error: unknown) => /^SQLITE_BUSY/.test(String((error as { code?: unknown }).code ?? ''));

/** The report of a file: integrity, schema version, case count; and the ids of a sample of its cases. */
function readBackupFile(path: string, sample: number): { report: BackupFileReport; sampled: string[] } {
  const file = resolve(path);
  const report: BackupFileReport = { file, integrity: 'ok', schemaVersion: 0, cases: 0 };
  if (!existsSync(file)) return { report: { ...report, integrity: `berkas ${file} tidak ditemukan.` }, sampled: [] };
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5_000 });
    const problems = (db.pragma('integrity_check(20)') as { integrity_check: string }[]).map((row) => row.integrity_check).filter((line) => line !== 'ok');
    if (problems.length > 0) return { report: { ...report, integrity: `pemeriksaan integritas SQLite menemukan kerusakan: ${problems.slice(0, 5).join('; ')}.` }, sampled: [] };
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((row) => row.name));
    if (!tables.has('schema_migrations') || !tables.has('cases')) return { report: { ...report, integrity: 'berkas ini basis data SQLite, tetapi bukan penyimpanan Protap.' }, sampled: [] };
    const version = (db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
    const cases = (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
    if (sample === 0) return { report: { ...report, schemaVersion: version, cases }, sampled: [] };
    const ids = (sql: string, limit: number) => (db as Database.Database).prepare(sql).pluck().all(limit) as string[];
    // All cases when few; otherwise the newest half of the sample and the rest drawn at random.
    const newest = cases <= sample ? ids('SELECT id FROM cases ORDER BY id LIMIT ?', sample) : ids('SELECT id FROM cases ORDER BY started_ms DESC, id LIMIT ?', Math.ceil(sample / 2));
    const chosen = new Set(newest);
    if (cases > sample) for (const id of ids('SELECT id FROM cases ORDER BY random() LIMIT ?', sample)) if (chosen.size < sample) chosen.add(id);
    return { report: { ...report, schemaVersion: version, cases }, sampled: [...chosen] };
  } catch (error) {
    return { report: { ...report, integrity: `berkas tidak terbaca sebagai basis data SQLite (${(error as Error).message}).` }, sampled: [] };
  } finally {
    db?.close();
  }
}

/** Integrity, schema version and case count of a backup file; changes nothing. */
export function inspectBackupFile(path: string): BackupFileReport {
  return readBackupFile(path, 0).report;
}

/**
 * Checks a backup: `PRAGMA integrity_check` must say ok; then a sample of its cases (default 50:
 * the newest and some at random; all when fewer) is replayed with the auditors' replay. The file
 * itself is never opened for writing: the replay (given by the caller, so the store needs nothing of
 * the audit folder) runs on a copy in a private temporary folder
 * (migrated there to this Protap's schema when older), deleted afterwards.
 */
/** Replays one case of a store opened by a durable engine (the auditors' replay, src/audit/replay.ts replayCase). */
export type ReplayOne = (engine: DurableEngine, caseId: string) => Promise<{ intact: boolean; reason?: string }>;

export async function checkBackup(path: string, replay: ReplayOne, options: { sample?: number } = {}): Promise<BackupCheck> {
  const { report, sampled } = readBackupFile(path, Math.max(0, options.sample ?? 50));
  const check: BackupCheck = { ...report, replayed: 0, intact: 0, broken: [], ok: false };
  if (report.integrity !== 'ok') return check;
  const work = mkdtempSync(join(tmpdir(), 'protap-periksa-'));
  try {
    const copy = join(work, 'protap.db');
    copyFileSync(report.file, copy);
    if (existsSync(`${report.file}-wal`)) copyFileSync(`${report.file}-wal`, `${copy}-wal`);
    const store = new SqliteStore(copy, { backupBeforeMigrating: false });
    try {
      const engine = await DurableEngine.open({ store });
      for (const caseId of sampled) {
        const replayed = await replay(engine, caseId);
        check.replayed++;
        if (replayed.intact) check.intact++;
        else check.broken.push({ caseId, reason: replayed.reason ?? 'tidak utuh' });
      }
    } finally {
      await store.close();
    }
  } catch (error) {
    return { ...check, integrity: `cadangan tidak dapat dibuka sebagai penyimpanan Protap (${(error as Error).message}).` };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { ...check, ok: check.broken.length === 0 && check.intact === check.replayed };
}

/**
 * Whether a process (a server, another command) has this SQLite store open. In WAL mode an idle
 * connection holds no write lock, so BEGIN EXCLUSIVE alone would not notice it; a connection in
 * exclusive locking mode must take the database for itself, which it cannot while any other
 * connection, in this process or another, has it open.
 */
export function storeInUse(file: string): boolean {
  if (!existsSync(file)) return false;
  const db = new Database(file, { fileMustExist: true, timeout: 300 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('ROLLBACK');
    return false;
  } catch (error) {
    if (isBusy(error)) return true;
    // A file SQLite cannot read at all (the very file a restore replaces) is held by no server.
    return false;
  } finally {
    db.close();
  }
}

export interface RestoreResult {
  /** The store file now holding the backup. */
  restored: string;
  /** Where the files it replaced went (empty when the data folder had no store). */
  aside: string[];
  backup: BackupFileReport;
}

/**
 * Puts a backup in place as the store of `dataDir` (`protap.db`). Refused when the backup fails
 * its integrity check or is no Protap store, and while a server has the current store open. The
 * current `protap.db` (with its -wal and -shm) is moved aside to `protap.db.sebelum-pulih-<time>`,
 * never deleted; the backup is copied in (0600) through the backup API, so a backup that still has
 * a -wal file of its own is copied whole.
 */
export async function restoreSqlite(backupFile: string, dataDir: string, at: Date = new Date()): Promise<RestoreResult> {
  const backup = inspectBackupFile(backupFile);
  if (backup.integrity !== 'ok') throw new BackupError(`Cadangan ${backup.file} tidak dipulihkan: ${backup.integrity} Data yang sekarang tidak diubah.`);
  const live = join(resolve(dataDir), 'protap.db');
  if (backup.file === live) throw new BackupError('Berkas cadangan adalah penyimpanan yang sedang dipakai; pilih berkas cadangan lain.');
  if (storeInUse(live)) {
    throw new BackupError(`Server Protap (atau perintah lain) masih membuka ${live}. Hentikan server dulu, lalu ulangi pemulihan; data yang sekarang tidak diubah.`);
  }
  ensureFolder(resolve(dataDir));
  const incoming = join(resolve(dataDir), `.protap.db.pulih-${process.pid}`);
  rmSync(incoming, { force: true });
  // The copy first, beside the store: when it fails, nothing has been moved yet.
  await backupSqlite(backup.file, incoming);
  if (storeInUse(live)) {
    rmSync(incoming, { force: true });
    throw new BackupError(`Server Protap dimulai pada ${live} selama pemulihan. Hentikan server dulu, lalu ulangi pemulihan; data yang sekarang tidak diubah.`);
  }
  const aside: string[] = [];
  if (existsSync(live)) {
    let base = asideName(live, at);
    for (let n = 2; existsSync(base); n++) base = `${asideName(live, at)}-${n}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (!existsSync(`${live}${suffix}`)) continue;
      renameSync(`${live}${suffix}`, `${base}${suffix}`);
      aside.push(`${base}${suffix}`);
    }
  }
  renameSync(incoming, live);
  return { restored: live, aside, backup };
}

/** The copy a SQLite store wrote before migrating when it was opened, if it did (for the server's log). */
export function migrationBackupOf(store: CaseStore): string | undefined {
  return store instanceof SqliteStore ? store.migrationBackup : undefined;
}

/**
 * `backupSqlite`: a consistent copy of a live SQLite store — the server may be writing to it the
 * whole time — through SQLite's online backup API, on a worker thread (backupThread.mjs). The copy
 * is written under a temporary name in the target's folder and renamed at the end, so a file of
 * the final name is always a whole backup; it is the service user's alone (0600).
 */
import { closeSync, existsSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { BackupError, ensureFolder } from '../backupFiles.ts';

export interface BackupOptions {
  /** Replace `outFile` when it exists (refused otherwise). */
  overwrite?: boolean;
  /** Also run `PRAGMA integrity_check` on the copy, on the same thread (the scheduled backups do). */
  integrity?: boolean;
}

export interface BackupResult {
  file: string;
  source: string;
  bytes: number;
  pages: number;
  /** What `integrity_check` found wrong (empty: ok); only when asked for. */
  problems?: string[];
}

type FromThread = { pages: number; problems?: string[] } | { error: string; code?: string };

/** Runs one copy on a backup thread; resolves with its answer. */
function onThread(source: string, target: string, integrity: boolean): Promise<FromThread> {
  return new Promise((done, fail) => {
    const worker = new Worker(new URL('./backupThread.mjs', import.meta.url), { workerData: { source, target, integrity } });
    let answer: FromThread | undefined;
    worker.once('message', (message: FromThread) => { answer = message; });
    worker.once('error', fail);
    worker.once('exit', (code) => (answer ? done(answer) : fail(new Error(`thread cadangan berhenti dengan kode ${code}`))));
  });
}

/**
 * Copies the SQLite database `sourceFile` (live or not) into `outFile`, a single self-contained
 * file. Refuses an existing `outFile` unless `overwrite`; creates its folder (0700) when missing.
 */
export async function backupSqlite(sourceFile: string, outFile: string, options: BackupOptions = {}): Promise<BackupResult> {
  const source = resolve(sourceFile);
  const file = resolve(outFile);
  if (!existsSync(source)) throw new BackupError(`Tidak ada penyimpanan SQLite di ${source}.`);
  if (file === source) throw new BackupError('Berkas cadangan tidak boleh sama dengan berkas penyimpanan.');
  if (existsSync(file) && !options.overwrite) throw new BackupError(`Berkas ${file} sudah ada; cadangan tidak menimpa berkas yang sudah ada.`);
  ensureFolder(dirname(file));
  const partial = `${file}.sedang-ditulis-${randomBytes(4).toString('hex')}`;
  try {
    closeSync(openSync(partial, 'wx', 0o600));
    const answer = await onThread(source, partial, options.integrity === true);
    if ('error' in answer) throw new BackupError(`Cadangan ${source} gagal dibuat: ${answer.error}`);
    renameSync(partial, file);
    return { file, source, bytes: statSync(file).size, pages: answer.pages, ...(answer.problems ? { problems: answer.problems } : {}) };
  } catch (error) {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`Cadangan ${source} gagal dibuat: ${(error as Error).message}`);
  }
}

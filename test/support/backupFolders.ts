/** Test support for backup, restore and migration specs: data folders in temporary directories. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DurableEngine } from '../../src/store/durableEngine.ts';
import { sqliteMigrations } from '../../src/store/sqlite/migrations.ts';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.ts';
import { fixture } from './engineWith.ts';

export const LATEST = Math.max(...sqliteMigrations.map((m) => m.version));
export const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
export const mode = (file: string) => statSync(file).mode & 0o777;
export const temp = (name: string) => mkdtempSync(join(tmpdir(), `protap-${name}-`));

/** A data folder whose store holds `count` Pemanggilan cases (every other one a step further). */
export async function dataFolder(count: number): Promise<{ dir: string; file: string; ids: string[] }> {
  const dir = temp('cadangan-data');
  const file = join(dir, 'protap.db');
  const store = new SqliteStore(file);
  const engine = await DurableEngine.open({ store });
  await engine.deployXml(fixture(`${import.meta.dirname}/../runtime`, 'caseEngine.pemanggilan.bpmn'));
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { id } = await engine.startCase('Pemanggilan', { at: '2026-01-05T08:00:00+07:00' });
    if (i % 2) await engine.completeStep(id, 'Panggil', { at: '2026-01-07T08:00:00+07:00' });
    ids.push(id);
  }
  await store.close();
  return { dir, file, ids };
}

/** A store built by hand with only the first `applied` migrations, holding one definition row. */
export function oldStore(applied: number): { dir: string; file: string } {
  const dir = temp('migrasi-lama');
  const file = join(dir, 'protap.db');
  const db = new Database(file);
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const migration of sqliteMigrations.slice(0, applied)) {
    db.exec(migration.sql);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(migration.version, migration.name, '2026-01-01T00:00:00Z');
  }
  db.prepare("INSERT INTO definitions (process_id, version, name, hash, xml, deployed_at, deployed_by) VALUES ('Lama', 1, 'Proses lama', 'h', '<x/>', 'a', 'a')").run();
  db.close();
  return { dir, file };
}

/** The migration versions recorded in a SQLite file, read-only. */
export function appliedVersions(file: string): number[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all() as number[];
  } finally {
    db.close();
  }
}

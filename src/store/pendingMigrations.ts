/**
 * What `protap migrate` would apply to the store the settings name — each pending migration's
 * version, name and the first line of each SQL statement — read without changing anything: the
 * SQLite file is opened read-only (and not created when missing), PostgreSQL is asked inside a
 * READ ONLY transaction (postgres/pendingMigrations.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describeStore, type StoreSettings } from './openStore.ts';
import { planOf, type MigrationPlan } from './migrationPlan.ts';
import { sqliteMigrations } from './sqlite/migrations.ts';

export { planOf, statementHeads, type MigrationPlan, type PendingMigration } from './migrationPlan.ts';

/** The migrations applied to a SQLite file, read-only; undefined when there is no store there yet. */
export function sqliteAppliedVersions(file: string): Set<number> | undefined {
  if (!existsSync(file)) return undefined;
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 10_000 });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
    if (!table) return undefined;
    return new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  } finally {
    db.close();
  }
}

/** What migrating the store of these settings would apply; changes nothing. */
export async function pendingMigrations(settings: StoreSettings): Promise<MigrationPlan> {
  if (settings.databaseUrl) {
    const { postgresPendingMigrations } = await import('./postgres/pendingMigrations.ts');
    return postgresPendingMigrations(settings.databaseUrl, settings.schema, describeStore(settings));
  }
  const file = settings.sqliteFile ?? join(settings.dataDir, 'protap.db');
  return planOf(describeStore(settings), sqliteMigrations, sqliteAppliedVersions(file));
}

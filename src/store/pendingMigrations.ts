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
import { sqliteMigrations } from './sqlite/migrations.ts';

export interface PendingMigration {
  version: number;
  name: string;
  /** The first line of each SQL statement the migration runs. */
  statements: string[];
}

export interface MigrationPlan {
  /** Where the store is (describeStore: no password). */
  store: string;
  /** The highest migration applied (0: none). */
  current: number;
  /** The highest migration this Protap knows. */
  latest: number;
  /** No store there yet: opening it creates one (and makes no pre-migration backup, having nothing to keep). */
  fresh: boolean;
  pending: PendingMigration[];
}

type Migration = { version: number; name: string; sql: string };

/** The first line of each statement of a migration's SQL (statements inside a `$$ … $$` body are not counted). */
export function statementHeads(sql: string): string[] {
  const heads: string[] = [];
  let inBody = false;
  for (const line of sql.split('\n')) {
    const text = line.trim();
    if (!inBody && /^(CREATE|ALTER|DROP|INSERT|UPDATE|DELETE|WITH|COMMENT|GRANT|REVOKE|TRUNCATE)\b/i.test(text)) heads.push(text);
    if ((text.match(/\$\$/g) ?? []).length % 2 === 1) inBody = !inBody;
  }
  return heads;
}

/** The plan from the versions applied so far (`undefined`: no store there yet). */
export function planOf(store: string, migrations: readonly Migration[], applied: ReadonlySet<number> | undefined): MigrationPlan {
  const done = applied ?? new Set<number>();
  return {
    store,
    current: Math.max(0, ...done),
    latest: Math.max(0, ...migrations.map((m) => m.version)),
    fresh: done.size === 0,
    pending: migrations.filter((m) => !done.has(m.version)).map((m) => ({ version: m.version, name: m.name, statements: statementHeads(m.sql) })),
  };
}

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

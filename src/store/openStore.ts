/**
 * Which store a process uses, from its environment: PostgreSQL when DATABASE_URL is set (several
 * server processes may share it), otherwise one SQLite file in the data folder (PROTAP_DATA,
 * default ./data) — the embedded default that needs nothing installed.
 */
import { join, resolve } from 'node:path';
import type { CaseStore } from './caseStore.ts';
import { PostgresStore } from './postgres/postgresStore.ts';
import { SqliteStore } from './sqlite/sqliteStore.ts';

export interface StoreSettings {
  databaseUrl?: string;
  /** PostgreSQL schema (PROTAP_PG_SCHEMA); the server's search_path by default. */
  schema?: string;
  dataDir: string;
  /** A SQLite file elsewhere than `dataDir/protap.db` (tools and benchmarks). */
  sqliteFile?: string;
  /** SQLite synchronous mode (PROTAP_SQLITE_SYNC): FULL by default. */
  synchronous?: 'NORMAL' | 'FULL';
}

export function storeSettings(env: NodeJS.ProcessEnv = process.env): StoreSettings {
  const sync = env.PROTAP_SQLITE_SYNC?.toUpperCase();
  if (sync && sync !== 'NORMAL' && sync !== 'FULL') throw new Error(`PROTAP_SQLITE_SYNC harus NORMAL atau FULL, bukan "${env.PROTAP_SQLITE_SYNC}".`);
  return {
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    ...(env.PROTAP_PG_SCHEMA ? { schema: env.PROTAP_PG_SCHEMA } : {}),
    dataDir: resolve(env.PROTAP_DATA ?? 'data'),
    ...(sync ? { synchronous: sync as 'NORMAL' | 'FULL' } : {}),
  };
}

/** Opens (and migrates) the store the settings name. */
export async function openStore(settings: StoreSettings): Promise<CaseStore> {
  const store: CaseStore = settings.databaseUrl
    ? new PostgresStore(settings.databaseUrl, settings.schema ? { schema: settings.schema } : {})
    : new SqliteStore(settings.sqliteFile ?? join(settings.dataDir, 'protap.db'), settings.synchronous ? { synchronous: settings.synchronous } : {});
  await store.migrate();
  return store;
}

/** Where the store is, for messages (without a password). */
export function describeStore(settings: StoreSettings): string {
  return settings.databaseUrl
    ? `PostgreSQL ${settings.databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}${settings.schema ? ` (skema ${settings.schema})` : ''}`
    : `SQLite ${settings.sqliteFile ?? join(settings.dataDir, 'protap.db')}`;
}

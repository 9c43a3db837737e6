/**
 * Test support: the two store kinds as the shared suites need them — open a fresh store, open a
 * second one on the same database (a restarted or second server process), run raw SQL as someone
 * with database rights would, and the SQL that switches off the log's append-only triggers.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { CaseStore } from '../../src/store/caseStore.ts';
import { PostgresStore } from '../../src/store/postgres/postgresStore.ts';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.ts';
import { DATABASE_URL, dropSchemas, freshSchema } from './postgres.ts';

export interface StoreKind {
  open(): Promise<CaseStore>;
  reopen(store: CaseStore): Promise<CaseStore>;
  raw(store: CaseStore, sql: string): Promise<void>;
  unlockLog: string;
  /** Drops what the kind created (PostgreSQL schemas). */
  cleanup(): Promise<void>;
}

/** SQLite stores, each in a fresh temporary folder. */
export function sqliteStores(): StoreKind {
  return {
    async open() {
      return new SqliteStore(join(mkdtempSync(join(tmpdir(), 'protap-store-')), 'protap.db'));
    },
    async reopen(store) {
      return new SqliteStore((store as SqliteStore).path);
    },
    async raw(store, sql) {
      const db = new Database((store as SqliteStore).path);
      try {
        db.exec(sql);
      } finally {
        db.close();
      }
    },
    unlockLog: 'DROP TRIGGER case_log_no_update; DROP TRIGGER case_log_no_delete;',
    async cleanup() {},
  };
}

/** PostgreSQL stores at DATABASE_URL, each in a fresh schema (migrated), dropped by `cleanup`. */
export function postgresStores(): StoreKind {
  const schemas = new Set<string>();
  return {
    async open() {
      const schema = freshSchema();
      schemas.add(schema);
      const store = new PostgresStore(DATABASE_URL, { schema });
      await store.migrate();
      return store;
    },
    async reopen(store) {
      return new PostgresStore(DATABASE_URL, { schema: (store as PostgresStore).schema as string });
    },
    async raw(store, sql) {
      const client = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${(store as PostgresStore).schema}` });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    },
    unlockLog: 'ALTER TABLE case_log DISABLE TRIGGER USER',
    async cleanup() {
      await dropSchemas([...schemas]);
    },
  };
}

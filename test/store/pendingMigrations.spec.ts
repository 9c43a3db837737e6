/**
 * Upgrades (issue 18, point 4): the copy a SQLite store makes of itself before pending migrations
 * run, and what `protap migrate --dry-run` lists — for SQLite and for PostgreSQL (skipped without
 * it, except under CI=true, where its absence fails the run).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationBackupOf } from '../../src/store/backup.ts';
import { backupFolder } from '../../src/store/backupFiles.ts';
import { pendingMigrations, statementHeads } from '../../src/store/pendingMigrations.ts';
import { postgresMigrations } from '../../src/store/postgres/migrations.ts';
import { PostgresStore } from '../../src/store/postgres/postgresStore.ts';
import { sqliteMigrations } from '../../src/store/sqlite/migrations.ts';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.ts';
import { dataFolder, LATEST, mode, oldStore, sha, temp } from '../support/backupFolders.ts';
import { DATABASE_URL, describePostgres, dropSchemas, freshSchema, postgresAvailable } from '../support/postgres.ts';

describe('the copy made before migrating', () => {
  it('is written when a store holding data has pending migrations, readable, at the old version', async () => {
    const { dir, file } = oldStore(2);
    const store = new SqliteStore(file);
    try {
      const copy = migrationBackupOf(store) as string;
      expect(copy).toMatch(new RegExp(`^${backupFolder(dir).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/sebelum-migrasi-v2-ke-v${LATEST}-\\d{8}-\\d{6}\\.db$`));
      expect(mode(copy)).toBe(0o600);
      const db = new Database(copy, { readonly: true });
      expect(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(2);
      expect(db.prepare('SELECT name FROM definitions').pluck().all()).toEqual(['Proses lama']);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
      expect(await store.migrate()).toBe(LATEST);
      expect(migrationBackupOf(store)).toBe(copy); // a later migrate() with nothing pending makes none
      expect((await store.definitions()).map((d) => d.name)).toEqual(['Proses lama']);
    } finally {
      await store.close();
    }
    expect(readdirSync(backupFolder(dir))).toHaveLength(1);
  });

  it('is not written for a new store, an up-to-date one, or when turned off', async () => {
    const { dir, file } = await dataFolder(1);
    const again = new SqliteStore(file);
    expect(again.migrationBackup).toBeUndefined();
    await again.close();
    expect(existsSync(backupFolder(dir))).toBe(false);
    const old = oldStore(1);
    const off = new SqliteStore(old.file, { backupBeforeMigrating: false });
    expect(off.migrationBackup).toBeUndefined();
    await off.close();
    expect(existsSync(backupFolder(old.dir))).toBe(false);
  });
});

describe('pendingMigrations (SQLite)', () => {
  it('says nothing is pending on an up-to-date store', async () => {
    const { dir } = await dataFolder(1);
    expect(await pendingMigrations({ dataDir: dir })).toMatchObject({ current: LATEST, latest: LATEST, fresh: false, pending: [] });
  });

  it('lists the migrations an old store lacks, with their statements, and applies none', async () => {
    const { dir, file } = oldStore(2);
    const before = sha(file);
    const plan = await pendingMigrations({ dataDir: dir });
    expect(plan).toMatchObject({ current: 2, latest: LATEST, fresh: false });
    expect(plan.pending.map((m) => m.version)).toEqual(sqliteMigrations.slice(2).map((m) => m.version));
    expect(plan.pending[0]).toEqual({ version: 3, name: sqliteMigrations[2]?.name, statements: ['CREATE TABLE calendar_years ('] });
    expect(sha(file)).toBe(before);
    expect(existsSync(backupFolder(dir))).toBe(false);
  });

  it('says a missing store is new, without creating it', async () => {
    const dir = join(temp('belum-ada'), 'data');
    expect(await pendingMigrations({ dataDir: dir })).toMatchObject({ current: 0, fresh: true, pending: sqliteMigrations.map((m) => ({ version: m.version })) });
    expect(existsSync(dir)).toBe(false);
  });

  it('takes the first line of each statement, not the lines of a function body', () => {
    const heads = statementHeads(postgresMigrations[0]?.sql ?? '');
    expect(heads).toContain('CREATE FUNCTION case_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$');
    expect(heads).toContain('CREATE TRIGGER case_log_no_change BEFORE UPDATE OR DELETE ON case_log');
    expect(heads.some((line) => /RAISE|^BEGIN|^END/.test(line))).toBe(false);
  });
});

const available = await postgresAvailable();
const schemas: string[] = [];

describePostgres('pendingMigrations (PostgreSQL)', available, () => {
  afterAll(async () => { await dropSchemas(schemas); });
  const newSchema = () => { const name = freshSchema(); schemas.push(name); return name; };

  it('lists every migration for a schema that does not exist yet, without creating it; none once migrated', async () => {
    const schema = newSchema();
    const plan = await pendingMigrations({ databaseUrl: DATABASE_URL, schema, dataDir: 'data' });
    expect(plan).toMatchObject({ current: 0, fresh: true, pending: postgresMigrations.map((m) => ({ version: m.version, name: m.name })) });
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      expect((await client.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [schema])).rowCount).toBe(0);
    } finally {
      await client.end();
    }
    const store = new PostgresStore(DATABASE_URL, { schema });
    await store.migrate();
    await store.close();
    expect(await pendingMigrations({ databaseUrl: DATABASE_URL, schema, dataDir: 'data' })).toMatchObject({ fresh: false, pending: [] });
  });

  it('lists what an old schema lacks and applies none of it', async () => {
    const schema = newSchema();
    const client = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA "${schema}"`);
      await client.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
      for (const migration of postgresMigrations.slice(0, 2)) {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations VALUES ($1, $2, $3)', [migration.version, migration.name, 'awal']);
      }
      const plan = await pendingMigrations({ databaseUrl: DATABASE_URL, schema, dataDir: 'data' });
      expect(plan).toMatchObject({ current: 2, fresh: false });
      expect(plan.pending.map((m) => m.version)).toEqual(postgresMigrations.slice(2).map((m) => m.version));
      expect(plan.pending[0]?.statements).toEqual(['CREATE TABLE calendar_years (']);
      expect((await client.query('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version)).toEqual([1, 2]);
    } finally {
      await client.end();
    }
  });
});

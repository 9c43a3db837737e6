/**
 * The PostgreSQL half of `protap migrate --dry-run`: which of postgresMigrations the database (or
 * its schema) has not had yet, read inside a READ ONLY transaction on one connection of its own —
 * nothing is created, not even the schema or the schema_migrations table.
 */
import pg from 'pg';
import { planOf, type MigrationPlan } from '../migrationPlan.ts';
import { postgresMigrations } from './migrations.ts';

/** The pending migrations of the database at `url` (in `schema` when given, else the server's search_path). */
export async function postgresPendingMigrations(url: string, schema: string | undefined, shownAs = 'PostgreSQL'): Promise<MigrationPlan> {
  // The same rule as PostgresStore's: the name goes into the connection's search_path.
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`Nama skema PostgreSQL tidak sah: "${schema}" (hanya huruf kecil, angka dan garis bawah, paling panjang 63).`);
  }
  const client = new pg.Client({ connectionString: url, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query('BEGIN TRANSACTION READ ONLY');
    const found = (await client.query<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t")).rows[0]?.t;
    const applied = found ? new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((row) => Number(row.version))) : undefined;
    await client.query('COMMIT');
    return planOf(shownAs, postgresMigrations, applied);
  } finally {
    await client.end().catch(() => {});
  }
}

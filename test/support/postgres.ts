/**
 * Test support for specs that need PostgreSQL: where it is (DATABASE_URL), whether it answers,
 * a fresh schema per store so tests never share tables, and a describe that skips when the
 * database is missing on a developer's machine but fails loudly in CI, where it must be there.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The URL without its password, for messages. */
const shownUrl = (url: string): string => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

/** Whether PostgreSQL at `url` accepts a connection and answers a query (within a few seconds). */
export async function postgresAvailable(url = DATABASE_URL): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A schema name no other test uses. */
export function freshSchema(): string {
  return `t_${Date.now()}_${randomBytes(4).toString('hex')}`;
}

/** Drops the schemas with everything in them. */
export async function dropSchemas(names: string[], url = DATABASE_URL): Promise<void> {
  if (names.length === 0) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const name of names) await client.query(`DROP SCHEMA IF EXISTS "${name.replaceAll('"', '""')}" CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * `describe` when PostgreSQL is available; otherwise a failing test under CI=true, and a skipped
 * suite elsewhere, both saying where PostgreSQL was looked for.
 */
export function describePostgres(title: string, available: boolean, body: () => void, url = DATABASE_URL): void {
  if (available) {
    describe(title, body);
    return;
  }
  const missing = `PostgreSQL tidak tersedia di ${shownUrl(url)}`;
  if (process.env.CI === 'true') {
    describe(title, () => {
      it('membutuhkan PostgreSQL', () => { throw new Error(`${missing}, padahal CI=true.`); });
    });
  } else {
    describe.skip(`${title} (${missing})`, body);
  }
}

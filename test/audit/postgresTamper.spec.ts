/** Tampering with a PostgreSQL store is found by replay, as with SQLite. */
import pg from 'pg';
import { afterAll } from 'vitest';
import { PostgresStore } from '../../src/store/postgres/postgresStore.ts';
import { DATABASE_URL, describePostgres, dropSchemas, freshSchema, postgresAvailable } from '../support/postgres.ts';
import { tamperContract } from './tamperContract.ts';

const available = await postgresAvailable();
const schemas = new Map<PostgresStore, string>();

describePostgres('Replay on PostgreSQL', available, () => {
  afterAll(async () => { await dropSchemas([...new Set(schemas.values())]); });
  tamperContract('PostgreSQL', {
    async open() {
      const schema = freshSchema();
      const store = new PostgresStore(DATABASE_URL, { schema });
      schemas.set(store, schema);
      await store.migrate();
      return store;
    },
    async raw(store, sql) {
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      try {
        await client.query(`SET search_path TO "${schemas.get(store as PostgresStore)}"`);
        await client.query(sql);
      } finally {
        await client.end();
      }
    },
    unlockLog: 'ALTER TABLE case_log DISABLE TRIGGER USER',
  });
});

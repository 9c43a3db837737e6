/** The durable runtime on PostgreSQL: each store in a fresh schema; a reopened store is a second server process. */
import { afterAll } from 'vitest';
import { PostgresStore } from '../../src/store/postgres/postgresStore.ts';
import { DATABASE_URL, describePostgres, dropSchemas, freshSchema, postgresAvailable } from '../support/postgres.ts';
import { durableContract } from './durableContract.ts';

const available = await postgresAvailable();
const schemas = new Map<PostgresStore, string>();

describePostgres('DurableEngine on PostgreSQL', available, () => {
  afterAll(async () => { await dropSchemas([...new Set(schemas.values())]); });
  durableContract('PostgreSQL', {
    async open() {
      const schema = freshSchema();
      const store = new PostgresStore(DATABASE_URL, { schema });
      schemas.set(store, schema);
      await store.migrate();
      return store;
    },
    async reopen(store) {
      const schema = schemas.get(store as PostgresStore) as string;
      const again = new PostgresStore(DATABASE_URL, { schema });
      schemas.set(again, schema);
      return again;
    },
  });
});

/** The durable runtime on PostgreSQL: each store in a fresh schema; a reopened store is a second server process. */
import { afterAll } from 'vitest';
import { describePostgres, postgresAvailable } from '../support/postgres.ts';
import { postgresStores } from '../support/stores.ts';
import { durableContract } from './durableContract.ts';

const available = await postgresAvailable();

describePostgres('DurableEngine on PostgreSQL', available, () => {
  const stores = postgresStores();
  afterAll(() => stores.cleanup());
  durableContract('PostgreSQL', stores);
});

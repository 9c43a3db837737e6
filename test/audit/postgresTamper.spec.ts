/** Tampering with a PostgreSQL store is found by replay, as with SQLite. */
import { afterAll } from 'vitest';
import { describePostgres, postgresAvailable } from '../support/postgres.ts';
import { postgresStores } from '../support/stores.ts';
import { tamperContract } from './tamperContract.ts';

const available = await postgresAvailable();

describePostgres('Replay on PostgreSQL', available, () => {
  const stores = postgresStores();
  afterAll(() => stores.cleanup());
  tamperContract('PostgreSQL', stores);
});

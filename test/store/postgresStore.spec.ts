/**
 * The shared store contract against PostgreSQL (DATABASE_URL, default the local test database),
 * each store in a schema of its own, dropped afterwards, and what only PostgreSQL has to get right:
 * several processes (here: several stores) on one database. Skipped when PostgreSQL is not
 * there, except under CI=true, where its absence fails the run.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { CaseWrite } from '../../src/store/caseStore.ts';
import { PostgresStore } from '../../src/store/postgres/postgresStore.ts';
import { DATABASE_URL, describePostgres, dropSchemas, freshSchema, postgresAvailable } from '../support/postgres.ts';
import { postgresStores } from '../support/stores.ts';
import { storeContract } from './storeContract.ts';

const available = await postgresAvailable();
const schemas: string[] = [];

const AT = '2026-03-02T09:00:00+07:00';

function newCase(id: string): CaseWrite {
  return {
    row: { id, rootId: id, processId: 'p', definitionVersion: 1, status: 'active', revision: 1, headHash: 'h1', startedAt: AT, updatedAt: AT, snapshot: '{}', state: '{}' },
    expectedRevision: null, log: [], steps: [],
  };
}

/** Two stores on one fresh schema, as two server processes would be. */
function twoProcesses(): [PostgresStore, PostgresStore] {
  const schema = freshSchema();
  schemas.push(schema);
  return [new PostgresStore(DATABASE_URL, { schema }), new PostgresStore(DATABASE_URL, { schema })];
}

describePostgres('PostgresStore', available, () => {
  afterAll(async () => { await dropSchemas(schemas); });

  const stores = postgresStores();
  afterAll(() => stores.cleanup());
  storeContract('PostgreSQL', stores);

  describe('PostgreSQL: several processes on one database', () => {
    it('migrates once when processes start together', async () => {
      const [a, b] = twoProcesses();
      try {
        expect(await Promise.all([a.migrate(), b.migrate(), a.migrate()])).toEqual([5, 5, 5]);
        expect(await a.countTimers()).toBe(0);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('never lets two processes claim the same timer row', async () => {
      const [a, b] = twoProcesses();
      try {
        await a.migrate();
        await a.transaction(async (tx) => tx.write([newCase('x'), newCase('y')], {
          clearedCases: [], removed: [], set: [{ caseId: 'x', key: 'k', due: AT, event: 'TIMER.k' }, { caseId: 'y', key: 'k', due: AT, event: 'TIMER.k' }],
        }));
        let release = (): void => {};
        const held = new Promise<void>((resolve) => { release = resolve; });
        let claimed = (): void => {};
        const first = new Promise<void>((resolve) => { claimed = resolve; });
        const holder = a.transaction(async (tx) => {
          const rows = await tx.claimDueTimers(AT, 1);
          claimed();
          await held;
          return rows.map((t) => t.caseId);
        });
        await first;
        const other = await b.transaction(async (tx) => (await tx.claimDueTimers(AT, 10)).map((t) => t.caseId));
        release();
        const mine = await holder;
        expect(mine).toHaveLength(1);
        expect([...mine, ...other].sort()).toEqual(['x', 'y']);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('does not report success for a transaction PostgreSQL aborted, even when the failure was caught', async () => {
      const [a, b] = twoProcesses();
      try {
        await a.migrate();
        await a.transaction(async (tx) => tx.remember('k', { fingerprint: 'f', response: '{}' }, AT));
        const swallowed = a.transaction(async (tx) => {
          await tx.write([newCase('z')], { clearedCases: [], removed: [], set: [] });
          await tx.remember('k', { fingerprint: 'f', response: '{}' }, AT).catch(() => {});
        });
        await expect(swallowed).rejects.toThrow(/dibatalkan/);
        expect(await b.getCase('z')).toBeUndefined();
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });
  });
});

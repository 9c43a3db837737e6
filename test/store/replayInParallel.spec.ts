/**
 * Replay on worker threads (src/audit/replayInParallel.ts) gives every case the verdict replay on
 * one thread gives: the workers get the cases and the compiled definitions from the main thread,
 * read the logs themselves, and check the same things.
 */
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { replayAll, type ReplayReport } from '../../src/audit/replay.ts';
import type { CaseStore } from '../../src/store/caseStore.ts';
import { DurableEngine } from '../../src/store/durableEngine.ts';
import type { StoreSettings } from '../../src/store/openStore.ts';
import { PostgresStore } from '../../src/store/postgres/postgresStore.ts';
import { replayInParallel } from '../../src/audit/replayInParallel.ts';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.ts';
import { fixture } from '../support/engineWith.ts';
import { DATABASE_URL, describePostgres, postgresAvailable } from '../support/postgres.ts';
import { postgresStores, sqliteStores, type StoreKind } from '../support/stores.ts';

const AT = '2026-01-05T08:00:00+07:00';
const PEMANGGILAN = fixture(`${import.meta.dirname}/../runtime`, 'caseEngine.pemanggilan.bpmn');

function settingsOf(store: CaseStore): StoreSettings {
  if (store instanceof SqliteStore) return { dataDir: dirname(store.path), sqliteFile: store.path };
  return { dataDir: '', databaseUrl: DATABASE_URL, schema: (store as PostgresStore).schema as string };
}

const byCase = (reports: ReplayReport[]) => [...reports].sort((a, b) => a.caseId.localeCompare(b.caseId));

function parallelReplayContract(name: string, kind: StoreKind): void {
  describe(`${name}: replay on worker threads`, () => {
    it('gives every case the verdict of replay on one thread, across definition versions, with a tampered case and a recompiled version', async () => {
      const store = await kind.open();
      try {
        const engine = await DurableEngine.open({ store, clock: () => AT });
        await engine.deployXml(PEMANGGILAN);
        const ids: string[] = [];
        for (let i = 0; i < 4; i++) {
          const { id } = await engine.startCase('Pemanggilan', { at: AT });
          await engine.completeStep(id, 'Panggil', { at: '2026-01-05T10:00:00+07:00', actor: `jurusita-${i}` });
          ids.push(id);
        }
        await engine.deployXml(PEMANGGILAN.replace('sop:waktu="2 Hari Kerja"', 'sop:waktu="3 Hari Kerja"'));
        for (let i = 0; i < 3; i++) {
          const { id } = await engine.startCase('Pemanggilan', { at: AT });
          await engine.claimStep(id, 'Panggil', { at: '2026-01-05T09:00:00+07:00', actor: 'jurusita-1' });
          ids.push(id);
        }
        expect((await store.getCase(ids[6] as string))?.definitionVersion).toBe(2);
        await kind.raw(store, kind.unlockLog);
        await kind.raw(store, `UPDATE cases SET status = 'completed' WHERE id = '${ids[1]}'`);
        // Version 1 as deployed compiled to another machine than this Protap compiles it to.
        await kind.raw(store, "UPDATE definitions SET hash = 'lama' WHERE process_id = 'Pemanggilan' AND version = 1");

        const oneThread: ReplayReport[] = [];
        await replayAll(await DurableEngine.open({ store }), (report) => oneThread.push(report));
        const onWorkers: ReplayReport[] = [];
        const summary = await replayInParallel(settingsOf(store), { workers: 3, workersOnly: true, onReport: (report) => onWorkers.push(report) });

        expect(byCase(onWorkers)).toEqual(byCase(oneThread));
        expect(summary).toMatchObject({ cases: 7, events: oneThread.reduce((sum, r) => sum + r.events, 0) });
        expect(summary.bad).toEqual([expect.objectContaining({ caseId: ids[1], intact: false, badSeq: 2, reason: expect.stringMatching(/Status kasus/) })]);
        expect(onWorkers.find((r) => r.caseId === ids[0])?.notes).toEqual([expect.stringMatching(/dikompilasi ulang/)]);
        expect(onWorkers.find((r) => r.caseId === ids[6])).toMatchObject({ intact: true, version: 2, events: 2, notes: [] });
      } finally {
        await store.close();
      }
    });

    it('replays a small store on this thread alone, with the same verdicts', async () => {
      const store = await kind.open();
      try {
        const engine = await DurableEngine.open({ store, clock: () => AT });
        await engine.deployXml(PEMANGGILAN);
        await engine.startCase('Pemanggilan', { at: AT });
        expect(await replayInParallel(settingsOf(store), { workers: 2 })).toEqual({ cases: 1, events: 1, bad: [] });
      } finally {
        await store.close();
      }
    });
  });
}

parallelReplayContract('SQLite', sqliteStores());

const available = await postgresAvailable();
describePostgres('Replay on worker threads, PostgreSQL', available, () => {
  const stores = postgresStores();
  afterAll(() => stores.cleanup());
  parallelReplayContract('PostgreSQL', stores);
});

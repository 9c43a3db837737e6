/**
 * Issue 21 (timers under load on two nodes): when another command changes one case of a batch of
 * due timers first, only that case's timers wait for the next round; the others fire now, and the
 * deferral is told (a log line in the server). Before, the whole batch rolled back and nothing
 * fired while the load went on. The other node's change is played by a store that refuses the
 * write of one busy case, as PostgreSQL's revision check refuses it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreConflict, type CaseStore, type StoreTransaction } from '../../src/store/caseStore.ts';
import { DurableEngine } from '../../src/store/durableEngine.ts';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.ts';
import { fixture } from '../support/engineWith.ts';

const runtimeDir = `${import.meta.dirname}/../runtime`;
const T0 = '2026-01-05T08:00:00+07:00';
const folder = mkdtempSync(join(tmpdir(), 'protap-konflik-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The store, except that while `busy` holds a case id, any write of that case is refused as a lost race. */
function withBusyCase(store: CaseStore, busy: { id?: string }): CaseStore {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key !== 'transaction') return Reflect.get(target, key, receiver);
      return <T>(work: (tx: StoreTransaction) => Promise<T>) => target.transaction((tx) => work(new Proxy(tx, {
        get(inner, name, innerReceiver) {
          if (name !== 'write') return Reflect.get(inner, name, innerReceiver);
          return (cases: Parameters<StoreTransaction['write']>[0], timers: Parameters<StoreTransaction['write']>[1]) => {
            const hit = cases.find((c) => c.row.id === busy.id);
            if (hit) throw new StoreConflict(hit.row.id, hit.expectedRevision);
            return inner.write(cases, timers);
          };
        },
      })));
    },
  });
}

describe('due timers while another command holds one of their cases', () => {
  it('fire for every other case at once; the busy case\'s deadline fires in the next round', async () => {
    const busy: { id?: string } = {};
    const sqlite = new SqliteStore(join(folder, 'protap.db'));
    const notes: Record<string, unknown>[] = [];
    let n = 0;
    const engine = await DurableEngine.open({ store: withBusyCase(sqlite, busy), clock: () => T0, newId: () => `kasus-${++n}`, onNote: (_message, details) => notes.push(details) });
    try {
      await engine.deployXml(fixture(runtimeDir, 'caseEngine.pemanggilan.bpmn'));
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await engine.startCase('Pemanggilan', { at: T0 })).id);
      busy.id = ids[2];
      // Every case's first deadline is due by then; the busy one's write is refused.
      expect(await engine.fireDueBatch('2026-01-20T00:00:00+07:00', 256)).toBe(4);
      expect(notes).toEqual([{ deferred: 1, fired: 4 }]);
      const late = async (id: string) => (await engine.getCase(id)).late;
      for (const id of ids) expect(await late(id), id).toEqual(id === busy.id ? [] : ['Panggil']);
      // The other command is done: the deferred deadline fires in the next round.
      busy.id = undefined;
      expect(await engine.fireDueBatch('2026-01-20T00:00:00+07:00', 256)).toBe(1);
      expect(await late(ids[2] as string)).toEqual(['Panggil']);
    } finally {
      await sqlite.close();
    }
  });
});

/**
 * The SQLite store's writer thread: commands run on this thread while the writer commits the
 * batches before them, so a command that reads what an earlier one is still writing must wait for
 * that commit; and a writer that stops must fail what it holds, not leave it waiting.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../src/chain/hashChain.ts';
import type { CaseWrite } from '../../src/store/caseStore.ts';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.ts';

const AT = '2026-03-02T09:00:00+07:00';
const noTimers = { clearedCases: [], set: [], removed: [] };

function created(id: string, rootId = id): CaseWrite {
  return {
    row: { id, rootId, processId: 'surat-masuk', definitionVersion: 1, status: 'active', revision: 1, headHash: 'h1', startedAt: AT, updatedAt: AT, snapshot: '{}', state: '{"steps":[]}' },
    expectedRevision: null,
    log: [{ caseId: id, seq: 1, at: AT, actor: 'sistem', event: 'START', entry: '{}', stateHash: 's1', prevHash: GENESIS_HASH, hash: 'h1' }],
    steps: [],
  };
}

describe('SQLite: the writer thread', () => {
  let store: SqliteStore | undefined;
  const open = () => (store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'protap-writer-')), 'protap.db')));
  afterEach(async () => { await store?.close(); });

  it('lets a command read a case, a family and a key that earlier commands of the same moment are still writing', async () => {
    const s = open();
    // Queued in one turn: the first writes go to the writer while the later commands read.
    const writes = Promise.all([
      s.transaction(async (tx) => tx.write([created('induk'), created('anak', 'induk')], noTimers)),
      s.transaction(async (tx) => tx.remember('kunci-1', { fingerprint: 'f', response: '{"ok":true}' }, AT)),
    ]);
    const family = s.transaction(async (tx) => (await tx.loadFamily('anak')).map((c) => c.id).sort());
    const recalled = s.transaction(async (tx) => tx.recall('kunci-1'));
    const found = s.transaction(async (tx) => (await tx.findCases({ processId: 'surat-masuk' })).length);
    await writes;
    expect(await family).toEqual(['anak', 'induk']);
    expect(await recalled).toEqual({ fingerprint: 'f', response: '{"ok":true}' });
    expect(await found).toBe(2);
  });

  it('answers after COMMIT: another connection sees every command whose promise has settled', async () => {
    const s = open();
    const ids = Array.from({ length: 300 }, (_, i) => `kasus-${String(i).padStart(3, '0')}`);
    const db = new Database(s.path, { readonly: true });
    try {
      await Promise.all(ids.map((id) => s.transaction(async (tx) => tx.write([created(id)], noTimers)).then(() => {
        expect(db.prepare('SELECT id FROM cases WHERE id = ?').get(id)).toEqual({ id });
      })));
      expect(db.prepare('SELECT count(*) AS n FROM case_log').get()).toEqual({ n: 300 });
    } finally {
      db.close();
    }
  });

  it('fails the commands a stopped writer held, and every later one, instead of leaving them waiting', async () => {
    const s = open();
    await s.transaction(async (tx) => tx.write([created('sebelum')], noTimers));
    const writer = (s as unknown as { commands: { threads: { writer: { worker: Worker } } } }).commands.threads.writer.worker;
    const stopped = writer.terminate();
    const held = s.transaction(async (tx) => tx.write([created('tertahan')], noTimers));
    await stopped;
    await expect(held).rejects.toThrow(/berhenti/);
    await expect(s.transaction(async (tx) => tx.write([created('sesudah')], noTimers))).rejects.toThrow(/berhenti/);
    expect((await s.listCases()).map((c) => c.id)).toEqual(['sebelum']);
  });
});

/**
 * The store's shared test suite: every CaseStore implementation must pass it (SQLite and
 * PostgreSQL run it from their own spec files).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../src/chain/hashChain.ts';
import {
  StoreConflict, type CaseFilter, type CaseStore, type CaseWrite, type DefinitionRow, type LogRow, type SessionRow, type StoredCase, type UserRow,
} from '../../src/store/caseStore.ts';

export interface StoreFixture {
  open(): Promise<CaseStore>;
  /** Runs raw SQL against the store's database, as someone with direct access could. */
  raw(store: CaseStore, sql: string): Promise<void>;
}

const AT = '2026-03-02T09:00:00+07:00';
const noTimers = { clearedCases: [], set: [], removed: [] };

function storedCase(id: string, over: Partial<StoredCase> = {}): StoredCase {
  return {
    id, rootId: id, processId: 'surat-masuk', definitionVersion: 1, status: 'active', revision: 1, headHash: 'h1',
    startedAt: AT, updatedAt: AT, snapshot: '{"value":"a"}', state: '{"steps":[]}', ...over,
  };
}

function logRow(caseId: string, seq: number, over: Partial<LogRow> = {}): LogRow {
  return { caseId, seq, at: AT, actor: 'sistem', event: seq === 1 ? 'START' : `COMPLETE.t${seq}`, entry: `{"seq":${seq}}`, stateHash: `s${seq}`, prevHash: seq === 1 ? GENESIS_HASH : `h${seq - 1}`, hash: `h${seq}`, ...over };
}

function created(id: string, over: Partial<StoredCase> = {}): CaseWrite {
  return { row: storedCase(id, over), expectedRevision: null, log: [logRow(id, 1)], steps: [{ caseId: id, processId: 'surat-masuk', stepId: 'Catat', pelaksana: 'petugas-meja', startedAt: AT, due: '2026-03-03T16:00:00+07:00', late: false }] };
}

export function storeContract(name: string, fixture: StoreFixture): void {
  describe(`${name}: the shared store contract`, () => {
    let store: CaseStore;
    beforeEach(async () => { store = await fixture.open(); });
    afterEach(async () => { await store.close(); });

    it('migrates once: running the migrations again changes nothing', async () => {
      const version = await store.migrate();
      expect(version).toBeGreaterThanOrEqual(1);
      expect(await store.migrate()).toBe(version);
    });

    it('writes a new case with its first log entry, open steps and timers, and reads them back after commit', async () => {
      await store.transaction(async (tx) => tx.write([created('c1', { businessKey: '12/Pid.B/2026/PN Sby' })], {
        clearedCases: [], removed: [], set: [{ caseId: 'c1', key: 'DEADLINE:Catat', due: '2026-03-03T16:00:00+07:00', event: 'DEADLINE.Catat' }],
      }));
      const stored = await store.getCase('c1');
      expect(stored).toMatchObject({ id: 'c1', rootId: 'c1', revision: 1, status: 'active', businessKey: '12/Pid.B/2026/PN Sby', snapshot: '{"value":"a"}' });
      expect(stored?.parentId).toBeUndefined();
      expect(await store.log('c1')).toEqual([logRow('c1', 1)]);
      expect(await store.timers('c1')).toEqual([{ caseId: 'c1', key: 'DEADLINE:Catat', due: '2026-03-03T16:00:00+07:00', event: 'DEADLINE.Catat' }]);
      // A step read back carries its case's business key and definition version (for worklists), which it was not written with.
      expect(await store.openSteps({ pelaksana: ['petugas-meja'] })).toEqual([{ ...created('c1').steps[0], businessKey: '12/Pid.B/2026/PN Sby', version: 1 }]);
      expect(await store.nextTimerDue()).toBe('2026-03-03T16:00:00+07:00');
      expect(await store.countTimers()).toBe(1);
      expect(await store.getCase('nope')).toBeUndefined();
    });

    it('updates a case only at the revision it was loaded at; a stale write is a conflict and leaves nothing behind', async () => {
      await store.transaction(async (tx) => tx.write([created('c2')], noTimers));
      const next: CaseWrite = { row: storedCase('c2', { revision: 2, headHash: 'h2', snapshot: '{"value":"b"}' }), expectedRevision: 1, log: [logRow('c2', 2)], steps: [] };
      await store.transaction(async (tx) => tx.write([next], noTimers));
      const stale: CaseWrite = { row: storedCase('c2', { revision: 2, headHash: 'hX', snapshot: '{"value":"x"}' }), expectedRevision: 1, log: [logRow('c2', 2, { hash: 'hX' })], steps: [] };
      const refused = store.transaction(async (tx) => tx.write([stale], { clearedCases: ['c2'], set: [], removed: [] }));
      await expect(refused).rejects.toBeInstanceOf(StoreConflict);
      await expect(refused).rejects.toMatchObject({ caseId: 'c2', expectedRevision: 1 });
      expect(await store.getCase('c2')).toMatchObject({ revision: 2, headHash: 'h2', snapshot: '{"value":"b"}' });
      expect((await store.log('c2')).map((r) => r.hash)).toEqual(['h1', 'h2']);
      expect(await store.openSteps({ pelaksana: ['petugas-meja'] })).toEqual([]);
    });

    it('refuses to create a case whose id exists', async () => {
      await store.transaction(async (tx) => tx.write([created('c3')], noTimers));
      await expect(store.transaction(async (tx) => tx.write([created('c3')], noTimers))).rejects.toBeInstanceOf(StoreConflict);
    });

    it('rolls back a failed command whole, and only that command, when commands commit together', async () => {
      const results = await Promise.allSettled([
        store.transaction(async (tx) => tx.write([created('ok1')], noTimers)),
        store.transaction(async (tx) => {
          await tx.write([created('bad')], { clearedCases: [], removed: [], set: [{ caseId: 'bad', key: 'k', due: AT, event: 'TIMER.k' }] });
          await tx.remember('key-bad', { fingerprint: 'f', response: '{}' }, AT);
          throw new Error('perintah gagal setelah menulis');
        }),
        store.transaction(async (tx) => tx.write([created('ok2')], noTimers)),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(await store.getCase('bad')).toBeUndefined();
      expect(await store.log('bad')).toEqual([]);
      expect(await store.timers('bad')).toEqual([]);
      expect(await store.transaction(async (tx) => tx.recall('key-bad'))).toBeUndefined();
      expect((await store.getCase('ok1'))?.id).toBe('ok1');
      expect((await store.getCase('ok2'))?.id).toBe('ok2');
    });

    it('loads a case with its whole family (same root), whichever member is asked for', async () => {
      await store.transaction(async (tx) => tx.write([
        created('root'), created('child', { rootId: 'root', parentId: 'root' }), created('grandchild', { rootId: 'root', parentId: 'child' }), created('other'),
      ], noTimers));
      const ids = async (id: string) => (await store.transaction(async (tx) => tx.loadFamily(id))).map((c) => c.id).sort();
      expect(await ids('grandchild')).toEqual(['child', 'grandchild', 'root']);
      expect(await ids('root')).toEqual(['child', 'grandchild', 'root']);
      expect(await ids('other')).toEqual(['other']);
      expect(await ids('missing')).toEqual([]);
      expect((await store.getCase('grandchild'))?.parentId).toBe('child');
    });

    it('claims due timers earliest first, however their due times are written, and applies timer changes in order', async () => {
      await store.transaction(async (tx) => tx.write([created('t1'), created('t2')], {
        clearedCases: [], removed: [], set: [
          { caseId: 't1', key: 'a', due: '2026-03-02T10:00:00+07:00', event: 'TIMER.a' },
          { caseId: 't1', key: 'b', due: '2026-03-02T02:30:00Z', event: 'TIMER.b' },
          { caseId: 't2', key: 'c', due: '2026-03-02T12:00:00+08:00', event: 'TIMER.c', every: 'PT1H', remaining: 3 },
          { caseId: 't2', key: 'late', due: '2026-04-01T00:00:00+07:00', event: 'TIMER.late', every: 'P1D', remaining: null },
        ],
      }));
      const due = await store.transaction(async (tx) => tx.claimDueTimers('2026-03-02T04:00:00Z', 10));
      expect(due.map((t) => t.key)).toEqual(['b', 'a', 'c']);
      expect(due[2]).toEqual({ caseId: 't2', key: 'c', due: '2026-03-02T12:00:00+08:00', event: 'TIMER.c', every: 'PT1H', remaining: 3 });
      expect((await store.transaction(async (tx) => tx.claimDueTimers('2026-03-02T04:00:00Z', 2))).map((t) => t.key)).toEqual(['b', 'a']);
      expect((await store.timers('t2')).find((t) => t.key === 'late')).toEqual({ caseId: 't2', key: 'late', due: '2026-04-01T00:00:00+07:00', event: 'TIMER.late', every: 'P1D', remaining: null });
      // Clearing a case comes first, then rows set and removed by key.
      await store.transaction(async (tx) => tx.write([], {
        clearedCases: ['t1'], removed: [{ caseId: 't2', key: 'c' }],
        set: [{ caseId: 't1', key: 'new', due: '2026-05-01T08:00:00+07:00', event: 'TIMER.new' }, { caseId: 't2', key: 'late', due: '2026-04-02T00:00:00+07:00', event: 'TIMER.late', every: 'P1D', remaining: null }],
      }));
      expect((await store.timers('t1')).map((t) => t.key)).toEqual(['new']);
      expect((await store.timers('t2')).map((t) => [t.key, t.due])).toEqual([['late', '2026-04-02T00:00:00+07:00']]);
      expect(await store.countTimers()).toBe(2);
    });

    it('remembers a command by its idempotency key, once', async () => {
      await store.transaction(async (tx) => tx.remember('req-1', { fingerprint: 'abc', response: '{"id":"c9"}' }, AT));
      expect(await store.transaction(async (tx) => tx.recall('req-1'))).toEqual({ fingerprint: 'abc', response: '{"id":"c9"}' });
      await expect(store.transaction(async (tx) => tx.remember('req-1', { fingerprint: 'abc', response: '{}' }, AT))).rejects.toThrow();
      expect(await store.transaction(async (tx) => tx.recall('req-2'))).toBeUndefined();
    });

    it('keeps every deployed version of a definition, and refuses the same version twice', async () => {
      const row = { processId: 'surat-masuk', version: 1, name: 'Surat Masuk', hash: 'abc', xml: '<definitions/>', deployedAt: AT, deployedBy: 'analis' };
      await store.saveDefinition(row);
      await store.saveDefinition({ ...row, version: 2, hash: 'def' });
      await expect(store.saveDefinition(row)).rejects.toThrow();
      expect((await store.definitions()).map((d) => [d.processId, d.version, d.hash])).toEqual([['surat-masuk', 1, 'abc'], ['surat-masuk', 2, 'def']]);
      expect((await store.definitions())[0]).toEqual(row);
    });

    it('lists the versions of one definition newest first, without documents, and gives the document of any version', async () => {
      const row = (processId: string, version: number, over: Partial<DefinitionRow> = {}): DefinitionRow => ({
        processId, version, hash: `h${version}`, xml: `<definitions id="${processId}-${version}"/>`, deployedAt: AT, deployedBy: 'analis-1', ...over,
      });
      await store.saveDefinition(row('surat-masuk', 1, { name: 'Surat Masuk' }));
      await store.saveDefinition(row('surat-masuk', 2, { name: 'Surat Masuk (revisi)', deployedAt: '2026-03-05T09:00:00+07:00', deployedBy: 'admin' }));
      await store.saveDefinition(row('surat-keluar', 1));
      expect(await store.definitionVersions('surat-masuk')).toEqual([
        { processId: 'surat-masuk', version: 2, name: 'Surat Masuk (revisi)', hash: 'h2', deployedAt: '2026-03-05T09:00:00+07:00', deployedBy: 'admin' },
        { processId: 'surat-masuk', version: 1, name: 'Surat Masuk', hash: 'h1', deployedAt: AT, deployedBy: 'analis-1' },
      ]);
      expect(await store.definitionVersions('surat-keluar')).toEqual([{ processId: 'surat-keluar', version: 1, hash: 'h1', deployedAt: AT, deployedBy: 'analis-1' }]);
      expect(await store.definitionVersions('tidak-ada')).toEqual([]);
      expect(await store.definitionXml('surat-masuk')).toEqual({ version: 2, xml: '<definitions id="surat-masuk-2"/>' });
      expect(await store.definitionXml('surat-masuk', 1)).toEqual({ version: 1, xml: '<definitions id="surat-masuk-1"/>' });
      expect(await store.definitionXml('surat-masuk', 3)).toBeUndefined();
      expect(await store.definitionXml('tidak-ada')).toBeUndefined();
    });

    it('finds and lists cases by SOP, status, business key, start date and page', async () => {
      await store.transaction(async (tx) => tx.write([
        created('l1', { startedAt: '2026-01-05T09:00:00+07:00', businessKey: 'A' }),
        created('l2', { processId: 'cuti', startedAt: '2026-02-05T09:00:00+07:00' }),
        created('l3', { status: 'completed', endedAt: '2026-03-05T10:00:00+07:00', startedAt: '2026-03-05T09:00:00+07:00', businessKey: 'A' }),
      ], noTimers));
      const ids = (cases: StoredCase[]) => cases.map((c) => c.id);
      expect(ids(await store.listCases())).toEqual(['l3', 'l2', 'l1']);
      expect(ids(await store.listCases({ processId: 'surat-masuk' }))).toEqual(['l3', 'l1']);
      expect(ids(await store.listCases({ status: 'active' }))).toEqual(['l2', 'l1']);
      expect(ids(await store.listCases({ businessKey: 'A', status: 'active' }))).toEqual(['l1']);
      expect(ids(await store.listCases({ startedFrom: '2026-02-01T00:00:00+07:00', startedTo: '2026-02-28T00:00:00+07:00' }))).toEqual(['l2']);
      expect(ids(await store.listCases({ processIds: ['cuti'] }))).toEqual(['l2']);
      expect(ids(await store.listCases({ processIds: [] }))).toEqual([]);
      expect(ids(await store.listCases({ afterId: 'l1', limit: 1 }))).toEqual(['l2']);
      // Keyset paging in the list's own order (start time descending, then id): after l2 comes l1; after l3, l2 and l1.
      expect(ids(await store.listCases({ after: { startedMs: Date.parse('2026-02-05T09:00:00+07:00'), id: 'l2' } }))).toEqual(['l1']);
      expect(ids(await store.listCases({ after: { startedMs: Date.parse('2026-03-05T09:00:00+07:00'), id: 'l3' }, limit: 1 }))).toEqual(['l2']);
      expect(ids(await store.listCases({ after: { startedMs: Date.parse('2026-02-05T09:00:00+07:00'), id: 'l0' } }))).toEqual(['l2', 'l1']);
      expect(ids(await store.transaction(async (tx) => tx.findCases({ businessKey: 'A' })))).toEqual(['l3', 'l1']);
      expect((await store.getCase('l3'))?.endedAt).toBe('2026-03-05T10:00:00+07:00');
    });

    it('lists cases with or without an overdue open step, and with an open step of a pelaksana, together with the other filters', async () => {
      const step = (caseId: string, stepId: string, pelaksana: string, due?: string) => ({ caseId, processId: 'surat-masuk', stepId, pelaksana, startedAt: AT, ...(due ? { due } : {}), late: false });
      await store.transaction(async (tx) => tx.write([
        { ...created('o1', { startedAt: '2026-03-01T09:00:00+07:00' }), steps: [step('o1', 'A', 'panitera', '2026-03-02T16:00:00+07:00'), step('o1', 'B', 'jurusita')] },
        { ...created('o2', { startedAt: '2026-03-02T09:00:00+07:00' }), steps: [step('o2', 'A', 'panitera', '2026-03-04T16:00:00+07:00')] },
        { ...created('o3', { startedAt: '2026-03-03T09:00:00+07:00', processId: 'cuti' }), steps: [step('o3', 'A', 'jurusita', '2026-03-02T12:00:00+07:00')] },
        { ...created('o4', { status: 'completed', startedAt: '2026-03-04T09:00:00+07:00' }), steps: [] },
      ], noTimers));
      const ids = async (filter: CaseFilter) => (await store.listCases(filter)).map((c) => c.id);
      // Due times are compared as instants: 16:00 at +07:00 is 09:00Z.
      expect(await ids({ overdue: { at: '2026-03-02T09:00:00Z', value: true } })).toEqual(['o3', 'o1']);
      expect(await ids({ overdue: { at: '2026-03-02T08:59:59Z', value: true } })).toEqual(['o3']);
      expect(await ids({ overdue: { at: '2026-03-02T09:00:00Z', value: false } })).toEqual(['o4', 'o2']);
      expect(await ids({ overdue: { at: '2026-03-05T00:00:00+07:00', value: false } })).toEqual(['o4']);
      expect(await ids({ pelaksana: 'jurusita' })).toEqual(['o3', 'o1']);
      expect(await ids({ pelaksana: 'hakim' })).toEqual([]);
      expect(await ids({ pelaksana: 'panitera', overdue: { at: '2026-03-02T09:00:00Z', value: false } })).toEqual(['o2']);
      expect(await ids({ pelaksana: 'jurusita', processId: 'surat-masuk' })).toEqual(['o1']);
      expect(await ids({ overdue: { at: '2026-03-02T09:00:00Z', value: true }, startedFrom: '2026-03-01T09:00:00+07:00', startedTo: '2026-03-02T23:59:59+07:00' })).toEqual(['o1']);
      expect(await ids({ overdue: { at: '2026-03-02T09:00:00Z', value: false }, status: 'active', limit: 1 })).toEqual(['o2']);
      expect((await store.transaction(async (tx) => tx.findCases({ pelaksana: 'panitera' }))).map((c) => c.id)).toEqual(['o2', 'o1']);
    });

    it('keeps who claimed an open step and since when, as the case\'s steps are written and rewritten', async () => {
      const claimed = { caseId: 'k1', processId: 'surat-masuk', stepId: 'Catat', pelaksana: 'petugas-meja', startedAt: AT, late: false, claimedBy: 'petugas-1', claimedAt: '2026-03-02T10:00:00+07:00' };
      await store.transaction(async (tx) => tx.write([{ ...created('k1'), steps: [claimed] }], noTimers));
      expect(await store.openSteps({ pelaksana: ['petugas-meja'] })).toEqual([{ ...claimed, version: 1 }]);
      const next: CaseWrite = { row: storedCase('k1', { revision: 2, headHash: 'h2' }), expectedRevision: 1, log: [logRow('k1', 2)], steps: [{ ...claimed, claimedBy: 'petugas-2' }] };
      await store.transaction(async (tx) => tx.write([next], noTimers));
      expect(await store.openSteps({ pelaksana: ['petugas-meja'] })).toEqual([{ ...claimed, claimedBy: 'petugas-2', version: 1 }]);
      const { claimedBy, claimedAt, ...released } = claimed;
      expect([claimedBy, claimedAt]).toEqual(['petugas-1', '2026-03-02T10:00:00+07:00']);
      const third: CaseWrite = { row: storedCase('k1', { revision: 3, headHash: 'h3' }), expectedRevision: 2, log: [logRow('k1', 3)], steps: [released] };
      await store.transaction(async (tx) => tx.write([third], noTimers));
      expect(await store.openSteps({ pelaksana: ['petugas-meja'] })).toEqual([{ ...released, version: 1 }]);
    });

    it('lists open steps by pelaksana, due time and lateness', async () => {
      const step = (caseId: string, stepId: string, pelaksana: string, due: string | undefined, late = false) => ({ caseId, processId: 'p', stepId, pelaksana, startedAt: AT, ...(due ? { due } : {}), late });
      await store.transaction(async (tx) => tx.write([
        { ...created('s1'), steps: [step('s1', 'A', 'panitera', '2026-03-04T16:00:00+07:00'), step('s1', 'B', 'jurusita', undefined)] },
        { ...created('s2'), steps: [step('s2', 'A', 'panitera', '2026-03-03T16:00:00+07:00', true)] },
      ], noTimers));
      expect((await store.openSteps({ pelaksana: ['panitera'] })).map((s) => s.caseId)).toEqual(['s2', 's1']);
      expect((await store.openSteps({ dueBefore: '2026-03-03T23:00:00+07:00' })).map((s) => s.caseId)).toEqual(['s2']);
      expect((await store.openSteps({ late: true })).map((s) => s.caseId)).toEqual(['s2']);
      expect((await store.openSteps({ pelaksana: ['jurusita'] }))[0]).toEqual({ caseId: 's1', processId: 'p', stepId: 'B', pelaksana: 'jurusita', startedAt: AT, late: false, version: 1 });
      expect(await store.openSteps({ pelaksana: [] })).toEqual([]);
      // Keyset paging in the same order — due time, those without one last, then case and step — one step a page.
      await store.transaction(async (tx) => tx.write([{ ...created('s3'), steps: [step('s3', 'A', 'panitera', '2026-03-04T16:00:00+07:00'), step('s3', 'C', 'jurusita', undefined)] }], noTimers));
      const whole = (await store.openSteps()).map((s) => `${s.caseId}/${s.stepId}`);
      expect(whole).toEqual(['s2/A', 's1/A', 's3/A', 's1/B', 's3/C']);
      const paged: string[] = [];
      for (let after: { dueMs: number | null; caseId: string; stepId: string } | undefined; ;) {
        const [next] = await store.openSteps({ limit: 1, ...(after ? { after } : {}) });
        if (!next) break;
        paged.push(`${next.caseId}/${next.stepId}`);
        after = { dueMs: next.due ? Date.parse(next.due) : null, caseId: next.caseId, stepId: next.stepId };
      }
      expect(paged).toEqual(whole);
    });

    it('keeps the log append-only even for someone who writes SQL', async () => {
      await store.transaction(async (tx) => tx.write([created('a1')], noTimers));
      await expect(fixture.raw(store, "UPDATE case_log SET actor = 'penyusup' WHERE case_id = 'a1'")).rejects.toThrow(/append-only/);
      await expect(fixture.raw(store, "DELETE FROM case_log WHERE case_id = 'a1'")).rejects.toThrow(/append-only/);
      expect((await store.log('a1'))[0]?.actor).toBe('sistem');
    });

    it('reads the whole logs of several cases at once, each in sequence order, by case id', async () => {
      const quoted = `kasus "kutip" 'satu'`;
      await store.transaction(async (tx) => tx.write([created('b2'), created('b1'), created('b3'), created(quoted)], noTimers));
      await store.transaction(async (tx) => tx.write([
        { row: storedCase('b1', { revision: 3, headHash: 'h3' }), expectedRevision: 1, log: [logRow('b1', 2), logRow('b1', 3)], steps: [] },
        { row: storedCase('b2', { revision: 2, headHash: 'h2' }), expectedRevision: 1, log: [logRow('b2', 2, { entry: '{"seq":2,"catatan":"é ✓ \\"x\\""}' })], steps: [] },
      ], noTimers));
      const logs = await store.logsOf(['b2', quoted, 'b1', 'tidak-ada']);
      // Only the cases asked for that have entries: b3 is left out, and so is the unknown id.
      expect([...logs.keys()].sort()).toEqual(['b1', 'b2', quoted].sort());
      expect(logs.get('b1')).toEqual([logRow('b1', 1), logRow('b1', 2), logRow('b1', 3)]);
      expect(logs.get('b2')).toEqual(await store.log('b2'));
      expect(logs.get(quoted)).toEqual([logRow(quoted, 1)]);
      expect(await store.logsOf([])).toEqual(new Map());
    });

    it('migrates to version 5 (users and sessions, published calendar years, step claims, units and required password changes), and again changes nothing', async () => {
      expect(await store.migrate()).toBe(5);
      expect(await store.migrate()).toBe(5);
      expect(await store.countUsers()).toBe(0);
      expect(await store.calendarYears()).toEqual([]);
    });

    it('keeps the latest published version of each calendar year', async () => {
      const row = (year: number, version: number) => ({ year, version, data: `{"year":${year},"version":${version}}`, publishedAt: AT, publishedBy: 'admin' });
      await store.saveCalendarYear(row(2026, 2));
      await store.saveCalendarYear(row(2025, 2));
      await store.saveCalendarYear(row(2026, 3));
      expect(await store.calendarYears()).toEqual([row(2025, 2), row(2026, 3)]);
    });

    it('saves, replaces, gets, lists (by id, bytewise) and counts users', async () => {
      const user = (id: string, over: Partial<UserRow> = {}): UserRow => ({
        id, name: `Nama ${id}`, passwordHash: `$argon2id$v=19$m=19456,t=2,p=1$salt$${id}`, roles: ['jurusita'], disabled: false, mustChangePassword: false, createdAt: AT, updatedAt: AT, ...over,
      });
      expect(await store.countUsers()).toBe(0);
      expect(await store.listUsers()).toEqual([]);
      for (const id of ['jurusita-2', 'admin', 'jurusita-10', 'Zed', 'jurusita-1']) await store.saveUser(user(id));
      await store.saveUser(user('analis.a', { roles: ['analis', 'pimpinan'], disabled: true }));
      expect(await store.countUsers()).toBe(6);
      expect((await store.listUsers()).map((u) => u.id)).toEqual(['Zed', 'admin', 'analis.a', 'jurusita-1', 'jurusita-10', 'jurusita-2']);
      expect(await store.getUser('analis.a')).toEqual(user('analis.a', { roles: ['analis', 'pimpinan'], disabled: true }));
      expect(await store.getUser('jurusita-1')).toEqual(user('jurusita-1'));
      expect(await store.getUser('nobody')).toBeUndefined();
      // Saving an existing id replaces the user whole: roles are not merged.
      const changed = user('jurusita-1', { name: 'Budi', passwordHash: '$argon2id$baru', roles: ['auditor'], disabled: true, updatedAt: '2026-03-03T09:00:00+07:00' });
      await store.saveUser(changed);
      expect(await store.getUser('jurusita-1')).toEqual(changed);
      await store.saveUser({ ...changed, roles: [], disabled: false });
      expect(await store.getUser('jurusita-1')).toMatchObject({ roles: [], disabled: false });
      expect(await store.countUsers()).toBe(6);
      expect((await store.listUsers()).find((u) => u.id === 'jurusita-1')).toEqual({ ...changed, roles: [], disabled: false });
    });

    it('keeps a person\'s unit and whether they must change their password, and clears the unit when saved without one', async () => {
      const person: UserRow = {
        id: 'panitera-1', name: 'Sri', passwordHash: 'x', roles: ['panmud-pidana'], disabled: false,
        unit: 'Kepaniteraan Pidana', mustChangePassword: true, createdAt: AT, updatedAt: AT,
      };
      await store.saveUser(person);
      expect(await store.getUser('panitera-1')).toEqual(person);
      expect(await store.listUsers()).toEqual([person]);
      const { unit: _unit, ...withoutUnit } = person;
      await store.saveUser({ ...withoutUnit, mustChangePassword: false });
      const read = await store.getUser('panitera-1');
      expect(read).toEqual({ ...withoutUnit, mustChangePassword: false });
      expect(read && 'unit' in read).toBe(false);
    });

    it('keeps login sessions until they expire, are ended, or their user’s sessions all end', async () => {
      for (const id of ['u1', 'u2']) {
        await store.saveUser({ id, name: id, passwordHash: 'x', roles: [], disabled: false, mustChangePassword: false, createdAt: AT, updatedAt: AT });
      }
      // 10:00 at +07:00 is 03:00Z: expiry is compared as an instant, not as text.
      const a: SessionRow = { tokenHash: 'hash-a', userId: 'u1', createdAt: AT, expiresAt: '2026-03-02T10:00:00+07:00' };
      const b: SessionRow = { tokenHash: 'hash-b', userId: 'u1', createdAt: AT, expiresAt: '2026-03-09T09:00:00+07:00' };
      const c: SessionRow = { tokenHash: 'hash-c', userId: 'u2', createdAt: AT, expiresAt: '2026-03-09T09:00:00+07:00' };
      for (const session of [a, b, c]) await store.saveSession(session);
      expect(await store.getSession('hash-a', '2026-03-02T02:59:59Z')).toEqual(a);
      expect(await store.getSession('hash-a', '2026-03-02T04:00:00Z')).toBeUndefined();
      expect(await store.getSession('hash-a', '2026-03-02T03:00:00Z')).toBeUndefined();
      expect(await store.getSession('hash-b', '2026-03-02T04:00:00Z')).toEqual(b);
      expect(await store.getSession('unknown', AT)).toBeUndefined();
      await store.deleteSession('hash-b');
      expect(await store.getSession('hash-b', AT)).toBeUndefined();
      expect(await store.getSession('hash-a', AT)).toEqual(a);
      await store.saveSession(b);
      await store.deleteSessionsOf('u1');
      expect(await store.getSession('hash-a', AT)).toBeUndefined();
      expect(await store.getSession('hash-b', AT)).toBeUndefined();
      expect(await store.getSession('hash-c', AT)).toEqual(c);
      await store.deleteSession('unknown');
      expect(await store.getSession('hash-c', AT)).toEqual(c);
    });
  });
}

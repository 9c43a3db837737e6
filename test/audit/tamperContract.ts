/**
 * Tampering: whoever alters a stored log entry, a state hash, the case row, its snapshot or the
 * claim on one of its steps — even with the append-only triggers switched off — is found by
 * replay at the first bad sequence number.
 */
import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import { entryHash } from '../../src/audit/hashChain.ts';
import { replayAll, replayCase, replayCases } from '../../src/audit/replay.ts';
import type { CaseStore } from '../../src/store/caseStore.ts';
import { DurableEngine } from '../../src/store/durableEngine.ts';
import { fixture } from '../support/engineWith.ts';

export interface TamperFixture {
  open(): Promise<CaseStore>;
  raw(store: CaseStore, sql: string): Promise<void>;
  /** SQL that switches off the log's append-only triggers, as an attacker with database rights could. */
  unlockLog: string;
}

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

export function tamperContract(name: string, setup: TamperFixture): void {
  describe(`${name}: replay finds tampering`, () => {
    let store: CaseStore;
    let engine: DurableEngine;
    let id: string;
    beforeEach(async () => {
      store = await setup.open();
      engine = await DurableEngine.open({ store, clock: () => '2026-01-05T08:00:00+07:00' });
      await engine.deployXml(fixture(`${import.meta.dirname}/../runtime`, 'caseEngine.pemanggilan.bpmn'));
      ({ id } = await engine.startCase('Pemanggilan', { at: '2026-01-05T08:00:00+07:00' }));
      await engine.completeStep(id, 'Panggil', { at: '2026-01-05T10:00:00+07:00', actor: 'jurusita-1' });
      await engine.completeStep(id, 'Sidang', { at: '2026-01-15T09:00:00+07:00', actor: 'hakim-1', data: { tanggalPutusan: '2026-01-20' } });
      await engine.fireDueTimers('2026-02-10T08:00:00+07:00');
      await setup.raw(store, setup.unlockLog);
    });
    afterEach(async () => { await store.close(); });

    const entryOf = async (seq: number) => (await store.log(id)).find((r) => r.seq === seq);
    /** The verdict on one case, which must be the same replayed alone and in a page of every case (logs read in one query). */
    const verdict = async (caseId: string) => {
      const alone = await replayCase(engine, caseId);
      const inPage = await replayCases(engine, await store.listCases({ afterId: '' }));
      expect(inPage.find((report) => report.caseId === caseId)).toEqual(alone);
      return alone;
    };

    it('reports an untouched case as utuh', async () => {
      expect(await verdict(id)).toMatchObject({ utuh: true, events: 4 });
    });

    it('finds an entry whose text was changed (who completed the step)', async () => {
      const row = await entryOf(2);
      await setup.raw(store, `UPDATE case_log SET entry = ${quote((row?.entry ?? '').replace('jurusita-1', 'jurusita-2'))} WHERE case_id = ${quote(id)} AND seq = 2`);
      expect(await verdict(id)).toMatchObject({ utuh: false, badSeq: 2, reason: expect.stringMatching(/Isi catatan log telah berubah/) });
    });

    it('finds an entry rewritten with a fresh hash: the next link no longer fits', async () => {
      const row = await entryOf(2);
      const entry = (row?.entry ?? '').replace('jurusita-1', 'jurusita-2');
      const hash = entryHash(id, 2, row?.prevHash ?? '', row?.stateHash ?? '', entry);
      await setup.raw(store, `UPDATE case_log SET entry = ${quote(entry)}, hash = ${quote(hash)}, actor = 'jurusita-2' WHERE case_id = ${quote(id)} AND seq = 2`);
      expect(await verdict(id)).toMatchObject({ utuh: false, badSeq: 3, reason: expect.stringMatching(/Rantai hash putus/) });
    });

    it('finds changed case data in an event even when every hash after it is recomputed', async () => {
      const rows = await store.log(id);
      let prev = (rows[2]?.prevHash ?? '');
      for (const row of rows.slice(2)) {
        const entry = row.seq === 3 ? row.entry.replace('2026-01-20', '2026-03-20') : row.entry;
        const hash = entryHash(id, row.seq, prev, row.stateHash, entry);
        await setup.raw(store, `UPDATE case_log SET entry = ${quote(entry)}, prev_hash = ${quote(prev)}, hash = ${quote(hash)} WHERE case_id = ${quote(id)} AND seq = ${row.seq}`);
        prev = hash;
      }
      await setup.raw(store, `UPDATE cases SET head_hash = ${quote(prev)} WHERE id = ${quote(id)}`);
      expect(await verdict(id)).toMatchObject({ utuh: false, badSeq: 3, reason: expect.stringMatching(/Keadaan hasil replay/) });
    });

    it('finds a side column of the log (actor, at, event) that says other than its hashed entry', async () => {
      for (const [column, value] of [['actor', 'jurusita-2'], ['at', '2026-01-05T11:00:00+07:00'], ['event', 'COMPLETE.Sidang']] as const) {
        const row = await entryOf(2);
        await setup.raw(store, `UPDATE case_log SET ${column} = ${quote(value)} WHERE case_id = ${quote(id)} AND seq = 2`);
        expect(await verdict(id)).toMatchObject({ utuh: false, badSeq: 2, reason: expect.stringContaining(`Kolom ${column} catatan #2 ("${value}")`) });
        await setup.raw(store, `UPDATE case_log SET ${column} = ${quote(row?.[column] ?? '')} WHERE case_id = ${quote(id)} AND seq = 2`);
      }
      expect(await verdict(id)).toMatchObject({ utuh: true });
    });

    it('finds a changed state hash', async () => {
      await setup.raw(store, `UPDATE case_log SET state_hash = ${quote('0'.repeat(64))} WHERE case_id = ${quote(id)} AND seq = 3`);
      expect(await verdict(id)).toMatchObject({ utuh: false, badSeq: 3 });
    });

    it('finds a deleted entry', async () => {
      await setup.raw(store, `DELETE FROM case_log WHERE case_id = ${quote(id)} AND seq = 2`);
      expect(await verdict(id)).toMatchObject({ utuh: false, badSeq: 3, reason: expect.stringMatching(/nomor 2 hilang/) });
    });

    it('finds a dropped last entry (the case row still counts it)', async () => {
      await setup.raw(store, `DELETE FROM case_log WHERE case_id = ${quote(id)} AND seq = 4`);
      expect(await verdict(id)).toMatchObject({ utuh: false, badSeq: 4, reason: expect.stringMatching(/Revisi kasus 4/) });
    });

    it('finds an altered snapshot in the case row', async () => {
      const stored = await store.getCase(id);
      const forged = (stored?.snapshot ?? '').replace('2026-01-20', '2026-01-21');
      expect(forged).not.toBe(stored?.snapshot);
      await setup.raw(store, `UPDATE cases SET snapshot = ${quote(forged)} WHERE id = ${quote(id)}`);
      expect(await verdict(id)).toMatchObject({ utuh: false, badSeq: 4, reason: expect.stringMatching(/Snapshot kasus/) });
    });

    it('replays a case whose step was claimed, released and claimed again as utuh, and finds a claim forged in the case row', async () => {
      const { id: claimedCase } = await engine.startCase('Pemanggilan', { at: '2026-01-05T08:00:00+07:00' });
      await engine.claimStep(claimedCase, 'Panggil', { at: '2026-01-05T09:00:00+07:00', actor: 'jurusita-1' });
      await engine.releaseStep(claimedCase, 'Panggil', { at: '2026-01-05T09:30:00+07:00', actor: 'admin' });
      await engine.claimStep(claimedCase, 'Panggil', { at: '2026-01-05T10:00:00+07:00', actor: 'jurusita-2' });
      expect(await verdict(claimedCase)).toMatchObject({ utuh: true, events: 4 });
      await setup.raw(store, `UPDATE cases SET state = replace(state, '"claimedBy":"jurusita-2"', '"claimedBy":"jurusita-1"') WHERE id = ${quote(claimedCase)}`);
      expect((await store.getCase(claimedCase))?.state).toContain('"claimedBy":"jurusita-1"');
      expect(await verdict(claimedCase)).toMatchObject({ utuh: false, badSeq: 4, reason: expect.stringMatching(/Klaim langkah Panggil .*jurusita-1.*jurusita-2/) });
    });

    it('finds a claim whose holder was rewritten in the log', async () => {
      const { id: claimedCase } = await engine.startCase('Pemanggilan', { at: '2026-01-05T08:00:00+07:00' });
      await engine.claimStep(claimedCase, 'Panggil', { at: '2026-01-05T09:00:00+07:00', actor: 'jurusita-1' });
      const row = (await store.log(claimedCase)).find((r) => r.seq === 2);
      await setup.raw(store, `UPDATE case_log SET entry = ${quote((row?.entry ?? '').replaceAll('jurusita-1', 'jurusita-2'))} WHERE case_id = ${quote(claimedCase)} AND seq = 2`);
      expect(await verdict(claimedCase)).toMatchObject({ utuh: false, badSeq: 2, reason: expect.stringMatching(/Isi catatan log telah berubah/) });
    });

    it('finds a case marked completed that its log does not end', async () => {
      await setup.raw(store, `UPDATE cases SET status = 'completed' WHERE id = ${quote(id)}`);
      expect(await verdict(id)).toMatchObject({ utuh: false, badSeq: 4, reason: expect.stringMatching(/Status kasus/) });
      expect((await replayAll(engine)).bad.map((r) => r.caseId)).toEqual([id]);
    });

    it('reports a case whose log holds data nested 5,000 deep (hashes recomputed) and still replays every other case', async () => {
      const other = (await engine.startCase('Pemanggilan', { at: '2026-01-06T08:00:00+07:00' })).id;
      // Written as text: JSON.stringify itself would run out of stack on it.
      const deep = `{"berkas":${'{"isi":'.repeat(5000)}"dasar"${'}'.repeat(5000)}}`;
      const rows = await store.log(id);
      const first = rows[0];
      const start = JSON.parse(first?.entry ?? '{}') as { command: { data?: unknown } };
      start.command.data = 'DALAM';
      let prev = first?.prevHash ?? '';
      for (const row of rows) {
        const entry = row.seq === 1 ? JSON.stringify(start).replace('"DALAM"', deep) : row.entry;
        const hash = entryHash(id, row.seq, prev, row.stateHash, entry);
        await setup.raw(store, `UPDATE case_log SET entry = ${quote(entry)}, prev_hash = ${quote(prev)}, hash = ${quote(hash)} WHERE case_id = ${quote(id)} AND seq = ${row.seq}`);
        prev = hash;
      }
      await setup.raw(store, `UPDATE cases SET head_hash = ${quote(prev)} WHERE id = ${quote(id)}`);
      const all = await replayAll(engine);
      expect(all.cases).toBe(2);
      expect(all.bad).toEqual([expect.objectContaining({ caseId: id, utuh: false, badSeq: 1 })]);
      expect(await replayCase(engine, other)).toMatchObject({ utuh: true });
    });
  });
}

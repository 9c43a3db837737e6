/**
 * Tampering: whoever alters a stored log entry, a state hash, the case row, its snapshot or the
 * claim on one of its steps — even with the append-only triggers switched off — is found by
 * replay at the first bad sequence number.
 */
import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkAgainstCheckpoint, checkpointProblem, makeCheckpoint, signingKey } from '../../src/audit/checkpoint.ts';
import { entryHash } from '../../src/chain/hashChain.ts';
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
      expect(await verdict(id)).toMatchObject({ intact: true, events: 4 });
    });

    it('finds an entry whose text was changed (who completed the step)', async () => {
      const row = await entryOf(2);
      await setup.raw(store, `UPDATE case_log SET entry = ${quote((row?.entry ?? '').replace('jurusita-1', 'jurusita-2'))} WHERE case_id = ${quote(id)} AND seq = 2`);
      expect(await verdict(id)).toMatchObject({ intact: false, badSeq: 2, reason: expect.stringMatching(/Isi catatan log telah berubah/) });
    });

    it('finds an entry rewritten with a fresh hash: the next link no longer fits', async () => {
      const row = await entryOf(2);
      const entry = (row?.entry ?? '').replace('jurusita-1', 'jurusita-2');
      const hash = entryHash(id, 2, row?.prevHash ?? '', row?.stateHash ?? '', entry);
      await setup.raw(store, `UPDATE case_log SET entry = ${quote(entry)}, hash = ${quote(hash)}, actor = 'jurusita-2' WHERE case_id = ${quote(id)} AND seq = 2`);
      expect(await verdict(id)).toMatchObject({ intact: false, badSeq: 3, reason: expect.stringMatching(/Rantai hash putus/) });
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
      expect(await verdict(id)).toMatchObject({ intact: false, badSeq: 3, reason: expect.stringMatching(/Keadaan hasil replay/) });
    });

    it('finds a side column of the log (actor, at, event) that says other than its hashed entry', async () => {
      for (const [column, value] of [['actor', 'jurusita-2'], ['at', '2026-01-05T11:00:00+07:00'], ['event', 'COMPLETE.Sidang']] as const) {
        const row = await entryOf(2);
        await setup.raw(store, `UPDATE case_log SET ${column} = ${quote(value)} WHERE case_id = ${quote(id)} AND seq = 2`);
        expect(await verdict(id)).toMatchObject({ intact: false, badSeq: 2, reason: expect.stringContaining(`Kolom ${column} catatan #2 ("${value}")`) });
        await setup.raw(store, `UPDATE case_log SET ${column} = ${quote(row?.[column] ?? '')} WHERE case_id = ${quote(id)} AND seq = 2`);
      }
      expect(await verdict(id)).toMatchObject({ intact: true });
    });

    it('finds the case row\'s start time or business key changed, and a deployed BPMN document rewritten', async () => {
      const { id: keyed } = await engine.startCase('Pemanggilan', { at: '2026-01-06T08:00:00+07:00', businessKey: '7/Pdt.G/2026/PN Mlg' });
      await setup.raw(store, `UPDATE cases SET business_key = '8/Pdt.G/2026/PN Mlg' WHERE id = ${quote(keyed)}`);
      expect(await verdict(keyed)).toMatchObject({ intact: false, badSeq: 1, reason: expect.stringContaining('Kolom business_key kasus ("8/Pdt.G/2026/PN Mlg")') });
      await setup.raw(store, `UPDATE cases SET business_key = '7/Pdt.G/2026/PN Mlg', started_at = '2026-01-01T08:00:00+07:00' WHERE id = ${quote(keyed)}`);
      expect(await verdict(keyed)).toMatchObject({ intact: false, badSeq: 1, reason: expect.stringContaining('Kolom started_at') });
      await setup.raw(store, `UPDATE cases SET started_at = '2026-01-06T08:00:00+07:00' WHERE id = ${quote(keyed)}`);
      expect(await verdict(keyed)).toMatchObject({ intact: true });
      // A lane's pelaksana changed in the stored XML: every case of that version names the document.
      await setup.raw(store, `UPDATE definitions SET xml = replace(xml, 'sop:pelaksana="jurusita"', 'sop:pelaksana="panitera"') WHERE process_id = 'Pemanggilan'`);
      const report = await verdict(keyed);
      expect(report).toMatchObject({ intact: false, badSeq: 1, reason: expect.stringContaining('Dokumen BPMN Pemanggilan versi 1 yang tersimpan tidak sama') });
    });

    it('finds an open step of the case row moved, given to another pelaksana, or not open by the log', async () => {
      const { id: open } = await engine.startCase('Pemanggilan', { at: '2026-01-06T08:00:00+07:00' });
      const original = (await store.getCase(open))?.state ?? '';
      const state = JSON.parse(original) as { steps: { id: string; due?: string; pelaksana?: string }[] };
      expect(state.steps.map((step) => step.id)).toEqual(['Panggil']);
      const edits: [string, (steps: typeof state.steps) => void, string][] = [
        ['tenggat', (steps) => { (steps[0] as { due?: string }).due = '2026-03-09T16:00:00+07:00'; }, 'Langkah Panggil pada data kasus: tenggat "2026-03-09T16:00:00+07:00"'],
        ['pelaksana', (steps) => { (steps[0] as { pelaksana?: string }).pelaksana = 'panitera'; }, 'Langkah Panggil pada data kasus: pelaksana "panitera"'],
        ['removed', (steps) => { steps.pop(); }, 'Langkah Panggil terbuka menurut log tetapi tidak ada pada data kasus'],
      ];
      for (const [, edit, reason] of edits) {
        const changed = JSON.parse(original) as typeof state;
        edit(changed.steps);
        await setup.raw(store, `UPDATE cases SET state = ${quote(JSON.stringify(changed))} WHERE id = ${quote(open)}`);
        expect(await verdict(open)).toMatchObject({ intact: false, badSeq: 1, reason: expect.stringContaining(reason) });
      }
      await setup.raw(store, `UPDATE cases SET state = ${quote(original)} WHERE id = ${quote(open)}`);
      expect(await verdict(open)).toMatchObject({ intact: true });
    });

    it('finds the worklist row of an open step changed (pelaksana, due, claim) and its deadline timer deleted or moved', async () => {
      const { id: open } = await engine.startCase('Pemanggilan', { at: '2026-01-06T08:00:00+07:00' });
      const row = (await store.openStepsOf([open])).get(open)?.[0];
      expect(row).toMatchObject({ stepId: 'Panggil', pelaksana: 'jurusita' });
      const timer = (await store.timers(open)).find((t) => t.key === 'DEADLINE:Panggil');
      expect(timer?.due).toBe(row?.due);
      const where = `WHERE case_id = ${quote(open)} AND step_id = 'Panggil'`;
      const edits: [string, string, string][] = [
        [`UPDATE open_steps SET pelaksana = 'panitera' ${where}`, `UPDATE open_steps SET pelaksana = 'jurusita' ${where}`, 'langkah Panggil, pelaksana "panitera"'],
        [`UPDATE open_steps SET due = '2026-03-09T16:00:00+07:00' ${where}`, `UPDATE open_steps SET due = ${quote(row?.due ?? '')} ${where}`, 'langkah Panggil, tenggat "2026-03-09T16:00:00+07:00"'],
        [`UPDATE open_steps SET claimed_by = 'jurusita-9', claimed_at = '2026-01-06T09:00:00+07:00' ${where}`, `UPDATE open_steps SET claimed_by = NULL, claimed_at = NULL ${where}`, 'diambil oleh "jurusita-9"'],
        [`DELETE FROM open_steps ${where}`, '', 'terbuka menurut log tetapi tidak ada di daftar kerja'],
      ];
      for (const [edit, undo, reason] of edits) {
        await setup.raw(store, edit);
        expect(await verdict(open)).toMatchObject({ intact: false, reason: expect.stringContaining(reason) });
        if (undo) await setup.raw(store, undo);
      }
      const { id: timed } = await engine.startCase('Pemanggilan', { at: '2026-01-06T08:00:00+07:00' });
      const timerWhere = `WHERE case_id = ${quote(timed)} AND key = 'DEADLINE:Panggil'`;
      await setup.raw(store, `UPDATE timers SET due = '2026-05-01T16:00:00+07:00', due_ms = ${Date.parse('2026-05-01T16:00:00+07:00')} ${timerWhere}`);
      expect(await verdict(timed)).toMatchObject({ intact: false, reason: expect.stringContaining('Timer tenggat langkah Panggil berjatuh tempo "2026-05-01T16:00:00+07:00"') });
      await setup.raw(store, `DELETE FROM timers ${timerWhere}`);
      expect(await verdict(timed)).toMatchObject({ intact: false, reason: expect.stringContaining('Timer tenggat langkah Panggil hilang') });
    });

    it('proves against a signed checkpoint that nothing it saw was deleted, cut back or rewritten', async () => {
      const { id: other } = await engine.startCase('Pemanggilan', { at: '2026-01-06T08:00:00+07:00' });
      const before = await store.getCase(other);
      await engine.claimStep(other, 'Panggil', { at: '2026-01-06T09:00:00+07:00', actor: 'jurusita-1' });
      const key = signingKey(join(mkdtempSync(join(tmpdir(), 'protap-kunci-')), 'kunci-audit.pem'));
      const checkpoint = await makeCheckpoint(store, '2026-02-10T09:00:00+07:00', key);
      expect(checkpoint).toMatchObject({ cases: 2, events: 6 });
      expect(checkpointProblem(JSON.parse(JSON.stringify(checkpoint)), key)).toBeUndefined();
      expect(await checkAgainstCheckpoint(store, checkpoint)).toEqual([]);
      // The file altered, or signed by a key that is not the office's.
      const forged = { ...checkpoint, heads: checkpoint.heads.map((h) => [h[0], h[1], '0'.repeat(64)]) };
      expect(checkpointProblem(forged, key)).toMatch(/Tanda tangan titik periksa tidak cocok/);
      const stranger = await makeCheckpoint(store, '2026-02-10T09:00:00+07:00', signingKey(join(mkdtempSync(join(tmpdir(), 'protap-kunci-')), 'lain.pem')));
      expect(checkpointProblem(stranger, key)).toMatch(/ditandatangani kunci lain/);
      // A history rewritten with every hash recomputed: replay alone cannot tell, the checkpoint can.
      const rows = await store.log(id);
      let prev = rows[2]?.prevHash ?? '';
      for (const row of rows.slice(2)) {
        const entry = row.entry.replace('hakim-1', 'hakim-2');
        const hash = entryHash(id, row.seq, prev, row.stateHash, entry);
        await setup.raw(store, `UPDATE case_log SET entry = ${quote(entry)}, actor = ${quote(row.actor === 'hakim-1' ? 'hakim-2' : row.actor)}, prev_hash = ${quote(prev)}, hash = ${quote(hash)} WHERE case_id = ${quote(id)} AND seq = ${row.seq}`);
        prev = hash;
      }
      await setup.raw(store, `UPDATE cases SET head_hash = ${quote(prev)} WHERE id = ${quote(id)}`);
      expect(await verdict(id)).toMatchObject({ intact: true });
      expect(await checkAgainstCheckpoint(store, checkpoint)).toEqual([{ caseId: id, reason: expect.stringContaining('Catatan #4 kasus') }]);
      expect((await checkAgainstCheckpoint(store, checkpoint))[0]?.reason).toContain('riwayatnya ditulis ulang');
      // The newest entry cut off and the case row put back exactly as it was one revision earlier:
      // replay finds a consistent case, the checkpoint finds the entry gone.
      await setup.raw(store, `DELETE FROM case_log WHERE case_id = ${quote(other)} AND seq = 2`);
      await setup.raw(store, `UPDATE cases SET revision = 1, head_hash = ${quote(before?.headHash ?? '')}, snapshot = ${quote(before?.snapshot ?? '')}, state = ${quote(before?.state ?? '')}, updated_at = ${quote(before?.updatedAt ?? '')} WHERE id = ${quote(other)}`);
      await setup.raw(store, `UPDATE open_steps SET claimed_by = NULL, claimed_at = NULL WHERE case_id = ${quote(other)}`);
      expect(await verdict(other)).toMatchObject({ intact: true, events: 1 });
      expect((await checkAgainstCheckpoint(store, checkpoint)).find((f) => f.caseId === other)?.reason).toContain('Catatan #2 kasus');
      expect((await checkAgainstCheckpoint(store, checkpoint)).find((f) => f.caseId === other)?.reason).toContain('hilang: log dipotong kembali');
      // A whole case deleted: its row, log, steps and timers.
      for (const table of ['case_log', 'open_steps', 'timers']) await setup.raw(store, `DELETE FROM ${table} WHERE case_id = ${quote(id)}`);
      await setup.raw(store, `DELETE FROM cases WHERE id = ${quote(id)}`);
      expect((await replayAll(engine)).bad.map((r) => r.caseId)).not.toContain(id);
      expect((await checkAgainstCheckpoint(store, checkpoint)).find((f) => f.caseId === id)?.reason).toContain('tidak ada lagi di penyimpanan');
    });

    it('finds a case row whose end, or whose parent, says other than its log', async () => {
      await setup.raw(store, `UPDATE cases SET ended_at = '2030-01-01T00:00:00+07:00' WHERE id = ${quote(id)}`);
      expect(await verdict(id)).toMatchObject({ intact: false, reason: expect.stringContaining('Kolom ended_at kasus ("2030-01-01T00:00:00+07:00")') });
      const { id: open } = await engine.startCase('Pemanggilan', { at: '2026-01-06T08:00:00+07:00' });
      await setup.raw(store, `UPDATE cases SET parent_id = ${quote(id)} WHERE id = ${quote(open)}`);
      expect(await verdict(open)).toMatchObject({ intact: false, badSeq: 1, reason: expect.stringContaining('Kolom parent_id/root_id') });
    });

    it('finds a changed state hash', async () => {
      await setup.raw(store, `UPDATE case_log SET state_hash = ${quote('0'.repeat(64))} WHERE case_id = ${quote(id)} AND seq = 3`);
      expect(await verdict(id)).toMatchObject({ intact: false, badSeq: 3 });
    });

    it('finds a deleted entry', async () => {
      await setup.raw(store, `DELETE FROM case_log WHERE case_id = ${quote(id)} AND seq = 2`);
      expect(await verdict(id)).toMatchObject({ intact: false, badSeq: 3, reason: expect.stringMatching(/nomor 2 hilang/) });
    });

    it('finds a dropped last entry (the case row still counts it)', async () => {
      await setup.raw(store, `DELETE FROM case_log WHERE case_id = ${quote(id)} AND seq = 4`);
      expect(await verdict(id)).toMatchObject({ intact: false, badSeq: 4, reason: expect.stringMatching(/Revisi kasus 4/) });
    });

    it('finds an altered snapshot in the case row', async () => {
      const stored = await store.getCase(id);
      const forged = (stored?.snapshot ?? '').replace('2026-01-20', '2026-01-21');
      expect(forged).not.toBe(stored?.snapshot);
      await setup.raw(store, `UPDATE cases SET snapshot = ${quote(forged)} WHERE id = ${quote(id)}`);
      expect(await verdict(id)).toMatchObject({ intact: false, badSeq: 4, reason: expect.stringMatching(/Snapshot kasus/) });
    });

    it('replays a case whose step was claimed, released and claimed again as utuh, and finds a claim forged in the case row', async () => {
      const { id: claimedCase } = await engine.startCase('Pemanggilan', { at: '2026-01-05T08:00:00+07:00' });
      await engine.claimStep(claimedCase, 'Panggil', { at: '2026-01-05T09:00:00+07:00', actor: 'jurusita-1' });
      await engine.releaseStep(claimedCase, 'Panggil', { at: '2026-01-05T09:30:00+07:00', actor: 'admin' });
      await engine.claimStep(claimedCase, 'Panggil', { at: '2026-01-05T10:00:00+07:00', actor: 'jurusita-2' });
      expect(await verdict(claimedCase)).toMatchObject({ intact: true, events: 4 });
      await setup.raw(store, `UPDATE cases SET state = replace(state, '"claimedBy":"jurusita-2"', '"claimedBy":"jurusita-1"') WHERE id = ${quote(claimedCase)}`);
      expect((await store.getCase(claimedCase))?.state).toContain('"claimedBy":"jurusita-1"');
      expect(await verdict(claimedCase)).toMatchObject({ intact: false, badSeq: 4, reason: expect.stringMatching(/Klaim langkah Panggil .*jurusita-1.*jurusita-2/) });
    });

    it('finds a claim whose holder was rewritten in the log', async () => {
      const { id: claimedCase } = await engine.startCase('Pemanggilan', { at: '2026-01-05T08:00:00+07:00' });
      await engine.claimStep(claimedCase, 'Panggil', { at: '2026-01-05T09:00:00+07:00', actor: 'jurusita-1' });
      const row = (await store.log(claimedCase)).find((r) => r.seq === 2);
      await setup.raw(store, `UPDATE case_log SET entry = ${quote((row?.entry ?? '').replaceAll('jurusita-1', 'jurusita-2'))} WHERE case_id = ${quote(claimedCase)} AND seq = 2`);
      expect(await verdict(claimedCase)).toMatchObject({ intact: false, badSeq: 2, reason: expect.stringMatching(/Isi catatan log telah berubah/) });
    });

    it('finds a case marked completed that its log does not end', async () => {
      await setup.raw(store, `UPDATE cases SET status = 'completed' WHERE id = ${quote(id)}`);
      expect(await verdict(id)).toMatchObject({ intact: false, badSeq: 4, reason: expect.stringMatching(/Status kasus/) });
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
      expect(all.bad).toEqual([expect.objectContaining({ caseId: id, intact: false, badSeq: 1 })]);
      expect(await replayCase(engine, other)).toMatchObject({ intact: true });
    });
  });
}

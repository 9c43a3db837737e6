/**
 * The durable runtime over each store: the same cases as the in-memory engine, but every command
 * committed with its log entry, snapshot and timer rows, and everything still there after the
 * engine (the server process) is replaced by a new one on the same database.
 */
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replayAll, replayCase } from '../../src/audit/replay.ts';
import { draftYear } from '../../src/calendar/draftYear.ts';
import { readCalendarYears } from '../../src/calendar/loadCalendar.ts';
import { publishYear } from '../../src/calendar/publishYear.ts';
import { createWorkingCalendar } from '../../src/calendar/workingCalendar.ts';
import type { CaseStore } from '../../src/store/caseStore.ts';
import { DurableEngine } from '../../src/store/durableEngine.ts';
import { fixture } from '../support/engineWith.ts';

export interface DurableFixture {
  open(): Promise<CaseStore>;
  /** Another store instance on the same database (a restarted or second server process). */
  reopen(store: CaseStore): Promise<CaseStore>;
}

const runtimeDir = `${import.meta.dirname}/../runtime`;
const compileDir = `${import.meta.dirname}/../compile`;
const T0 = '2026-01-05T08:00:00+07:00';

/** The calendar after a corrected SKB adds a cuti bersama on Tuesday 6 January 2026 (as in recomputeDeadlines.spec). */
function correctedCalendar() {
  const years = readCalendarYears(resolve(import.meta.dirname, '../../processes/calendar'));
  const old2026 = years.find((y) => y.year === 2026);
  if (!old2026) throw new Error('2026 missing');
  const extra = { date: '2026-01-06', kind: 'cuti_bersama' as const, name: 'Cuti bersama (uji)', source: 'SKB perubahan (uji)' };
  const { year } = publishYear(old2026, { ...old2026, entries: [...old2026.entries, extra] });
  return createWorkingCalendar({ zone: 'Asia/Jakarta', years: [...years.filter((y) => y.year !== 2026), year], draft: draftYear });
}

export function durableContract(name: string, setup: DurableFixture): void {
  describe(`${name}: durable cases`, () => {
    const opened: CaseStore[] = [];
    let store: CaseStore;
    const engineOn = async (on: CaseStore) => {
      let n = 0;
      const prefix = `k${opened.length}-`;
      return DurableEngine.open({ store: on, clock: () => T0, newId: () => `${prefix}${++n}` });
    };
    const restarted = async () => {
      const again = await setup.reopen(store);
      opened.push(again);
      return engineOn(again);
    };
    beforeEach(async () => {
      store = await setup.open();
      opened.push(store);
    });
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
    });

    it('keeps every acknowledged command: a new engine on the same database continues the case', async () => {
      const engine = await engineOn(store);
      await engine.deployXml(fixture(runtimeDir, 'caseEngine.pemanggilan.bpmn'));
      const started = await engine.startCase('Pemanggilan', { at: T0, businessKey: '7/Pdt.G/2026/PN Mlg', actor: 'panitera-1' });
      expect(started).toMatchObject({ status: 'active', revision: 1, businessKey: '7/Pdt.G/2026/PN Mlg' });
      expect(started.activeSteps[0]).toMatchObject({ id: 'Panggil', due: '2026-01-07T23:59:59+07:00' });
      const after = await engine.completeStep(started.id, 'Panggil', { at: '2026-01-05T10:00:00+07:00', actor: 'jurusita-1' });
      expect(after.revision).toBe(2);
      // The answer of a command carries the entries it wrote.
      expect(after.entries.map((h) => h.event)).toEqual(['COMPLETE.Panggil']);

      const other = await restarted();
      const view = await other.getCase(started.id);
      expect(view).toMatchObject({ status: 'active', revision: 2, version: 1 });
      expect(view.history.map((h) => [h.seq, h.event, h.actor])).toEqual([[1, 'START', 'panitera-1'], [2, 'COMPLETE.Panggil', 'jurusita-1']]);
      expect(view.activeSteps.map((s) => s.id)).toEqual(['Sidang']);
      await other.completeStep(started.id, 'Sidang', { at: '2026-01-15T09:00:00+07:00', data: { tanggalPutusan: '2026-01-20' } });
      const done = await other.completeStep(started.id, 'Aanmaning', { at: '2026-01-21T09:00:00+07:00' });
      expect(done.status).toBe('completed');
      expect(await store.openSteps()).toEqual([]);
      expect(await store.timers(started.id)).toEqual([]);
      expect(await replayCase(other, started.id)).toMatchObject({ intact: true, events: 4 });
    });

    it('keeps deadlines as timer rows: a breach fires once, is escalated and recorded, and the case goes on', async () => {
      const engine = await engineOn(store);
      await engine.deployXml(fixture(runtimeDir, 'caseEngine.pemanggilan.bpmn'));
      const { id } = await engine.startCase('Pemanggilan', { at: T0 });
      expect(await store.timers(id)).toEqual([{ caseId: id, key: 'DEADLINE:Panggil', due: '2026-01-07T23:59:59+07:00', event: 'DEADLINE.Panggil' }]);
      expect(await store.openSteps({ pelaksana: ['jurusita'] })).toEqual([expect.objectContaining({ caseId: id, stepId: 'Panggil', due: '2026-01-07T23:59:59+07:00', late: false })]);
      expect(await engine.fireDueTimers('2026-01-07T12:00:00+07:00')).toBe(0);

      const other = await restarted();
      expect(await other.fireDueTimers('2026-01-08T08:00:00+07:00')).toBe(1);
      expect(await engine.fireDueTimers('2026-01-08T08:00:00+07:00')).toBe(0);
      const view = await other.getCase(id);
      expect(view.activeSteps[0]).toMatchObject({ id: 'Panggil', late: true });
      expect(view.escalations).toEqual([expect.objectContaining({ step: 'Panggil', to: 'panitera', at: '2026-01-07T23:59:59+07:00' })]);
      expect(view.history.at(-1)).toMatchObject({ event: 'DEADLINE.Panggil', actor: 'sistem' });
      expect(await store.openSteps({ late: true })).toEqual([expect.objectContaining({ caseId: id, stepId: 'Panggil' })]);
      expect(await store.timers(id)).toEqual([]);
      await other.completeStep(id, 'Panggil', { at: '2026-01-08T09:00:00+07:00' });
      expect(await replayCase(other, id)).toMatchObject({ intact: true, events: 3 });
    });

    it('versions definitions: running cases stay on the version they started with', async () => {
      const engine = await engineOn(store);
      const v1 = fixture(runtimeDir, 'caseEngine.pemanggilan.bpmn');
      expect((await engine.deployXml(v1)).map((d) => d.version)).toEqual([1]);
      const old = await engine.startCase('Pemanggilan', { at: T0 });
      const v2 = v1.replace('sop:waktu="2 Hari Kerja"', 'sop:waktu="3 Hari Kerja"');
      expect((await engine.deployXml(v2, { actor: 'analis-1' })).map((d) => d.version)).toEqual([2]);
      expect((await engine.deployXml(v2, { ifChanged: true })).map((d) => d.version)).toEqual([2]);
      const fresh = await engine.startCase('Pemanggilan', { at: T0 });
      expect([old.version, fresh.version]).toEqual([1, 2]);
      expect(fresh.activeSteps[0]?.due).toBe('2026-01-08T23:59:59+07:00');

      const other = await restarted();
      expect(other.definitions().map((d) => `${d.processId}@${d.version}`)).toEqual(['Pemanggilan@1', 'Pemanggilan@2']);
      const continued = await other.completeStep(old.id, 'Panggil', { at: '2026-01-05T10:00:00+07:00' });
      expect(continued.version).toBe(1);
      expect((await store.definitions()).map((d) => [d.version, d.deployedBy])).toEqual([[1, 'sistem'], [2, 'analis-1']]);
      expect((await replayAll(other)).bad).toEqual([]);
    });

    it('starts a case on the version another process deployed a moment ago, not on the one it knew (issue 21)', async () => {
      const engine = await engineOn(store);
      const v1 = fixture(runtimeDir, 'caseEngine.pemanggilan.bpmn');
      await engine.deployXml(v1);
      const other = await restarted();
      expect(other.definition('Pemanggilan').version).toBe(1);
      await engine.deployXml(v1.replace('sop:waktu="2 Hari Kerja"', 'sop:waktu="3 Hari Kerja"'));
      // What a person's start does first (src/useCases/caseCommands.ts startCase): the store says which version is the latest.
      await other.ensureLatest('Pemanggilan');
      expect((await other.startCase('Pemanggilan', { at: T0 })).version).toBe(2);
    });

    it('lets two processes deploy the same changed catalogue at once: one version, no failed start', async () => {
      const engine = await engineOn(store);
      const other = await restarted();
      const xml = fixture(runtimeDir, 'caseEngine.pemanggilan.bpmn');
      const [a, b] = await Promise.all([engine.deployXml(xml, { ifChanged: true }), other.deployXml(xml, { ifChanged: true })]);
      expect([a[0]?.version, b[0]?.version]).toEqual([1, 1]);
      expect((await store.definitions()).map((d) => d.version)).toEqual([1]);
      // Without ifChanged, the second deployment becomes the next version.
      const [c, d] = await Promise.all([engine.deployXml(xml), other.deployXml(xml)]);
      expect([c[0]?.version, d[0]?.version].sort()).toEqual([2, 3]);
    });

    it('answers a repeated command (same idempotency key) with its first answer and changes nothing', async () => {
      const engine = await engineOn(store);
      await engine.deployXml(fixture(runtimeDir, 'caseEngine.pemanggilan.bpmn'));
      const first = await engine.startCase('Pemanggilan', { at: T0, idempotencyKey: 'daftar-1' });
      const again = await engine.startCase('Pemanggilan', { at: T0, idempotencyKey: 'daftar-1' });
      expect(again.id).toBe(first.id);
      expect(await store.listCases()).toHaveLength(1);
      const done = await engine.completeStep(first.id, 'Panggil', { at: '2026-01-05T10:00:00+07:00', idempotencyKey: 'panggil-1' });
      const twice = await Promise.all([1, 2].map(() => engine.completeStep(first.id, 'Panggil', { at: '2026-01-05T10:00:00+07:00', idempotencyKey: 'panggil-1' })));
      expect(twice).toEqual([done, done]);
      expect((await store.log(first.id)).map((r) => r.event)).toEqual(['START', 'COMPLETE.Panggil']);
      await expect(engine.completeStep(first.id, 'Sidang', { at: '2026-01-15T10:00:00+07:00', idempotencyKey: 'panggil-1' }))
        .rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
      expect((await store.log(first.id))).toHaveLength(2);
    });

    it('lets exactly one of two racing commands win; the other gets a conflict with the current state', async () => {
      const engine = await engineOn(store);
      const other = await restarted();
      await engine.deployXml(fixture(runtimeDir, 'caseEngine.pemanggilan.bpmn'));
      const { id, revision } = await engine.startCase('Pemanggilan', { at: T0 });
      await other.refreshDefinitions();
      const results = await Promise.allSettled([
        engine.completeStep(id, 'Panggil', { at: '2026-01-05T10:00:00+07:00', expectedRevision: revision, actor: 'jurusita-1' }),
        other.completeStep(id, 'Panggil', { at: '2026-01-05T10:00:01+07:00', expectedRevision: revision, actor: 'jurusita-2' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason).toMatchObject({ code: 'CONFLICT', details: { current: expect.objectContaining({ id, revision: 2 }) } });
      expect((await store.log(id)).map((r) => r.event)).toEqual(['START', 'COMPLETE.Panggil']);
      // Without a revision, a late duplicate finds the step already done.
      await expect(other.completeStep(id, 'Panggil')).rejects.toMatchObject({ code: 'STEP_NOT_ACTIVE' });
      expect(await replayCase(engine, id)).toMatchObject({ intact: true });
    });

    it('reads a case again from the store when another process moved it on since this one cached it', async () => {
      const engine = await engineOn(store);
      const other = await restarted();
      await engine.deployXml(fixture(runtimeDir, 'caseEngine.pemanggilan.bpmn'));
      await other.refreshDefinitions();
      const { id } = await engine.startCase('Pemanggilan', { at: T0 });
      await other.completeStep(id, 'Panggil', { at: '2026-01-05T10:00:00+07:00' });
      // engine still holds the case at revision 1; the store has revision 2.
      const view = await engine.completeStep(id, 'Sidang', { at: '2026-01-15T09:00:00+07:00', expectedRevision: 2, data: { tanggalPutusan: '2026-01-20' } });
      expect(view).toMatchObject({ revision: 3, activeSteps: [expect.objectContaining({ id: 'Aanmaning' })] });
      await other.completeStep(id, 'Aanmaning', { at: '2026-01-21T09:00:00+07:00' });
      await expect(engine.completeStep(id, 'Aanmaning', { at: '2026-01-21T09:00:00+07:00' })).rejects.toMatchObject({ code: 'CASE_NOT_ACTIVE' });
      expect((await store.log(id)).map((r) => r.event)).toEqual(['START', 'COMPLETE.Panggil', 'COMPLETE.Sidang', 'COMPLETE.Aanmaning']);
      expect(await replayCase(engine, id)).toMatchObject({ intact: true, events: 4 });
    });

    it('runs a micro SOP as its own case; its completion and its error reach the macro case durably', async () => {
      const engine = await engineOn(store);
      await engine.deployXml(fixture(compileDir, 'callActivity.micro.bpmn'));
      await engine.deployXml(fixture(compileDir, 'callActivity.macro.bpmn'));
      const perkara = { nomorPerkara: '12/Pdt.G/2026/PN Bdg', alamatTergugat: 'Jl. Braga 7, Bandung' };
      const { id } = await engine.startCase('GugatanPerdata', { vars: perkara, at: T0 });
      const parent = await engine.completeStep(id, 'Tetapkan', { at: '2026-01-05T09:00:00+07:00' });
      const childId = parent.activeSteps[0]?.childCases?.[0] as string;
      expect((await store.getCase(childId))).toMatchObject({ parentId: id, rootId: id, processId: 'PemanggilanPihak' });

      const other = await restarted();
      const child = await other.completeStep(childId, 'Sampaikan', { data: { relaasSah: true, tidakDikenal: false }, at: '2026-01-07T11:00:00+07:00' });
      expect(child.status).toBe('completed');
      const macro = await other.getCase(id);
      expect(macro.activeSteps.map((s) => s.id)).toEqual(['Sidang']);
      expect(macro.history.at(-1)).toMatchObject({ event: 'CALL.DONE.Panggil', stepsEnded: ['Panggil'] });
      const next = await other.completeStep(id, 'Sidang', { at: '2026-01-08T09:00:00+07:00' });
      const second = next.activeSteps[0]?.childCases?.[0] as string;
      await other.completeStep(second, 'Sampaikan', { data: { tidakDikenal: true }, at: '2026-01-09T09:00:00+07:00' });
      expect(await other.getCase(id)).toMatchObject({ status: 'failed', error: { code: 'ALAMAT_TIDAK_DIKENAL' } });
      const summary = await replayAll(other);
      expect(summary).toMatchObject({ cases: 3, bad: [] });
    });

    it('moves open deadlines on a corrected calendar, in the store and in the log, and replays the correction', async () => {
      const engine = await engineOn(store);
      await engine.deployXml(fixture(runtimeDir, 'caseEngine.pemanggilan.bpmn'));
      const { id } = await engine.startCase('Pemanggilan', { at: T0 });
      const calendar = correctedCalendar();
      expect(await engine.useCalendar(calendar, { at: '2026-01-05T12:00:00+07:00', actor: 'admin' })).toBe(1);
      const view = await engine.getCase(id);
      expect(view.activeSteps[0]?.due).toBe('2026-01-08T23:59:59+07:00');
      expect(view.history.at(-1)).toMatchObject({ event: 'CALENDAR', actor: 'admin', command: { type: 'CALENDAR', calendarVersion: calendar.version } });
      expect(await store.timers(id)).toEqual([expect.objectContaining({ key: 'DEADLINE:Panggil', due: '2026-01-08T23:59:59+07:00' })]);
      expect(await replayCase(engine, id)).toMatchObject({ intact: true, events: 2 });
    });

    it('carries a micro case\'s escalations to the macro case durably: an interrupting and a non-interrupting boundary, replayed clean', async () => {
      const engine = await engineOn(store);
      await engine.deployXml(fixture(compileDir, 'callActivity.escalation.bpmn'));
      const first = await engine.startCase('PerkaraBerjenjang', { at: T0 });
      const firstChild = first.activeSteps[0]?.childCases?.[0] as string;
      const second = await engine.startCase('PerkaraBerjenjang', { at: T0 });
      const secondChild = second.activeSteps[0]?.childCases?.[0] as string;

      const other = await restarted();
      await other.completeStep(firstChild, 'Sampaikan', { data: { hasil: 'ragu' }, at: '2026-01-06T10:00:00+07:00' });
      const caught = await other.getCase(first.id);
      expect(caught.activeSteps.map((s) => s.id)).toEqual(['Konfirmasi']);
      expect(caught.history.at(-1)).toMatchObject({ event: 'ESCALATION.ALAMAT_RAGU', stepsEnded: ['Panggil'] });

      await other.completeStep(secondChild, 'Sampaikan', { data: { hasil: 'biaya' }, at: '2026-01-06T10:00:00+07:00' });
      expect((await other.getCase(second.id)).history.at(-1)).toMatchObject({ event: 'ESCALATION.PANJAR_KURANG', visited: ['PanjarKurang', 'TagihPanjar', 'PanjarDitagih'] });
      await other.completeStep(secondChild, 'Ulangi', { at: '2026-01-07T10:00:00+07:00' });
      expect((await other.getCase(second.id)).activeSteps.map((s) => s.id)).toEqual(['Sidang']);
      expect(await replayAll(other)).toMatchObject({ cases: 4, bad: [] });
    });

    it('fails a step of a micro case by hand: the macro case takes its error boundary in the same transaction', async () => {
      const engine = await engineOn(store);
      await engine.deployXml(fixture(compileDir, 'callActivity.micro.bpmn'));
      await engine.deployXml(fixture(compileDir, 'callActivity.macro.bpmn'));
      const { id } = await engine.startCase('GugatanPerdata', { vars: { alamatTergugat: '-' }, at: T0 });
      const childId = (await engine.completeStep(id, 'Tetapkan', { at: T0 })).activeSteps[0]?.childCases?.[0] as string;
      const child = await engine.failStep(childId, 'Sampaikan', 'ALAMAT_TIDAK_DIKENAL', { at: '2026-01-06T09:00:00+07:00', actor: 'jurusita-1' });
      expect(child.status).toBe('failed');
      expect((await engine.getCase(id)).activeSteps.map((s) => s.id)).toEqual(['Umumkan']);
      expect((await replayAll(engine)).bad).toEqual([]);
    });

    it('lets one person claim an open step: logged with its actor, binding on everyone else, kept over a restart, ended with the step', async () => {
      const engine = await engineOn(store);
      await engine.deployXml(fixture(runtimeDir, 'caseEngine.pemanggilan.bpmn'));
      const { id } = await engine.startCase('Pemanggilan', { at: T0 });
      const claimed = await engine.claimStep(id, 'Panggil', { at: '2026-01-05T09:00:00+07:00', actor: 'jurusita-1' });
      expect(claimed).toMatchObject({ revision: 2, activeSteps: [expect.objectContaining({ id: 'Panggil', claimedBy: 'jurusita-1', claimedAt: '2026-01-05T09:00:00+07:00' })] });
      // Claiming one's own claim again changes nothing; anyone else is refused, naming who holds it.
      expect((await engine.claimStep(id, 'Panggil', { at: '2026-01-05T09:30:00+07:00', actor: 'jurusita-1' })).revision).toBe(2);
      await expect(engine.claimStep(id, 'Panggil', { actor: 'jurusita-2' })).rejects.toMatchObject({ code: 'STEP_CLAIMED', details: { claimedBy: 'jurusita-1' } });
      await expect(engine.completeStep(id, 'Panggil', { actor: 'jurusita-2' })).rejects.toMatchObject({ code: 'STEP_CLAIMED', details: { claimedBy: 'jurusita-1' } });
      await expect(engine.claimStep(id, 'Sidang', { actor: 'hakim-1' })).rejects.toMatchObject({ code: 'STEP_NOT_ACTIVE' });
      const refuse = () => { throw new Error('bukan pemegang peran'); };
      await expect(engine.releaseStep(id, 'Panggil', { actor: 'jurusita-2', authorize: refuse })).rejects.toThrow('bukan pemegang peran');
      expect(await store.openSteps({ pelaksana: ['jurusita'] })).toEqual([expect.objectContaining({ caseId: id, stepId: 'Panggil', claimedBy: 'jurusita-1', claimedAt: '2026-01-05T09:00:00+07:00' })]);

      const other = await restarted();
      expect((await other.getCase(id)).activeSteps[0]).toMatchObject({ claimedBy: 'jurusita-1' });
      const released = await other.releaseStep(id, 'Panggil', { at: '2026-01-05T10:00:00+07:00', actor: 'admin' });
      expect(released.activeSteps[0]?.claimedBy).toBeUndefined();
      await other.claimStep(id, 'Panggil', { at: '2026-01-05T11:00:00+07:00', actor: 'jurusita-2' });
      // The breach marks the step late; the claim stays.
      expect(await other.fireDueTimers('2026-01-08T08:00:00+07:00')).toBe(1);
      expect((await other.getCase(id)).activeSteps[0]).toMatchObject({ late: true, claimedBy: 'jurusita-2' });
      const done = await other.completeStep(id, 'Panggil', { at: '2026-01-08T09:00:00+07:00', actor: 'jurusita-2' });
      expect(done.activeSteps.map((s) => [s.id, s.claimedBy])).toEqual([['Sidang', undefined]]);
      expect((await store.openSteps()).map((s) => [s.stepId, s.claimedBy])).toEqual([['Sidang', undefined]]);
      expect((await store.log(id)).map((r) => [r.event, r.actor])).toEqual([
        ['START', 'sistem'], ['CLAIM.Panggil', 'jurusita-1'], ['RELEASE.Panggil', 'admin'], ['CLAIM.Panggil', 'jurusita-2'],
        ['DEADLINE.Panggil', 'sistem'], ['COMPLETE.Panggil', 'jurusita-2'],
      ]);
      expect(await replayCase(other, id)).toMatchObject({ intact: true, events: 6 });
    });

    it('ends a claim when the case leaves the step by a boundary event, and replays the claims as the engine kept them', async () => {
      const engine = await engineOn(store);
      await engine.deployXml(fixture(compileDir, 'boundaries.kasasi.bpmn'));
      const { id } = await engine.startCase('Kasasi', { at: '2026-01-05T10:00:00+07:00' });
      await engine.completeStep(id, 'Akta', { at: '2026-01-10T10:00:00+07:00', actor: 'petugas-1' });
      await engine.claimStep(id, 'Memori', { at: '2026-01-10T11:00:00+07:00', actor: 'petugas-1' });
      // A non-interrupting reminder keeps the step, and its claim.
      expect(await engine.fireDueTimers('2026-01-18T08:00:00+07:00')).toBe(1);
      expect((await engine.getCase(id)).activeSteps.find((s) => s.id === 'Memori')?.claimedBy).toBe('petugas-1');
      expect(await replayCase(engine, id)).toMatchObject({ intact: true });
      const view = await engine.correlateMessage('PencabutanKasasi', { caseId: id }, { at: '2026-01-19T09:00:00+07:00' });
      expect(view.activeSteps.map((s) => [s.id, s.claimedBy])).toEqual([['CatatCabut', undefined]]);
      expect(await replayCase(engine, id)).toMatchObject({ intact: true });
    });

    it('correlates messages by business key and broadcasts signals to the cases that wait', async () => {
      const engine = await engineOn(store);
      await engine.deployXml(fixture(compileDir, 'events.intermediate.bpmn'));
      const process = engine.definitions()[0];
      const message = process?.awaits.find((a) => a.startsWith('MESSAGE.'))?.slice('MESSAGE.'.length) as string;
      expect(message).toBeTruthy();
      const { id } = await engine.startCase(process?.processId as string, { at: T0, businessKey: 'perkara-9' });
      await expect(engine.correlateMessage(message, { businessKey: 'perkara-9' })).rejects.toMatchObject({ code: 'MESSAGE_NOT_EXPECTED' });
      await engine.completeStep(id, 'Kirim', { at: '2026-01-05T08:30:00+07:00' });
      await expect(engine.correlateMessage(message, { businessKey: 'perkara-lain' })).rejects.toMatchObject({ code: 'MESSAGE_NOT_EXPECTED' });
      const view = await engine.correlateMessage(message, { businessKey: 'perkara-9' }, { at: '2026-01-05T09:00:00+07:00' });
      expect(view.id).toBe(id);
      expect(view.entries.map((h) => h.event)).toEqual([`MESSAGE.${message}`]);
      expect(await engine.sendSignal('tidak-ditunggu')).toEqual([]);
      expect(await replayCase(engine, id)).toMatchObject({ intact: true });
    });

    it('starts the cases of a recurring SOP on schedule, once, from the timer table', async () => {
      const engine = await engineOn(store);
      await engine.deployXml(fixture(runtimeDir, 'startSchedule.rutin.bpmn'), { at: T0 });
      const due = await store.nextTimerDue();
      expect(due).toBeDefined();
      const other = await restarted();
      const [a, b] = await Promise.all([engine.fireDueTimers(due), other.fireDueTimers(due)]);
      expect((a ?? 0) + (b ?? 0)).toBeGreaterThanOrEqual(1);
      const started = await store.listCases();
      expect(started.length).toBe(a + b);
      expect(new Set(started.map((c) => c.processId)).size).toBe(started.length);
      expect(await store.nextTimerDue()).not.toBe(due);
      expect((await replayAll(other)).bad).toEqual([]);
    });
  });
}

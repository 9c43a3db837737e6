/**
 * Issue 19 (perdata): the perdata SOPs follow the law where the book's cells do not.
 * - makro-perkara-perdata: the banding window opens at the putusan and counts 14 days from it
 *   (Pasal 7 ayat (1) UU No. 20 Tahun 1947), on the in-memory and the durable engine across a restart;
 *   the kasasi window opens only once the putusan banding has arrived from the Pengadilan Tinggi and
 *   been notified (Pasal 46 ayat (1) UU No. 14 Tahun 1985).
 * - perdata-C row 8: waits for the Mahkamah Agung's putusan (a message), and its "3 Hari setelah
 *   putusan diterima" counts from that message.
 * - perdata-A row 6: the tenggang waktu pemanggilan is a wait before the hearing (Pasal 122 HIR).
 * - Each party's statement (banding, kasasi, PK) is received once, by the macro within its window;
 *   perdata-B/C/D start at its receipt and do not ask for it again (book V.B, V.C row 1, V.D row 2).
 * - perdata-B row 5 ("30 Hari … terhitung tanggal pengucapan putusan") counts from the putusan date
 *   the macro received with `putusan-diucapkan` and passes down (sop:masukan).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deployCatalogue } from '../../src/catalogue/deployCatalogue.ts';
import { CaseEngine } from '../../src/runtime/caseEngine.ts';
import type { CaseView } from '../../src/runtime/caseView.ts';
import { DurableEngine } from '../../src/store/durableEngine.ts';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.ts';
import { catalogueEngine, completeAllSteps, fillForm, type Choose } from './formDriver.ts';

const catalogue = await deployCatalogue(new CaseEngine({ scheduleStarts: false }));
const choose: Choose = ({ field }) => field.values?.[0]?.value;

const engine = (): CaseEngine => catalogueEngine(catalogue);

const runAll = completeAllSteps;

const childOf = (e: CaseEngine, processId: string): CaseView => {
  const found = e.listCases().find((c) => c.processId === processId);
  if (!found) throw new Error(`no ${processId} case`);
  return found;
};

const visited = (view: CaseView) => view.history.flatMap((h) => h.visited);

/** A perdata case up to the putusan: perdata-A run through, the tenggang pemanggilan waited out. */
function toPutusan(e: CaseEngine): string {
  const root = e.startCase('makro-perkara-perdata', { at: '2026-04-06T08:00:00+07:00' });
  runAll(e, '2026-04-07T09:00:00+07:00'); // up to the summons
  e.fireDueTimers('2026-04-20T00:00:00+07:00'); // tenggang waktu pemanggilan
  runAll(e, '2026-04-20T09:00:00+07:00'); // hearing, putusan, minutasi
  return root.id;
}

describe('perdata-A: the tenggang waktu pemanggilan is a wait before the hearing (Pasal 122 HIR, book V.A row 6)', () => {
  it('opens the hearing only when 7 days and 3 hari kerja have passed since the summons', () => {
    const e = engine();
    const a = e.startCase('perdata-A', { at: '2026-03-16T08:00:00+07:00' });
    runAll(e, '2026-03-17T09:00:00+07:00'); // summons served Tuesday 17 March 2026, before Lebaran
    expect(e.getCase(a.id).activeSteps.map((s) => s.id)).toEqual([]);
    expect(() => e.completeStep(a.id, 'Langkah_8', { at: '2026-03-18T09:00:00+07:00' })).toThrow();
    // 7 calendar days end on 24 March, but 18-24 March are closed (Nyepi, Idul Fitri, cuti bersama):
    // the third working day after the summons is Friday 27 March.
    e.fireDueTimers('2026-03-25T00:00:00+07:00');
    expect(e.getCase(a.id).activeSteps.map((s) => s.id)).toEqual([]);
    e.fireDueTimers('2026-03-28T00:00:00+07:00');
    expect(e.getCase(a.id).activeSteps.map((s) => s.id)).toEqual(['Langkah_8']);
    expect(e.getCase(a.id).activeSteps[0]?.startedAt).toBe('2026-03-27T23:59:59+07:00');
  });
});

describe('makro-perkara-perdata: the banding window counts 14 days from the putusan (Pasal 7 ayat (1) UU No. 20 Tahun 1947)', () => {
  it('accepts the banding statement before minutasi ends, and the window closes 14 days after the putusan', () => {
    const e = engine();
    const root = e.startCase('makro-perkara-perdata', { at: '2026-04-06T08:00:00+07:00' });
    runAll(e, '2026-04-07T09:00:00+07:00');
    e.fireDueTimers('2026-04-20T00:00:00+07:00');
    // The putusan is pronounced and recorded on 21 April; minutasi (perdata-A row 11) is still open.
    const a = childOf(e, 'perdata-A');
    for (const step of ['Langkah_8', 'Langkah_9', 'Langkah_10']) e.completeStep(a.id, step, { at: '2026-04-21T10:00:00+07:00' });
    expect(e.getCase(a.id).activeSteps.map((s) => s.id)).toEqual(['Langkah_11']);
    e.correlateMessage('putusan-diucapkan', { caseId: root.id }, { at: '2026-04-21T11:00:00+07:00', data: { pihakHadir: true } });
    expect(e.timers.forCase(root.id).find((t) => t.key === 'BatasBanding')?.due).toBe('2026-05-05T23:59:59+07:00');
    e.correlateMessage('PernyataanBanding', { caseId: root.id }, { at: '2026-04-24T09:00:00+07:00' });
    expect(childOf(e, 'perdata-B').status).toBe('active');
    expect(e.getCase(a.id).status).toBe('active');
  });

  it('ends "berkekuatan hukum tetap" when no banding is filed within 14 days of the putusan, then waits for minutasi', () => {
    const e = engine();
    const rootId = toPutusan(e);
    e.correlateMessage('putusan-diucapkan', { caseId: rootId }, { at: '2026-04-21T11:00:00+07:00', data: { pihakHadir: true } });
    e.fireDueTimers('2026-05-05T23:00:00+07:00');
    expect(visited(e.getCase(rootId))).not.toContain('BatasBanding');
    e.fireDueTimers('2026-05-06T00:00:00+07:00');
    const view = e.getCase(rootId);
    expect(view.status).toBe('completed');
    expect(visited(view)).toContain('Inkracht');
    expect(e.listCases().map((c) => c.processId)).not.toContain('perdata-B');
  });

  it('for a party absent at the putusan, opens the window only when the putusan is notified, and counts 14 days from the relaas', () => {
    const e = engine();
    const rootId = toPutusan(e);
    e.correlateMessage('putusan-diucapkan', { caseId: rootId }, { at: '2026-04-21T11:00:00+07:00', data: { pihakHadir: false, putusanDiucapkan: '2026-04-21' } });
    // No window yet: a banding statement is not expected, and 14 days after the putusan close nothing.
    expect(e.timers.forCase(rootId).find((t) => t.key === 'BatasBanding')).toBeUndefined();
    expect(() => e.correlateMessage('PernyataanBanding', { caseId: rootId }, { at: '2026-04-24T09:00:00+07:00' })).toThrow(expect.objectContaining({ code: 'MESSAGE_NOT_EXPECTED' }));
    e.fireDueTimers('2026-05-20T00:00:00+07:00');
    expect(e.getCase(rootId).status).toBe('active');
    expect(visited(e.getCase(rootId))).not.toContain('Inkracht');
    // The relaas of Monday 11 May is recorded on 13 May: 14 days from 11 May end on Monday 25 May.
    e.correlateMessage('putusan-diberitahukan', { caseId: rootId }, { at: '2026-05-13T10:00:00+07:00', data: { putusanDiberitahukan: '2026-05-11' } });
    const window = e.timers.forCase(rootId).find((t) => t.key === 'BatasBanding');
    expect(window?.due).toBe('2026-05-25T23:59:59+07:00');
    e.fireDueTimers('2026-05-25T23:00:00+07:00');
    e.correlateMessage('PernyataanBanding', { caseId: rootId }, { at: '2026-05-25T23:30:00+07:00' });
    expect(childOf(e, 'perdata-B').status).toBe('active');
  });

  it('for a party absent at the putusan, ends "berkekuatan hukum tetap" 14 days after the notification, not after the putusan', () => {
    const e = engine();
    const rootId = toPutusan(e);
    e.correlateMessage('putusan-diucapkan', { caseId: rootId }, { at: '2026-04-21T11:00:00+07:00', data: { pihakHadir: false } });
    e.correlateMessage('putusan-diberitahukan', { caseId: rootId }, { at: '2026-04-28T10:00:00+07:00' });
    e.fireDueTimers('2026-05-12T23:00:00+07:00');
    expect(e.getCase(rootId).status).toBe('active');
    e.fireDueTimers('2026-05-13T00:00:00+07:00');
    expect(visited(e.getCase(rootId))).toContain('Inkracht');
  });

  it('tells the office which outside event the case waits for now, with its form and who records it', () => {
    const e = engine();
    const rootId = toPutusan(e);
    const awaiting = () => e.getCase(rootId).awaiting.map((a) => `${a.message} ${a.label} [${a.recordedByNames.join(', ')}]`);
    expect(awaiting()).toEqual(['putusan-diucapkan Putusan diucapkan (dicatat dalam register) [Panitera Muda Perdata]']);
    expect(e.getCase(rootId).awaiting[0]?.form?.components.map((c) => c.key).sort()).toEqual(['pihakHadir', 'putusanDiucapkan']);
    e.correlateMessage('putusan-diucapkan', { caseId: rootId }, { at: '2026-04-21T11:00:00+07:00', data: { pihakHadir: false } });
    expect(awaiting()).toEqual(['putusan-diberitahukan Putusan diberitahukan kepada pihak yang tidak hadir [Panitera Muda Perdata]']);
    e.correlateMessage('putusan-diberitahukan', { caseId: rootId }, { at: '2026-04-28T10:00:00+07:00' });
    expect(awaiting()).toEqual(['PernyataanBanding Pernyataan banding diterima [Panitera Muda Perdata]']);
    e.fireDueTimers('2026-05-13T00:00:00+07:00');
    expect(e.getCase(rootId).awaiting).toEqual([]);
  });

  it('refuses the putusan message without saying whether every party was present', () => {
    const e = engine();
    const rootId = toPutusan(e);
    expect(() => e.correlateMessage('putusan-diucapkan', { caseId: rootId }, { at: '2026-04-21T11:00:00+07:00' }))
      .toThrow(expect.objectContaining({ code: 'BAD_STEP_DATA', message: expect.stringContaining('Semua pihak hadir') }));
    expect(e.getCase(rootId).activeSteps.map((s) => s.id)).toContain('PutusanDiucapkan');
  });

  it('keeps the window across a restart of the durable engine over SQLite', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'protap-perdata-')), 'protap.db');
    let counter = 0;
    const open = async () => {
      const d = await DurableEngine.open({ store: new SqliteStore(path), clock: () => '2026-04-06T08:00:00+07:00', newId: () => `kasus-${++counter}` });
      return d;
    };
    let d = await open();
    await deployCatalogue(d);
    const root = await d.startCase('makro-perkara-perdata', { at: '2026-04-06T08:00:00+07:00' });
    const completeAll = async (at: string) => {
      for (let guard = 0; guard < 200; guard++) {
        const cases = [root.id, ...((await d.getCase(root.id)).activeSteps.flatMap((s) => s.childCases ?? []))];
        const views = await Promise.all(cases.map((id) => d.getCase(id)));
        const open = views.flatMap((c) => c.activeSteps.filter((s) => s.completion === 'person').map((s) => ({ c, s })))[0];
        if (!open) return;
        const data = fillForm(open.s.form, { processId: open.c.processId, caseId: open.c.id, node: open.s.id, round: 1 }, choose);
        await d.completeStep(open.c.id, open.s.id, { at, ...(data ? { data } : {}) });
      }
    };
    await completeAll('2026-04-07T09:00:00+07:00');
    await d.fireDueTimers('2026-04-20T00:00:00+07:00');
    await completeAll('2026-04-21T10:00:00+07:00');
    await d.correlateMessage('putusan-diucapkan', { caseId: root.id }, { at: '2026-04-21T11:00:00+07:00', data: { pihakHadir: true } });
    await d.store.close();

    d = await open();
    expect((await d.store.timers(root.id)).find((t) => t.key === 'BatasBanding')?.due).toBe('2026-05-05T23:59:59+07:00');
    await d.fireDueTimers('2026-05-05T23:00:00+07:00');
    expect((await d.getCase(root.id)).status).toBe('active');
    await d.fireDueTimers('2026-05-06T00:00:00+07:00');
    const view = await d.getCase(root.id);
    expect(view.status).toBe('completed');
    expect(visited(view)).toContain('Inkracht');
    await d.store.close();
  });
});

describe('the steps that wait for the Pengadilan Tinggi\'s and the Mahkamah Agung\'s putusan', () => {
  it('perdata-B: the kasasi window of the macro opens only after the putusan banding arrives and is notified', () => {
    const e = engine();
    const rootId = toPutusan(e);
    e.correlateMessage('putusan-diucapkan', { caseId: rootId }, { at: '2026-04-21T11:00:00+07:00', data: { pihakHadir: true } });
    e.correlateMessage('PernyataanBanding', { caseId: rootId }, { at: '2026-04-24T09:00:00+07:00' });
    runAll(e, '2026-04-27T09:00:00+07:00');
    const banding = childOf(e, 'perdata-B');
    expect(banding.activeSteps.map((s) => s.id)).toEqual(['PutusanBandingDiterima']);
    expect(banding.activeSteps[0]?.pelaksana).toBe('panmud-perdata');
    expect(() => e.completeStep(banding.id, 'PutusanBandingDiterima', { at: '2026-04-28T09:00:00+07:00' })).toThrow();
    e.fireDueTimers('2026-12-31T00:00:00+07:00');
    expect(e.timers.forCase(rootId).map((t) => t.key)).not.toContain('BatasKasasi');
    expect(e.getCase(rootId).status).toBe('active');
    e.correlateMessage('putusan-banding-diterima', { caseId: banding.id }, { at: '2027-01-04T09:00:00+07:00' });
    expect(e.getCase(banding.id).activeSteps.find((s) => s.id === 'Langkah_7')?.due).toBe('2027-01-07T23:59:59+07:00');
    e.completeStep(banding.id, 'Langkah_7', { at: '2027-01-05T09:00:00+07:00' });
    expect(e.timers.forCase(rootId).find((t) => t.key === 'BatasKasasi')?.due).toBe('2027-01-19T23:59:59+07:00');
  });

  it('perdata-C row 8: notifies the putusan kasasi only after it is received, 3 days counted from its receipt', () => {
    const e = engine();
    const c = e.startCase('perdata-C', { at: '2026-04-06T08:00:00+07:00' });
    runAll(e, '2026-04-07T09:00:00+07:00');
    expect(e.getCase(c.id).activeSteps.map((s) => [s.id, s.pelaksana])).toEqual([['PutusanDiterima', 'panmud-perdata']]);
    expect(() => e.completeStep(c.id, 'Langkah_8', { at: '2026-04-08T09:00:00+07:00' })).toThrow();
    e.correlateMessage('putusan-kasasi-diterima', { caseId: c.id }, { at: '2026-09-14T10:00:00+07:00' });
    const step = e.getCase(c.id).activeSteps.find((s) => s.id === 'Langkah_8');
    expect(step?.due).toBe('2026-09-17T23:59:59+07:00');
    expect(step?.dueExplanation).toContain('putusan diterima');
  });
});

/** The open or completed steps of a case whose waktu is a party's window ("dalam tenggang waktu"). */
function windowSteps(e: CaseEngine, view: CaseView): string[] {
  const steps = e.definition(view.processId, view.version).steps;
  const ids = new Set([...view.history.flatMap((h) => h.stepsStarted), ...view.activeSteps.map((s) => s.id)]);
  return [...ids].filter((id) => (steps.get(id)?.waktuSpec as { window?: boolean } | undefined)?.window === true);
}

describe('each party statement is received once: the macro guards the window, the micro SOP starts at its receipt (issue 19 item 4, perdata)', () => {
  /** Banding and kasasi filed in time, each decision received, then PK filed and decided. */
  function throughPK(e: CaseEngine): string {
    const rootId = toPutusan(e);
    e.correlateMessage('putusan-diucapkan', { caseId: rootId }, { at: '2026-04-21T11:00:00+07:00', data: { pihakHadir: true } });
    e.correlateMessage('PernyataanBanding', { caseId: rootId }, { at: '2026-04-24T09:00:00+07:00' });
    runAll(e, '2026-04-27T09:00:00+07:00');
    e.correlateMessage('putusan-banding-diterima', { caseId: childOf(e, 'perdata-B').id }, { at: '2026-08-03T09:00:00+07:00' });
    runAll(e, '2026-08-04T09:00:00+07:00');
    e.correlateMessage('PernyataanKasasi', { caseId: rootId }, { at: '2026-08-10T09:00:00+07:00' });
    runAll(e, '2026-08-11T09:00:00+07:00');
    e.correlateMessage('putusan-kasasi-diterima', { caseId: childOf(e, 'perdata-C').id }, { at: '2027-02-01T09:00:00+07:00' });
    runAll(e, '2027-02-02T09:00:00+07:00');
    e.correlateMessage('PermohonanPK', { caseId: rootId }, { at: '2027-02-08T09:00:00+07:00' });
    runAll(e, '2027-02-09T09:00:00+07:00');
    e.correlateMessage('putusan-pk-diterima', { caseId: childOf(e, 'perdata-D').id }, { at: '2027-06-01T09:00:00+07:00' });
    runAll(e, '2027-06-02T09:00:00+07:00');
    return rootId;
  }

  it('records the banding, kasasi and PK statements once each along banding → kasasi → PK', () => {
    const e = engine();
    const rootId = throughPK(e);
    const root = e.getCase(rootId);
    expect(root.status).toBe('completed');
    const messages = (name: string) => root.history.filter((h) => h.event === `MESSAGE.${name}`).length;
    const counts = Object.fromEntries(([['banding', 'PernyataanBanding', 'perdata-B'], ['kasasi', 'PernyataanKasasi', 'perdata-C'], ['pk', 'PermohonanPK', 'perdata-D']] as const)
      .map(([upaya, message, processId]) => [upaya, { macro: messages(message), child: windowSteps(e, childOf(e, processId)).length }]));
    expect(counts).toEqual({ banding: { macro: 1, child: 0 }, kasasi: { macro: 1, child: 0 }, pk: { macro: 1, child: 0 } });
    // The parties' lanes in the children hold no statement step: no step asks a party to file again.
    for (const processId of ['perdata-B', 'perdata-C', 'perdata-D']) {
      const steps = [...e.definition(processId).steps.values()];
      expect(steps.filter((s) => /^Mengajukan (permohonan|pernyataan)/i.test(s.name ?? '')).map((s) => s.id)).toEqual([]);
    }
  });

  it('starts each micro SOP at the statement\'s receipt, with the court\'s first duty open at once', () => {
    const e = engine();
    const rootId = toPutusan(e);
    e.correlateMessage('putusan-diucapkan', { caseId: rootId }, { at: '2026-04-21T11:00:00+07:00', data: { pihakHadir: true } });
    e.correlateMessage('PernyataanBanding', { caseId: rootId }, { at: '2026-04-24T09:00:00+07:00' });
    const banding = childOf(e, 'perdata-B');
    expect(banding.startedAt).toBe('2026-04-24T09:00:00+07:00');
    expect(e.definition('perdata-B').nodes.get('Mulai')?.name).toBe('Pernyataan banding diterima');
    expect(banding.activeSteps.map((s) => [s.id, s.pelaksana])).toEqual([['Langkah_2', 'jurusita']]);

    const c = e.startCase('perdata-C', { at: '2026-08-10T09:00:00+07:00' });
    expect(e.getCase(c.id).activeSteps.map((s) => [s.id, s.pelaksana, s.due])).toEqual([['Langkah_2', 'jurusita', '2026-08-13T23:59:59+07:00']]);
    // Row 3's 14 days count from the pernyataan kasasi (its akta date), not from the notification to the termohon.
    e.completeStep(c.id, 'Langkah_2', { at: '2026-08-13T09:00:00+07:00', data: { pernyataanKasasiDiterima: '2026-08-10' } });
    expect(e.getCase(c.id).activeSteps.find((s) => s.id === 'Langkah_3')?.due).toBe('2026-08-24T23:59:59+07:00');

    const d = e.startCase('perdata-D', { at: '2027-02-08T09:00:00+07:00' });
    expect(e.getCase(d.id).activeSteps.map((s) => [s.id, s.pelaksana, s.due])).toEqual([['Langkah_1', 'panmud-perdata', '2027-02-09T23:59:59+07:00']]);
  });
});

describe('perdata-B row 5 counts from the putusan the macro received (book V.B row 5: "terhitung tanggal pengucapan putusan")', () => {
  it('passes the putusan date down: the file is due at the Pengadilan Tinggi 30 days after the putusan, not after perdata-B began', () => {
    const e = engine();
    const rootId = toPutusan(e);
    // Pronounced Friday 17 April, recorded and reported on Tuesday 21 April.
    e.correlateMessage('putusan-diucapkan', { caseId: rootId }, { at: '2026-04-21T11:00:00+07:00', data: { pihakHadir: true, putusanDiucapkan: '2026-04-17' } });
    expect(e.timers.forCase(rootId).find((t) => t.key === 'BatasBanding')?.due).toBe('2026-05-04T23:59:59+07:00') // 1 May (Hari Buruh) → Monday 4 May;
    e.correlateMessage('PernyataanBanding', { caseId: rootId }, { at: '2026-04-30T09:00:00+07:00' });
    const banding = childOf(e, 'perdata-B');
    expect(banding.vars.putusanDiucapkan).toBe('2026-04-17');
    runAll(e, '2026-05-04T09:00:00+07:00');
    const row5 = e.getCase(banding.id).history.flatMap((h) => h.deadlines).find((d) => d.step === 'Langkah_5');
    // 17 April + 30 days = Sunday 17 May, moved to Monday 18 May (R3); counted from perdata-B it would be 3 June.
    expect(row5?.due).toBe('2026-05-18T23:59:59+07:00');
    expect(row5?.explanation).toContain('putusan diucapkan');
  });

  it('takes the putusan date with the register\'s message, as a date, and counts the banding window from it', () => {
    const e = engine();
    const rootId = toPutusan(e);
    expect(() => e.correlateMessage('putusan-diucapkan', { caseId: rootId }, { at: '2026-04-21T11:00:00+07:00', data: { pihakHadir: true, putusanDiucapkan: '17 April' } }))
      .toThrow(expect.objectContaining({ code: 'BAD_STEP_DATA', message: expect.stringContaining('Tanggal putusan diucapkan') }));
    e.correlateMessage('putusan-diucapkan', { caseId: rootId }, { at: '2026-04-21T11:00:00+07:00', data: { pihakHadir: true, putusanDiucapkan: '2026-04-20' } });
    expect(e.getCase(rootId).vars.putusanDiucapkan).toBe('2026-04-20');
    expect(e.timers.forCase(rootId).find((t) => t.key === 'BatasBanding')?.due).toBe('2026-05-04T23:59:59+07:00');
  });
});

afterAll(() => undefined);

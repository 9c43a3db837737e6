/**
 * Issue 19 (pidana): the perkara pidana SOPs count each window from the event KUHAP counts it from,
 * and wait for the decisions that come from outside the court.
 * - makro-perkara-pidana: the banding window (7 Hari) counts from the putusan, or from its
 *   notification to a terdakwa who was absent (KUHAP Pasal 233 ayat (2)); the kasasi window
 *   (`BatasKasasi`, 14 Hari) opens only once the Pengadilan Tinggi's putusan has arrived
 *   (`putusan-banding-diterima`) and been notified (`putusan-banding-diberitahukan`), and counts
 *   from the notification (Pasal 245 ayat (1)); no "berkekuatan hukum tetap" end for banding
 *   before a banding putusan exists (Pasal 246 ayat (1)); the banding file goes to the Pengadilan
 *   Tinggi once. On the in-memory engine and on the durable one (SQLite) across a restart.
 * - pidana-B row 6: "14 Hari setelah pernyataan banding diterima" counts from the pernyataan.
 * - pidana-C row 9: waits for the Mahkamah Agung's putusan (`putusan-kasasi-diterima`) and counts
 *   its 1 Hari from it.
 *
 * PROTAP_CATALOGUE_DIR runs the same tests on another catalogue folder, e.g. the files before
 * issue 19: `git archive 605274f processes | tar -x -C /tmp/old` and
 * `PROTAP_CATALOGUE_DIR=/tmp/old/processes npx vitest run test/catalogue/pidanaLaw.spec.ts`
 * (every test fails there).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployCatalogue } from '../../src/catalogue/deployCatalogue.ts';
import { CaseEngine } from '../../src/runtime/caseEngine.ts';
import type { CaseView } from '../../src/runtime/caseView.ts';
import { DurableEngine } from '../../src/store/durableEngine.ts';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.ts';
import { catalogueEngine, fillForm, type Choose } from './formDriver.ts';

const dir = process.env.PROTAP_CATALOGUE_DIR || undefined;
const catalogue = await deployCatalogue(new CaseEngine({ scheduleStarts: false }), dir);

/** The answers of a banding case: the terdakwa present at the putusan and detained, the banding not withdrawn, no kasasi. */
const BANDING = { terdakwaHadir: true, terdakwaDitahan: true, bandingDicabut: false, banding: true, kasasi: false } as const;

const engine = (): CaseEngine => catalogueEngine(catalogue);

/** A form filled: a question by `answers` (by key), else its first offered answer; other fields by `answers` or a plain value. */
function filled(form: Parameters<typeof fillForm>[0], where: { processId: string; caseId: string; node: string }, answers: Record<string, unknown>) {
  const choose: Choose = ({ field }) => (field.key in answers ? answers[field.key] : field.values?.[0]?.value);
  const data = fillForm(form, { ...where, round: 1 }, choose);
  if (!data) return undefined;
  for (const key of Object.keys(data)) if (key in answers) data[key] = answers[key];
  return data;
}

/**
 * Completes every open person step of every active case, each with its form filled, until none is
 * left or `stop` says so for the next one; `at` gives the instant of each completion.
 */
function runAll(e: CaseEngine, at: string | ((c: CaseView) => string), answers: Record<string, unknown> = BANDING, stop?: (c: CaseView, stepName: string) => boolean): void {
  for (let guard = 0; guard < 500; guard++) {
    const open = e.listCases().filter((c) => c.status === 'active')
      .flatMap((c) => c.activeSteps.filter((s) => s.completion === 'person').map((s) => ({ c, s })))[0];
    if (!open || stop?.(open.c, open.s.name ?? '')) return;
    const data = filled(open.s.form, { processId: open.c.processId, caseId: open.c.id, node: open.s.id }, answers);
    e.completeStep(open.c.id, open.s.id, { at: typeof at === 'string' ? at : at(open.c), ...(data ? { data } : {}) });
  }
  throw new Error('steps do not finish');
}

const visited = (view: CaseView) => view.history.flatMap((h) => h.visited);
const caseOf = (e: CaseEngine, processId: string): CaseView | undefined => e.listCases().find((c) => c.processId === processId);
const kasasiTimer = (e: CaseEngine, rootId: string) => e.timers.forCase(rootId).find((t) => t.key === 'BatasKasasi');
const bandingTimer = (e: CaseEngine, rootId: string) => e.timers.forCase(rootId).find((t) => t.key === 'BatasBanding');

/** The ends of makro-perkara-pidana at which a putusan is final ("berkekuatan hukum tetap", or kasasi not accepted). */
const FINAL_ENDS = new Set(['Inkracht', 'InkrachtBanding', 'SelesaiDicabut', 'SelesaiTidakDiterima', 'SelesaiKasasi']);

/** A pidana case through the putusan (terdakwa present, 7 April 2026) and a banding filed on 9 April, pidana-B done on 10 April. */
function throughBanding(e: CaseEngine): string {
  const root = e.startCase('makro-perkara-pidana', { at: '2026-04-06T08:00:00+07:00' });
  runAll(e, '2026-04-07T10:00:00+07:00');
  e.correlateMessage('PernyataanBanding', { caseId: root.id }, { at: '2026-04-09T09:00:00+07:00' });
  runAll(e, '2026-04-10T09:00:00+07:00');
  return root.id;
}

describe('makro-perkara-pidana: the kasasi window opens when the banding putusan is notified (KUHAP Pasal 245 ayat (1))', () => {
  it('arms BatasKasasi neither before the putusan banding arrives nor before it is notified, then 14 days after the notification', () => {
    const e = engine();
    const rootId = throughBanding(e);
    expect(caseOf(e, 'pidana-B')?.status).toBe('completed');
    expect(kasasiTimer(e, rootId)).toBeUndefined();
    // Months pass without a banding putusan: nothing closes.
    e.fireDueTimers('2026-09-30T00:00:00+07:00');
    expect(kasasiTimer(e, rootId)).toBeUndefined();
    expect(e.getCase(rootId).status).toBe('active');
    e.correlateMessage('putusan-banding-diterima', { caseId: rootId }, { at: '2026-10-01T09:00:00+07:00' });
    e.fireDueTimers('2026-12-31T00:00:00+07:00');
    expect(kasasiTimer(e, rootId)).toBeUndefined();
    expect(e.getCase(rootId).status).toBe('active');
    // Notified to the terdakwa on Monday 4 January 2027: 14 days end on Monday 18 January.
    e.correlateMessage('putusan-banding-diberitahukan', { caseId: rootId }, { at: '2027-01-04T09:00:00+07:00' });
    expect(kasasiTimer(e, rootId)?.due).toBe('2027-01-18T23:59:59+07:00');
  });

  it('never ends "berkekuatan hukum tetap" for banding before a banding putusan exists; after it, when the 14 days lapse', () => {
    const e = engine();
    const rootId = throughBanding(e);
    e.fireDueTimers('2027-12-31T00:00:00+07:00');
    const waiting = e.getCase(rootId);
    expect(waiting.status).toBe('active');
    expect(visited(waiting).filter((n) => FINAL_ENDS.has(n))).toEqual([]);
    e.correlateMessage('putusan-banding-diterima', { caseId: rootId }, { at: '2028-01-03T09:00:00+07:00' });
    e.correlateMessage('putusan-banding-diberitahukan', { caseId: rootId }, { at: '2028-01-05T09:00:00+07:00' });
    e.fireDueTimers('2028-01-19T23:00:00+07:00');
    expect(e.getCase(rootId).status).toBe('active');
    e.fireDueTimers('2028-01-20T00:00:00+07:00');
    const view = e.getCase(rootId);
    expect(view.status).toBe('completed');
    expect(visited(view).slice(-2)).toEqual(['BatasKasasi', 'InkrachtBanding']);
  });

  it('sends the banding file to the Pengadilan Tinggi exactly once along the banding path', () => {
    const e = engine();
    const rootId = throughBanding(e);
    const name = 'Mengirim berkas perkara banding ke Pengadilan Tinggi';
    const runs = e.listCases().flatMap((c) => {
      const definition = e.definition(c.processId, c.version);
      return visited(c).filter((node) => definition.steps.get(node)?.name === name).map((node) => `${c.processId}/${node}`);
    });
    expect(runs).toEqual(['pidana-B/Langkah_6']);
    expect(e.getCase(rootId).status).toBe('active');
  });
});

describe('makro-perkara-pidana: the banding window counts 7 days from the putusan, or from its notification to an absent terdakwa (KUHAP Pasal 233 ayat (2))', () => {
  it('counts from the putusan (row 5 of pidana-A), not from later work', () => {
    const e = engine();
    const root = e.startCase('makro-perkara-pidana', { at: '2026-04-06T08:00:00+07:00' });
    // The putusan is pronounced on Tuesday 7 April; anything the old pidana-A did after it is done on 10 April.
    const putusanDone = (c: CaseView) => c.processId === 'pidana-A' && visited(c).includes('Langkah_5') && !c.activeSteps.some((s) => s.id === 'Langkah_5');
    runAll(e, (c) => (putusanDone(c) ? '2026-04-10T09:00:00+07:00' : '2026-04-07T10:00:00+07:00'));
    expect(bandingTimer(e, root.id)?.due).toBe('2026-04-14T23:59:59+07:00');
    e.fireDueTimers('2026-04-15T00:00:00+07:00');
    expect(visited(e.getCase(root.id)).slice(-2)).toEqual(['BatasBanding', 'Inkracht']);
  });

  it('waits for putusan-diberitahukan when the terdakwa was absent, and counts 7 days from it', () => {
    const e = engine();
    const root = e.startCase('makro-perkara-pidana', { at: '2026-04-06T08:00:00+07:00' });
    runAll(e, '2026-04-07T10:00:00+07:00', { ...BANDING, terdakwaHadir: false, banding: false });
    expect(bandingTimer(e, root.id)).toBeUndefined();
    e.fireDueTimers('2026-06-30T00:00:00+07:00');
    expect(e.getCase(root.id).status).toBe('active');
    expect(visited(e.getCase(root.id))).not.toContain('Inkracht');
    // Notified on Wednesday 1 July 2026: the window ends on Wednesday 8 July.
    e.correlateMessage('putusan-diberitahukan', { caseId: root.id }, { at: '2026-07-01T09:00:00+07:00' });
    expect(bandingTimer(e, root.id)?.due).toBe('2026-07-08T23:59:59+07:00');
    e.correlateMessage('PernyataanBanding', { caseId: root.id }, { at: '2026-07-08T09:00:00+07:00' });
    expect(caseOf(e, 'pidana-B')?.status).toBe('active');
  });
});

describe('pidana-B row 6: "14 Hari setelah pernyataan banding diterima" counts from the pernyataan (calendar days, docs/waktu.md R2)', () => {
  it('is due 30 March 2026 for a pernyataan received Monday 16 March, although the step starts on 19 March', () => {
    const e = engine();
    const b = e.startCase('pidana-B', { at: '2026-03-16T08:00:00+07:00' });
    const name = 'Mengirim berkas perkara banding ke Pengadilan Tinggi';
    let first = true;
    runAll(e, () => (first ? ((first = false), '2026-03-16T10:00:00+07:00') : '2026-03-19T09:00:00+07:00'),
      { ...BANDING, pernyataanBandingDiterima: '2026-03-16' }, (_c, stepName) => stepName === name);
    const step = e.getCase(b.id).activeSteps.find((s) => s.name === name);
    expect(step?.startedAt).toBe('2026-03-19T09:00:00+07:00');
    expect(step?.due).toBe('2026-03-30T23:59:59+07:00');
  });
});

describe('pidana-C row 9: the Mahkamah Agung\'s putusan kasasi is awaited, and row 9 counts from its receipt', () => {
  /** A kasasi case (terdakwa detained, memori in time) up to the file sent to the Mahkamah Agung. */
  function sent(e: CaseEngine): string {
    const c = e.startCase('pidana-C', { at: '2026-04-06T08:00:00+07:00', vars: { terdakwaDitahan: true } });
    runAll(e, '2026-04-07T09:00:00+07:00', { terdakwaDitahan: true, syaratFormalKasasi: 'memenuhi', kontraMemori: false, putusanBebas: true },
      (_c, stepName) => /Mencatat putusan kasasi|salinan putusan kasasi bebas/.test(stepName));
    return c.id;
  }

  it('waits in the Panitera Muda Pidana\'s lane for putusan-kasasi-diterima, whatever the clock says', () => {
    const e = engine();
    const id = sent(e);
    e.fireDueTimers('2027-06-30T00:00:00+07:00');
    const waiting = e.getCase(id);
    expect(waiting.status).toBe('active');
    expect(waiting.activeSteps.map((s) => [s.id, s.pelaksana, s.completion])).toEqual([['PutusanKasasiDiterima', 'panmud-pidana', 'message']]);
    expect(() => e.completeStep(id, 'PutusanKasasiDiterima', { at: '2026-04-08T09:00:00+07:00' })).toThrow();
  });

  it('asks "diputus bebas?" only after the putusan arrives; row 9 is due 1 day after its receipt', () => {
    const e = engine();
    const id = sent(e);
    e.correlateMessage('putusan-kasasi-diterima', { caseId: id }, { at: '2026-09-14T10:00:00+07:00' });
    // The amar is recorded on 17 September; row 9 still counts from the receipt on 14 September.
    runAll(e, '2026-09-17T09:00:00+07:00', { terdakwaDitahan: true, putusanBebas: true }, (_c, stepName) => /salinan putusan kasasi bebas/.test(stepName));
    const step = e.getCase(id).activeSteps.find((s) => s.id === 'Langkah_9');
    expect(step?.startedAt).toBe('2026-09-17T09:00:00+07:00');
    expect(step?.due).toBe('2026-09-15T23:59:59+07:00');
  });

  it('makro-perkara-pidana: the kasasi child case ends only after the putusan kasasi is received', () => {
    const e = engine();
    const rootId = throughBanding(e);
    e.correlateMessage('putusan-banding-diterima', { caseId: rootId }, { at: '2026-06-01T09:00:00+07:00' });
    e.correlateMessage('putusan-banding-diberitahukan', { caseId: rootId }, { at: '2026-06-03T09:00:00+07:00' });
    e.correlateMessage('PernyataanKasasi', { caseId: rootId }, { at: '2026-06-05T09:00:00+07:00' });
    const answers = { ...BANDING, syaratFormalKasasi: 'memenuhi', upaya: 'tidak_ada', putusanBebas: false };
    runAll(e, '2026-06-08T09:00:00+07:00', answers);
    const kasasi = caseOf(e, 'pidana-C') as CaseView;
    expect(kasasi.status).toBe('active');
    expect(e.getCase(rootId).status).toBe('active');
    e.correlateMessage('putusan-kasasi-diterima', { caseId: kasasi.id }, { at: '2026-11-02T09:00:00+07:00' });
    runAll(e, '2026-11-03T09:00:00+07:00', answers);
    expect(e.getCase(kasasi.id).status).toBe('completed');
    expect(e.getCase(rootId).status).toBe('completed');
  });
});

describe('makro-perkara-pidana on the durable engine (SQLite), across restarts', () => {
  it('keeps the banding window of an absent terdakwa and the kasasi window waiting for their events, and counts each from it', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'protap-pidana-')), 'protap.db');
    let counter = 0;
    const open = () => DurableEngine.open({ store: new SqliteStore(path), clock: () => '2026-04-06T08:00:00+07:00', newId: () => `kasus-${++counter}` });
    let d = await open();
    await deployCatalogue(d, dir);
    const root = await d.startCase('makro-perkara-pidana', { at: '2026-04-06T08:00:00+07:00' });
    /** The root case and every case below it still running, oldest first. */
    const tree = async (id: string): Promise<CaseView[]> => {
      const view = await d.getCase(id);
      const below = await Promise.all(view.activeSteps.flatMap((s) => s.childCases ?? []).map((child) => tree(child)));
      return [view, ...below.flat()];
    };
    const completeAll = async (at: string, answers: Record<string, unknown>) => {
      for (let guard = 0; guard < 200; guard++) {
        const next = (await tree(root.id)).filter((c) => c.status === 'active')
          .flatMap((c) => c.activeSteps.filter((s) => s.completion === 'person').map((s) => ({ c, s })))[0];
        if (!next) return;
        const data = filled(next.s.form, { processId: next.c.processId, caseId: next.c.id, node: next.s.id }, answers);
        await d.completeStep(next.c.id, next.s.id, { at, ...(data ? { data } : {}) });
      }
      throw new Error('steps do not finish');
    };
    const timer = async (key: string) => (await d.store.timers(root.id)).find((t) => t.key === key);

    // The putusan on 7 April with the terdakwa absent: no banding window yet.
    await completeAll('2026-04-07T10:00:00+07:00', { ...BANDING, terdakwaHadir: false });
    await d.store.close();
    d = await open();
    await d.fireDueTimers('2026-06-30T00:00:00+07:00');
    expect((await d.getCase(root.id)).status).toBe('active');
    expect(await timer('BatasBanding')).toBeUndefined();
    await d.correlateMessage('putusan-diberitahukan', { caseId: root.id }, { at: '2026-07-01T09:00:00+07:00' });
    expect((await timer('BatasBanding'))?.due).toBe('2026-07-08T23:59:59+07:00');
    await d.correlateMessage('PernyataanBanding', { caseId: root.id }, { at: '2026-07-03T09:00:00+07:00' });
    await completeAll('2026-07-06T09:00:00+07:00', BANDING);
    await d.store.close();

    // Restarted months later: still no kasasi window before the banding putusan is received and notified.
    d = await open();
    await d.fireDueTimers('2026-12-31T00:00:00+07:00');
    expect((await d.getCase(root.id)).status).toBe('active');
    expect(await timer('BatasKasasi')).toBeUndefined();
    await d.correlateMessage('putusan-banding-diterima', { caseId: root.id }, { at: '2027-01-04T09:00:00+07:00' });
    expect(await timer('BatasKasasi')).toBeUndefined();
    await d.correlateMessage('putusan-banding-diberitahukan', { caseId: root.id }, { at: '2027-01-04T11:00:00+07:00' });
    await d.store.close();

    d = await open();
    expect((await timer('BatasKasasi'))?.due).toBe('2027-01-18T23:59:59+07:00');
    await d.fireDueTimers('2027-01-18T23:00:00+07:00');
    expect((await d.getCase(root.id)).status).toBe('active');
    await d.fireDueTimers('2027-01-19T00:00:00+07:00');
    const view = await d.getCase(root.id);
    expect(view.status).toBe('completed');
    expect(visited(view).slice(-2)).toEqual(['BatasKasasi', 'InkrachtBanding']);
    await d.store.close();
  });
});

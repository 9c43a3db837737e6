/**
 * Issue 19, item 7 and the aanmaning part of item 10: makro-eksekusi and V.F.2–V.F.5 follow the HIR.
 * - Aanmaning (Pasal 196 HIR): the termohon is warned to comply within 8 days; the case waits for
 *   "termohon-memenuhi-putusan" or the lapse of those 8 days, counted from the aanmaning.
 * - Compliance ends the eksekusi: no sita eksekusi, no lelang.
 * - Not complied with in 8 days: payment of money goes to sita eksekusi (Pasal 197 HIR) and lelang
 *   (Pasal 200 HIR); eksekusi riil goes straight to pengosongan (Pasal 1033 Rv), with no sita case.
 * - The permohonan is checked once (V.F.2 row 1); V.F.3–V.F.5 skip their row 1 when called.
 * - Aanmaning always has its deadline: domisili is a required field of V.F.2 row 1.
 * In memory, and on the durable engine over SQLite across a restart.
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
import { catalogueEngine, completeAllSteps, fillForm, type Choose } from './formDriver.ts';

const catalogue = await deployCatalogue(new CaseEngine({ scheduleStarts: false }));
const first: Choose = ({ field }) => field.values?.[0]?.value;

const engine = (): CaseEngine => catalogueEngine(catalogue);

const runAll = completeAllSteps;

const visited = (view: CaseView) => view.history.flatMap((h) => h.visited);
const processes = (e: CaseEngine) => e.listCases().map((c) => c.processId).sort();
/** Steps whose name says the permohonan is checked ("Meneliti permohonan …"), across all cases. */
const checks = (e: CaseEngine) => e.listCases().flatMap((c) => {
  const definition = e.definition(c.processId, c.version);
  return visited(c).filter((node) => /^meneliti permohonan/i.test(definition.steps.get(node)?.name ?? '')).map((node) => `${c.processId} ${node}`);
});

/** An eksekusi case through the aanmaning: V.F.2 run on 7 April 2026 (the berita acara peneguran that day). */
function throughAanmaning(e: CaseEngine, jenisEksekusi: 'riil' | 'lelang'): string {
  const root = e.startCase('makro-eksekusi', { at: '2026-04-06T08:00:00+07:00', vars: { jenisEksekusi } });
  runAll(e, '2026-04-07T09:00:00+07:00');
  return root.id;
}

describe('makro-eksekusi: after the aanmaning the case waits 8 days for the termohon (Pasal 196 HIR)', () => {
  it('ends without sita eksekusi or lelang when the termohon complies within the 8 days', () => {
    const e = engine();
    const rootId = throughAanmaning(e, 'lelang');
    expect(processes(e)).toEqual(['makro-eksekusi', 'perdata-F-2']);
    e.correlateMessage('termohon-memenuhi-putusan', { caseId: rootId }, { at: '2026-04-10T10:00:00+07:00' });
    const step = e.getCase(rootId).activeSteps[0];
    expect([step?.id, step?.pelaksana]).toEqual(['MemeriksaPemenuhan', 'panmud-perdata']);
    e.completeStep(rootId, 'MemeriksaPemenuhan', { at: '2026-04-10T11:00:00+07:00', data: { pemenuhanPutusan: 'seluruhnya' } });
    const view = e.getCase(rootId);
    expect(view.status).toBe('completed');
    expect(visited(view)).toContain('SelesaiDipenuhi');
    e.fireDueTimers('2026-12-31T00:00:00+07:00');
    expect(processes(e)).toEqual(['makro-eksekusi', 'perdata-F-2']);
  });

  it('orders sita eksekusi (payment of money, Pasal 197 HIR) only when 8 days have passed since the aanmaning', () => {
    const e = engine();
    const rootId = throughAanmaning(e, 'lelang');
    // Aanmaning on Tuesday 7 April; the day itself is not counted: 8 days end on Wednesday 15 April.
    expect(e.timers.forCase(rootId).find((t) => t.key === 'TempoAanmaning')?.due).toBe('2026-04-15T23:59:59+07:00');
    e.fireDueTimers('2026-04-15T23:00:00+07:00');
    expect(processes(e)).toEqual(['makro-eksekusi', 'perdata-F-2']);
    e.fireDueTimers('2026-04-16T00:00:00+07:00');
    expect(processes(e)).toEqual(['makro-eksekusi', 'perdata-F-2', 'perdata-F-3']);
    runAll(e, '2026-04-16T09:00:00+07:00');
    expect(e.getCase(rootId).status).toBe('completed');
    expect(processes(e)).toEqual(['makro-eksekusi', 'perdata-F-2', 'perdata-F-3', 'perdata-F-5']);
  });

  it('goes straight to pengosongan for eksekusi riil (Pasal 1033 Rv): no sita eksekusi case, ever', () => {
    const e = engine();
    const rootId = throughAanmaning(e, 'riil');
    e.fireDueTimers('2026-04-15T23:00:00+07:00');
    expect(processes(e)).toEqual(['makro-eksekusi', 'perdata-F-2']);
    e.fireDueTimers('2026-04-16T00:00:00+07:00');
    runAll(e, '2026-04-16T09:00:00+07:00');
    const view = e.getCase(rootId);
    expect(view.status).toBe('completed');
    expect(visited(view)).toContain('SelesaiRiil');
    expect(visited(view)).not.toContain('SitaEksekusi');
    expect(processes(e)).toEqual(['makro-eksekusi', 'perdata-F-2', 'perdata-F-4']);
  });

  it('carries on with what is left after a partial compliance, still only once the 8 days from the aanmaning have passed', () => {
    const e = engine();
    const rootId = throughAanmaning(e, 'lelang');
    e.correlateMessage('termohon-memenuhi-putusan', { caseId: rootId }, { at: '2026-04-09T10:00:00+07:00' });
    // The money was paid; the house is not vacated: what is left is an eksekusi riil.
    e.completeStep(rootId, 'MemeriksaPemenuhan', { at: '2026-04-09T11:00:00+07:00', data: { pemenuhanPutusan: 'sebagian', jenisEksekusi: 'riil' } });
    expect(e.timers.forCase(rootId).find((t) => t.key === 'SisaTempoAanmaning')?.due).toBe('2026-04-15T23:59:59+07:00');
    e.fireDueTimers('2026-04-16T00:00:00+07:00');
    runAll(e, '2026-04-16T09:00:00+07:00');
    expect(e.getCase(rootId).status).toBe('completed');
    expect(processes(e)).toEqual(['makro-eksekusi', 'perdata-F-2', 'perdata-F-4']);
  });
});

describe('makro-eksekusi: the permohonan is checked once (V.F.2 row 1; V.F.3, V.F.4, V.F.5 row 1 repeat it)', () => {
  for (const jenisEksekusi of ['lelang', 'riil'] as const) {
    it(`checks it only in the aanmaning for eksekusi ${jenisEksekusi}`, () => {
      const e = engine();
      const rootId = throughAanmaning(e, jenisEksekusi);
      e.fireDueTimers('2026-04-16T00:00:00+07:00');
      runAll(e, '2026-04-16T09:00:00+07:00');
      expect(e.getCase(rootId).status).toBe('completed');
      expect(checks(e)).toEqual(['perdata-F-2 Langkah_1']);
    });
  }

  it('still checks it in V.F.3 started on its own for a permohonan not yet checked', () => {
    const e = engine();
    const f3 = e.startCase('perdata-F-3', { at: '2026-04-06T08:00:00+07:00', vars: { permohonanDiteliti: false } });
    expect(e.getCase(f3.id).activeSteps.map((s) => s.id)).toEqual(['Langkah_1']);
  });
});

describe('aanmaning always has a deadline (item 10): domisili is asked when the permohonan is checked', () => {
  it('refuses V.F.2 row 1 without the termohon\'s domisili, and row 4 is then due in 7 or 14 hari kerja', () => {
    const e = engine();
    const f2 = e.startCase('perdata-F-2', { at: '2026-04-06T08:00:00+07:00' });
    expect(() => e.completeStep(f2.id, 'Langkah_1', { at: '2026-04-06T09:00:00+07:00' })).toThrow(/domisili/);
    e.completeStep(f2.id, 'Langkah_1', { at: '2026-04-06T09:00:00+07:00', data: { domisili: 'luar_wilayah_hukum', permohonanDiteliti: true } });
    for (const step of ['Langkah_2', 'Langkah_3']) e.completeStep(f2.id, step, { at: '2026-04-06T10:00:00+07:00' });
    const row4 = e.getCase(f2.id).activeSteps.find((s) => s.id === 'Langkah_4');
    // 14 hari kerja from Monday 6 April 2026 (the day itself not counted): Friday 24 April.
    expect(row4?.due).toBe('2026-04-24T23:59:59+07:00');
  });

  it('gives row 4 a due time whichever domisili is chosen, called from the macro', () => {
    for (const domisili of ['dalam_wilayah_hukum', 'luar_wilayah_hukum']) {
      const e = engine();
      e.startCase('makro-eksekusi', { at: '2026-04-06T08:00:00+07:00', vars: { jenisEksekusi: 'riil' } });
      runAll(e, '2026-04-06T09:00:00+07:00', { domisili });
      const aanmaning = e.listCases().find((c) => c.processId === 'perdata-F-2') as CaseView;
      const row4 = aanmaning.history.flatMap((h) => h.deadlines).find((d) => d.step === 'Langkah_4');
      expect(row4?.due).toBe(domisili === 'dalam_wilayah_hukum' ? '2026-04-15T23:59:59+07:00' : '2026-04-24T23:59:59+07:00');
    }
  });
});

describe('makro-eksekusi on the durable engine over SQLite, closed and reopened during the 8 days', () => {
  it('keeps the aanmaning\'s 8 days, ends a complied case, and sends eksekusi riil to pengosongan without sita', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'protap-eksekusi-')), 'protap.db');
    let counter = 0;
    const open = () => DurableEngine.open({ store: new SqliteStore(path), clock: () => '2026-04-06T08:00:00+07:00', newId: () => `kasus-${++counter}` });
    let d = await open();
    await deployCatalogue(d);
    // The eksekusi cases only: the durable engine also starts the catalogue's scheduled SOPs.
    const allCases = async () => {
      const views: CaseView[] = [];
      for (let i = 1; i <= counter; i++) views.push(await d.getCase(`kasus-${i}`));
      return views.filter((c) => c.processId === 'makro-eksekusi' || c.processId.startsWith('perdata-F-'));
    };
    const completeAll = async (at: string) => {
      for (let guard = 0; guard < 200; guard++) {
        const open = (await allCases()).filter((c) => c.status === 'active')
          .flatMap((c) => c.activeSteps.filter((s) => s.completion === 'person').map((s) => ({ c, s })))[0];
        if (!open) return;
        const data = fillForm(open.s.form, { processId: open.c.processId, caseId: open.c.id, node: open.s.id, round: 1 }, first);
        await d.completeStep(open.c.id, open.s.id, { at, ...(data ? { data } : {}) });
      }
      throw new Error('steps do not finish');
    };
    const riil = await d.startCase('makro-eksekusi', { at: '2026-04-06T08:00:00+07:00', vars: { jenisEksekusi: 'riil' } });
    const lelang = await d.startCase('makro-eksekusi', { at: '2026-04-06T08:00:00+07:00', vars: { jenisEksekusi: 'lelang' } });
    await completeAll('2026-04-07T09:00:00+07:00');
    await d.store.close();

    d = await open();
    expect((await d.store.timers(riil.id)).find((t) => t.key === 'TempoAanmaning')?.due).toBe('2026-04-15T23:59:59+07:00');
    await d.correlateMessage('termohon-memenuhi-putusan', { caseId: lelang.id }, { at: '2026-04-10T10:00:00+07:00' });
    await d.completeStep(lelang.id, 'MemeriksaPemenuhan', { at: '2026-04-10T11:00:00+07:00', data: { pemenuhanPutusan: 'seluruhnya' } });
    expect((await d.getCase(lelang.id)).status).toBe('completed');
    await d.fireDueTimers('2026-04-15T23:00:00+07:00');
    expect((await allCases()).map((c) => c.processId).sort()).toEqual(['makro-eksekusi', 'makro-eksekusi', 'perdata-F-2', 'perdata-F-2']);
    await d.fireDueTimers('2026-04-16T00:00:00+07:00');
    await completeAll('2026-04-16T09:00:00+07:00');
    const view = await d.getCase(riil.id);
    expect(view.status).toBe('completed');
    expect(visited(view)).toContain('SelesaiRiil');
    expect((await allCases()).map((c) => c.processId).sort()).toEqual(['makro-eksekusi', 'makro-eksekusi', 'perdata-F-2', 'perdata-F-2', 'perdata-F-4']);
    await d.store.close();
  });
});

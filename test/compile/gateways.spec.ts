import { describe, expect, it } from 'vitest';
import { engineWith } from '../support/engineWith.ts';
import type { CaseView } from '../../src/runtime/caseView.ts';
import { contextOf, decideStart } from '../../src/runtime/decide.ts';

const dir = import.meta.dirname;
const visited = (view: CaseView) => view.history.flatMap((h) => h.visited);
const active = (view: CaseView) => view.activeSteps.map((s) => s.id);

describe('exclusive gateway with FEEL, ${…} and default flows (Pemeriksaan Perkara)', () => {
  async function registered(data: Record<string, unknown>) {
    const engine = await engineWith(dir, 'gateways.exclusive.bpmn');
    const { id } = engine.startCase('PemeriksaanPerkara');
    return { engine, id, view: engine.completeStep(id, 'Register', { data }) };
  }

  it('takes the ${jenis == "cepat"} flow', async () => {
    const { view } = await registered({ jenis: 'cepat' });
    expect(active(view)).toEqual(['AcaraCepat']);
  });

  it('takes the FEEL flow when both of its terms hold', async () => {
    const { view } = await registered({ jenis: 'sederhana', nilaiGugatan: 150_000_000 });
    expect(active(view)).toEqual(['AcaraSederhana']);
    expect(view.history.at(-1)?.visited).toEqual(['Jenis', 'AcaraSederhana']);
  });

  it('takes the default flow when the FEEL condition fails on one term', async () => {
    const { view } = await registered({ jenis: 'sederhana', nilaiGugatan: 750_000_000 });
    expect(active(view)).toEqual(['AcaraBiasa']);
  });

  it('refuses to register without the jenis acara the gateway reads, naming the field (issue 15)', async () => {
    await expect(registered({})).rejects.toMatchObject({ code: 'BAD_STEP_DATA', details: { field: 'jenis' } });
  });

  it('takes the default flow for the form\'s "Lainnya" answer', async () => {
    const { view } = await registered({ jenis: 'acara_biasa' });
    expect(active(view)).toEqual(['AcaraBiasa']);
  });

  it('ends at "Dikabulkan" through the FEEL flow and at "Ditolak" through the ${… eq …} flow', async () => {
    for (const [amar, end] of [['kabul', 'Dikabulkan'], ['tolak', 'Ditolak']] as const) {
      const { engine, id } = await registered({ jenis: 'cepat' });
      engine.completeStep(id, 'AcaraCepat');
      const done = engine.completeStep(id, 'Putus', { data: { amar } });
      expect(done.status).toBe('completed');
      expect(visited(done)).toEqual(['Start', 'Register', 'Jenis', 'AcaraCepat', 'Gabung', 'Putus', 'Amar', end]);
    }
  });

  it('refuses an amar the form does not offer, so the case cannot halt at a gateway without default (issue 15)', async () => {
    const { engine, id } = await registered({ jenis: 'cepat' });
    engine.completeStep(id, 'AcaraCepat');
    const before = engine.getCase(id);
    expect(() => engine.completeStep(id, 'Putus', { data: { amar: 'damai' } })).toThrow(expect.objectContaining({
      code: 'BAD_STEP_DATA', details: expect.objectContaining({ field: 'amar', label: 'Amar putusan?' }),
    }));
    const after = engine.getCase(id);
    expect(after.status).toBe('active');
    expect(after.activeSteps.map((s) => s.id)).toEqual(['Putus']);
    expect(after.history).toEqual(before.history);
  });
});

describe('exclusive gateway without default deciding on data no form checked', () => {
  // Forms keep a person from sending such data (issue 15); a parent's variables handed to a micro
  // SOP are not checked against its start form, so the machine must still halt rather than guess.
  it('halts in an incident when no condition holds', async () => {
    const engine = await engineWith(dir, 'gateways.incident.bpmn');
    const decision = decideStart(engine.definition('AmarAwal'), { vars: { amar: 'damai' } });
    expect(decision.snapshot.value).toBe('__incident');
    expect(contextOf(decision.snapshot).incident?.node).toBe('Amar');
    expect(() => engine.startCase('AmarAwal', { vars: { amar: 'damai' } })).toThrow(expect.objectContaining({ code: 'BAD_STEP_DATA', details: expect.objectContaining({ field: 'amar' }) }));
  });
});

describe('parallel gateway block (Persiapan Sidang)', () => {
  it('opens every person\'s branch at once and runs the automatic branch to the join', async () => {
    const engine = await engineWith(dir, 'gateways.parallel.bpmn');
    const view = engine.startCase('PersiapanSidang');
    expect(active(view)).toEqual(['Relaas', 'Jadwal']);
    expect(visited(view)).toEqual(['Start', 'Pisah', 'Relaas', 'Jadwal', 'Sipp']);
  });

  it('passes the join only when the last branch arrives, in either order', async () => {
    for (const order of [['Relaas', 'Jadwal'], ['Jadwal', 'Relaas']]) {
      const engine = await engineWith(dir, 'gateways.parallel.bpmn');
      const { id } = engine.startCase('PersiapanSidang');
      const half = engine.completeStep(id, order[0] as string);
      expect(active(half)).toEqual([order[1]]);
      expect(half.history.at(-1)?.visited).toEqual([]);
      const joined = engine.completeStep(id, order[1] as string);
      expect(joined.history.at(-1)?.visited).toEqual(['Gabung', 'Sidang']);
      expect(active(joined)).toEqual(['Sidang']);
    }
  });
});

describe('inclusive gateway block (Pembuktian)', () => {
  async function afterPeriksa(data: Record<string, unknown>) {
    const engine = await engineWith(dir, 'gateways.inclusive.bpmn');
    const { id } = engine.startCase('Pembuktian');
    return { engine, id, view: engine.completeStep(id, 'Periksa', { data }) };
  }

  it('takes only the branch whose condition holds', async () => {
    const { engine, id, view } = await afterPeriksa({ jumlahSaksi: 2, perluAhli: false });
    expect(active(view)).toEqual(['PanggilSaksi']);
    const joined = engine.completeStep(id, 'PanggilSaksi');
    expect(active(joined)).toEqual(['Kesimpulan']);
    expect(visited(joined)).toEqual(['Start', 'Periksa', 'Pilih', 'PanggilSaksi', 'Gabung', 'Kesimpulan']);
  });

  it('takes both conditioned branches and joins after the second', async () => {
    const { engine, id, view } = await afterPeriksa({ jumlahSaksi: 1, perluAhli: true });
    expect(active(view)).toEqual(['PanggilSaksi', 'PanggilAhli']);
    expect(active(engine.completeStep(id, 'PanggilAhli'))).toEqual(['PanggilSaksi']);
    expect(active(engine.completeStep(id, 'PanggilSaksi'))).toEqual(['Kesimpulan']);
  });

  it('takes only the default branch when no condition holds', async () => {
    const { view } = await afterPeriksa({ jumlahSaksi: 0, perluAhli: false });
    expect(active(view)).toEqual(['Kesimpulan']);
    expect(view.history.at(-1)?.visited).toEqual(['Pilih', 'Catat', 'Gabung', 'Kesimpulan']);
  });
});

describe('event-based gateway (Aanmaning)', () => {
  async function tegur() {
    const engine = await engineWith(dir, 'gateways.eventBased.bpmn');
    const { id } = engine.startCase('Aanmaning', { at: '2026-01-05T08:00:00+07:00' });
    const view = engine.completeStep(id, 'Tegur', { at: '2026-01-05T10:00:00+07:00' });
    return { engine, id, view };
  }

  it('arms the "8 Hari" timer as soon as it waits', async () => {
    const { engine, id, view } = await tegur();
    expect(view.activeSteps).toEqual([]);
    expect(engine.timers.forCase(id).map((t) => [t.key, t.due])).toEqual([['Lewat', '2026-01-13T23:59:59+07:00']]);
  });

  it('takes the message path when the message comes first, and drops the timer', async () => {
    const { engine, id } = await tegur();
    const view = engine.correlateMessage('TermohonHadir', { caseId: id }, { at: '2026-01-08T09:00:00+07:00' });
    expect(active(view)).toEqual(['CatatSukarela']);
    expect(view.history.at(-1)?.visited).toEqual(['Hadir', 'CatatSukarela']);
    expect(engine.timers.forCase(id)).toEqual([]);
    expect(engine.fireDueTimers('2026-02-01T00:00:00+07:00')).toBe(0);
    expect(active(engine.getCase(id))).toEqual(['CatatSukarela']);
  });

  it('takes the timer path when the eight days pass first, and then refuses the message', async () => {
    const { engine, id } = await tegur();
    expect(engine.fireDueTimers('2026-01-13T23:59:58+07:00')).toBe(0);
    expect(engine.fireDueTimers('2026-01-14T00:00:00+07:00')).toBe(1);
    const view = engine.getCase(id);
    expect(active(view)).toEqual(['Sita']);
    expect(view.history.at(-1)).toMatchObject({ event: 'TIMER.Lewat', at: '2026-01-13T23:59:59+07:00', visited: ['Lewat', 'Sita'] });
    expect(() => engine.correlateMessage('TermohonHadir', { caseId: id })).toThrow(expect.objectContaining({ code: 'MESSAGE_NOT_EXPECTED' }));
  });
});

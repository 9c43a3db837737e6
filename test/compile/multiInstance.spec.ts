import { describe, expect, it } from 'vitest';
import { engineWith } from '../support/engineWith.ts';
import type { CaseView } from '../../src/runtime/caseView.ts';

const dir = import.meta.dirname;
const visited = (view: CaseView) => view.history.flatMap((h) => h.visited);
const active = (view: CaseView) => view.activeSteps.map((s) => s.id);
const step = (view: CaseView, id: string) => view.activeSteps.find((s) => s.id === id);

const perkara = { nomorPerkara: '31/Pid.B/2026/PN Bdg', daftarSaksi: ['Ahmad', 'Budi', 'Citra'], jumlahPihak: 2 };

/** A Pemeriksaan Saksi case (kasus-1) whose three summons cases have been started. */
async function started(vars: Record<string, unknown> = perkara) {
  const engine = await engineWith(dir, 'multiInstance.saksi.bpmn');
  const view = engine.startCase('PemeriksaanSaksi', { vars });
  return { engine, id: view.id, view };
}

/** The same case after every summons case completed: at the parallel user task. */
async function atPeriksa() {
  const run = await started();
  for (const child of ['kasus-2', 'kasus-3', 'kasus-4']) run.engine.completeStep(child, 'Relaas');
  return run;
}

describe('parallel multi-instance call activity over a collection', () => {
  it('starts one micro case per witness at once, each with its own item and loopCounter', async () => {
    const { engine, view } = await started();
    expect(step(view, 'Panggil')).toMatchObject({ childCases: ['kasus-2', 'kasus-3', 'kasus-4'], openInstances: [0, 1, 2] });
    expect(['kasus-2', 'kasus-3', 'kasus-4'].map((c) => engine.getCase(c).vars)).toEqual([
      { nomorPerkara: '31/Pid.B/2026/PN Bdg', saksi: 'Ahmad', loopCounter: 0 },
      { nomorPerkara: '31/Pid.B/2026/PN Bdg', saksi: 'Budi', loopCounter: 1 },
      { nomorPerkara: '31/Pid.B/2026/PN Bdg', saksi: 'Citra', loopCounter: 2 },
    ]);
    expect(engine.getCase('kasus-3').parent).toEqual({ caseId: 'kasus-1', node: 'Panggil', instance: 1 });
  });

  it('waits for every micro case, in any order, before it moves on', async () => {
    const { engine, id } = await started();
    engine.completeStep('kasus-3', 'Relaas', { data: { tanggalHadir: '2026-01-12' } });
    expect(step(engine.getCase(id), 'Panggil')?.openInstances).toEqual([0, 2]);
    engine.completeStep('kasus-4', 'Relaas');
    expect(active(engine.getCase(id))).toEqual(['Panggil']);
    engine.completeStep('kasus-2', 'Relaas');
    const view = engine.getCase(id);
    expect(active(view)).toEqual(['Periksa']);
    expect(view.vars).toEqual({ ...perkara, tanggalHadir: '2026-01-12' });
  });
});

describe('parallel multi-instance user task over a collection', () => {
  it('opens one instance per witness and completes them in any order', async () => {
    const { engine, id } = await atPeriksa();
    expect(step(engine.getCase(id), 'Periksa')?.openInstances).toEqual([0, 1, 2]);
    expect(step(engine.completeStep(id, 'Periksa', { instance: 2 }), 'Periksa')?.openInstances).toEqual([0, 1]);
    expect(() => engine.completeStep(id, 'Periksa', { instance: 2 })).toThrow(expect.objectContaining({ code: 'INSTANCE_NOT_OPEN' }));
    expect(() => engine.completeStep(id, 'Periksa', { instance: 3 })).toThrow(expect.objectContaining({ code: 'INSTANCE_NOT_OPEN' }));
    engine.completeStep(id, 'Periksa', { instance: 0 });
    const view = engine.completeStep(id, 'Periksa', { instance: 1 });
    expect(active(view)).toEqual(['TandaTangan']);
    expect(visited(view).filter((n) => n === 'Periksa')).toEqual(['Periksa']);
  });
});

describe('sequential multi-instance user task with a cardinality', () => {
  it('opens the three signatures one after another', async () => {
    const { engine, id } = await atPeriksa();
    for (const i of [0, 1, 2]) engine.completeStep(id, 'Periksa', { instance: i });
    expect(step(engine.getCase(id), 'TandaTangan')?.openInstances).toEqual([0]);
    expect(() => engine.completeStep(id, 'TandaTangan', { instance: 1 })).toThrow(expect.objectContaining({ code: 'INSTANCE_NOT_OPEN' }));
    expect(step(engine.completeStep(id, 'TandaTangan', { instance: 0 }), 'TandaTangan')?.openInstances).toEqual([1]);
    expect(step(engine.completeStep(id, 'TandaTangan'), 'TandaTangan')?.openInstances).toEqual([2]);
    expect(active(engine.completeStep(id, 'TandaTangan'))).toEqual(['Beritahu']);
  });
});

describe('sequential multi-instance call activity with a cardinality expression', () => {
  it('starts the next micro case only when the previous one completes', async () => {
    const { engine, id } = await atPeriksa();
    for (const i of [0, 1, 2]) engine.completeStep(id, 'Periksa', { instance: i });
    for (let i = 0; i < 3; i++) engine.completeStep(id, 'TandaTangan');
    expect(step(engine.getCase(id), 'Beritahu')).toMatchObject({ childCases: ['kasus-5'], openInstances: [0] });
    expect(engine.getCase('kasus-5').vars).toMatchObject({ loopCounter: 0 });
    engine.completeStep('kasus-5', 'Relaas');
    expect(step(engine.getCase(id), 'Beritahu')).toMatchObject({ childCases: ['kasus-5', 'kasus-6'], openInstances: [1] });
    expect(engine.getCase('kasus-6').vars).toMatchObject({ loopCounter: 1 });
    engine.completeStep('kasus-6', 'Relaas');
    const done = engine.getCase(id);
    expect(done.status).toBe('completed');
    expect(visited(done)).toEqual(['Start', 'Panggil', 'Periksa', 'TandaTangan', 'Beritahu', 'End']);
  });
});

describe('multi-instance over an empty collection', () => {
  it('completes the activities at once, starting no micro case', async () => {
    const { engine, view } = await started({ ...perkara, daftarSaksi: [] });
    expect(active(view)).toEqual(['TandaTangan']);
    expect(visited(view)).toEqual(['Start', 'Panggil', 'Periksa', 'TandaTangan']);
    expect(engine.listCases().map((c) => c.id)).toEqual(['kasus-1']);
  });
});

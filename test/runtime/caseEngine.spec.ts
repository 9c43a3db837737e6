import { describe, expect, it } from 'vitest';
import { CaseEngine } from '../../src/runtime/caseEngine.ts';
import type { CaseRecord } from '../../src/runtime/caseRecord.ts';
import { engineWith, fixture } from '../support/engineWith.ts';

const dir = import.meta.dirname;

async function atSidang() {
  const engine = await engineWith(dir, 'caseEngine.pemanggilan.bpmn');
  const { id } = engine.startCase('Pemanggilan', { at: '2026-01-05T08:00:00+07:00' });
  engine.completeStep(id, 'Panggil', { at: '2026-01-05T10:00:00+07:00' });
  return { engine, id };
}

describe('waktu on steps, as the engine uses them', () => {
  it('holds the first hearing no earlier than 7 hari kerja after the summons (tenggang waktu pemanggilan)', async () => {
    const { engine, id } = await atSidang();
    const sidang = engine.getCase(id).activeSteps[0];
    expect(sidang).toMatchObject({ id: 'Sidang', notBefore: '2026-01-15T00:00:00+07:00' });
    expect(sidang?.due).toBeUndefined();
    expect(() => engine.completeStep(id, 'Sidang', { at: '2026-01-14T09:00:00+07:00' })).toThrow(expect.objectContaining({ code: 'STEP_TOO_EARLY' }));
    expect(engine.getCase(id).activeSteps.map((s) => s.id)).toEqual(['Sidang']);
    engine.completeStep(id, 'Sidang', { at: '2026-01-15T09:00:00+07:00', data: { tanggalPutusan: '2026-01-20' } });
    expect(engine.getCase(id).activeSteps.map((s) => s.id)).toEqual(['Aanmaning']);
  });

  it('counts a step from a date of the case when sop:waktuDari names one (7 hari kerja after the putusan)', async () => {
    const { engine, id } = await atSidang();
    const view = engine.completeStep(id, 'Sidang', { at: '2026-01-15T09:00:00+07:00', data: { tanggalPutusan: '2026-01-20' } });
    expect(view.activeSteps[0]?.due).toBe('2026-01-29T23:59:59+07:00');
  });

  it('opens a step whose deadline needs case data that is missing, and says why in the history', async () => {
    const xml = `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:sop="urn:protap:sop:1.0" id="D">
      <bpmn:process id="Penahanan" isExecutable="true"><bpmn:startEvent id="S"/>
      <bpmn:userTask id="Perpanjang" name="Mengajukan perpanjangan penahanan" sop:waktu="minimal 10 hari sebelum waktu penahanan berakhir"/>
      <bpmn:endEvent id="E"/><bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="Perpanjang"/><bpmn:sequenceFlow id="f2" sourceRef="Perpanjang" targetRef="E"/></bpmn:process></bpmn:definitions>`;
    const engine = new CaseEngine({ clock: () => '2026-01-05T08:00:00+07:00' });
    await engine.deployXml(xml);
    const without = engine.startCase('Penahanan');
    expect(without.activeSteps[0]).toMatchObject({ id: 'Perpanjang' });
    expect(without.activeSteps[0]?.due).toBeUndefined();
    expect(without.history[0]?.notes.join(' ')).toMatch(/belum dapat dihitung.*waktu penahanan berakhir/);
    const withDate = engine.startCase('Penahanan', { vars: { 'waktu penahanan berakhir': '2026-02-20' } });
    expect(withDate.activeSteps[0]?.due).toBe('2026-02-10T23:59:59+07:00');
  });
});

describe('ended cases', () => {
  it('hands every ended case to onCaseEnded once, with its history', async () => {
    const ended: CaseRecord[] = [];
    const engine = new CaseEngine({ clock: () => '2026-01-05T08:00:00+07:00', onCaseEnded: (r) => ended.push(r) });
    await engine.deployXml(fixture(dir, 'caseEngine.pemanggilan.bpmn'));
    const { id } = engine.startCase('Pemanggilan', { at: '2026-01-05T08:00:00+07:00', vars: { tanggalPutusan: '2026-01-20' } });
    for (const [step, at] of [['Panggil', '2026-01-05T10:00:00+07:00'], ['Sidang', '2026-01-15T09:00:00+07:00'], ['Aanmaning', '2026-01-21T09:00:00+07:00']] as const) {
      expect(ended).toEqual([]);
      engine.completeStep(id, step, { at });
    }
    expect(ended.map((r) => [r.id, r.status, r.history.length])).toEqual([[id, 'completed', 4]]);
    expect(engine.getCase(id).status).toBe('completed');
  });

  it('forgets ended cases when told not to keep them, so memory holds only open cases', async () => {
    const engine = new CaseEngine({ clock: () => '2026-01-05T08:00:00+07:00', keepEnded: false, onCaseEnded: () => {} });
    await engine.deployXml(fixture(dir, 'caseEngine.pemanggilan.bpmn'));
    const open = engine.startCase('Pemanggilan');
    const done = engine.startCase('Pemanggilan', { vars: { tanggalPutusan: '2026-01-20' } });
    for (const [step, at] of [['Panggil', '2026-01-05T10:00:00+07:00'], ['Sidang', '2026-01-15T09:00:00+07:00'], ['Aanmaning', '2026-01-21T09:00:00+07:00']] as const) {
      engine.completeStep(done.id, step, { at });
    }
    expect(engine.listCases().map((c) => c.id)).toEqual([open.id]);
    expect(() => engine.getCase(done.id)).toThrow(expect.objectContaining({ code: 'CASE_NOT_FOUND' }));
  });
});

describe('signals', () => {
  it('reach every case that waits for them, and no other', async () => {
    let n = 0;
    const engine = new CaseEngine({ clock: () => '2026-01-05T08:00:00+07:00', newId: () => `k${++n}` });
    await engine.deployXml(fixture(dir, 'signal.tunggu.bpmn'));
    const [a, b] = [engine.startCase('Tunggu'), engine.startCase('Tunggu')];
    engine.sendSignal('SidangDibuka', { at: '2026-01-05T09:00:00+07:00' });
    expect([a, b].map((c) => engine.getCase(c.id).activeSteps.map((s) => s.id))).toEqual([['Hadir'], ['Hadir']]);
    expect(engine.sendSignal('SidangDibuka')).toEqual([]);
  });
});

describe('claims on steps, in memory as in the store', () => {
  it('lets one person claim a step: others may not complete it until the claim is released, and it ends with the step', async () => {
    const engine = await engineWith(dir, 'caseEngine.pemanggilan.bpmn');
    const { id } = engine.startCase('Pemanggilan', { at: '2026-01-05T08:00:00+07:00' });
    engine.claimStep(id, 'Panggil', { actor: 'jurusita-1', at: '2026-01-05T09:00:00+07:00' });
    expect(() => engine.completeStep(id, 'Panggil', { actor: 'jurusita-2' })).toThrow(expect.objectContaining({ code: 'STEP_CLAIMED' }));
    expect(() => engine.claimStep(id, 'Panggil', { actor: 'jurusita-2' })).toThrow(expect.objectContaining({ code: 'STEP_CLAIMED' }));
    engine.releaseStep(id, 'Panggil', { actor: 'jurusita-1', at: '2026-01-05T09:30:00+07:00' });
    const done = engine.completeStep(id, 'Panggil', { actor: 'jurusita-2', at: '2026-01-05T10:00:00+07:00' });
    expect(done.history.map((h) => [h.event, h.actor])).toEqual([
      ['START', 'sistem'], ['CLAIM.Panggil', 'jurusita-1'], ['RELEASE.Panggil', 'jurusita-1'], ['COMPLETE.Panggil', 'jurusita-2'],
    ]);
    expect(done.activeSteps.map((s) => [s.id, s.claimedBy])).toEqual([['Sidang', undefined]]);
  });
});

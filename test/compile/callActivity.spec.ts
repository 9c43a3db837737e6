import { describe, expect, it } from 'vitest';
import { engineWith, fixture } from '../support/engineWith.ts';
import { CaseEngine } from '../../src/runtime/caseEngine.ts';
import type { CaseView } from '../../src/runtime/caseView.ts';

const dir = import.meta.dirname;
const visited = (view: CaseView) => view.history.flatMap((h) => h.visited);
const active = (view: CaseView) => view.activeSteps.map((s) => s.id);

const perkara = { nomorPerkara: '12/Pdt.G/2026/PN Bdg', alamatTergugat: 'Jl. Braga 7, Bandung', penggugat: 'Siti' };

/** A macro case (Gugatan Perdata, kasus-1) whose "Memanggil tergugat" step has started its micro case (kasus-2). */
async function calling() {
  const engine = await engineWith(dir, 'callActivity.micro.bpmn', 'callActivity.macro.bpmn');
  const { id } = engine.startCase('GugatanPerdata', { vars: perkara, at: '2026-01-05T08:00:00+07:00' });
  const parent = engine.completeStep(id, 'Tetapkan', { at: '2026-01-05T09:00:00+07:00' });
  return { engine, id, parent };
}

describe('call activity: a macro SOP calling a micro SOP (Gugatan Perdata → Pemanggilan Pihak)', () => {
  it('starts the micro SOP as its own case, linked both ways, with only the mapped inputs', async () => {
    const { engine, id, parent } = await calling();
    expect(parent.activeSteps).toEqual([expect.objectContaining({ id: 'Panggil', type: 'callActivity', completion: 'child', childCases: ['kasus-2'] })]);
    const child = engine.getCase('kasus-2');
    expect(child).toMatchObject({ processId: 'PemanggilanPihak', status: 'active', parent: { caseId: id, node: 'Panggil', instance: 0 }, startedAt: '2026-01-05T09:00:00+07:00' });
    expect(child.vars).toEqual({ alamat: 'Jl. Braga 7, Bandung', nomorPerkara: '12/Pdt.G/2026/PN Bdg' });
    expect(child.activeSteps).toEqual([expect.objectContaining({ id: 'Sampaikan', pelaksana: 'jurusita' })]);
  });

  it('does not let a person complete the call activity by hand', async () => {
    const { engine, id } = await calling();
    expect(() => engine.completeStep(id, 'Panggil')).toThrow(expect.objectContaining({ code: 'STEP_NOT_ACTIVE' }));
  });

  it('continues the macro case with the mapped outputs when the micro case completes', async () => {
    const { engine, id } = await calling();
    const child = engine.completeStep('kasus-2', 'Sampaikan', { data: { relaasSah: true, tidakDikenal: false, catatanJurusita: 'diterima sendiri' }, at: '2026-01-07T11:00:00+07:00' });
    expect(child.status).toBe('completed');
    const parent = engine.getCase(id);
    expect(active(parent)).toEqual(['Sidang']);
    expect(parent.vars).toEqual({ ...perkara, panggilanSah: true });
    expect(parent.history.at(-1)).toMatchObject({ event: 'CALL.DONE.Panggil', at: '2026-01-07T11:00:00+07:00', visited: ['Sidang'], stepsEnded: ['Panggil'] });
  });

  it('passes all variables in and out when the call activity declares no mapping', async () => {
    const { engine, id } = await calling();
    engine.completeStep('kasus-2', 'Sampaikan', { data: { relaasSah: true, tidakDikenal: false } });
    const parent = engine.completeStep(id, 'Sidang', { data: { amar: 'kabul' } });
    expect(parent.activeSteps[0]).toMatchObject({ id: 'Beritahu', childCases: ['kasus-3'] });
    const child = engine.getCase('kasus-3');
    expect(child.vars).toEqual({ ...perkara, panggilanSah: true, amar: 'kabul' });
    engine.completeStep('kasus-3', 'Sampaikan', { data: { relaasSah: true, tidakDikenal: false, tanggalPemberitahuan: '2026-01-20' } });
    const done = engine.getCase(id);
    expect(done.status).toBe('completed');
    expect(done.vars).toEqual({ ...perkara, panggilanSah: true, amar: 'kabul', relaasSah: true, tidakDikenal: false, tanggalPemberitahuan: '2026-01-20' });
    expect(visited(done)).toEqual(['Start', 'Tetapkan', 'Panggil', 'Sidang', 'Beritahu', 'End']);
  });

  it('takes the macro case\'s error boundary when the micro case ends in an error', async () => {
    const { engine, id } = await calling();
    const child = engine.completeStep('kasus-2', 'Sampaikan', { data: { tidakDikenal: true } });
    expect(child.status).toBe('failed');
    expect(child.error?.code).toBe('ALAMAT_TIDAK_DIKENAL');
    const parent = engine.getCase(id);
    expect(parent.status).toBe('active');
    expect(active(parent)).toEqual(['Umumkan']);
    expect(parent.history.at(-1)).toMatchObject({ event: 'ERROR.ALAMAT_TIDAK_DIKENAL', visited: ['AlamatTidakDikenal', 'Umumkan'], stepsEnded: ['Panggil'] });
    expect(active(engine.completeStep(id, 'Umumkan'))).toEqual(['Sidang']);
  });

  it('fails the macro case when the micro case fails at a call activity without an error boundary', async () => {
    const { engine, id } = await calling();
    engine.completeStep('kasus-2', 'Sampaikan', { data: { relaasSah: true, tidakDikenal: false } });
    engine.completeStep(id, 'Sidang');
    engine.completeStep('kasus-3', 'Sampaikan', { data: { tidakDikenal: true } });
    const parent = engine.getCase(id);
    expect(parent.status).toBe('failed');
    expect(parent.error?.code).toBe('ALAMAT_TIDAK_DIKENAL');
  });

  it('refuses to deploy a macro SOP whose micro SOP is not deployed, naming the call activity', async () => {
    const engine = new CaseEngine();
    await expect(engine.deployXml(fixture(dir, 'callActivity.macro.bpmn'))).rejects.toMatchObject({
      code: 'DEFINITION_INVALID',
      details: { problems: [expect.objectContaining({ code: 'UNKNOWN_CALLED_ELEMENT', id: 'Panggil' }), expect.objectContaining({ code: 'UNKNOWN_CALLED_ELEMENT', id: 'Beritahu' })] },
    });
  });
});

describe('call activity: an escalation of the micro SOP reaches the macro case', () => {
  const start = async () => {
    const engine = await engineWith(dir, 'callActivity.escalation.bpmn');
    const { id } = engine.startCase('PerkaraBerjenjang', { at: '2026-01-05T08:00:00+07:00' });
    const [childId] = engine.getCase(id).activeSteps[0]?.childCases ?? [];
    return { engine, id, childId: childId as string };
  };

  it('takes the interrupting escalation boundary of the call activity when the micro case ends in an escalation', async () => {
    const { engine, id, childId } = await start();
    const child = engine.completeStep(childId, 'Sampaikan', { data: { hasil: 'ragu' }, at: '2026-01-06T10:00:00+07:00' });
    expect(child.status).toBe('completed');
    const parent = engine.getCase(id);
    expect(active(parent)).toEqual(['Konfirmasi']);
    expect(parent.history.at(-1)).toMatchObject({ event: 'ESCALATION.ALAMAT_RAGU', at: '2026-01-06T10:00:00+07:00', stepsEnded: ['Panggil'], visited: ['AlamatRagu', 'Konfirmasi'] });
    expect(parent.history.some((h) => h.event === 'CALL.DONE.Panggil')).toBe(false);
  });

  it('runs the non-interrupting boundary\'s path and keeps waiting for the micro case', async () => {
    const { engine, id, childId } = await start();
    engine.completeStep(childId, 'Sampaikan', { data: { hasil: 'biaya' }, at: '2026-01-06T10:00:00+07:00' });
    expect(active(engine.getCase(childId))).toEqual(['Ulangi']);
    const parent = engine.getCase(id);
    expect(active(parent)).toEqual(['Panggil']);
    expect(parent.history.at(-1)).toMatchObject({ event: 'ESCALATION.PANJAR_KURANG', visited: ['PanjarKurang', 'TagihPanjar', 'PanjarDitagih'], stepsEnded: [] });
    engine.completeStep(childId, 'Ulangi', { at: '2026-01-07T10:00:00+07:00' });
    expect(active(engine.getCase(id))).toEqual(['Sidang']);
  });
});

import { describe, expect, it } from 'vitest';
import { engineWith } from '../support/engineWith.ts';
import type { CaseView } from '../../src/runtime/caseView.ts';

const dir = import.meta.dirname;
const visited = (view: CaseView) => view.history.flatMap((h) => h.visited);
const active = (view: CaseView) => view.activeSteps.map((s) => s.id);

/** Runs a Permohonan Eksekusi case up to the receive task "Menerima bukti setor panjar". */
async function untilSetor() {
  const engine = await engineWith(dir, 'tasks.allTypes.bpmn');
  const { id } = engine.startCase('PermohonanEksekusi', { at: '2026-01-05T08:00:00+07:00' });
  engine.completeStep(id, 'Terima', { at: '2026-01-05T09:00:00+07:00' });
  engine.completeStep(id, 'Arsip', { at: '2026-01-05T10:00:00+07:00' });
  const view = engine.completeStep(id, 'Teliti', { data: { panjar: 2_500_000 }, at: '2026-01-05T11:00:00+07:00' });
  return { engine, id, view };
}

describe('tasks (Permohonan Eksekusi)', () => {
  it('waits for a person at a user task, with its lane\'s pelaksana and "1 Hari" kerja deadline', async () => {
    const engine = await engineWith(dir, 'tasks.allTypes.bpmn');
    const view = engine.startCase('PermohonanEksekusi', { at: '2026-01-05T08:00:00+07:00' });
    expect(view.activeSteps).toEqual([expect.objectContaining({
      id: 'Terima', type: 'userTask', completion: 'person', pelaksana: 'petugas-meja-1', atasan: 'panmud-perdata', due: '2026-01-06T23:59:59+07:00',
    })]);
  });

  it('waits for a person at a manual task and at a plain task', async () => {
    const engine = await engineWith(dir, 'tasks.allTypes.bpmn');
    const { id } = engine.startCase('PermohonanEksekusi');
    const manual = engine.completeStep(id, 'Terima');
    expect(manual.activeSteps).toEqual([expect.objectContaining({ id: 'Arsip', type: 'manualTask', completion: 'person' })]);
    const plain = engine.completeStep(id, 'Arsip');
    expect(plain.activeSteps).toEqual([expect.objectContaining({ id: 'Teliti', type: 'task', completion: 'person', pelaksana: 'panitera' })]);
  });

  it('runs service, script and send tasks through at once, then waits at the receive task', async () => {
    const { view } = await untilSetor();
    expect(view.history.at(-1)?.visited).toEqual(['Nomor', 'Hitung', 'Beritahu', 'Setor']);
    expect(view.activeSteps).toEqual([expect.objectContaining({ id: 'Setor', type: 'receiveTask', completion: 'message', startedAt: '2026-01-05T11:00:00+07:00' })]);
    expect(view.vars).toEqual({ panjar: 2_500_000 });
  });

  it('does not let a person complete a receive task by hand', async () => {
    const { engine, id } = await untilSetor();
    expect(() => engine.completeStep(id, 'Setor')).toThrow(expect.objectContaining({ code: 'STEP_NOT_ACTIVE' }));
    expect(active(engine.getCase(id))).toEqual(['Setor']);
  });

  it('completes the receive task when its bpmn:message "BuktiSetorDiterima" is correlated', async () => {
    const { engine, id } = await untilSetor();
    const done = engine.correlateMessage('BuktiSetorDiterima', { caseId: id }, { data: { nomorSetor: 'BS-17' }, at: '2026-01-06T10:00:00+07:00' });
    expect(done.status).toBe('completed');
    expect(done.vars).toEqual({ panjar: 2_500_000, nomorSetor: 'BS-17' });
    expect(visited(done)).toEqual(['Start', 'Terima', 'Arsip', 'Teliti', 'Nomor', 'Hitung', 'Beritahu', 'Setor', 'End']);
  });
});

import { describe, expect, it } from 'vitest';
import { engineWith } from '../support/engineWith.ts';
import type { CaseView } from '../../src/runtime/caseView.ts';

const dir = import.meta.dirname;
const visited = (view: CaseView) => view.history.flatMap((h) => h.visited);
const active = (view: CaseView) => view.activeSteps.map((s) => s.id);

/** A Perkara Pidana case in its Persidangan subprocess, the dakwaan being read. */
async function atDakwaan() {
  const engine = await engineWith(dir, 'subProcess.persidangan.bpmn');
  const { id } = engine.startCase('PerkaraPidana');
  const view = engine.completeStep(id, 'Terima');
  return { engine, id, view };
}

describe('embedded subprocess, nested (Persidangan > Pembuktian)', () => {
  it('enters the subprocess at its start event', async () => {
    const { view } = await atDakwaan();
    expect(active(view)).toEqual(['Dakwaan']);
    expect(view.history.at(-1)?.visited).toEqual(['Persidangan', 'SidangMulai', 'Dakwaan']);
  });

  it('runs through the nested subprocess and continues after each end', async () => {
    const { engine, id } = await atDakwaan();
    const inner = engine.completeStep(id, 'Dakwaan', { data: { meninggal: false, eksepsi: 'lainnya' } });
    expect(active(inner)).toEqual(['Saksi']);
    expect(active(engine.completeStep(id, 'Saksi', { data: { hadir: true } }))).toEqual(['Tuntutan']);
    expect(active(engine.completeStep(id, 'Tuntutan'))).toEqual(['Minutasi']);
    const done = engine.completeStep(id, 'Minutasi');
    expect(done.status).toBe('completed');
    expect(visited(done)).toEqual([
      'Start', 'Terima', 'Persidangan', 'SidangMulai', 'Dakwaan', 'Lanjut', 'Pembuktian', 'BuktiMulai', 'Saksi',
      'SaksiHadir', 'BuktiSelesai', 'Tuntutan', 'SidangSelesai', 'Minutasi', 'End',
    ]);
  });
});

describe('terminate end event inside a subprocess', () => {
  it('ends only the subprocess; the case goes on after it', async () => {
    const { engine, id } = await atDakwaan();
    const view = engine.completeStep(id, 'Dakwaan', { data: { meninggal: true, eksepsi: 'lainnya' } });
    expect(view.status).toBe('active');
    expect(active(view)).toEqual(['Minutasi']);
    expect(view.history.at(-1)?.visited).toEqual(['Lanjut', 'Gugur', 'Minutasi']);
    expect(engine.completeStep(id, 'Minutasi').status).toBe('completed');
  });
});

describe('error end event inside a subprocess, caught by its error boundary', () => {
  it('leaves the subprocess for the putusan sela path', async () => {
    const { engine, id } = await atDakwaan();
    const view = engine.completeStep(id, 'Dakwaan', { data: { meninggal: false, eksepsi: 'diterima' } });
    expect(view.status).toBe('active');
    expect(active(view)).toEqual(['PutusanSela']);
    expect(view.history.at(-1)?.visited).toEqual(['Lanjut', 'EksepsiDiterima', 'Sela', 'PutusanSela']);
    const done = engine.completeStep(id, 'PutusanSela');
    expect(done.status).toBe('completed');
    expect(visited(done)).not.toContain('Minutasi');
  });
});

describe('non-interrupting escalation boundary on a subprocess', () => {
  it('catches an escalation thrown in the nested subprocess, runs its path, and keeps the hearing going', async () => {
    const { engine, id } = await atDakwaan();
    engine.completeStep(id, 'Dakwaan', { data: { meninggal: false, eksepsi: 'lainnya' } });
    const view = engine.completeStep(id, 'Saksi', { data: { hadir: false } });
    expect(view.status).toBe('active');
    expect(active(view)).toEqual(['Saksi']);
    expect(view.history.at(-1)).toMatchObject({
      visited: ['SaksiHadir', 'Mangkir', 'Saksi', 'Eskalasi', 'PanggilPaksa', 'PanggilPaksaTerbit'],
      stepsEnded: ['Saksi'], stepsStarted: ['Saksi'], notes: [],
    });
    engine.completeStep(id, 'Saksi', { data: { hadir: true } });
    expect(active(engine.completeStep(id, 'Tuntutan'))).toEqual(['Minutasi']);
  });
});

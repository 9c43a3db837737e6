import { describe, expect, it } from 'vitest';
import { engineWith } from '../support/engineWith.ts';

const dir = import.meta.dirname;

describe('exclusive gateway with rework loop (Surat Masuk)', () => {
  it('takes the "Ya" branch when the letter is complete', async () => {
    const engine = await engineWith(dir, 'exclusiveGateway.rework.bpmn');
    const started = engine.startCase('SuratMasuk', { at: '2026-01-05T08:00:00+07:00' });
    expect(started.activeSteps.map((s) => s.id)).toEqual(['Catat']);
    engine.completeStep(started.id, 'Catat', { at: '2026-01-05T09:00:00+07:00' });
    const checked = engine.completeStep(started.id, 'Periksa', { data: { lengkap: true }, at: '2026-01-05T10:00:00+07:00' });
    expect(checked.activeSteps.map((s) => s.id)).toEqual(['Disposisi']);
    expect(checked.activeSteps[0]?.pelaksana).toBe('ketua-pn');
    const done = engine.completeStep(started.id, 'Disposisi', { at: '2026-01-05T11:00:00+07:00' });
    expect(done.status).toBe('completed');
    expect(done.history.flatMap((h) => h.visited)).toEqual(['Start', 'Catat', 'Periksa', 'Lengkap', 'Disposisi', 'End']);
  });

  it('returns the letter to Catat ("dikembalikan") when it is incomplete, then goes on', async () => {
    const engine = await engineWith(dir, 'exclusiveGateway.rework.bpmn');
    const { id } = engine.startCase('SuratMasuk', { at: '2026-01-05T08:00:00+07:00' });
    engine.completeStep(id, 'Catat', { at: '2026-01-05T09:00:00+07:00' });
    const back = engine.completeStep(id, 'Periksa', { data: { lengkap: false }, at: '2026-01-05T10:00:00+07:00' });
    expect(back.activeSteps.map((s) => s.id)).toEqual(['Catat']);
    engine.completeStep(id, 'Catat', { at: '2026-01-06T09:00:00+07:00' });
    engine.completeStep(id, 'Periksa', { data: { lengkap: true }, at: '2026-01-06T10:00:00+07:00' });
    expect(engine.getCase(id).activeSteps.map((s) => s.id)).toEqual(['Disposisi']);
  });

  it('knows each step\'s due time as soon as it starts: "2 Hari Kerja" from a Friday is Tuesday', async () => {
    const engine = await engineWith(dir, 'exclusiveGateway.rework.bpmn');
    const { id } = engine.startCase('SuratMasuk', { at: '2026-01-09T08:00:00+07:00' });
    engine.completeStep(id, 'Catat', { at: '2026-01-09T09:00:00+07:00' });
    const view = engine.completeStep(id, 'Periksa', { data: { lengkap: true }, at: '2026-01-09T10:00:00+07:00' });
    expect(view.activeSteps[0]?.due).toBe('2026-01-13T23:59:59+07:00');
  });

  it('marks a step late and escalates to the lane\'s atasan when its deadline passes', async () => {
    const engine = await engineWith(dir, 'exclusiveGateway.rework.bpmn');
    const { id } = engine.startCase('SuratMasuk', { at: '2026-01-05T08:00:00+07:00' });
    const due = engine.getCase(id).activeSteps[0]?.due as string;
    expect(engine.fireDueTimers('2026-01-05T23:00:00+07:00')).toBe(0);
    expect(engine.fireDueTimers('2026-01-20T00:00:00+07:00')).toBe(1);
    const view = engine.getCase(id);
    expect(view.activeSteps[0]).toMatchObject({ id: 'Catat', late: true, due });
    expect(view.escalations).toEqual([expect.objectContaining({ step: 'Catat', to: 'kasubag-umum', at: due })]);
    expect(view.status).toBe('active');
  });

  it('refuses to complete a step that is not open, naming it', async () => {
    const engine = await engineWith(dir, 'exclusiveGateway.rework.bpmn');
    const { id } = engine.startCase('SuratMasuk');
    expect(() => engine.completeStep(id, 'Disposisi')).toThrow(/Disposisi/);
    expect(() => engine.completeStep('tidak-ada', 'Catat')).toThrow(/tidak-ada/);
  });
});

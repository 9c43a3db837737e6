import { describe, expect, it } from 'vitest';
import { engineWith } from '../support/engineWith.ts';
import type { CaseView } from '../../src/runtime/caseView.ts';

const dir = import.meta.dirname;
const visited = (view: CaseView) => view.history.flatMap((h) => h.visited);
const active = (view: CaseView) => view.activeSteps.map((s) => s.id);

describe('start events: none, message, timer (Pengaduan)', () => {
  it('starts at the none start event by default', async () => {
    const engine = await engineWith(dir, 'events.startEvents.bpmn');
    const view = engine.startCase('Pengaduan');
    expect(visited(view)).toEqual(['StartLangsung', 'TerimaLangsung']);
    expect(active(view)).toEqual(['TerimaLangsung']);
  });

  it('starts at the message start event when asked, running the service task through', async () => {
    const engine = await engineWith(dir, 'events.startEvents.bpmn');
    const view = engine.startCase('Pengaduan', { startEvent: 'StartMsg', vars: { pengadu: 'Budi' } });
    expect(visited(view)).toEqual(['StartMsg', 'CatatDaring', 'Gabung', 'Telaah']);
    expect(active(view)).toEqual(['Telaah']);
    expect(view.vars).toEqual({ pengadu: 'Budi' });
  });

  it('starts at the timer start event when asked', async () => {
    const engine = await engineWith(dir, 'events.startEvents.bpmn');
    const { id } = engine.startCase('Pengaduan', { startEvent: 'StartTimer' });
    const view = engine.completeStep(id, 'BukaKotak');
    expect(visited(view)).toEqual(['StartTimer', 'BukaKotak', 'Gabung', 'Telaah']);
    expect(engine.timers.forCase(id)).toEqual([]);
  });

  it('refuses a start event the SOP does not have, listing the ones it has', async () => {
    const engine = await engineWith(dir, 'events.startEvents.bpmn');
    expect(() => engine.startCase('Pengaduan', { startEvent: 'Telaah' })).toThrow(/StartLangsung, StartMsg, StartTimer/);
  });
});

describe('end events', () => {
  it('completes the case at a none end event', async () => {
    const engine = await engineWith(dir, 'events.endEvents.bpmn');
    const { id } = engine.startCase('SalinanPutusan');
    engine.completeStep(id, 'Periksa', { data: { ada: true, terlambat: false } });
    const done = engine.completeStep(id, 'Serahkan', { at: '2026-01-06T09:00:00+07:00' });
    expect(done.status).toBe('completed');
    expect(done.endedAt).toBe('2026-01-06T09:00:00+07:00');
    expect(visited(done)).toEqual(['Start', 'Periksa', 'Hasil', 'Serahkan', 'End']);
  });

  it('fails the case with the error code when an error end event is not caught', async () => {
    const engine = await engineWith(dir, 'events.endEvents.bpmn');
    const { id } = engine.startCase('SalinanPutusan');
    const view = engine.completeStep(id, 'Periksa', { data: { ada: false, terlambat: false } });
    expect(view.status).toBe('failed');
    expect(view.error?.code).toBe('PUTUSAN_TIDAK_ADA');
    expect(visited(view)).toEqual(['Start', 'Periksa', 'Hasil', 'TidakAda']);
    expect(view.activeSteps).toEqual([]);
  });

  it('completes the case at an escalation end event and records the escalation', async () => {
    const engine = await engineWith(dir, 'events.endEvents.bpmn');
    const { id } = engine.startCase('SalinanPutusan');
    const view = engine.completeStep(id, 'Periksa', { data: { ada: true, terlambat: true } });
    expect(view.status).toBe('completed');
    expect(visited(view)).toEqual(['Start', 'Periksa', 'Hasil', 'Lewat']);
    expect(view.history.at(-1)?.notes).toContain('Eskalasi "LEWAT_WAKTU" dicatat.');
  });
});

describe('terminate end event in a parallel branch (Pendaftaran Gugatan)', () => {
  it('joins both branches when the claim is not withdrawn', async () => {
    const engine = await engineWith(dir, 'events.terminateInBranch.bpmn');
    const { id } = engine.startCase('PendaftaranGugatan');
    expect(active(engine.getCase(id))).toEqual(['Taksir', 'Telaah']);
    engine.completeStep(id, 'Telaah', { data: { dicabut: false } });
    expect(active(engine.getCase(id))).toEqual(['Taksir']);
    const joined = engine.completeStep(id, 'Taksir');
    expect(active(joined)).toEqual(['Daftar']);
    expect(engine.completeStep(id, 'Daftar').status).toBe('completed');
  });

  it('ends the whole case, closing the other branch\'s open step, when the claim is withdrawn', async () => {
    const engine = await engineWith(dir, 'events.terminateInBranch.bpmn');
    const { id } = engine.startCase('PendaftaranGugatan');
    const view = engine.completeStep(id, 'Telaah', { data: { dicabut: true }, at: '2026-01-05T10:00:00+07:00' });
    expect(view.status).toBe('terminated');
    expect(view.activeSteps).toEqual([]);
    expect(visited(view)).toEqual(['Start', 'Pisah', 'Taksir', 'Telaah', 'Dicabut', 'Cabut']);
    expect(view.history.at(-1)?.stepsEnded).toEqual(expect.arrayContaining(['Taksir', 'Telaah']));
    expect(() => engine.completeStep(id, 'Taksir')).toThrow(/terminated/);
  });
});

describe('intermediate catch events: message, then timeDate timer (Pemanggilan)', () => {
  it('waits for the relaas message, then for the fixed hearing date, then opens the hearing', async () => {
    const engine = await engineWith(dir, 'events.intermediate.bpmn');
    const { id } = engine.startCase('PanggilanSidang', { at: '2026-01-05T08:00:00+07:00' });
    const waiting = engine.completeStep(id, 'Kirim', { at: '2026-01-05T09:00:00+07:00' });
    expect(waiting.activeSteps).toEqual([]);
    expect(engine.timers.forCase(id)).toEqual([]);
    expect(() => engine.correlateMessage('PesanLain', { caseId: id })).toThrow(/PesanLain/);
    // The message's data must fit the form of its catcher (issue 15): refused by name, nothing changes.
    const before = engine.getCase(id);
    expect(() => engine.correlateMessage('RelaasKembali', { caseId: id }, { data: { relaasSah: 'ya' } })).toThrow(expect.objectContaining({
      code: 'BAD_STEP_DATA', details: expect.objectContaining({ field: 'relaasSah', label: 'Relaas sah' }),
    }));
    expect(() => engine.correlateMessage('RelaasKembali', { caseId: id }, { data: { nomorRelaas: 'R-1' } })).toThrow(/pesan "RelaasKembali".*"nomorRelaas"/);
    expect(engine.getCase(id)).toEqual(before);

    engine.correlateMessage('RelaasKembali', { caseId: id }, { data: { relaasSah: true }, at: '2026-01-07T14:30:00+07:00' });
    expect(engine.timers.forCase(id).map((t) => [t.key, t.due])).toEqual([['TungguSidang', '2026-01-12T09:00:00+07:00']]);

    expect(engine.fireDueTimers('2026-01-12T08:59:59+07:00')).toBe(0);
    expect(engine.getCase(id).activeSteps).toEqual([]);
    expect(engine.fireDueTimers('2026-01-12T09:00:00+07:00')).toBe(1);
    const view = engine.getCase(id);
    expect(active(view)).toEqual(['Sidang']);
    expect(view.activeSteps[0]?.startedAt).toBe('2026-01-12T09:00:00+07:00');
    expect(view.vars).toEqual({ relaasSah: true });
    expect(visited(view)).toEqual(['Start', 'Kirim', 'TungguRelaas', 'TungguSidang', 'Sidang']);
  });
});

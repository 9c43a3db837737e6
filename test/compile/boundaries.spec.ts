import { describe, expect, it } from 'vitest';
import { engineWith } from '../support/engineWith.ts';
import type { CaseView } from '../../src/runtime/caseView.ts';

const dir = import.meta.dirname;
const visited = (view: CaseView) => view.history.flatMap((h) => h.visited);
const active = (view: CaseView) => view.activeSteps.map((s) => s.id);

async function kasasi() {
  const engine = await engineWith(dir, 'boundaries.kasasi.bpmn');
  const { id } = engine.startCase('Kasasi', { at: '2026-01-05T10:00:00+07:00' });
  const timerKeys = () => engine.timers.forCase(id).map((t) => t.key).sort();
  return { engine, id, timerKeys };
}

/** A Kasasi case whose akta was made on 2026-01-10, now waiting for the memori kasasi. */
async function atMemori() {
  const run = await kasasi();
  run.engine.completeStep(run.id, 'Akta', { at: '2026-01-10T10:00:00+07:00' });
  return run;
}

describe('interrupting timer boundary: the 14-day window to file kasasi', () => {
  it('arms the "14 Hari" window when the step opens', async () => {
    const { engine, id } = await kasasi();
    expect(engine.timers.forCase(id)).toEqual([expect.objectContaining({ key: 'BatasKasasi', event: 'TIMER.BatasKasasi', due: '2026-01-19T23:59:59+07:00' })]);
  });

  it('leaves the step when the window closes and records the judgment as final', async () => {
    const { engine, id } = await kasasi();
    expect(engine.fireDueTimers('2026-01-19T23:00:00+07:00')).toBe(0);
    expect(active(engine.getCase(id))).toEqual(['Akta']);
    expect(engine.fireDueTimers('2026-01-20T08:00:00+07:00')).toBe(1);
    const view = engine.getCase(id);
    expect(view.status).toBe('completed');
    expect(view.endedAt).toBe('2026-01-19T23:59:59+07:00');
    expect(visited(view)).toEqual(['Start', 'Akta', 'BatasKasasi', 'Inkracht', 'EndInkracht']);
    expect(view.history.at(-1)?.stepsEnded).toEqual(['Akta']);
  });

  it('does not fire when the step completes first: its timer row is gone', async () => {
    const { engine, id, timerKeys } = await atMemori();
    expect(timerKeys()).toEqual(['PengingatMemori']);
    engine.completeStep(id, 'Memori', { at: '2026-01-12T10:00:00+07:00' });
    expect(timerKeys()).toEqual([]);
    expect(engine.fireDueTimers('2026-02-01T00:00:00+07:00')).toBe(0);
    expect(active(engine.getCase(id))).toEqual(['Kirim']);
    expect(visited(engine.getCase(id))).not.toContain('BatasKasasi');
  });
});

describe('non-interrupting cycle timer boundary: reminders for the memori kasasi (R2/P7D)', () => {
  it('runs its automatic path and keeps the step open', async () => {
    const { engine, id } = await atMemori();
    expect(engine.timers.forCase(id)[0]?.due).toBe('2026-01-17T10:00:00+07:00');
    expect(engine.fireDueTimers('2026-01-17T10:00:00+07:00')).toBe(1);
    const view = engine.getCase(id);
    expect(view.status).toBe('active');
    expect(view.activeSteps).toEqual([expect.objectContaining({ id: 'Memori', startedAt: '2026-01-10T10:00:00+07:00' })]);
    expect(view.history.at(-1)).toMatchObject({ event: 'TIMER.PengingatMemori', visited: ['PengingatMemori', 'Ingatkan', 'EndPengingat'], stepsStarted: [], stepsEnded: [] });
    expect(active(engine.completeStep(id, 'Memori'))).toEqual(['Kirim']);
  });

  it('reminds twice, seven days apart, and then stops', async () => {
    const { engine, id } = await atMemori();
    expect(engine.fireDueTimers('2026-01-17T10:00:00+07:00')).toBe(1);
    expect(engine.timers.forCase(id).map((t) => t.due)).toEqual(['2026-01-24T10:00:00+07:00']);
    expect(engine.fireDueTimers('2026-01-24T09:59:59+07:00')).toBe(0);
    expect(engine.fireDueTimers('2026-03-01T00:00:00+07:00')).toBe(1);
    const view = engine.getCase(id);
    expect(view.history.filter((h) => h.event === 'TIMER.PengingatMemori').map((h) => h.at)).toEqual(['2026-01-17T10:00:00+07:00', '2026-01-24T10:00:00+07:00']);
    expect(active(view)).toEqual(['Memori']);
    expect(engine.timers.forCase(id)).toEqual([]);
  });

  it('stops reminding once the memori arrives', async () => {
    const { engine, id, timerKeys } = await atMemori();
    engine.fireDueTimers('2026-01-17T10:00:00+07:00');
    engine.completeStep(id, 'Memori', { at: '2026-01-18T10:00:00+07:00' });
    expect(timerKeys()).toEqual([]);
    expect(engine.fireDueTimers('2026-03-01T00:00:00+07:00')).toBe(0);
  });
});

describe('interrupting message boundary: the kasasi is withdrawn', () => {
  it('leaves the step for the withdrawal path and drops the step\'s reminder timer', async () => {
    const { engine, id, timerKeys } = await atMemori();
    const view = engine.correlateMessage('PencabutanKasasi', { caseId: id }, { data: { alasan: 'perdamaian' }, at: '2026-01-12T09:00:00+07:00' });
    expect(active(view)).toEqual(['CatatCabut']);
    expect(view.history.at(-1)?.visited).toEqual(['Dicabut', 'CatatCabut']);
    expect(timerKeys()).toEqual([]);
    expect(engine.completeStep(id, 'CatatCabut').status).toBe('completed');
  });

  it('is not expected while its step is not open', async () => {
    const { engine, id } = await kasasi();
    expect(() => engine.correlateMessage('PencabutanKasasi', { caseId: id })).toThrow(expect.objectContaining({ code: 'MESSAGE_NOT_EXPECTED' }));
  });
});

describe('error boundary on a user task (failStep)', () => {
  async function atKirim() {
    const run = await atMemori();
    run.engine.completeStep(run.id, 'Memori', { at: '2026-01-12T10:00:00+07:00' });
    return run;
  }

  it('catches its error code and loops back through the repair step', async () => {
    const { engine, id } = await atKirim();
    const caught = engine.failStep(id, 'Kirim', 'BERKAS_TIDAK_LENGKAP', { at: '2026-01-13T10:00:00+07:00' });
    expect(caught.status).toBe('active');
    expect(active(caught)).toEqual(['Lengkapi']);
    expect(caught.history.at(-1)).toMatchObject({ event: 'ERROR.BERKAS_TIDAK_LENGKAP', visited: ['BerkasKurang', 'Lengkapi'], stepsEnded: ['Kirim'] });
    expect(active(engine.completeStep(id, 'Lengkapi'))).toEqual(['Kirim']);
    const done = engine.completeStep(id, 'Kirim');
    expect(done.status).toBe('completed');
    expect(visited(done).slice(-5)).toEqual(['Kirim', 'BerkasKurang', 'Lengkapi', 'Kirim', 'End']);
  });

  it('fails the case on an error code no boundary catches', async () => {
    const { engine, id } = await atKirim();
    const view = engine.failStep(id, 'Kirim', 'MA_MENOLAK');
    expect(view.status).toBe('failed');
    expect(view.error?.code).toBe('MA_MENOLAK');
  });
});

describe('error boundary in a parallel branch', () => {
  it('catches the error of its own task while the other branch stays open', async () => {
    const engine = await engineWith(dir, 'boundaries.errorInBranch.bpmn');
    const { id } = engine.startCase('PendaftaranPermohonan');
    const view = engine.failStep(id, 'Verifikasi', 'DATA_SALAH');
    expect(active(view)).toEqual(['Hitung', 'Koreksi']);
    engine.completeStep(id, 'Koreksi');
    expect(active(engine.completeStep(id, 'Hitung'))).toEqual(['Daftar']);
  });

  it('does not let a sibling task\'s boundary catch an error thrown by a task without one', async () => {
    const engine = await engineWith(dir, 'boundaries.errorInBranch.bpmn');
    const { id } = engine.startCase('PendaftaranPermohonan');
    const view = engine.failStep(id, 'Hitung', 'DATA_SALAH');
    expect(view.status).toBe('failed');
    expect(view.error?.code).toBe('DATA_SALAH');
    expect(visited(view)).not.toContain('IdentitasSalah');
  });
});

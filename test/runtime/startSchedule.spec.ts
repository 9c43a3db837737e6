import { describe, expect, it } from 'vitest';
import { CaseEngine } from '../../src/runtime/caseEngine.ts';
import { fixture } from '../support/engineWith.ts';

const dir = import.meta.dirname;

async function deployedOn(clock: string) {
  const engine = new CaseEngine({ clock: () => clock, newId: (() => { let n = 0; return () => `rutin-${++n}`; })() });
  await engine.deployXml(fixture(dir, 'startSchedule.rutin.bpmn'));
  return engine;
}

describe('recurring SOPs start themselves (timer start events with waktu phrases)', () => {
  it('"Setiap Hari" starts one case each working day, none on the weekend', async () => {
    const engine = await deployedOn('2026-01-05T08:00:00+07:00'); // a Monday
    expect(engine.fireDueTimers('2026-01-11T23:00:00+07:00')).toBeGreaterThanOrEqual(5);
    const absensi = engine.listCases().filter((c) => c.processId === 'Absensi').map((c) => c.startedAt).sort();
    expect(absensi).toEqual(['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09'].map((d) => `${d}T00:00:00+07:00`));
    expect(engine.scheduledStarts().find((s) => s.processId === 'Absensi')?.due).toBe('2026-01-12T00:00:00+07:00');
  });

  it('a started routine case has its step open with the deadline counted from its start day', async () => {
    const engine = await deployedOn('2026-01-05T08:00:00+07:00');
    engine.fireDueTimers('2026-01-05T09:00:00+07:00');
    const [today] = engine.listCases().filter((c) => c.processId === 'Absensi');
    expect(today?.activeSteps[0]).toMatchObject({ id: 'Isi', due: '2026-01-06T23:59:59+07:00' });
    expect(today?.history[0]).toMatchObject({ actor: 'jadwal', visited: ['SetiapHari', 'Isi'] });
  });

  it('"3 bulan sekali" starts once per quarter, at the quarter\'s last working day', async () => {
    const engine = await deployedOn('2026-01-05T08:00:00+07:00');
    expect(engine.scheduledStarts().find((s) => s.processId === 'LaporanTriwulan')?.due).toBe('2026-03-31T00:00:00+07:00');
    engine.fireDueTimers('2026-07-01T00:00:00+07:00');
    const quarters = engine.listCases().filter((c) => c.processId === 'LaporanTriwulan').map((c) => c.startedAt).sort();
    expect(quarters).toEqual(['2026-03-31T00:00:00+07:00', '2026-06-30T00:00:00+07:00']);
  });
});

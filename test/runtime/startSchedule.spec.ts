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

describe('a monthly date that falls on a closed day', () => {
  it('moves on to the next working day and the schedule still goes on to the next month', async () => {
    const xml = `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D">
      <bpmn:process id="UangMakan" isExecutable="true"><bpmn:startEvent id="Tgl5"><bpmn:timerEventDefinition><bpmn:timeCycle>Tanggal 5 setiap bulan</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
      <bpmn:userTask id="Daftar" name="Membuat daftar nominatif uang makan"/><bpmn:endEvent id="E"/>
      <bpmn:sequenceFlow id="f1" sourceRef="Tgl5" targetRef="Daftar"/><bpmn:sequenceFlow id="f2" sourceRef="Daftar" targetRef="E"/></bpmn:process></bpmn:definitions>`;
    const engine = new CaseEngine({ clock: () => '2026-03-16T08:00:00+07:00' });
    await engine.deployXml(xml);
    engine.fireDueTimers('2026-05-31T00:00:00+07:00');
    // 5 April 2026 is a Sunday (Paskah): that month's case starts on Monday 6 April (issue 19: a dated
    // day that is closed moves forward; before, back over Wafat Yesus Kristus to Thursday 2 April);
    // 5 May is a Tuesday.
    expect(engine.listCases().map((c) => c.startedAt).sort()).toEqual(['2026-04-06T00:00:00+07:00', '2026-05-05T00:00:00+07:00']);
    expect(engine.scheduledStarts()[0]?.due).toBe('2026-06-05T00:00:00+07:00');
  });
});

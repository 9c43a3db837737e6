import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftYear } from '../../src/calendar/draftYear.ts';
import { readCalendarYears } from '../../src/calendar/loadCalendar.ts';
import { publishYear } from '../../src/calendar/publishYear.ts';
import { createWorkingCalendar } from '../../src/calendar/workingCalendar.ts';
import { engineWith } from '../support/engineWith.ts';

const dir = import.meta.dirname;
const years = readCalendarYears(resolve(dir, '../../processes/calendar'));

/** The calendar after a (hypothetical) corrected SKB adds a cuti bersama on Tuesday 6 January 2026. */
function correctedCalendar() {
  const old2026 = years.find((y) => y.year === 2026);
  if (!old2026) throw new Error('2026 missing');
  const extra = { date: '2026-01-06', kind: 'cuti_bersama' as const, name: 'Cuti bersama (uji)', source: 'SKB perubahan (uji)' };
  const { year } = publishYear(old2026, { ...old2026, entries: [...old2026.entries, extra] });
  return createWorkingCalendar({ zone: 'Asia/Jakarta', years: [...years.filter((y) => y.year !== 2026), year], draft: draftYear });
}

describe('publishing a corrected calendar year', () => {
  it('moves open deadlines not yet missed, and records old and new due times with the calendar version', async () => {
    const engine = await engineWith(dir, 'caseEngine.pemanggilan.bpmn');
    const { id } = engine.startCase('Pemanggilan', { at: '2026-01-05T08:00:00+07:00' });
    expect(engine.getCase(id).activeSteps[0]?.due).toBe('2026-01-07T23:59:59+07:00'); // 2 hari kerja: Tue 6, Wed 7
    const calendar = correctedCalendar();
    const moved = engine.useCalendar(calendar, { at: '2026-01-05T12:00:00+07:00', actor: 'admin' });
    expect(moved).toEqual([expect.objectContaining({ caseId: id, step: 'Panggil', before: '2026-01-07T23:59:59+07:00', after: '2026-01-08T23:59:59+07:00' })]);
    const view = engine.getCase(id);
    expect(view.activeSteps[0]?.due).toBe('2026-01-08T23:59:59+07:00');
    expect(view.history.at(-1)).toMatchObject({ event: 'CALENDAR', actor: 'admin' });
    expect(view.history.at(-1)?.notes[0]).toContain(calendar.version);
    expect(engine.timers.forCase(id)).toEqual([expect.objectContaining({ key: 'DEADLINE:Panggil', due: '2026-01-08T23:59:59+07:00' })]);
  });

  it('never reopens a breach that has been recorded', async () => {
    const engine = await engineWith(dir, 'caseEngine.pemanggilan.bpmn');
    const { id } = engine.startCase('Pemanggilan', { at: '2026-01-05T08:00:00+07:00' });
    engine.fireDueTimers('2026-01-08T08:00:00+07:00');
    expect(engine.getCase(id).activeSteps[0]).toMatchObject({ late: true, due: '2026-01-07T23:59:59+07:00' });
    expect(engine.useCalendar(correctedCalendar(), { at: '2026-01-08T09:00:00+07:00' })).toEqual([]);
    expect(engine.getCase(id).activeSteps[0]).toMatchObject({ late: true, due: '2026-01-07T23:59:59+07:00' });
  });
});

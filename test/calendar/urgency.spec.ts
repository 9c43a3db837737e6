/** One rule of urgency for every screen: "segera" reaches the end of the next working day on the office's calendar. */
import { describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/calendar/loadCalendar.ts';
import { endOfNextWorkingDay, urgencyOf } from '../../src/calendar/urgency.ts';

const calendar = loadCalendar();

describe('urgency of an open step', () => {
  it('reaches the end of the next working day: Friday → Monday, and past Nyepi and Lebaran 2026', () => {
    expect(endOfNextWorkingDay('2026-03-06T10:00:00+07:00', calendar)).toBe('2026-03-09T23:59:59+07:00');
    // 18–24 March 2026 are closed (Nyepi, Idul Fitri, cuti bersama): from Tuesday 17 March the next working day is Wednesday 25th.
    expect(endOfNextWorkingDay('2026-03-17T09:00:00+07:00', calendar)).toBe('2026-03-25T23:59:59+07:00');
    // Late at night UTC is already the next office day in WIB.
    expect(endOfNextWorkingDay('2026-03-05T18:00:00Z', calendar)).toBe('2026-03-09T23:59:59+07:00');
  });

  it('is late once marked or past due, segera by that end, biasa after it, none without a tenggat', () => {
    const now = '2026-03-06T10:00:00+07:00';
    const soon = endOfNextWorkingDay(now, calendar);
    expect(urgencyOf({ due: '2026-03-09T23:59:59+07:00', late: false }, now, soon)).toBe('segera');
    expect(urgencyOf({ due: '2026-03-10T08:00:00+07:00', late: false }, now, soon)).toBe('biasa');
    expect(urgencyOf({ due: '2026-03-06T09:00:00+07:00', late: false }, now, soon)).toBe('terlambat');
    expect(urgencyOf({ due: '2026-03-20T09:00:00+07:00', late: true }, now, soon)).toBe('terlambat');
    expect(urgencyOf({ late: false }, now, soon)).toBe('tanpa-tenggat');
  });
});

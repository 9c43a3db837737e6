/**
 * Publishing a year's holiday data: the new data becomes the next version with
 * status "published", and the dates whose entries changed are listed so the
 * engine can recompute open deadlines (sop-standard §4.3: never reopen a
 * recorded breach silently; log old and new due dates with the version).
 * Pure: the caller writes the file.
 */
import { parseCalendarYear, type CalendarEntry, type CalendarYear } from './calendarYear.ts';
import { weekdayOf } from './localDate.ts';

export interface DateChange {
  date: string;
  before: string[]; // "libur_nasional: Idul Fitri 1447 Hijriah" as it was
  after: string[]; // as it is now
  opennessChanged: boolean; // a weekday that was open is now closed, or the reverse: deadlines across it move
}

export interface PublishResult {
  year: CalendarYear;
  changedDates: string[]; // sorted; every date with any entry added, removed or renamed
  changes: DateChange[];
}

function describe(entries: CalendarEntry[]): Map<string, string[]> {
  const byDate = new Map<string, string[]>();
  for (const e of entries) {
    byDate.set(e.date, [...(byDate.get(e.date) ?? []), `${e.kind}: ${e.name}${e.tentative ? ' (belum pasti)' : ''}`].sort());
  }
  return byDate;
}

/** Makes `next` the published successor of `previous` (version + 1) and lists the dates that changed. */
export function publishYear(previous: CalendarYear | null, next: CalendarYear): PublishResult {
  if (previous && previous.year !== next.year) {
    throw new Error(`Data tahun ${next.year} tidak dapat menggantikan data tahun ${previous.year}.`);
  }
  // A published year is the satker's own data, no longer a program's draft.
  const published: Partial<CalendarYear> = { ...next, status: 'published', version: (previous?.version ?? 0) + 1 };
  delete published.generatedFrom;
  const year = parseCalendarYear(published, `${next.year}.json`);
  const before = describe(previous?.entries ?? []);
  const after = describe(year.entries);
  const dates = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changes: DateChange[] = [];
  for (const date of dates) {
    const was = before.get(date) ?? [];
    const now = after.get(date) ?? [];
    if (was.join('\n') === now.join('\n')) continue;
    const weekend = weekdayOf(date) >= 6;
    changes.push({ date, before: was, after: now, opennessChanged: !weekend && (was.length > 0) !== (now.length > 0) });
  }
  return { year, changedDates: changes.map((c) => c.date), changes };
}

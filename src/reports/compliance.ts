/**
 * Deadline compliance (issue 5, "laporan kepatuhan waktu penyelesaian"): how many step
 * occurrences finished on time, late or without a deadline, and how many are open past their
 * due, per SOP and step (with its pelaksana), over a period. Read from the event logs only, in
 * one pass over each case's entries: a start opens an occurrence with the due of that entry's
 * `deadlines`, a CALENDAR entry moves it, an end closes it at the entry's `at`. Each start of a
 * step (rework loops) is its own occurrence.
 */
import { periodBoundMs } from '../calendar/periodBound.ts';
import type { HistoryEntry } from '../runtime/caseRecord.ts';
import { ProtapError } from '../runtime/protapError.ts';
import type { StoredCase } from '../store/caseStore.ts';
import type { DurableEngine } from '../store/durableEngine.ts';

export interface ComplianceFilter {
  /** Start of the period (ISO instant, or a date: from 00:00 in the satker's zone). */
  from?: string;
  /** End of the period, inclusive (ISO instant, or a date: through 23:59:59.999 in the satker's zone). */
  to?: string;
  processId?: string;
  pelaksana?: string;
}

import type { ComplianceReport, ComplianceRow } from './complianceShapes.ts';

export type { ComplianceReport, ComplianceRow };

const PAGE = 100;

/** Row being counted, with where it sorts. */
interface Tally extends ComplianceRow {
  /** Definition version the names were taken from (the highest seen wins). */
  version: number;
  /** Position of the step in its definition (steps not in it: after, by first appearance). */
  order: number;
}

/** Milliseconds of a period bound; a bare date covers the whole day in the calendar's zone. */
function boundMs(text: string | undefined, edge: 'start' | 'end', zone: string): number | undefined {
  if (text === undefined) return undefined;
  const ms = periodBoundMs(text, edge, zone);
  if (Number.isNaN(ms)) throw new ProtapError('BAD_INPUT', `Batas periode "${text}" bukan tanggal ISO 8601.`);
  return ms;
}

const rateOf = (onTime: number, late: number): number | null => (onTime + late > 0 ? onTime / (onTime + late) : null);

/** Compliance of every step occurrence of the matching cases, as of `now`. */
export async function complianceReport(engine: DurableEngine, filter: ComplianceFilter, now: string): Promise<ComplianceReport> {
  const zone = engine.calendar.zone;
  const from = boundMs(filter.from, 'start', zone) ?? -Infinity;
  const to = boundMs(filter.to, 'end', zone) ?? Infinity;
  const nowMs = Date.parse(now);
  const inPeriod = (ms: number) => ms >= from && ms <= to;
  const tallies = new Map<string, Tally>();

  /** The row of a step, named after the highest definition version seen for it. */
  const tally = (stored: StoredCase, stepId: string): Tally => {
    const key = `${stored.processId}\u0000${stepId}`;
    const known = tallies.get(key);
    if (known && known.version >= stored.definitionVersion) return known;
    const definition = engine.definition(stored.processId, stored.definitionVersion);
    const meta = definition.steps.get(stepId);
    const index = [...definition.steps.keys()].indexOf(stepId);
    const row: Tally = {
      processId: stored.processId,
      ...(definition.name ? { processName: definition.name } : {}),
      stepId,
      ...(meta?.name ? { stepName: meta.name } : {}),
      ...(meta?.pelaksana ? { pelaksana: meta.pelaksana } : {}),
      completed: known?.completed ?? 0, onTime: known?.onTime ?? 0, late: known?.late ?? 0,
      openLate: known?.openLate ?? 0, withoutDeadline: known?.withoutDeadline ?? 0, rate: null,
      version: stored.definitionVersion,
      order: index >= 0 ? index : definition.steps.size + tallies.size,
    };
    tallies.set(key, row);
    return row;
  };

  for (let afterId = ''; ;) {
    // Between pages the event loop is let go, so other requests are answered while a long report
    // runs: the server's thread is held for one page at a time (100 cases, their logs read in one
    // query), not for the whole store.
    if (afterId !== '') await new Promise((resume) => setImmediate(resume));
    const page = await engine.store.listCases({
      afterId, limit: PAGE, ...(filter.processId ? { processId: filter.processId } : {}), ...(Number.isFinite(to) ? { startedTo: new Date(to).toISOString() } : {}),
    });
    if (page.length === 0) break;
    afterId = (page[page.length - 1] as StoredCase).id;
    // Cases that ended before the period or started after it cannot count.
    const relevant = page.filter((c) => !(c.endedAt && Date.parse(c.endedAt) < from) && Date.parse(c.startedAt) <= to);
    await engine.ensureDefinitions(relevant);
    const logs = await engine.store.logsOf(relevant.map((c) => c.id));
    for (const stored of relevant) {
      /** The open occurrence of each step of this case (a step is open at most once at a time): its due in ms. */
      const open = new Map<string, number | undefined>();
      let active = true;
      for (const row of logs.get(stored.id) ?? []) {
        if (row.seq > stored.revision) break; // written after the case row was read
        const entry = JSON.parse(row.entry) as HistoryEntry;
        const endedMs = Date.parse(entry.at);
        for (const stepId of entry.stepsEnded) {
          if (!open.has(stepId)) continue;
          const due = open.get(stepId);
          open.delete(stepId);
          if (!inPeriod(endedMs)) continue;
          const counted = tally(stored, stepId);
          counted.completed++;
          if (due === undefined) counted.withoutDeadline++;
          else if (endedMs <= due) counted.onTime++;
          else counted.late++;
        }
        for (const stepId of entry.stepsStarted) open.set(stepId, undefined);
        for (const deadline of entry.deadlines) {
          // A start sets the due of the steps it started; a CALENDAR entry moves the due of open ones.
          if (open.has(deadline.step)) open.set(deadline.step, Date.parse(deadline.due));
        }
        active = entry.status === 'active';
      }
      if (!active) continue; // a case that ended has no open steps
      for (const [stepId, due] of open) {
        if (due !== undefined && due < nowMs && inPeriod(due)) tally(stored, stepId).openLate++;
      }
    }
    if (page.length < PAGE) break;
  }

  const rows = [...tallies.values()]
    .filter((row) => !filter.pelaksana || row.pelaksana === filter.pelaksana)
    .sort((a, b) => (a.processId < b.processId ? -1 : a.processId > b.processId ? 1 : a.order - b.order || (a.stepId < b.stepId ? -1 : 1)))
    .map(({ version: _version, order: _order, ...row }): ComplianceRow => ({ ...row, rate: rateOf(row.onTime, row.late) }));
  const sum = (field: 'completed' | 'onTime' | 'late' | 'openLate') => rows.reduce((total, row) => total + row[field], 0);
  const totals = { completed: sum('completed'), onTime: sum('onTime'), late: sum('late'), openLate: sum('openLate') };
  return {
    ...(filter.from !== undefined ? { from: filter.from } : {}),
    ...(filter.to !== undefined ? { to: filter.to } : {}),
    rows,
    totals: { ...totals, rate: rateOf(totals.onTime, totals.late) },
  };
}

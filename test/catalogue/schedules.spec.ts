/**
 * Issue 19 items 3 and 10: the scheduled duties of the catalogue run once per period, called or
 * not; a report on a month is due after that month ends; DP3's "15 hari kerja" is a deadline.
 * Each on the in-memory engine and on the durable one over SQLite across a restart, with the whole
 * catalogue deployed and three months simulated day by day (every open step of these duties is
 * completed the same day, so a caller that would start a duty again gets its chance).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { deployCatalogue } from '../../src/catalogue/deployCatalogue.ts';
import { readCatalogue } from '../../src/catalogue/readCatalogue.ts';
import { CaseEngine } from '../../src/runtime/caseEngine.ts';
import type { CaseView } from '../../src/runtime/caseView.ts';
import { DurableEngine } from '../../src/store/durableEngine.ts';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.ts';
import { fillForm, type Choose } from './formDriver.ts';

/** The monthly duties of items 3 (reports, payroll). */
const MONTHLY = ['pidana-G', 'perdata-G', 'hukum-A', 'keuangan-B-1', 'keuangan-B-3'];
/** The duties and anything that may call them (the macro SOPs before issue 19). */
const RUN = new Set([...MONTHLY, 'makro-laporan-bulanan', 'makro-penggajian']);
const ZONE = 'Asia/Jakarta';
const DEPLOYED = '2026-03-01T00:00:00+07:00';
const MONTHS = ['2026-03', '2026-04', '2026-05'];
const ONCE_A_MONTH = Object.fromEntries(MONTHS.map((m) => [m, 1]));

const days = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = DateTime.fromISO(from, { zone: ZONE }); d.toISODate() as string <= to; d = d.plus({ days: 1 })) out.push(d.toISODate() as string);
  return out;
};
const monthOf = (instant: string) => DateTime.fromISO(instant, { zone: ZONE }).toFormat('yyyy-MM');
const choose: Choose = ({ field }) => field.values?.[0]?.value;

/** Cases of each duty, counted by the month they started in. */
function perMonth(cases: { processId: string; startedAt: string }[]): Record<string, Record<string, number>> {
  const counts: Record<string, Record<string, number>> = Object.fromEntries(MONTHLY.map((p) => [p, {}]));
  for (const c of cases) {
    const byMonth = counts[c.processId];
    if (!byMonth) continue;
    const month = monthOf(c.startedAt);
    byMonth[month] = (byMonth[month] ?? 0) + 1;
  }
  return counts;
}

/** The open person steps of a case, each with the data its form asks for. */
function work(view: CaseView): { step: string; data?: Record<string, unknown>; instance?: number }[] {
  return view.activeSteps.filter((s) => s.completion === 'person').map((s) => {
    const data = fillForm(s.form, { processId: view.processId, caseId: view.id, node: s.id, round: 1 }, choose);
    return { step: s.id, ...(data ? { data } : {}), ...(s.openInstances ? { instance: s.openInstances[0] } : {}) };
  });
}

const catalogue = await deployCatalogue(new CaseEngine({ scheduleStarts: false }));

describe('scheduled SOPs of the catalogue: one case per period, called or not (issue 19, item 3)', () => {
  it('no SOP calls an SOP that starts itself on a schedule', async () => {
    const scheduled = new Set(catalogue.filter((d) => d.startTimers.length > 0).map((d) => d.processId));
    const calls = (await readCatalogue()).flatMap((e) => e.calledElements.filter((c) => scheduled.has(c)).map((c) => `${e.processId} → ${c}`));
    expect(calls).toEqual([]);
    for (const duty of MONTHLY) expect(scheduled, duty).toContain(duty);
  });

  it('in memory: each monthly duty has exactly one case in each of March, April and May 2026', () => {
    let n = 0;
    const engine = new CaseEngine({ clock: () => DEPLOYED, newId: () => `kasus-${++n}` });
    engine.deploy(catalogue);
    for (const day of days(DEPLOYED, '2026-05-31')) {
      engine.fireDueTimers(`${day}T09:00:00+07:00`);
      for (let round = 0; round < 50; round++) {
        const open = engine.listCases().filter((c) => c.status === 'active' && RUN.has(c.processId)).flatMap((c) => work(c).map((w) => ({ c, w })));
        if (open.length === 0) break;
        for (const { c, w } of open) {
          engine.completeStep(c.id, w.step, { at: `${day}T10:00:00+07:00`, ...(w.data ? { data: w.data } : {}), ...(w.instance !== undefined ? { instance: w.instance } : {}) });
        }
      }
    }
    const counts = perMonth(engine.listCases());
    for (const duty of MONTHLY) expect(counts[duty], duty).toEqual(ONCE_A_MONTH);
  });
});

describe('a report on a month is due after the month ends (issue 19, item 10)', () => {
  it('in memory: the April 2026 reports are due on Monday 4 May, not 30 April (3 May is a Sunday)', () => {
    const engine = new CaseEngine({ clock: () => DEPLOYED });
    engine.deploy(catalogue);
    engine.fireDueTimers('2026-04-30T09:00:00+07:00');
    for (const report of ['pidana-G', 'perdata-G']) {
      const april = engine.listCases().find((c) => c.processId === report && monthOf(c.startedAt) === '2026-04');
      expect(april?.startedAt, report).toBe('2026-04-30T00:00:00+07:00');
      const step = april?.activeSteps.find((s) => s.id === 'Langkah_1');
      expect(step?.due, report).toBe('2026-05-04T23:59:59+07:00');
    }
    // The Kepaniteraan Hukum starts on the konsep's date, moved forward the same way.
    engine.fireDueTimers('2026-05-04T09:00:00+07:00');
    expect(engine.listCases().filter((c) => c.processId === 'hukum-A').map((c) => c.startedAt).sort())
      .toEqual(['2026-03-03T00:00:00+07:00', '2026-04-06T00:00:00+07:00', '2026-05-04T00:00:00+07:00']);
  });
});

describe('DP3 (II.B.12): "Pengetikan DP3 diselesaikan selama 15 hari kerja" (issue 19, item 10)', () => {
  it('in memory: the typing step is due 15 working days after it starts', () => {
    const engine = new CaseEngine({ clock: () => DEPLOYED, scheduleStarts: false });
    engine.deploy(catalogue);
    const dp3 = engine.startCase('kepegawaian-B-12', { at: '2026-03-02T08:00:00+07:00' });
    const typing = engine.completeStep(dp3.id, 'Langkah_1', { at: '2026-03-02T10:00:00+07:00' }).activeSteps.find((s) => s.id === 'Langkah_2');
    // 3–17 March are days 1–11; Nyepi and its cuti bersama (18–20), Idul Fitri's (23–24) are skipped; 25, 26, 27, 30 March are 12–15.
    expect(typing?.due).toBe('2026-03-30T23:59:59+07:00');
  });
});

describe('durable engine over SQLite, restarted mid-way (issue 19, items 3 and 10)', () => {
  const stores: SqliteStore[] = [];
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
  });

  it('runs each monthly duty once a month, keeps the April report due on 4 May and DP3 due in 15 hari kerja across the restart', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'protap-jadwal-')), 'protap.db');
    let n = 0;
    const open = async () => {
      const store = new SqliteStore(path);
      stores.push(store);
      return DurableEngine.open({ store, clock: () => DEPLOYED, newId: () => `k${stores.length}-${++n}` });
    };
    let engine = await open();
    await deployCatalogue(engine);
    const dp3 = await engine.startCase('kepegawaian-B-12', { at: '2026-03-02T08:00:00+07:00' });
    await engine.completeStep(dp3.id, 'Langkah_1', { at: '2026-03-02T10:00:00+07:00' });

    const simulate = async (from: string, to: string) => {
      for (const day of days(from, to)) {
        while (await engine.fireDueTimers(`${day}T09:00:00+07:00`) > 0);
        for (let round = 0; round < 50; round++) {
          const active = (await engine.store.listCases({ status: 'active', processIds: [...RUN] }));
          const open = (await Promise.all(active.map((c) => engine.getCase(c.id)))).flatMap((c) => work(c).map((w) => ({ c, w })));
          if (open.length === 0) break;
          for (const { c, w } of open) {
            await engine.completeStep(c.id, w.step, { at: `${day}T10:00:00+07:00`, ...(w.data ? { data: w.data } : {}), ...(w.instance !== undefined ? { instance: w.instance } : {}) });
          }
        }
      }
    };
    await simulate('2026-03-01', '2026-04-15');
    // The server stops and starts again: the schedule, the cases and their deadlines are in the store.
    for (const s of stores.splice(0)) await s.close();
    engine = await open();
    const typing = (await engine.getCase(dp3.id)).activeSteps.find((s) => s.id === 'Langkah_2');
    expect(typing?.due).toBe('2026-03-30T23:59:59+07:00');

    // The April reports start on 30 April; before anyone completes them, their deadline.
    while (await engine.fireDueTimers('2026-04-30T09:00:00+07:00') > 0);
    const april = await engine.store.listCases({ processIds: ['pidana-G', 'perdata-G'], startedFrom: '2026-04-01T00:00:00+07:00' });
    expect(april.map((c) => c.processId).sort()).toEqual(['perdata-G', 'pidana-G']);
    for (const c of april) expect((await engine.getCase(c.id)).activeSteps.find((s) => s.id === 'Langkah_1')?.due, c.processId).toBe('2026-05-04T23:59:59+07:00');

    await simulate('2026-04-16', '2026-05-31');
    const counts = perMonth(await engine.store.listCases({ processIds: MONTHLY }));
    for (const duty of MONTHLY) expect(counts[duty], duty).toEqual(ONCE_A_MONTH);
  }, 120_000);
});

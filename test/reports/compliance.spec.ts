/**
 * The deadline compliance report over a real SQLite store: cases of the Pemanggilan SOP driven at
 * explicit instants (on time, late, open past due, open not yet due), a rework loop of the
 * SuratMasuk SOP, a deadline moved by a calendar correction; then the period and pelaksana
 * filters, and GET /api/reports/compliance on a tiny express app (roles, bad dates).
 */
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import express, { type ErrorRequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportRoutes } from '../../server/routes/reports.ts';
import { draftYear } from '../../src/calendar/draftYear.ts';
import { readCalendarYears } from '../../src/calendar/loadCalendar.ts';
import { publishYear } from '../../src/calendar/publishYear.ts';
import { createWorkingCalendar } from '../../src/calendar/workingCalendar.ts';
import { complianceReport } from '../../src/reports/compliance.ts';
import { ProtapError } from '../../src/runtime/protapError.ts';
import { DurableEngine } from '../../src/store/durableEngine.ts';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.ts';
import { fixture } from '../support/engineWith.ts';

const runtimeDir = resolve(import.meta.dirname, '../runtime');
const compileDir = resolve(import.meta.dirname, '../compile');
const NOW = '2026-03-01T08:00:00+07:00';

const openEngine = async () => {
  const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'protap-laporan-')), 'protap.db'));
  return DurableEngine.open({ store, clock: () => NOW });
};

/** A row with every count, zero unless given. */
const row = (processId: string, stepId: string, pelaksana: string, counts: Partial<Record<'completed' | 'onTime' | 'late' | 'openLate' | 'withoutDeadline', number>>, rate: number | null) => ({
  processId, stepId, pelaksana, completed: 0, onTime: 0, late: 0, openLate: 0, withoutDeadline: 0, ...counts, rate,
});

describe('deadline compliance report', () => {
  let engine: DurableEngine;

  beforeAll(async () => {
    engine = await openEngine();
    await engine.deployXml(fixture(runtimeDir, 'caseEngine.pemanggilan.bpmn'));
    await engine.deployXml(fixture(compileDir, 'exclusiveGateway.rework.bpmn'));

    // A: every step on time (Panggil due 7 Jan 23:59:59; Aanmaning due 7 hari kerja after 20 Jan).
    const a = await engine.startCase('Pemanggilan', { at: '2026-01-05T08:00:00+07:00' });
    await engine.completeStep(a.id, 'Panggil', { at: '2026-01-06T10:00:00+07:00' });
    await engine.completeStep(a.id, 'Sidang', { at: '2026-01-16T09:00:00+07:00', data: { tanggalPutusan: '2026-01-20' } });
    await engine.completeStep(a.id, 'Aanmaning', { at: '2026-01-21T09:00:00+07:00' });

    // B: Panggil breached and done a day late; Aanmaning done after its due.
    const b = await engine.startCase('Pemanggilan', { at: '2026-01-05T08:00:00+07:00' });
    expect(await engine.fireDueTimers('2026-01-08T08:00:00+07:00')).toBe(1); // DEADLINE.Panggil of B
    await engine.completeStep(b.id, 'Panggil', { at: '2026-01-08T09:00:00+07:00' });
    await engine.completeStep(b.id, 'Sidang', { at: '2026-01-22T09:00:00+07:00', data: { tanggalPutusan: '2026-01-22' } });
    await engine.fireDueTimers('2026-02-09T08:00:00+07:00');
    await engine.completeStep(b.id, 'Aanmaning', { at: '2026-02-10T09:00:00+07:00' });

    // C: Panggil never done, due 14 Jan: open and late. D: started 27 Feb, due 3 Mar: open, not yet late.
    await engine.startCase('Pemanggilan', { at: '2026-01-12T08:00:00+07:00' });
    await engine.startCase('Pemanggilan', { at: '2026-02-27T08:00:00+07:00' });

    // Rework: Catat, Periksa (incomplete) → Catat again (late), Periksa open past due.
    const surat = await engine.startCase('SuratMasuk', { at: '2026-01-05T08:00:00+07:00' });
    await engine.completeStep(surat.id, 'Catat', { at: '2026-01-05T09:00:00+07:00' });
    await engine.completeStep(surat.id, 'Periksa', { at: '2026-01-05T10:00:00+07:00', data: { lengkap: false } });
    await engine.completeStep(surat.id, 'Catat', { at: '2026-01-07T09:00:00+07:00' });
    await engine.fireDueTimers(NOW);
  });

  afterAll(async () => {
    await engine.store.close();
  });

  it('counts on time, late, without deadline and open past due per step of an SOP', async () => {
    const report = await complianceReport(engine, { processId: 'Pemanggilan' }, NOW);
    expect(report.rows).toEqual([
      { ...row('Pemanggilan', 'Panggil', 'jurusita', { completed: 2, onTime: 1, late: 1, openLate: 1 }, 0.5), processName: 'Pemanggilan para pihak', stepName: 'Jurusita memanggil para pihak' },
      { ...row('Pemanggilan', 'Sidang', 'majelis-hakim', { completed: 2, withoutDeadline: 2 }, null), processName: 'Pemanggilan para pihak', stepName: 'Sidang pertama' },
      { ...row('Pemanggilan', 'Aanmaning', 'majelis-hakim', { completed: 2, onTime: 1, late: 1 }, 0.5), processName: 'Pemanggilan para pihak', stepName: 'Aanmaning' },
    ]);
    expect(report.totals).toEqual({ completed: 6, onTime: 2, late: 2, openLate: 1, rate: 0.5 });
    expect(report).not.toHaveProperty('from');
  });

  it('counts each start of a step in a rework loop as its own occurrence', async () => {
    const report = await complianceReport(engine, { processId: 'SuratMasuk' }, NOW);
    expect(report.rows).toEqual([
      expect.objectContaining(row('SuratMasuk', 'Catat', 'petugas-surat', { completed: 2, onTime: 1, late: 1 }, 0.5)),
      expect.objectContaining(row('SuratMasuk', 'Periksa', 'petugas-surat', { completed: 1, onTime: 1, openLate: 1 }, 1)),
    ]);
    expect(report.totals).toEqual({ completed: 3, onTime: 2, late: 1, openLate: 1, rate: 2 / 3 });
  });

  it('reports every SOP together, sorted by process then step order', async () => {
    const report = await complianceReport(engine, {}, NOW);
    expect(report.rows.map((r) => `${r.processId}/${r.stepId}`)).toEqual(['Pemanggilan/Panggil', 'Pemanggilan/Sidang', 'Pemanggilan/Aanmaning', 'SuratMasuk/Catat', 'SuratMasuk/Periksa']);
    expect(report.totals).toEqual({ completed: 9, onTime: 4, late: 3, openLate: 2, rate: 4 / 7 });
  });

  it('keeps to the period: ends within it, open breaches whose due falls in it; a bare date covers its whole day (WIB)', async () => {
    const report = await complianceReport(engine, { processId: 'Pemanggilan', from: '2026-01-07', to: '2026-01-16' }, NOW);
    expect(report).toMatchObject({ from: '2026-01-07', to: '2026-01-16' });
    expect(report.rows).toEqual([
      expect.objectContaining(row('Pemanggilan', 'Panggil', 'jurusita', { completed: 1, late: 1, openLate: 1 }, 0)),
      // A's Sidang ended 16 Jan 09:00 WIB (02:00 UTC): inside "to 16 Jan" read in the satker's zone.
      expect.objectContaining(row('Pemanggilan', 'Sidang', 'majelis-hakim', { completed: 1, withoutDeadline: 1 }, null)),
    ]);
    expect(report.totals).toEqual({ completed: 2, onTime: 0, late: 1, openLate: 1, rate: 0 });

    const instants = await complianceReport(engine, { from: '2026-01-21T09:00:00+07:00', to: '2026-02-10T09:00:00+07:00' }, NOW);
    expect(instants.rows.map((r) => [r.stepId, r.completed])).toEqual([['Sidang', 1], ['Aanmaning', 2]]);
  });

  it('filters by pelaksana after grouping', async () => {
    const report = await complianceReport(engine, { pelaksana: 'majelis-hakim' }, NOW);
    expect(report.rows.map((r) => r.stepId)).toEqual(['Sidang', 'Aanmaning']);
    expect(report.totals).toEqual({ completed: 4, onTime: 1, late: 1, openLate: 0, rate: 0.5 });
    expect((await complianceReport(engine, { pelaksana: 'tidak-ada' }, NOW)).totals).toEqual({ completed: 0, onTime: 0, late: 0, openLate: 0, rate: null });
  });

  it('an open step is late only once its due has passed at "now"', async () => {
    const report = await complianceReport(engine, { processId: 'Pemanggilan' }, '2026-03-04T08:00:00+07:00');
    expect(report.rows[0]).toMatchObject({ stepId: 'Panggil', openLate: 2 }); // D's Panggil was due 3 Mar
  });

  it('judges a step against the deadline a calendar correction moved', async () => {
    const moved = await openEngine();
    try {
      await moved.deployXml(fixture(runtimeDir, 'caseEngine.pemanggilan.bpmn'));
      const { id } = await moved.startCase('Pemanggilan', { at: '2026-01-05T08:00:00+07:00' });
      const years = readCalendarYears(resolve(import.meta.dirname, '../../processes/calendar'));
      const old2026 = years.find((y) => y.year === 2026);
      if (!old2026) throw new Error('kalender 2026 tidak ada');
      const extra = { date: '2026-01-06', kind: 'cuti_bersama' as const, name: 'Cuti bersama (uji)', source: 'SKB perubahan (uji)' };
      const { year } = publishYear(old2026, { ...old2026, entries: [...old2026.entries, extra] });
      const calendar = createWorkingCalendar({ zone: 'Asia/Jakarta', years: [...years.filter((y) => y.year !== 2026), year], draft: draftYear });
      expect(await moved.useCalendar(calendar, { at: '2026-01-05T12:00:00+07:00' })).toBe(1);
      // Due 7 Jan 23:59:59 at the start, 8 Jan 23:59:59 after the correction.
      await moved.completeStep(id, 'Panggil', { at: '2026-01-08T10:00:00+07:00' });
      expect((await complianceReport(moved, {}, NOW)).rows).toEqual([expect.objectContaining({ stepId: 'Panggil', completed: 1, onTime: 1, late: 0 })]);
    } finally {
      await moved.store.close();
    }
  });

  it('refuses a period bound that is not a date', async () => {
    await expect(complianceReport(engine, { from: 'kemarin' }, NOW)).rejects.toBeInstanceOf(ProtapError);
  });

  describe('GET /api/reports/compliance', () => {
    let server: Server;
    let url: string;
    const get = async (path: string, role: string) => {
      const answer = await fetch(`${url}${path}`, { headers: { 'x-peran': role } });
      return { status: answer.status, body: await answer.json() as Record<string, unknown> };
    };

    beforeAll(async () => {
      const app = express();
      app.use((req, res, next) => {
        res.locals.user = { id: 'p', roles: [req.get('x-peran') ?? 'pimpinan'] };
        next();
      });
      reportRoutes(app, engine);
      const answerCode: ErrorRequestHandler = (error, _req, res, _next) => {
        const code = error instanceof ProtapError ? error.code : 'INTERNAL';
        res.status(code === 'FORBIDDEN' ? 403 : code === 'BAD_INPUT' ? 400 : 500).json({ code, detail: (error as Error).message });
      };
      app.use(answerCode);
      server = app.listen(0, '127.0.0.1');
      await new Promise((done) => server.once('listening', done));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      await new Promise((done) => server.close(done));
    });

    it('answers the report to those who oversee, with the filters applied', async () => {
      const answer = await get('/api/reports/compliance?processId=Pemanggilan&pelaksana=jurusita&from=2026-01-01&to=2026-01-31', 'pimpinan');
      expect(answer).toMatchObject({
        status: 200,
        body: { from: '2026-01-01', to: '2026-01-31', rows: [expect.objectContaining({ stepId: 'Panggil', completed: 2, openLate: 1 })], totals: { completed: 2, onTime: 1, late: 1, openLate: 1, rate: 0.5 } },
      });
      expect((await get('/api/reports/compliance', 'auditor')).status).toBe(200);
    });

    it('refuses a pelaksana role (403) and bad dates (400), naming the parameter', async () => {
      expect(await get('/api/reports/compliance', 'jurusita')).toMatchObject({ status: 403, body: { code: 'FORBIDDEN', detail: expect.stringMatching(/laporan/) } });
      expect(await get('/api/reports/compliance?from=kemarin', 'pimpinan')).toMatchObject({ status: 400, body: { code: 'BAD_INPUT', detail: expect.stringMatching(/"from"/) } });
      expect(await get('/api/reports/compliance?to=2026-13-45', 'pimpinan')).toMatchObject({ status: 400, body: { detail: expect.stringMatching(/"to"/) } });
      expect(await get('/api/reports/compliance?from=2026-02-01&to=2026-01-01', 'pimpinan')).toMatchObject({ status: 400, body: { code: 'BAD_INPUT' } });
      expect(await get('/api/reports/compliance?from=2026-01-01&from=2026-02-01', 'pimpinan')).toMatchObject({ status: 400, body: { detail: expect.stringMatching(/sekali/) } });
    });
  });
});

describe('a long compliance report and the other requests', () => {
  it('lets the event loop go between pages of cases, so the server answers others while it runs', async () => {
    const engine = await openEngine();
    await engine.deployXml(fixture(runtimeDir, 'caseEngine.pemanggilan.bpmn'));
    for (let i = 0; i < 250; i++) {
      const c = await engine.startCase('Pemanggilan', { at: '2026-01-05T08:00:00+07:00' });
      await engine.completeStep(c.id, 'Panggil', { at: '2026-01-06T10:00:00+07:00' });
    }
    // Another request's turn (a macrotask) comes before the report ends, not after: the report yields.
    const order: string[] = [];
    const report = complianceReport(engine, {}, NOW).then((r) => { order.push('laporan'); return r; });
    setImmediate(() => order.push('permintaan lain'));
    expect((await report).rows.find((r) => r.stepId === 'Panggil')?.completed).toBe(250);
    expect(order).toEqual(['permintaan lain', 'laporan']);
  });
});

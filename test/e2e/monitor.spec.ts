/**
 * The monitor in a real browser: a pimpinan sees the open steps of every role, the late ones
 * oldest first, those due within a working day, the counts per SOP and per pelaksana — all as
 * the API answers them — and the compliance report after steps are completed on time and late.
 * The server has no test clock: a step is made late without waiting by a waktu counted from a
 * case date in the past ("1 jam setelah laporan diminta", R7 of docs/waktu.md).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call } from '../../server/spawnServer.ts';
import { describeBrowser, startApp, type AppUnderTest } from './support/browser.ts';

const KETUA = { id: 'ketua-1', name: 'Ketua Pengadilan', password: 'sandi-ketua-uji', roles: ['pimpinan'] };
const KASUBAG = { id: 'kasubag-1', name: 'Kasubag Umum', password: 'sandi-kasubag-uji', roles: ['kasubag-umum', 'staf-umum'] };
const ROLES = 'kasubag-umum,staf-umum';

/** umum-F (Pelaporan) with its first step due 1 hour after the case's `laporanDiminta`. */
function pelaporanDueAfterRequest(): string {
  const xml = readFileSync(resolve(import.meta.dirname, '../../processes/umum/umum-F.bpmn'), 'utf8');
  const changed = xml.replace('sop:waktu="3 Hari"', 'sop:waktu="1 jam setelah laporan diminta"');
  if (changed === xml) throw new Error('umum-F.bpmn tidak lagi punya langkah "3 Hari"');
  return changed;
}

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
const wibToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

describeBrowser('aplikasi web: pemantauan', () => {
  let app: AppUnderTest;
  let kasubagToken: string;
  const ids: Record<string, string> = {};

  const asKasubag = (method: string, path: string, body?: unknown) => call(app.url, method, path, body, { authorization: `Bearer ${kasubagToken}` });
  const complete = async (key: string) => {
    const answer = await asKasubag('POST', `/api/cases/${ids[key]}/steps/Langkah_1/complete`, {});
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  };

  beforeAll(async () => {
    app = await startApp();
    await app.addPerson(KETUA);
    await app.addPerson(KASUBAG);
    expect((await app.api('POST', '/api/definitions', pelaporanDueAfterRequest())).status).toBe(201);
    kasubagToken = (await call(app.url, 'POST', '/api/login', { id: KASUBAG.id, password: KASUBAG.password })).body.token as string;
    // A and B are late (due 71 h and 1 h ago); C and D are due in an hour; E was due 23 h ago.
    const starts: Record<string, Record<string, unknown>> = { A: { laporanDiminta: hoursAgo(72) }, B: { laporanDiminta: hoursAgo(2) }, C: {}, D: {}, E: { laporanDiminta: hoursAgo(24) } };
    for (const [key, vars] of Object.entries(starts)) {
      const started = await app.api('POST', '/api/cases', { processId: 'umum-F', businessKey: `LAP-${key}`, vars });
      expect(started.status, JSON.stringify(started.body)).toBe(201);
      ids[key] = started.body.id as string;
    }
    await complete('D'); // on time
    await complete('E'); // late
    // The timer service marks the breaches within its poll (200 ms).
    for (let tries = 0; (await app.api('GET', '/api/worklist?pelaksana=kasubag-umum&late=true')).body.length < 2; tries++) {
      if (tries > 100) throw new Error('tenggat A dan B tidak ditandai terlambat dalam 10 detik');
      await new Promise((done) => setTimeout(done, 100));
    }
  }, 120_000);
  afterAll(async () => { await app?.close(); });

  const cardValue = (page: Page, title: string) => page.getByRole('group', { name: title, exact: true }).locator('.angka').textContent();
  const rowKeys = (page: Page, table: string) => page.getByRole('table', { name: table }).locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-kasus')));
  const cells = (page: Page, table: string, rowText: string) => page.getByRole('table', { name: table }).locator('tbody tr', { hasText: rowText }).locator('td').allTextContents();
  const lateOf = (steps: { late: boolean; due?: string }[]) => steps.filter((s) => s.late || (s.due && Date.parse(s.due) < Date.now())).length;

  it('menampilkan langkah terbuka, terlambat dan segera jatuh tempo sesuai jawaban API', async () => {
    const open = (await app.api('GET', `/api/worklist?pelaksana=${ROLES}`)).body as { caseId: string; late: boolean; due?: string }[];
    const active = (await app.api('GET', '/api/cases?status=active')).body as unknown[];
    expect(open).toHaveLength(5);
    expect(lateOf(open)).toBe(2);

    const page = await app.signedIn(KETUA);
    await page.getByRole('link', { name: 'Pemantauan' }).click();
    await expect.poll(() => cardValue(page, 'Langkah terbuka')).toBe(String(open.length));
    expect(await cardValue(page, 'Terlambat')).toBe(String(lateOf(open)));
    expect(await cardValue(page, 'Jatuh tempo ≤ 1 hari kerja')).toBe('3');
    expect(await cardValue(page, 'Kasus aktif')).toBe(String(active.length));

    // Oldest due first; each row links to its case.
    expect(await rowKeys(page, 'Langkah terlambat')).toEqual([ids.A, ids.B]);
    expect(await page.getByRole('table', { name: 'Langkah terlambat' }).getByRole('link', { name: 'LAP-A' }).getAttribute('href')).toBe(`#/kasus/${ids.A}`);
    expect((await cells(page, 'Langkah terlambat', 'LAP-B'))[5]).toMatch(/yang lalu/);
    expect(new Set(await rowKeys(page, 'Jatuh tempo hari ini atau dalam 1 hari kerja'))).toEqual(new Set([ids.C, ids.D, ids.E]));

    expect((await cells(page, 'Per SOP', 'umum-F')).slice(1)).toEqual(['5', '2', '3']);
    // Each pelaksana by its lane's name, never its role id.
    expect(await cells(page, 'Per pelaksana', 'Kasubag Umum')).toEqual(['Kasubag Umum', '3', '2', '1']);
    expect(await cells(page, 'Per pelaksana', 'Staf Sub Bagian Umum')).toEqual(['Staf Sub Bagian Umum', '2', '0', '2']);
    expect(await page.getByRole('table', { name: 'Per pelaksana' }).textContent()).not.toMatch(/kasubag-umum|staf-umum/);
    await page.context().close();
  });

  it('menampilkan kepatuhan waktu per langkah dan memperbarui setelah langkah diselesaikan', async () => {
    const page = await app.signedIn(KETUA);
    await page.goto(`${app.url}/#/pemantauan`);
    const table = 'Kepatuhan waktu penyelesaian';
    // Selesai, tepat waktu, terlambat, tanpa tenggat, terbuka lewat tenggat, % tepat waktu.
    await expect.poll(async () => (await cells(page, table, 'Menghimpun bahan laporan')).slice(3, 6)).toEqual(['2', '1', '1']);
    expect((await cells(page, table, 'Menghimpun bahan laporan'))[8]).toBe('50%');

    await complete('B'); // late as well
    await page.getByRole('button', { name: 'Perbarui' }).click();
    await expect.poll(() => cardValue(page, 'Terlambat')).toBe('1');
    await expect.poll(async () => (await cells(page, table, 'Menghimpun bahan laporan')).slice(3, 6)).toEqual(['3', '1', '2']);
    const [, , , , ...row] = await cells(page, table, 'Menghimpun bahan laporan');
    const last = (day: string) => new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 0)).toISOString().slice(0, 10);
    const report = (await app.api('GET', `/api/reports/compliance?from=${wibToday().slice(0, 8)}01&to=${last(wibToday())}`)).body;
    const step = report.rows.find((r: { stepId: string }) => r.stepId === 'Langkah_1');
    expect(row.slice(0, 4)).toEqual([step.onTime, step.late, step.withoutDeadline, step.openLate].map(String));

    // Per pelaksana: the same counts added up by role.
    await page.getByLabel('Kelompokkan per').selectOption('pelaksana');
    // Each pelaksana by its lane's name, never its role id.
    await expect.poll(() => page.getByRole('table', { name: table }).textContent()).not.toContain('kasubag-umum');
    expect((await cells(page, table, 'Kasubag Umum')).slice(1, 4)).toEqual([String(step.completed), String(step.onTime), String(step.late)]);
    await page.context().close();
  });
});

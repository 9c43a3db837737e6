/**
 * Outside events recorded from the case page (issue 19, item 2): the perdata macro waits for the
 * putusan to be pronounced while perdata-A runs. The Panitera Muda Perdata sees "Menunggu
 * peristiwa" on the case, records the putusan through its form (date, and whether every party was
 * present: required, refused empty in Bahasa Indonesia), and the case then waits for the putusan
 * to be notified to the absent party; recording that opens the banding window. An auditor sees the
 * events but no button.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, startApp, type AppUnderTest } from './support/browser.ts';

const panmud = { id: 'rina', name: 'Rina Panmud Perdata', password: 'sandi-rina-uji', roles: ['panmud-perdata'] };
const auditor = { id: 'umar', name: 'Umar Auditor', password: 'sandi-umar-uji', roles: ['auditor'] };
const SCREENSHOTS = process.env.PROTAP_SCREENSHOTS ?? join(tmpdir(), 'protap-screenshots');
// The server runs on the real clock: dates near today, so the 14-day window is still open when read.
const today = DateTime.now().setZone('Asia/Jakarta');
const putusan = today.minus({ days: 3 });
const typed = (d: DateTime) => d.toFormat('dd/MM/yyyy');

describeBrowser('halaman kasus: mencatat peristiwa dari luar (issue 19)', () => {
  let app: AppUnderTest;
  let caseId = '';
  beforeAll(async () => {
    app = await startApp();
    for (const person of [panmud, auditor]) await app.addPerson(person);
    for (const sop of ['perdata-A', 'perdata-B', 'perdata-C', 'perdata-D']) await app.deploy(`processes/perdata/${sop}.bpmn`);
    await app.deploy('processes/makro/makro-perkara-perdata.bpmn');
    const started = await app.api('POST', '/api/cases', { processId: 'makro-perkara-perdata', businessKey: '12/Pdt.G/2026/PN Bdg' });
    expect(started.status).toBe(201);
    caseId = started.body.id as string;
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 90_000);
  afterAll(async () => { await app?.close(); });

  it('mencatat putusan diucapkan dan pemberitahuannya; tenggang banding lalu terbuka', async () => {
    const page = await app.signedIn(panmud);
    await page.goto(`${app.url}/#/kasus/${caseId}`);
    const events = page.getByRole('region', { name: 'Menunggu peristiwa' });
    const row = events.getByRole('row', { name: /Putusan diucapkan \(dicatat dalam register\)/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Panitera Muda Perdata');
    await page.screenshot({ path: join(SCREENSHOTS, 'kasus-menunggu-peristiwa.png'), fullPage: true });

    await row.getByRole('button', { name: 'Catat' }).click();
    const dialog = page.getByRole('dialog', { name: 'Catat peristiwa: Putusan diucapkan (dicatat dalam register)' });
    await dialog.getByRole('radio', { name: 'Tidak', exact: true }).waitFor();
    // The presence question is required: nothing is sent without it.
    await dialog.getByRole('button', { name: 'Catat' }).click();
    await expect.poll(() => dialog.getByText('Wajib diisi.').count()).toBe(1);
    const tanggal = dialog.getByLabel('Tanggal putusan diucapkan');
    await tanggal.click();
    await tanggal.fill(typed(putusan));
    await tanggal.press('Enter');
    await dialog.getByRole('radio', { name: 'Tidak', exact: true }).check();
    await page.screenshot({ path: join(SCREENSHOTS, 'dialog-catat-peristiwa.png') });
    await dialog.getByRole('button', { name: 'Catat' }).click();
    await page.getByText('Peristiwa "Putusan diucapkan (dicatat dalam register)" dicatat.').waitFor();

    const notified = events.getByRole('row', { name: /Putusan diberitahukan kepada pihak yang tidak hadir/ });
    await notified.waitFor();
    const view = await app.api('GET', `/api/cases/${caseId}`);
    expect(view.body.vars).toMatchObject({ putusanDiucapkan: putusan.toISODate(), pihakHadir: false });
    expect(view.body.awaiting.map((e: { message: string }) => e.message)).toEqual(['putusan-diberitahukan']);

    await notified.getByRole('button', { name: 'Catat' }).click();
    const second = page.getByRole('dialog', { name: /Catat peristiwa: Putusan diberitahukan/ });
    const relaas = second.getByLabel('Tanggal putusan diberitahukan');
    await relaas.click();
    await relaas.fill(typed(today));
    await relaas.press('Enter');
    await second.getByRole('button', { name: 'Catat' }).click();
    // The window is open: a banding statement may now be recorded.
    await events.getByRole('row', { name: /Pernyataan banding diterima/ }).waitFor();
    const open = await app.api('GET', `/api/cases/${caseId}`);
    expect(open.body.awaiting.map((e: { message: string }) => e.message)).toEqual(['PernyataanBanding']);
    expect(open.body.vars.putusanDiberitahukan).toBe(today.toISODate());
    await page.screenshot({ path: join(SCREENSHOTS, 'kasus-tenggang-banding.png'), fullPage: true });
  }, 60_000);

  it('menunjukkan peristiwa kepada auditor tanpa tombol Catat', async () => {
    const page = await app.signedIn(auditor);
    await page.goto(`${app.url}/#/kasus/${caseId}`);
    const events = page.getByRole('region', { name: 'Menunggu peristiwa' });
    await events.getByRole('row', { name: /Pernyataan banding diterima/ }).waitFor();
    expect(await events.getByRole('button', { name: 'Catat' }).count()).toBe(0);
  }, 30_000);
});

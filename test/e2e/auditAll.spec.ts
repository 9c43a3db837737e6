/**
 * "Periksa semua kasus" and the signed evidence in a real browser (issue 17, point 5): an auditor
 * starts the check of every case, watches it run and reads "Semua N kasus utuh" with the store
 * checked against the newest checkpoint; opens one case's audit, reads the checkpoint and BPMN
 * lines under the verdict and downloads the server's signed evidence; after one case's entry is
 * altered in the database the next check lists it, linked to its audit. A pimpinan reads the
 * result but has no button to start one.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call } from '../../server/spawnServer.ts';
import { evidenceProblem } from '../../src/audit/evidence.ts';
import { describeBrowser, startApp, type AppUnderTest } from './support/browser.ts';

const AUDITOR = { id: 'auditor-1', name: 'Auditor Bawas', password: 'sandi-auditor-uji', roles: ['auditor'] };
const PIMPINAN = { id: 'pimpinan-1', name: 'Ketua Pengadilan', password: 'sandi-pimpinan-uji', roles: ['pimpinan'] };
const KASUBAG = { id: 'kasubag-1', name: 'Kasubag Umum', password: 'sandi-kasubag-uji', roles: ['kasubag-umum', 'staf-umum'] };
const SCREENSHOTS = process.env.PROTAP_SCREENSHOTS ?? join(tmpdir(), 'protap-screenshots');
/** Polls with room for a busy machine. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOTS, name), fullPage: true });
}

describeBrowser('aplikasi web: periksa semua kasus dan bukti bertanda tangan', () => {
  let app: AppUnderTest;
  const cases: string[] = [];

  beforeAll(async () => {
    app = await startApp();
    for (const person of [AUDITOR, PIMPINAN, KASUBAG]) await app.addPerson(person);
    await app.deploy('processes/umum/umum-F.bpmn');
    const token = (await call(app.url, 'POST', '/api/login', { id: KASUBAG.id, password: KASUBAG.password })).body.token as string;
    for (let i = 1; i <= 3; i++) {
      const started = await app.api('POST', '/api/cases', { processId: 'umum-F', businessKey: `LAP-2026-01${i}`, vars: { perihal: 'Laporan bulanan' } });
      cases.push(started.body.id as string);
      const done = await call(app.url, 'POST', `/api/cases/${started.body.id}/steps/Langkah_1/complete`, {}, { authorization: `Bearer ${token}` });
      if (done.status !== 200) throw new Error(JSON.stringify(done.body));
    }
    // A checkpoint that saw the three cases (the one the server signed at start saw none).
    const signed = await app.api('POST', '/api/audit/checkpoints');
    if (signed.status !== 201) throw new Error(JSON.stringify(signed.body));
  }, 120_000);
  afterAll(async () => { await app?.close(); });

  const panel = (page: Page) => page.getByRole('region', { name: 'Semua kasus' });

  it('memeriksa semua kasus dari peramban: kemajuan, lalu "Semua 3 kasus utuh" dan titik periksa sesuai', async () => {
    const page = await app.signedIn(AUDITOR);
    await page.getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('button', { name: 'Periksa semua kasus' }).click();
    // The answer to the start is the job still running: its bar is shown until the next reading.
    await panel(page).locator('progress').waitFor({ state: 'attached' });
    await screenshot(page, 'audit-semua-berjalan.png');
    await poll(() => panel(page).textContent()).toContain('Semua 3 kasus utuh.');
    expect(await panel(page).locator('progress').count()).toBe(0);
    expect(await panel(page).locator('.bukti-baris.sesuai').allTextContents()).toEqual([
      'Semua 3 kasus utuh.', expect.stringMatching(/^Diperiksa terhadap titik periksa .+ WIB: sesuai$/),
    ]);
    expect(await page.getByRole('button', { name: 'Periksa semua kasus' }).isEnabled()).toBe(true);
    await screenshot(page, 'audit-semua-utuh.png');
    await page.context().close();
  });

  it('menunjukkan titik periksa dan dokumen BPMN satu kasus, dan mengunduh bukti bertanda tangan server', async () => {
    const page = await app.signedIn(AUDITOR);
    await page.goto(`${app.url}/#/audit/${cases[0]}`);
    await poll(() => page.locator('.putusan .lencana.utuh').textContent()).toBe('utuh');
    const lines = page.getByLabel('Titik periksa dan dokumen BPMN');
    await poll(() => lines.locator('p').allTextContents()).toEqual([
      expect.stringMatching(/^Diperiksa terhadap titik periksa .+ WIB: sesuai$/),
      'Dokumen BPMN versi 1 sama dengan saat kasus dimulai.',
    ]);
    await screenshot(page, 'audit-kasus-bukti.png');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh bukti (JSON)' }).click()]);
    expect(download.suggestedFilename()).toBe(`bukti-${cases[0]}.json`);
    const evidence = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(evidence).toMatchObject({
      jenis: 'bukti audit Protap', dibuatOleh: AUDITOR.id, signature: expect.any(String),
      putusanReplay: { caseId: cases[0], intact: true }, titikPeriksa: { findings: [] }, definisi: { sama: true },
    });
    expect(evidenceProblem(evidence)).toBeUndefined();
    await page.context().close();
  });

  it('menyebut kasus yang diubah di basis data, dengan tautan ke auditnya', async () => {
    const db = new Database(join(app.dataDir, 'protap.db'));
    try {
      db.exec('DROP TRIGGER case_log_no_update');
      const row = db.prepare('SELECT entry FROM case_log WHERE case_id = ? AND seq = 2').get(cases[1]) as { entry: string };
      db.prepare('UPDATE case_log SET entry = ? WHERE case_id = ? AND seq = 2').run(row.entry.replaceAll(KASUBAG.id, 'kasubag-2'), cases[1]);
    } finally {
      db.close();
    }
    const page = await app.signedIn(AUDITOR);
    await page.goto(`${app.url}/#/audit`);
    await page.getByRole('button', { name: 'Periksa semua kasus' }).click();
    await poll(() => panel(page).textContent()).toContain('1 dari 3 kasus rusak:');
    const bad = panel(page).locator('ul.kasus-rusak li');
    expect(await bad.count()).toBe(1);
    expect(await bad.textContent()).toContain(`LAP-2026-012 (${cases[1]}) — catatan #2: Isi catatan log telah berubah`);
    await screenshot(page, 'audit-semua-rusak.png');
    await bad.getByRole('link').click();
    await page.waitForURL(`**/#/audit/${cases[1]}`);
    await poll(() => page.locator('.putusan .lencana.rusak').textContent()).toBe('rusak');
    await page.context().close();
  });

  it('memperlihatkan hasil terakhir kepada pimpinan tanpa tombol untuk memulai', async () => {
    const page = await app.signedIn(PIMPINAN);
    await page.getByRole('link', { name: 'Audit' }).click();
    await poll(() => panel(page).textContent()).toContain('1 dari 3 kasus rusak:');
    expect(await page.getByRole('button', { name: 'Periksa semua kasus' }).count()).toBe(0);
    await page.context().close();
  });
});

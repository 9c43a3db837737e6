/**
 * The auditor's replay view in a real browser: the verdict "utuh" of a case with completed steps,
 * its log with the actors, the step-through with the open step marked on the SOP diagram, the
 * evidence file; nothing an auditor can press changes a case; and a case whose log entry was
 * altered in the database (append-only triggers dropped first) shows the red verdict at that entry.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call } from '../../server/spawnServer.ts';
import { describeBrowser, startApp, type AppUnderTest } from './support/browser.ts';

const AUDITOR = { id: 'auditor-1', name: 'Auditor Bawas', password: 'sandi-auditor-uji', roles: ['auditor'] };
const KASUBAG = { id: 'kasubag-1', name: 'Kasubag Umum', password: 'sandi-kasubag-uji', roles: ['kasubag-umum', 'staf-umum'] };

describeBrowser('aplikasi web: audit dan replay', () => {
  let app: AppUnderTest;
  let done: string;
  let open: string;

  beforeAll(async () => {
    app = await startApp();
    await app.addPerson(AUDITOR);
    await app.addPerson(KASUBAG);
    await app.deploy('processes/umum/umum-F.bpmn');
    const token = (await call(app.url, 'POST', '/api/login', { id: KASUBAG.id, password: KASUBAG.password })).body.token as string;
    const start = async (businessKey: string) => (await app.api('POST', '/api/cases', { processId: 'umum-F', businessKey, vars: { perihal: 'Laporan bulanan' } })).body.id as string;
    // umum-F's steps ask nothing (no decision follows them), so they are completed without data.
    const complete = async (id: string, step: string) => {
      const answer = await call(app.url, 'POST', `/api/cases/${id}/steps/${step}/complete`, {}, { authorization: `Bearer ${token}` });
      if (answer.status !== 200) throw new Error(JSON.stringify(answer.body));
    };
    done = await start('LAP-2026-0042');
    await complete(done, 'Langkah_1');
    await complete(done, 'Langkah_2');
    open = await start('LAP-2026-0043');
    await complete(open, 'Langkah_1');
  }, 120_000);
  afterAll(async () => { await app?.close(); });

  const marked = (page: Page, element: string, marker: string) => page.locator(`.djs-element[data-element-id="${element}"].${marker}`);

  it('menunjukkan "utuh", log dengan aktornya, dan menelusuri langkah pada diagram', async () => {
    const page = await app.signedIn(AUDITOR);
    await page.getByRole('link', { name: 'Audit' }).click();
    await page.getByLabel('ID kasus atau kunci bisnis').fill('LAP-2026-0042');
    await page.getByRole('button', { name: 'Cari' }).click();
    await page.waitForURL(`**/#/audit/${done}`);
    await expect.poll(() => page.locator('.putusan .lencana.utuh').textContent()).toBe('utuh');

    const rows = page.getByRole('table', { name: 'Log kasus' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    // People by name (GET /api/people), the login id as the tooltip.
    await expect.poll(() => rows.locator('td.aktor').allTextContents()).toEqual(['Administrator', KASUBAG.name, KASUBAG.name]);
    expect(await rows.locator('td.aktor .orang').evaluateAll((spans) => spans.map((span) => span.getAttribute('title')))).toEqual(['admin', KASUBAG.id, KASUBAG.id]);
    expect(await rows.nth(1).textContent()).toContain('Langkah diselesaikan «Menghimpun bahan laporan');
    expect(await rows.nth(0).textContent()).toContain('perihal=Laporan bulanan');

    // Entry 1: the first step is open; entry 2: the second, the first passed; entry 3: nothing open.
    await marked(page, 'Langkah_1', 'langkah-aktif').waitFor();
    await page.getByRole('button', { name: 'Catatan berikutnya' }).click();
    await marked(page, 'Langkah_2', 'langkah-aktif').waitFor();
    await marked(page, 'Langkah_1', 'langkah-lewat').waitFor();
    expect(await marked(page, 'Langkah_1', 'langkah-aktif').count()).toBe(0);
    await page.getByRole('button', { name: 'Catatan berikutnya' }).click();
    await expect.poll(() => page.locator('.posisi').textContent()).toBe('Catatan #3 dari 3');
    expect(await page.locator('.djs-element.langkah-aktif').count()).toBe(0);
    expect(await page.locator('.keadaan').textContent()).toContain('perihal');
    expect(await page.getByRole('button', { name: 'Catatan berikutnya' }).isDisabled()).toBe(true);
    // Choosing a row goes back to that entry.
    await rows.nth(0).click();
    await marked(page, 'Langkah_1', 'langkah-aktif').waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh bukti (JSON)' }).click()]);
    const evidence = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(evidence.putusanReplay).toMatchObject({ caseId: done, intact: true, events: 3 });
    expect(evidence.log.map((row: { seq: number; hash: string }) => row.seq)).toEqual([1, 2, 3]);
    await page.context().close();
  });

  it('tidak memberi auditor tombol "Selesaikan" di halaman mana pun', async () => {
    const page = await app.signedIn(AUDITOR);
    const views = await page.locator('header nav a').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    for (const address of [...views, `#/kasus/${open}`, `#/audit/${open}`]) {
      await page.goto(`${app.url}/${address}`);
      await page.locator('main#isi > *').first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.getByRole('button', { name: /selesaikan/i }).count(), address).toBe(0);
    }
    await page.context().close();
  });

  it('menunjukkan "rusak" dengan nomor catatan pertama yang diubah', async () => {
    const db = new Database(join(app.dataDir, 'protap.db'));
    try {
      db.exec('DROP TRIGGER case_log_no_update; DROP TRIGGER case_log_no_delete;');
      const row = db.prepare('SELECT entry FROM case_log WHERE case_id = ? AND seq = 2').get(open) as { entry: string };
      db.prepare('UPDATE case_log SET entry = ? WHERE case_id = ? AND seq = 2').run(row.entry.replaceAll(KASUBAG.id, 'kasubag-2'), open);
    } finally {
      db.close();
    }
    const page = await app.signedIn(AUDITOR);
    await page.goto(`${app.url}/#/audit/${open}`);
    await expect.poll(() => page.locator('.putusan .lencana.rusak').textContent()).toBe('rusak');
    expect(await page.locator('.putusan').textContent()).toContain('Catatan pertama yang bermasalah: #2');
    expect(await page.getByRole('table', { name: 'Log kasus' }).locator('tbody tr.rusak').getAttribute('data-seq')).toBe('2');
    await page.context().close();
  });
});

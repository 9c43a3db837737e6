/**
 * The case list in a real browser (issue 21, cursor paging): a page of the newest 100 cases, and
 * "Muat berikutnya" adds the older ones from where the page ended — every case once, newest first.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, startApp, type AppUnderTest } from './support/browser.ts';

const KETUA = { id: 'ketua-1', name: 'Ketua Pengadilan', password: 'sandi-ketua-uji', roles: ['pimpinan'] };
const SCREENSHOTS = process.env.PROTAP_SCREENSHOTS ?? join(tmpdir(), 'protap-screenshots');
const CASES = 105;

describeBrowser('aplikasi web: daftar kasus per halaman', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await startApp();
    await app.addPerson(KETUA);
    await app.deploy('processes/umum/umum-F.bpmn');
    for (let i = 1; i <= CASES; i++) {
      const started = await app.api('POST', '/api/cases', { processId: 'umum-F', businessKey: `LAP-${String(i).padStart(3, '0')}` });
      expect(started.status).toBe(201);
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => { await app?.close(); });

  it('menampilkan 100 kasus terbaru, lalu yang lebih lama lewat "Muat berikutnya", tiap kasus sekali', async () => {
    const page = await app.signedIn(KETUA);
    await page.goto(`${app.url}/#/kasus`);
    const caption = page.locator('table caption');
    await expect.poll(() => caption.textContent()).toBe('100 kasus terbaru ditampilkan; masih ada yang lebih lama');
    const keys = () => page.locator('table tbody tr td:first-child').allTextContents();
    // The server's order in one page (most recent start first; a tie on the instant by id).
    const order = ((await app.api('GET', '/api/cases?limit=1000')).body as { businessKey: string }[]).map((c) => c.businessKey);
    expect(order).toHaveLength(CASES);
    expect(await keys()).toEqual(order.slice(0, 100));
    await page.getByRole('button', { name: 'Muat berikutnya' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'kasus-muat-berikutnya.png') });
    await page.getByRole('button', { name: 'Muat berikutnya' }).click();
    await expect.poll(() => caption.textContent()).toBe(`${CASES} kasus, terbaru di atas`);
    const all = await keys();
    expect(all).toEqual(order);
    expect(new Set(all).size).toBe(CASES);
    expect(await page.getByRole('button', { name: 'Muat berikutnya' }).count()).toBe(0);
    await page.context().close();
  });
});

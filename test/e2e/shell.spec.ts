/** The frame of the web app in a real browser: served on the API's port, sign-in, refusal, sign-out. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, describeBrowser, startApp, type AppUnderTest } from './support/browser.ts';

describeBrowser('aplikasi web: bingkai', () => {
  let app: AppUnderTest;
  beforeAll(async () => { app = await startApp(); }, 90_000);
  afterAll(async () => { await app?.close(); });

  it('menolak kata sandi salah dengan pesan server, lalu masuk dan keluar', async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByLabel('ID pengguna').fill('admin');
    await page.getByLabel('Kata sandi').fill('salah');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect.poll(() => page.locator('.pesan-galat').textContent()).toMatch(/UNAUTHENTICATED|sandi/i);
    await page.getByLabel('Kata sandi').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('button', { name: 'Keluar' }).waitFor();
    // The person by name, the roles as people call them (not their ids).
    expect(await page.locator('header .pengguna small').textContent()).toBe('Administrator');
    // A reload keeps the session (sessionStorage), a deep address serves the same page.
    await page.goto(`${app.url}/#/tidak-ada`);
    await page.getByRole('button', { name: 'Keluar' }).waitFor();
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.getByLabel('ID pengguna').waitFor();
    await context.close();
  });

  it('menyajikan halaman di luar /api dan tetap memberi problem+json untuk /api yang tidak ada', async () => {
    const page = await fetch(`${app.url}/pemantauan`);
    expect(page.headers.get('content-type')).toMatch(/html/);
    expect(await page.text()).toContain('<div id="app">');
    const api = await fetch(`${app.url}/api/tidak-ada`, { headers: { authorization: `Bearer ${app.adminToken}` } });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/problem\+json/);
  });
});

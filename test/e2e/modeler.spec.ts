/**
 * The Pemodel SOP view in a real browser: an analyst opens a deployed catalogue SOP, edits a
 * step's waktu in the SOP group (read live by the engine's reader), checks and deploys it as
 * version 2; a diagram with a problem lists it and the problem selects its element.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, startApp, type AppUnderTest } from './support/browser.ts';

const SOP = 'processes/keuangan/keuangan-C-2.bpmn';
const PROCESS_ID = 'keuangan-C-2';
const NAME = 'Laporan Keuangan Tri Wulan, Semester dan Tahunan';
const analis = { id: 'ani', nama: 'Ani Analis', password: 'sandi-analis-uji', roles: ['analis'] };
const pelaksana = { id: 'kasubag', nama: 'Kasubag Keuangan', password: 'sandi-kasubag-uji', roles: ['kasubag-keuangan'] };
/** Polls with room for a busy machine (the panel commits typed text after its debounce). */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });

describeBrowser('aplikasi web: pemodel SOP', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await startApp();
    await app.addPerson(analis);
    await app.addPerson(pelaksana);
    await app.deploy(SOP);
  }, 90_000);
  afterAll(async () => { await app?.close(); });

  it('membuka SOP katalog, membaca waktu langsung saat diubah, memeriksa, lalu men-deploy versi 2', async () => {
    const page = await app.signedIn(analis);
    await page.getByRole('link', { name: 'Pemodel SOP' }).click();
    await page.getByRole('link', { name: NAME }).click();
    // The diagram from GET /api/definitions/:id/xml is drawn.
    await page.locator('.djs-container').getByText('Selesai', { exact: true }).waitFor();
    await poll(() => page.getByRole('status', { name: 'Keadaan diagram' }).textContent()).toBe('Sama dengan versi 1 di server');

    await page.locator('.djs-element[data-element-id="Langkah_1"]').click();
    const panel = page.getByRole('complementary', { name: 'Sifat elemen' });
    const waktu = panel.getByLabel('Waktu penyelesaian');
    await poll(() => waktu.inputValue()).toBe('2 Hari');
    await poll(() => panel.textContent()).toContain('Terbaca: 2 hari kalender');

    await waktu.fill('kapan-kapan');
    await poll(() => panel.locator('.bio-properties-panel-error').textContent()).toContain('Frasa waktu "kapan-kapan" tidak dapat dibaca');
    await waktu.fill('5 (lima) hari kerja');
    await poll(() => panel.textContent()).toContain('Terbaca: 5 hari kerja sejak langkah dimulai');
    expect(await panel.locator('.bio-properties-panel-error').count()).toBe(0);
    // Each change is a command: undo and redo go through it.
    await page.getByRole('button', { name: 'Urungkan' }).click();
    await poll(() => waktu.inputValue()).toBe('kapan-kapan');
    await page.getByRole('button', { name: 'Ulangi' }).click();
    await poll(() => waktu.inputValue()).toBe('5 (lima) hari kerja');
    await poll(() => page.getByRole('status', { name: 'Keadaan diagram' }).textContent()).toBe('Ada perubahan yang belum di-deploy');

    await page.getByRole('button', { name: 'Periksa' }).click();
    await poll(() => page.getByRole('region', { name: 'Hasil pemeriksaan' }).textContent()).toContain('Pemeriksaan: tidak ada masalah');

    await page.getByRole('button', { name: 'Deploy' }).click();
    await poll(() => page.getByRole('status', { name: 'Keadaan diagram' }).textContent()).toBe('Sama dengan versi 2 di server');
    const history = await app.api('GET', `/api/definitions/${PROCESS_ID}`);
    expect(history.body.versions.map((v: { version: number; deployedBy: string }) => [v.version, v.deployedBy])).toEqual([[2, 'ani'], [1, 'admin']]);
    const xml = await fetch(`${app.url}/api/definitions/${PROCESS_ID}/xml?version=2`, { headers: { authorization: `Bearer ${app.adminToken}` } });
    expect(await xml.text()).toContain('sop:waktu="5 (lima) hari kerja"');
    await page.context().close();
  }, 60_000);

  it('mengunggah diagram bermasalah: Periksa mendaftar masalahnya, mengkliknya memilih elemennya', async () => {
    const page = await app.signedIn(analis);
    await page.goto(`${app.url}/#/pemodel`);
    const broken = readFileSync(resolve(import.meta.dirname, '../..', SOP), 'utf8').replace('sop:waktu="2 Hari"', 'sop:waktu="kapan-kapan"');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Unggah' }).click()]);
    await chooser.setFiles({ name: 'laporan-rusak.bpmn', mimeType: 'application/xml', buffer: Buffer.from(broken) });
    await page.locator('.djs-container').getByText('Selesai', { exact: true }).waitFor();
    expect(page.url()).toMatch(/#\/pemodel\/berkas$/);

    await page.locator('.djs-element[data-element-id="Selesai"]').click();
    await page.getByRole('button', { name: 'Periksa' }).click();
    const findings = page.getByRole('region', { name: 'Hasil pemeriksaan' });
    await poll(() => findings.textContent()).toContain('Pemeriksaan: 1 masalah');
    expect(await findings.textContent()).toContain('BAD_WAKTU');
    await findings.getByRole('button', { name: /Langkah_1/ }).click();
    await poll(() => page.locator('.djs-element.selected').getAttribute('data-element-id')).toBe('Langkah_1');
    const panel = page.getByRole('complementary', { name: 'Sifat elemen' });
    await poll(() => panel.getByLabel('Waktu penyelesaian').inputValue()).toBe('kapan-kapan');
    await page.context().close();
  }, 60_000);

  it('tidak menampilkan Pemodel SOP di menu pelaksana', async () => {
    const page = await app.signedIn(pelaksana);
    const menu = page.getByRole('navigation', { name: 'Menu utama' });
    expect(await menu.getByRole('link', { name: 'Pemodel SOP' }).count()).toBe(0);
    await page.context().close();
  });
});

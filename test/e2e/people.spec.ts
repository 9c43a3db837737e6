/**
 * People in a real browser (issue 18, point 5): the admin adds a pelaksana on the Pengguna screen
 * (a role by its lane's name, a unit of the deployed SOPs) and reads the one-time password off
 * the screen; the pelaksana signs in, can do nothing but change it (the dialog checks what is
 * typed and shows the server's refusal), changes it, and with the new password sees their
 * worklist. Then the admin changes the person, resets the password and disables and enables them.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { call } from '../../server/spawnServer.ts';
import { ADMIN_PASSWORD, describeBrowser, startApp, type AppUnderTest } from './support/browser.ts';

// Screenshots go outside the tree unless asked (PROTAP_SCREENSHOTS=docs/screenshots keeps them).
const SCREENSHOTS = process.env.PROTAP_SCREENSHOTS ?? join(tmpdir(), 'protap-screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

const ADMIN = { id: 'admin', password: ADMIN_PASSWORD };
const RINA = { id: 'rina.kasubag', name: 'Rina Kartika', unit: 'Sub Bagian Umum', role: 'Kasubag Umum', chosen: 'sandi-pilihan-rina' };
const STEP = /Menghimpun bahan laporan/;

describeBrowser('aplikasi web: pengguna', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await startApp();
    await app.deploy('processes/umum/umum-F.bpmn');
    await app.deploy('processes/pidana/pidana-A.bpmn');
    await app.addPerson({ id: 'budi', name: 'Budi Staf Umum', password: 'sandi-budi-uji', roles: ['staf-umum'] });
    expect((await app.api('POST', '/api/cases', { processId: 'umum-F', businessKey: 'LAP/2026/07' })).status).toBe(201);
  }, 90_000);
  afterAll(async () => { await app?.close(); });

  const openPeople = async (page: Page) => {
    await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Pengguna' }).click();
    await page.getByRole('heading', { name: 'Pengguna', exact: true }).waitFor();
    await page.getByRole('table', { name: 'Daftar pengguna' }).waitFor();
  };
  /** Signs out and leaves the address of the last screen (the next person starts at their home). */
  const signOut = async (page: Page) => {
    await page.getByRole('button', { name: 'Keluar', exact: true }).click();
    await page.getByLabel('ID pengguna').waitFor();
    await page.goto(`${app.url}/#/`);
  };
  const signInByHand = async (page: Page, id: string, password: string) => {
    await page.getByLabel('ID pengguna').fill(id);
    await page.getByLabel('Kata sandi').fill(password);
    await page.getByRole('button', { name: 'Masuk' }).click();
  };

  it('admin menambah pelaksana; ia wajib mengganti kata sandi sekali pakai, lalu melihat daftar kerjanya', async () => {
    const page = await app.signedIn(ADMIN);
    // Everyone reaches "Ganti kata sandi" from the header; Batal leaves it.
    await page.getByRole('button', { name: 'Ganti kata sandi' }).click();
    await page.getByRole('dialog', { name: 'Ganti kata sandi' }).getByRole('button', { name: 'Batal' }).click();
    await page.getByRole('dialog', { name: 'Ganti kata sandi' }).waitFor({ state: 'detached' });

    await openPeople(page);
    const table = page.getByRole('table', { name: 'Daftar pengguna' });
    const budi = table.getByRole('row', { name: /Budi Staf Umum/ });
    expect(await budi.textContent()).toContain('Staf Sub Bagian Umum');
    expect(await table.getByRole('row', { name: /Administrator/ }).textContent()).toMatch(/admin.*Administrator.*aktif/);
    await page.screenshot({ path: join(SCREENSHOTS, 'people-daftar.png') });

    await page.getByRole('button', { name: 'Tambah pengguna' }).click();
    const form = page.getByRole('dialog', { name: 'Tambah pengguna' });
    await form.getByLabel('Nama lengkap').fill(RINA.name);
    await form.getByLabel('Nama login').fill('Rina Kasubag');
    // The units are those of the deployed SOPs; roles by their lanes' names, in two groups.
    expect(await form.getByLabel('Unit kerja').locator('option').allTextContents()).toEqual(['— tanpa unit —', 'Kepaniteraan Pidana', 'Sub Bagian Umum']);
    await form.getByLabel('Unit kerja').selectOption(RINA.unit);
    expect(await form.getByRole('group', { name: 'Peran kantor' }).getByRole('checkbox').count()).toBe(4);
    const pelaksana = form.getByRole('group', { name: 'Peran pelaksana (lajur SOP)' });
    expect(await pelaksana.textContent()).toContain('Panitera Muda Pidana');
    // Nothing is sent before what is typed is right: the login, then a role.
    await form.getByRole('button', { name: 'Tambah pengguna' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('Nama login 2–64 karakter');
    await form.getByLabel('Nama login').fill(RINA.id);
    await form.getByRole('button', { name: 'Tambah pengguna' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe('Pilih paling sedikit satu peran.');
    await pelaksana.getByRole('checkbox', { name: RINA.role }).check();
    await page.screenshot({ path: join(SCREENSHOTS, 'people-tambah.png') });
    await form.getByRole('button', { name: 'Tambah pengguna' }).click();

    const shown = page.getByRole('dialog', { name: 'Pengguna ditambahkan' });
    const oneTime = (await shown.locator('output.sandi-sekali').textContent()) ?? '';
    expect(oneTime).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(await shown.textContent()).toContain('wajib menggantinya');
    await shown.getByRole('button', { name: 'Salin' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'people-sandi-sekali.png') });
    await shown.getByRole('button', { name: 'Selesai' }).click();
    const row = table.getByRole('row', { name: new RegExp(RINA.name) });
    await row.waitFor();
    expect(await row.textContent()).toMatch(new RegExp(`${RINA.id}.*${RINA.role}.*${RINA.unit}.*aktif.*belum ganti kata sandi`));
    const stored = (await app.api('GET', '/api/users')).body.find((u: { id: string }) => u.id === RINA.id);
    expect(stored).toMatchObject({ name: RINA.name, roles: ['kasubag-umum'], unit: RINA.unit, mustChangePassword: true });
    await signOut(page);

    // Rina signs in: only the dialog, which Escape does not close.
    await signInByHand(page, RINA.id, oneTime);
    const dialog = page.getByRole('dialog', { name: 'Ganti kata sandi' });
    await dialog.waitFor();
    expect(await page.getByRole('navigation', { name: 'Menu utama' }).count()).toBe(0);
    await page.keyboard.press('Escape');
    expect(await dialog.isVisible()).toBe(true);
    await dialog.getByLabel('Kata sandi sekarang').fill(oneTime);
    await dialog.getByLabel('Kata sandi baru', { exact: true }).fill(RINA.chosen);
    await dialog.getByLabel('Ulangi kata sandi baru').fill('sandi-lain-sekali');
    await dialog.getByRole('button', { name: 'Simpan kata sandi' }).click();
    expect(await dialog.getByRole('alert').textContent()).toBe('Ulangan kata sandi baru tidak sama dengan kata sandi baru.');
    await page.screenshot({ path: join(SCREENSHOTS, 'people-ganti-sandi.png') });
    // A wrong current password: the server's words.
    await dialog.getByLabel('Kata sandi sekarang').fill('bukan-sandi-itu');
    await dialog.getByLabel('Ulangi kata sandi baru').fill(RINA.chosen);
    await dialog.getByRole('button', { name: 'Simpan kata sandi' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe('Kata sandi sekarang salah.');
    await dialog.getByLabel('Kata sandi sekarang').fill(oneTime);
    await dialog.getByRole('button', { name: 'Simpan kata sandi' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Daftar Kerja' }).waitFor();
    expect((await app.api('GET', '/api/users')).body.find((u: { id: string }) => u.id === RINA.id).mustChangePassword).toBe(false);
    await signOut(page);

    // The new password signs in straight to the worklist, with the step of her lane.
    await signInByHand(page, RINA.id, RINA.chosen);
    await page.getByRole('heading', { name: 'Daftar Kerja' }).waitFor();
    await page.getByRole('row', { name: STEP }).waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.locator('header .pengguna').textContent()).toContain(RINA.name);
    await page.context().close();
  }, 90_000);

  it('admin mengubah peran dan unit, mengatur ulang kata sandi, menonaktifkan dan mengaktifkan', async () => {
    const page = await app.signedIn(ADMIN);
    await openPeople(page);
    const row = page.getByRole('table', { name: 'Daftar pengguna' }).getByRole('row', { name: /Budi Staf Umum/ });

    await row.getByRole('button', { name: 'Ubah' }).click();
    const form = page.getByRole('dialog', { name: /Ubah pengguna/ });
    await form.getByLabel('Nama lengkap').fill('Budi Santoso');
    await form.getByLabel('Unit kerja').selectOption('Sub Bagian Umum');
    await form.getByRole('checkbox', { name: 'Kasubag Umum' }).check();
    await form.getByRole('button', { name: 'Simpan perubahan' }).click();
    await form.waitFor({ state: 'detached' });
    const budi = page.getByRole('table', { name: 'Daftar pengguna' }).getByRole('row', { name: /Budi Santoso/ });
    await expect.poll(() => budi.textContent()).toMatch(/Kasubag Umum.*Staf Sub Bagian Umum.*Sub Bagian Umum/);
    await budi.getByRole('button', { name: 'Ubah' }).click();
    await page.getByRole('dialog', { name: /Ubah pengguna/ }).getByLabel('Unit kerja').selectOption('');
    await page.getByRole('dialog', { name: /Ubah pengguna/ }).getByRole('button', { name: 'Simpan perubahan' }).click();
    await expect.poll(async () => (await app.api('GET', '/api/users')).body.find((u: { id: string }) => u.id === 'budi')).toEqual(
      expect.objectContaining({ name: 'Budi Santoso', roles: ['kasubag-umum', 'staf-umum'], mustChangePassword: false }));
    expect((await app.api('GET', '/api/users')).body.find((u: { id: string }) => u.id === 'budi')).not.toHaveProperty('unit');

    await budi.getByRole('button', { name: 'Atur ulang kata sandi' }).click();
    await page.getByRole('dialog', { name: /Atur ulang kata sandi/ }).getByRole('button', { name: 'Ya, atur ulang' }).click();
    const shown = page.getByRole('dialog', { name: 'Kata sandi diatur ulang' });
    const oneTime = (await shown.locator('output.sandi-sekali').textContent()) ?? '';
    await shown.getByRole('button', { name: 'Selesai' }).click();
    expect((await call(app.url, 'POST', '/api/login', { id: 'budi', password: 'sandi-budi-uji' })).status).toBe(401);
    expect((await call(app.url, 'POST', '/api/login', { id: 'budi', password: oneTime })).body.user).toMatchObject({ id: 'budi', mustChangePassword: true });
    await expect.poll(() => budi.textContent()).toContain('belum ganti kata sandi');

    await budi.getByRole('button', { name: 'Nonaktifkan' }).click();
    await page.getByRole('dialog', { name: /Nonaktifkan/ }).getByRole('button', { name: 'Ya, nonaktifkan' }).click();
    await expect.poll(() => budi.textContent()).toContain('nonaktif');
    await budi.getByRole('button', { name: 'Aktifkan' }).click();
    await budi.getByRole('button', { name: 'Nonaktifkan' }).waitFor();
    expect((await app.api('GET', '/api/users')).body.find((u: { id: string }) => u.id === 'budi').disabled).toBe(false);

    // The last admin: the server refuses, and the screen says why in its words.
    await page.getByRole('table', { name: 'Daftar pengguna' }).getByRole('row', { name: /Administrator/ }).getByRole('button', { name: 'Nonaktifkan' }).click();
    await page.getByRole('dialog', { name: /Nonaktifkan/ }).getByRole('button', { name: 'Ya, nonaktifkan' }).click();
    await expect.poll(() => page.locator('.pesan-galat').textContent()).toContain('satu-satunya admin aktif');
    expect(await page.locator('.pesan-galat').textContent()).not.toContain('CONFLICT');
    await page.context().close();
  }, 90_000);
});

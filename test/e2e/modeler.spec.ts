/**
 * The Pemodel SOP view in a real browser: an analyst opens a deployed catalogue SOP, edits a
 * step's waktu in the SOP group (read live by the engine's reader), checks and deploys it as
 * version 2; a diagram with a problem lists it and the problem selects its element; an analyst
 * draws a decision from the panel alone (issue 15) and deploys it with the conditions derived.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeBrowser, startApp, type AppUnderTest } from './support/browser.ts';

const SOP = 'processes/keuangan/keuangan-C-2.bpmn';
const PROCESS_ID = 'keuangan-C-2';
const NAME = 'Laporan Keuangan Tri Wulan, Semester dan Tahunan';
const analis = { id: 'ani', name: 'Ani Analis', password: 'sandi-analis-uji', roles: ['analis'] };
const pelaksana = { id: 'kasubag', name: 'Kasubag Keuangan', password: 'sandi-kasubag-uji', roles: ['kasubag-keuangan'] };
/** Polls with room for a busy machine (the panel commits typed text after its debounce). */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });
// Screenshots go to a folder outside the tree (docs/screenshots/ keeps the ones chosen by hand).
const SCREENSHOTS = process.env.PROTAP_SCREENSHOTS ?? join(tmpdir(), 'protap-screenshots');

/** The ids of the flows drawn now. */
const flowIds = (page: Page) => page.$$eval('.djs-connection', (all) => all.map((e) => e.getAttribute('data-element-id') ?? ''));

/** Deploys the diagram open in the modeler, confirming when the modeler asks. */
async function deploy(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Deploy' }).click();
  const confirm = page.getByRole('button', { name: 'Ya, deploy' });
  await confirm.waitFor({ timeout: 5_000 }).then(() => confirm.click(), () => undefined);
}

/** Selects an element on the canvas (a click on the one already selected would not keep it so). */
async function select(page: Page, id: string): Promise<void> {
  const element = page.locator(`.djs-element[data-element-id="${id}"]`);
  if (!(await element.getAttribute('class'))?.includes('selected')) {
    // A straight flow has no height, which Playwright takes for invisible: click its middle.
    const box = await element.evaluate((e) => { const r = e.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; });
    // The context pad of the element selected now may cover the target: close it first.
    const canvas = await page.getByLabel('Kanvas diagram').boundingBox();
    if (canvas) await page.mouse.click(canvas.x + 150, canvas.y + 60);
    await page.mouse.click(box.x, box.y);
  }
  await page.locator(`.djs-element.selected[data-element-id="${id}"]`).waitFor({ state: 'attached' });
}

/** Selects an element and appends one from its context pad; answers the id of what was appended. */
async function append(page: Page, from: string, action: 'append.gateway' | 'append.append-task', name?: string): Promise<string> {
  await select(page, from);
  await page.locator(`.djs-context-pad [data-action="${action}"]`).click();
  if (name) {
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');
  }
  const id = await page.locator('.djs-shape.selected').getAttribute('data-element-id');
  if (!id) throw new Error(`tidak ada elemen baru setelah ${action}`);
  return id;
}

describeBrowser('aplikasi web: pemodel SOP', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await startApp();
    await app.addPerson(analis);
    await app.addPerson(pelaksana);
    await app.deploy(SOP);
    await app.deploy('processes/umum/umum-A.bpmn');
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

    await deploy(page);
    await poll(() => page.getByRole('status', { name: 'Keadaan diagram' }).textContent()).toBe('Sama dengan versi 2 di server');
    const history = await app.api('GET', `/api/definitions/${PROCESS_ID}`);
    expect(history.body.versions.map((v: { version: number; deployedBy: string }) => [v.version, v.deployedBy])).toEqual([[2, 'ani'], [1, 'admin']]);
    const xml = await fetch(`${app.url}/api/definitions/${PROCESS_ID}/xml?version=2`, { headers: { authorization: `Bearer ${app.adminToken}` } });
    expect(await xml.text()).toContain('sop:waktu="5 (lima) hari kerja"');
    await page.context().close();
  }, 60_000);

  it('menampilkan keputusan SOP katalog: pertanyaan, jawaban tiap alur dengan syaratnya, dan pertanyaan di formulir langkah sebelumnya', async () => {
    // umum-A (Surat Masuk) lists no <bpmn:outgoing> on its nodes: the panel finds the flows by their source.
    const page = await app.signedIn(analis);
    await page.goto(`${app.url}/#/pemodel/umum-A`);
    await page.locator('.djs-element[data-element-id="Gerbang_perluJawaban"]').waitFor();
    await page.locator('.djs-element[data-element-id="Gerbang_perluJawaban"]').click();
    const panel = page.getByRole('complementary', { name: 'Sifat elemen' });
    await poll(() => panel.getByLabel('Pertanyaan').inputValue()).toBe('Surat memerlukan jawaban / tanggapan?');
    const ya = panel.getByLabel('Jawaban menuju "Menjawab / menanggapi surat"');
    expect(await ya.inputValue()).toBe('Ya');
    await poll(() => panel.textContent()).toContain('Syarat yang ditulis: memerlukanJawaban = true');
    // The variable was set by the analyst: rewording the question keeps it, and the conditions with it.
    await panel.getByLabel('Pertanyaan').fill('Surat perlu dijawab?');
    await poll(() => panel.textContent()).toContain('Syarat yang ditulis: memerlukanJawaban = true');
    await page.locator('.djs-element[data-element-id="Langkah_4"]').click();
    await poll(() => panel.textContent()).toContain('Surat perlu dijawab? (Ya/Tidak)');
    await page.getByRole('button', { name: 'Periksa' }).click();
    await poll(() => page.getByRole('region', { name: 'Hasil pemeriksaan' }).textContent()).toContain('Pemeriksaan: tidak ada masalah');
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
    // The message is read; the code stays out of sight, as data.
    expect(await findings.textContent()).not.toContain('BAD_WAKTU');
    expect(await findings.getByRole('listitem').getAttribute('data-kode')).toBe('BAD_WAKTU');
    await findings.getByRole('button', { name: /Langkah_1/ }).click();
    await poll(() => page.locator('.djs-element.selected').getAttribute('data-element-id')).toBe('Langkah_1');
    const panel = page.getByRole('complementary', { name: 'Sifat elemen' });
    await poll(() => panel.getByLabel('Waktu penyelesaian').inputValue()).toBe('kapan-kapan');
    await page.context().close();
  }, 60_000);

  // Issue 15: decisions in the modeler.
  it('menggambar keputusan "Berkas lengkap?" hanya lewat panel, memeriksa, men-deploy, dengan syarat yang diturunkan', async () => {
    const page = await app.signedIn(analis);
    await page.goto(`${app.url}/#/pemodel/baru`);
    await page.locator('.djs-container').getByText('Langkah pertama', { exact: true }).waitFor();
    const panel = page.getByRole('complementary', { name: 'Sifat elemen' });

    // The lane's pelaksana: an unknown role is warned about, a known one is not.
    await page.locator('.djs-element[data-element-id="Lajur_pelaksana"]').click({ position: { x: 12, y: 20 } });
    const pelaksana = panel.getByLabel('Pelaksana (id peran)');
    await poll(() => panel.textContent()).toContain('Peran ini belum dikenal: langkahnya hanya bisa dikerjakan admin');
    await pelaksana.fill('kasubag-keuangan');
    await poll(() => panel.textContent()).toContain('1 orang memegang peran ini');
    expect(await panel.textContent()).not.toContain('Peran ini belum dikenal');

    // Draw: Langkah pertama → gateway → two steps, the old end removed.
    await page.locator('.djs-element[data-element-id="Selesai"]').click();
    await page.locator('.djs-context-pad [data-action="delete"]').click();
    const gateway = await append(page, 'Langkah_1', 'append.gateway');
    const before = await flowIds(page);
    const forward = await append(page, gateway, 'append.append-task', 'Meneruskan berkas');
    const toForward = (await flowIds(page)).find((id) => !before.includes(id)) as string;
    await append(page, gateway, 'append.append-task', 'Mengembalikan berkas');

    await select(page, gateway);
    await panel.getByLabel('Pertanyaan').fill('Berkas lengkap?');
    await page.locator('.djs-container').getByText('Berkas lengkap?', { exact: true }).waitFor();

    // A hand-written condition on a flow is read live; a bad one says why, in Indonesian.
    await select(page, toForward);
    await panel.getByLabel('Syarat (FEEL)').fill('status == "lengkap"');
    await poll(() => panel.locator('.bio-properties-panel-error').textContent()).toContain('tidak dapat dibaca sebagai FEEL (FEEL membandingkan dengan satu tanda =, bukan ==)');
    await panel.getByLabel('Jawaban', { exact: true }).selectOption('Ya');
    await poll(() => panel.textContent()).toContain('Syarat yang ditulis: berkasLengkap = true');
    expect(await panel.getByLabel('Syarat (FEEL)').count()).toBe(0);

    // The other answer from the gateway's own group.
    await select(page, gateway);
    await panel.getByLabel('Jawaban menuju "Mengembalikan berkas"').selectOption('Tidak');
    await poll(() => panel.textContent()).toContain('Syarat yang ditulis: berkasLengkap = false');
    await page.locator('.djs-container').getByText('Tidak', { exact: true }).waitFor();
    mkdirSync(SCREENSHOTS, { recursive: true });
    // The context pad would hide the "Ya" label in the picture.
    const noPad = await page.addStyleTag({ content: '.djs-context-pad { visibility: hidden !important; }' });
    await page.screenshot({ path: resolve(SCREENSHOTS, 'pemodel-keputusan.png') });
    await noPad.evaluate((style) => style.parentNode?.removeChild(style));

    // The step before asks the question; the analyst adds a field of their own.
    await page.locator('.djs-element[data-element-id="Langkah_1"]').click();
    await poll(() => panel.textContent()).toContain('Berkas lengkap? (Ya/Tidak) — wajib');
    await panel.getByRole('button', { name: '+ Tambah kolom' }).click();
    await panel.getByLabel('Label', { exact: true }).fill('Nomor berkas');
    await panel.getByLabel('Wajib diisi').check();
    await poll(() => panel.textContent()).toContain('Disimpan sebagai data "nomorBerkas".');

    await page.getByRole('button', { name: 'Periksa' }).click();
    await poll(() => page.getByRole('region', { name: 'Hasil pemeriksaan' }).textContent()).toContain('Pemeriksaan: tidak ada masalah');
    await deploy(page);
    await poll(() => page.getByRole('status', { name: 'Keadaan diagram' }).textContent()).toBe('Sama dengan versi 1 di server');
    const processId = decodeURIComponent(page.url().split('/').pop() ?? '');
    const answer = await fetch(`${app.url}/api/definitions/${processId}/xml`, { headers: { authorization: `Bearer ${app.adminToken}` } });
    const xml = await answer.text();
    expect(xml).toContain('sop:pertanyaan="Berkas lengkap?"');
    expect(xml).toContain('sop:variabel="berkasLengkap"');
    expect(xml).toContain('sop:jawaban="Ya"');
    expect(xml).toContain('sop:jawaban="Tidak"');
    expect(xml).toMatch(/<bpmn:conditionExpression[^>]*>berkasLengkap = true<\/bpmn:conditionExpression>/);
    expect(xml).toMatch(/<bpmn:conditionExpression[^>]*>berkasLengkap = false<\/bpmn:conditionExpression>/);
    expect(xml).toContain('nomorBerkas');
    expect(forward).not.toBe('');
    await page.context().close();
  }, 90_000);

  it('tidak menampilkan Pemodel SOP di menu pelaksana', async () => {
    const page = await app.signedIn(pelaksana);
    const menu = page.getByRole('navigation', { name: 'Menu utama' });
    expect(await menu.getByRole('link', { name: 'Pemodel SOP' }).count()).toBe(0);
    await page.context().close();
  });
});

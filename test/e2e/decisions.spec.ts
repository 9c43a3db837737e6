/**
 * Issue 15, accepted in Chromium: an analyst draws, from the new diagram and without touching
 * XML, an SOP with two lanes, a Ya/Tidak decision and a three-way choice, with a field on its
 * start event; checks and deploys it. The petugas starts four cases through "Mulai kasus" (its
 * start form refuses an empty answer and shows the server's refusal under the field), answers
 * "Berkas lengkap?" through the step's form, the panitera answers "Jenis permohonan?"; each case
 * then waits at the step its answer leads to.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, startApp, type AppUnderTest } from './support/browser.ts';
import { append, deploy, dragIntoLane, elementIds, select } from './support/drawing.ts';

const NAME = 'Penerimaan Permohonan Upaya Hukum';
const analis = { id: 'ani', name: 'Ani Analis', password: 'sandi-analis-uji', roles: ['analis'] };
const petugas = { id: 'dewi', name: 'Dewi Petugas Meja', password: 'sandi-dewi-uji', roles: ['petugas-meja'] };
const panitera = { id: 'agus', name: 'Agus Panitera', password: 'sandi-agus-uji', roles: ['panitera'] };
/** The three-way choice: each answer and the step it leads to. */
const CHOICES = [
  { answer: 'Banding', step: 'Mengirim berkas banding' },
  { answer: 'Kasasi', step: 'Mengirim berkas kasasi' },
  { answer: 'Lainnya', step: 'Mencatat permohonan lain' },
];
/** Screenshots for a person to look at; docs/screenshots/mulai-kasus.png is chosen from them by hand. */
const screenshots = process.env.PROTAP_SCREENSHOTS ?? join(tmpdir(), 'protap-screenshots');
/** Polls with room for a busy machine (the panel commits typed text after its debounce). */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });

describeBrowser('aplikasi web: keputusan dari gambar sampai kasus (issue 15)', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await startApp();
    for (const person of [analis, petugas, panitera]) await app.addPerson(person);
    mkdirSync(screenshots, { recursive: true });
  }, 90_000);
  afterAll(async () => { await app?.close(); });

  let processId = '';

  it('menggambar SOP dua lajur dengan keputusan Ya/Tidak dan tiga pilihan, memeriksa, lalu men-deploy', async () => {
    const page = await app.signedIn(analis);
    await page.goto(`${app.url}/#/pemodel/baru`);
    const canvas = page.locator('.djs-container');
    await canvas.getByText('Langkah pertama', { exact: true }).waitFor();
    const panel = page.getByRole('complementary', { name: 'Sifat elemen' });
    const named = (text: string) => canvas.getByText(text, { exact: true }).first().waitFor();

    // The pool names the process; each lane names its pelaksana, the second lane added from the first's pad.
    await page.locator('.djs-shape[data-element-id^="Peserta_"]').click({ position: { x: 12, y: 40 } });
    await general(page);
    await panel.getByLabel('Nama proses').fill(NAME);
    await panel.getByLabel('Nama SOP').fill(NAME);
    const first = 'Lajur_pelaksana';
    const lanesBefore = await elementIds(page);
    await laneDetails(page, first, 'Petugas Meja', 'petugas-meja');
    await page.locator('.djs-context-pad [data-action="lane-insert-below"]').click();
    const second = (await elementIds(page)).find((id) => !lanesBefore.includes(id)) as string;
    await laneDetails(page, second, 'Panitera', 'panitera');

    // Memeriksa berkas → Berkas lengkap? → Ya: Meneruskan berkas (second lane) / Tidak: Mengembalikan berkas.
    await select(page, 'Selesai');
    await page.locator('.djs-context-pad [data-action="delete"]').click();
    await select(page, 'Langkah_1');
    await general(page);
    await panel.getByLabel('Nama', { exact: true }).fill('Memeriksa berkas');
    await named('Memeriksa berkas');
    const complete = (await append(page, 'Langkah_1', 'append.gateway')).shape;
    const forward = await append(page, complete, 'append.append-task', 'Meneruskan berkas');
    await dragIntoLane(page, forward.shape, second);
    const back = await append(page, complete, 'append.append-task', 'Mengembalikan berkas');
    await append(page, back.shape, 'append.end-event', 'Berkas dikembalikan');
    // A gateway is a decision, with its "Keputusan" group, once two flows leave it.
    await question(page, complete, 'Berkas lengkap?');
    await answer(page, forward.flow, 'Ya');
    await answer(page, back.flow, 'Tidak');

    // Meneruskan berkas → Jenis permohonan? → Banding / Kasasi / Lainnya, each to its own step and end.
    const kind = (await append(page, forward.shape, 'append.gateway')).shape;
    const branches: string[] = [];
    for (const choice of CHOICES) {
      const branch = await append(page, kind, 'append.append-task', choice.step);
      await append(page, branch.shape, 'append.end-event', 'Selesai');
      branches.push(branch.flow);
    }
    await question(page, kind, 'Jenis permohonan?');
    for (const [i, choice] of CHOICES.entries()) await answer(page, branches[i] ?? '', choice.answer);

    // The start event asks for the pemohon's name: the start form of "Mulai kasus".
    await select(page, 'Mulai');
    await panel.getByRole('button', { name: '+ Tambah kolom' }).click();
    await panel.getByLabel('Label', { exact: true }).fill('Nama pemohon');
    await panel.getByLabel('Wajib diisi').check();
    await poll(() => panel.textContent()).toContain('Disimpan sebagai data "namaPemohon".');

    await page.getByRole('button', { name: 'Periksa' }).click();
    await poll(() => page.getByRole('region', { name: 'Hasil pemeriksaan' }).textContent()).toContain('Pemeriksaan: tidak ada masalah');
    await page.getByRole('button', { name: 'Sesuaikan' }).click();
    const noPad = await page.addStyleTag({ content: '.djs-context-pad { visibility: hidden !important; }' });
    await page.screenshot({ path: resolve(screenshots, 'keputusan-dua-lajur.png') });
    await noPad.evaluate((style) => style.parentNode?.removeChild(style));

    await deploy(page);
    await poll(() => page.getByRole('status', { name: 'Keadaan diagram' }).textContent()).toBe('Sama dengan versi 1 di server');
    processId = decodeURIComponent(page.url().split('/').pop() ?? '');
    const xml = await (await fetch(`${app.url}/api/definitions/${processId}/xml`, { headers: { authorization: `Bearer ${app.adminToken}` } })).text();
    expect(xml).toContain('sop:pelaksana="petugas-meja"');
    expect(xml).toContain('sop:pelaksana="panitera"');
    expect(xml).toMatch(/<bpmn:conditionExpression[^>]*>berkasLengkap = true</);
    expect(xml).toMatch(/<bpmn:conditionExpression[^>]*>jenisPermohonan = "kasasi"</);
    await page.context().close();
  }, 180_000);

  it('memulai kasus lewat formulir awal; tiap kasus menunggu di langkah yang dituju jawabannya', async () => {
    expect(processId).not.toBe('');
    const desk = await app.signedIn(petugas);

    // The first case: the SOP chosen in the list draws its start form; an empty answer is refused
    // before anything is sent, and the server's refusal stands under its field without its code.
    const posted: unknown[] = [];
    desk.on('request', (request) => { if (request.method() === 'POST' && request.url().endsWith('/api/cases')) posted.push(request.postDataJSON()); });
    await desk.goto(`${app.url}/#/kasus/mulai`);
    await desk.getByLabel('SOP').selectOption(processId);
    const start = desk.getByRole('region', { name: 'Isian awal kasus' });
    await desk.getByLabel('Nomor perkara / nomor surat').fill('W10/UH/1');
    await desk.getByRole('button', { name: 'Mulai kasus' }).click();
    await start.getByText('Wajib diisi.').waitFor();
    expect(posted).toHaveLength(0);
    await desk.route('**/api/cases', (route) => route.fulfill({
      status: 422, contentType: 'application/problem+json',
      body: JSON.stringify({ status: 422, code: 'BAD_STEP_DATA', detail: 'Data awal kasus tidak sesuai formulirnya: Kolom "Nama pemohon" (namaPemohon) terlalu pendek.', field: 'namaPemohon', label: 'Nama pemohon', fields: [{ field: 'namaPemohon', label: 'Nama pemohon', detail: 'Kolom "Nama pemohon" (namaPemohon) terlalu pendek.' }] }),
    }), { times: 1 });
    await start.getByLabel('Nama pemohon').fill('B');
    await desk.getByRole('button', { name: 'Mulai kasus' }).click();
    await start.getByText('Kolom "Nama pemohon" terlalu pendek.').waitFor();
    expect(await desk.getByRole('alert').textContent()).not.toContain('BAD_STEP_DATA');
    await desk.screenshot({ path: resolve(screenshots, 'mulai-kasus-ditolak.png') });
    await start.getByLabel('Nama pemohon').fill('Budi Santoso');
    const cases = [await started(desk, 'W10/UH/1')];
    expect(posted.at(-1)).toEqual({ processId, businessKey: 'W10/UH/1', vars: { namaPemohon: 'Budi Santoso' } });
    // Three more, the SOP chosen by the address.
    for (const n of [2, 3, 4]) {
      await desk.goto(`${app.url}/#/kasus/mulai/${encodeURIComponent(processId)}`);
      await desk.getByLabel('Nomor perkara / nomor surat').fill(`W10/UH/${n}`);
      await desk.getByLabel('Nama pemohon').fill(`Pemohon ${n}`);
      if (n === 2) {
        await desk.locator('.pesan-sukses').getByRole('button', { name: 'Tutup' }).click();
        await desk.screenshot({ path: resolve(screenshots, 'mulai-kasus.png') });
      }
      // A double click starts one case.
      cases.push(await started(desk, `W10/UH/${n}`, n === 2 ? 'dblclick' : 'click'));
    }
    expect(posted).toHaveLength(5);
    expect((await app.api('GET', `/api/cases/${cases[0]}`)).body.vars).toMatchObject({ namaPemohon: 'Budi Santoso' });

    // The petugas returns the first berkas and forwards the other three.
    await completeIn(desk, 'W10/UH/1', 'Tidak');
    for (const n of [2, 3, 4]) await completeIn(desk, `W10/UH/${n}`, 'Ya');
    expect(await openSteps(cases[0] as string)).toEqual(['Mengembalikan berkas']);
    for (const caseId of cases.slice(1)) expect(await openSteps(caseId)).toEqual(['Meneruskan berkas']);

    // The panitera answers the kind of permohonan; each case goes its answer's way.
    const clerk = await app.signedIn(panitera);
    for (const [i, choice] of CHOICES.entries()) await completeIn(clerk, `W10/UH/${i + 2}`, choice.answer);
    for (const [i, choice] of CHOICES.entries()) expect(await openSteps(cases[i + 1] as string)).toEqual([choice.step]);
    await desk.context().close();
    await clerk.context().close();
  }, 120_000);

  /** The names of a case's open steps, as the API reports them. */
  async function openSteps(caseId: string): Promise<string[]> {
    return ((await app.api('GET', `/api/cases/${caseId}`)).body.activeSteps as { name: string }[]).map((step) => step.name);
  }

  /** Starts the case whose form is filled in, and answers its id from the case page's address. */
  async function started(page: Page, nomor: string, click: 'click' | 'dblclick' = 'click'): Promise<string> {
    await page.getByRole('button', { name: 'Mulai kasus' })[click]();
    await page.getByRole('heading', { name: new RegExp(nomor) }).waitFor();
    return decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '');
  }
});

/** Sets a lane's name and pelaksana in the panel; leaves the lane selected. */
async function laneDetails(page: Page, lane: string, name: string, role: string): Promise<void> {
  const panel = page.getByRole('complementary', { name: 'Sifat elemen' });
  // The lane's label strip, half-way down: its corners hold the selected neighbour's resize handles.
  const box = await page.locator(`.djs-element[data-element-id="${lane}"]`).boundingBox();
  if (!box) throw new Error(`lajur ${lane} tidak terlihat`);
  await page.mouse.click(box.x + 12, box.y + box.height / 2);
  await page.locator(`.djs-element.selected[data-element-id="${lane}"]`).waitFor({ state: 'attached' });
  await general(page);
  await panel.getByLabel('Nama', { exact: true }).fill(name);
  await panel.getByLabel('Pelaksana (id peran)').fill(role);
  await poll(() => panel.textContent()).toContain('1 orang memegang peran ini');
}

/** Opens the panel's "Umum" group (name and id), which the SOP group closes. */
async function general(page: Page): Promise<void> {
  const header = page.getByRole('complementary', { name: 'Sifat elemen' }).locator('.bio-properties-panel-group-header', { hasText: 'Umum' });
  if (!(await header.getAttribute('class'))?.includes('open')) await header.click();
}

/** Asks a gateway's question from its "Keputusan" group. */
async function question(page: Page, gateway: string, text: string): Promise<void> {
  await select(page, gateway);
  await page.getByRole('complementary', { name: 'Sifat elemen' }).getByLabel('Pertanyaan').fill(text);
  await page.locator('.djs-container').getByText(text, { exact: true }).waitFor();
}

/** Gives a flow out of a decision its answer: Ya, Tidak, Lainnya, or a named option. */
async function answer(page: Page, flow: string, label: string): Promise<void> {
  const panel = page.getByRole('complementary', { name: 'Sifat elemen' });
  await select(page, flow);
  const choice = panel.getByLabel('Jawaban', { exact: true });
  if (['Ya', 'Tidak', 'Lainnya'].includes(label)) await choice.selectOption(label);
  else {
    await choice.selectOption({ label: 'Pilihan lain…' });
    await panel.getByLabel('Nama pilihan').fill(label);
  }
  await page.locator('.djs-container').getByText(label, { exact: true }).waitFor();
}

/** Completes the open step of case `nomor` in the page's Daftar Kerja, answering its question with `choice`. */
async function completeIn(page: Page, nomor: string, choice: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Daftar Kerja' }).click();
  await page.getByRole('heading', { name: 'Daftar Kerja' }).waitFor();
  await page.getByRole('button', { name: 'Muat ulang' }).click();
  await page.getByRole('row', { name: new RegExp(nomor) }).getByRole('button', { name: 'Selesaikan' }).click();
  const dialog = page.getByRole('dialog', { name: /Selesaikan langkah/ });
  await dialog.getByRole('radio', { name: choice, exact: true }).check();
  await dialog.getByRole('button', { name: 'Selesaikan langkah' }).click();
  await dialog.waitFor({ state: 'detached' });
}

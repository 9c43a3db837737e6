/**
 * The worklist and cases in a real browser: a catalogue SOP with two steps in two lanes
 * (umum-F "Pelaporan": Kasubag Umum, then Staf Sub Bagian Umum), run by the people holding those
 * roles from the start form to "selesai", with the history naming who did what; a completion sent
 * twice completes once; a refusal shows the server's own words. A step with a form
 * (stepForms.keputusan.bpmn, "Berkas lengkap?") is completed through form-js: the dialog says
 * what the step is and where each answer leads, refuses an empty required question in Bahasa
 * Indonesia without sending anything, and the answer picks the branch.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { call } from '../../server/spawnServer.ts';
import { describeBrowser, startApp, type AppUnderTest } from './support/browser.ts';

// Screenshots go outside the tree (docs/screenshots/ keeps the ones chosen by hand).
const SCREENSHOTS = process.env.PROTAP_SCREENSHOTS ?? join(tmpdir(), 'protap-screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

const SOP = 'processes/umum/umum-F.bpmn';
const STEP_1 = /Menghimpun bahan laporan/;
const STEP_2 = /Mengetik data/;
const kasubag = { id: 'rina', name: 'Rina Kasubag Umum', password: 'sandi-rina-uji', roles: ['kasubag-umum'] };
const staf = { id: 'budi', name: 'Budi Staf Umum', password: 'sandi-budi-uji', roles: ['staf-umum'] };
const rekan = { id: 'sari', name: 'Sari Staf Umum', password: 'sandi-sari-uji', roles: ['staf-umum'] };
const KEPUTUSAN = 'test/model/stepForms.keputusan.bpmn';
const PERIKSA = /Memeriksa kelengkapan berkas/;
const petugas = { id: 'dewi', name: 'Dewi Petugas Meja', password: 'sandi-dewi-uji', roles: ['petugas-meja'] };
const panitera = { id: 'agus', name: 'Agus Panitera', password: 'sandi-agus-uji', roles: ['panitera'] };

describeBrowser('aplikasi web: daftar kerja dan kasus', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await startApp();
    await app.deploy(SOP);
    await app.deploy(KEPUTUSAN);
    for (const person of [kasubag, staf, rekan, petugas, panitera]) await app.addPerson(person);
  }, 90_000);
  afterAll(async () => { await app?.close(); });

  // One signed-in page per person, shared by the tests: signing in is not what they test.
  const pages = new Map<string, Promise<Page>>();
  const pageOf = (person: { id: string; password: string }) => {
    if (!pages.has(person.id)) pages.set(person.id, app.signedIn(person));
    return pages.get(person.id) as Promise<Page>;
  };

  const worklist = async (page: Page) => {
    await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Daftar Kerja' }).click();
    await page.getByRole('heading', { name: 'Daftar Kerja' }).waitFor();
    await page.getByRole('button', { name: 'Muat ulang' }).click();
  };
  /** Submits the open completion form and waits for the success notice ("Langkah … selesai."). */
  const submitted = async (page: Page, step: RegExp, click: 'click' | 'dblclick' = 'click') => {
    const dialog = page.getByRole('dialog', { name: /Selesaikan langkah/ });
    await dialog.getByRole('button', { name: 'Selesaikan langkah' })[click]();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.locator('.pesan-sukses').last().textContent()).toMatch(new RegExp(`Langkah "${step.source}.*" selesai`));
  };
  const logOf = async (caseId: string) => (await app.api('GET', `/api/cases/${caseId}/log`)).body as { event: string; actor: string }[];
  /** A case started through the API (as admin) with step 1 open. */
  const startedCase = async (businessKey: string, processId = 'umum-F') => {
    const started = await app.api('POST', '/api/cases', { processId, businessKey });
    expect(started.status).toBe(201);
    return started.body.id as string;
  };

  it('menjalankan kasus dari formulir mulai sampai selesai oleh dua pelaksana, dengan riwayat pelakunya', async () => {
    const nomor = 'W10.U1/123/HK.00/2026';
    const first = await pageOf(kasubag);
    await first.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Kasus', exact: true }).click();
    await first.getByRole('link', { name: 'Mulai kasus' }).click();
    await first.getByLabel('SOP').selectOption('umum-F');
    await first.getByLabel('Nomor perkara / nomor surat').fill(nomor);
    await first.getByRole('button', { name: 'Mulai kasus' }).click();
    await first.getByRole('heading', { name: new RegExp(nomor) }).waitFor();
    const caseId = decodeURIComponent(new URL(first.url()).hash.split('/')[2] ?? '');
    const opened = await app.api('GET', `/api/cases/${caseId}`);
    expect(opened.body.businessKey).toBe(nomor);
    const due = opened.body.activeSteps[0].due as string;

    // Step 1 is in Kasubag Umum's worklist with its tenggat (WIB) as the server computed it.
    await worklist(first);
    const row = first.getByRole('row', { name: STEP_1 });
    await row.waitFor();
    expect(await row.textContent()).toContain(nomor);
    // The pelaksana by its lane's name, not its role id.
    expect(await row.locator('td').nth(3).textContent()).toBe('Kasubag Umum');
    expect(await row.locator('time').getAttribute('datetime')).toBe(due);
    expect(await row.locator('time').textContent()).toMatch(/WIB$/);

    // The step asks for nothing: the dialog says so beside the SOP's keterangan; the submit
    // button clicked twice.
    await row.getByRole('button', { name: 'Selesaikan' }).click();
    const dialog = first.getByRole('dialog', { name: /Selesaikan langkah/ });
    await dialog.getByText('Langkah ini tidak memerlukan isian.').waitFor();
    expect(await dialog.textContent()).toContain('Menghimpun Bahan Laporan dari bagian-bagian dan Panmud-Panmud');
    expect(await dialog.textContent()).toContain(`Kasus ${nomor}`);
    await first.screenshot({ path: join(SCREENSHOTS, 'dialog-tanpa-isian.png') });
    await submitted(first, STEP_1, 'dblclick');
    await expect.poll(() => first.getByRole('row', { name: STEP_1 }).count()).toBe(0);
    expect(await first.getByRole('row', { name: STEP_2 }).count()).toBe(0);

    // Step 2 shows for Staf Umum, who completes it.
    const second = await pageOf(staf);
    await worklist(second);
    const row2 = second.getByRole('row', { name: STEP_2 });
    await row2.waitFor();
    await row2.getByRole('button', { name: 'Selesaikan' }).click();
    await submitted(second, STEP_2);

    // The case's page: status selesai, both completions with their actors.
    await second.goto(`${app.url}/#/kasus/${encodeURIComponent(caseId)}`);
    await second.getByRole('heading', { name: 'Riwayat' }).waitFor();
    expect(await second.locator('dl.fakta').textContent()).toContain('selesai');
    const history = second.getByRole('region', { name: 'Riwayat' });
    // Who did it, by name; the login id is the tooltip.
    await expect.poll(() => history.getByRole('row', { name: /COMPLETE\.Langkah_1/ }).textContent()).toContain(kasubag.name);
    expect(await history.getByRole('row', { name: /COMPLETE\.Langkah_2/ }).textContent()).toContain(staf.name);
    expect(await history.getByRole('row', { name: /COMPLETE\.Langkah_1/ }).locator('.orang').getAttribute('title')).toBe(kasubag.id);
    expect(await history.getByRole('link', { name: /replay audit/ }).getAttribute('href')).toBe(`#/audit/${encodeURIComponent(caseId)}`);

    // The double click completed step 1 once.
    const log = await logOf(caseId);
    expect(log.filter((entry) => entry.event === 'COMPLETE.Langkah_1')).toEqual([expect.objectContaining({ actor: 'rina' })]);
  }, 45_000);

  it('menyelesaikan langkah sekali ketika permintaan yang sama terkirim dua kali', async () => {
    const caseId = await startedCase('UJI/GANDA/1');
    const page = await pageOf(kasubag);
    const keys: string[] = [];
    // The network delivers the completion twice (a retry after a lost answer): same Idempotency-Key.
    await page.route('**/steps/Langkah_1/complete', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      await route.fetch();
      await route.fulfill({ response: await route.fetch() });
    });
    await worklist(page);
    const row = page.getByRole('row', { name: /UJI\/GANDA\/1/ });
    await row.getByRole('button', { name: 'Selesaikan' }).click();
    await submitted(page, STEP_1);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect((await logOf(caseId)).filter((entry) => entry.event === 'COMPLETE.Langkah_1')).toHaveLength(1);
    await page.unroute('**/steps/Langkah_1/complete');
  }, 45_000);

  it('menampilkan pesan server ketika rekan sudah lebih dulu menyelesaikan langkah itu', async () => {
    const caseId = await startedCase('UJI/TOLAK/1');
    const rina = await call(app.url, 'POST', '/api/login', { id: kasubag.id, password: kasubag.password });
    const done = await call(app.url, 'POST', `/api/cases/${caseId}/steps/Langkah_1/complete`, {}, { authorization: `Bearer ${rina.body.token as string}` });
    expect(done.status).toBe(200);
    const [budi, sari] = await Promise.all([pageOf(staf), pageOf(rekan)]);
    for (const page of [budi, sari]) {
      await worklist(page);
      await page.getByRole('row', { name: /UJI\/TOLAK\/1/ }).getByRole('button', { name: 'Selesaikan' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Selesaikan langkah' }).waitFor();
    }
    await submitted(budi, STEP_2);
    await sari.getByRole('dialog').getByRole('button', { name: 'Selesaikan langkah' }).click();
    const refusal = sari.locator('.pesan-galat');
    await refusal.waitFor();
    // The server's sentence as it said it (the case has ended or moved on); its code only for IT staff, as a tooltip.
    expect(await refusal.textContent()).toContain(caseId);
    expect(await refusal.getAttribute('data-kode')).toMatch(/^(CASE_NOT_ACTIVE|CONFLICT|STEP_NOT_ACTIVE)$/);
    await expect.poll(() => sari.getByRole('row', { name: /UJI\/TOLAK\/1/ }).count()).toBe(0);
    expect((await logOf(caseId)).filter((entry) => entry.event === 'COMPLETE.Langkah_2').map((entry) => entry.actor)).toEqual(['budi']);
  }, 45_000);

  /** The completions a page sends, with their bodies. */
  const completionsSent = (page: Page) => {
    const sent: { data?: Record<string, unknown> }[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/complete')) sent.push(request.postDataJSON() as { data?: Record<string, unknown> });
    });
    return sent;
  };
  const openSteps = async (caseId: string) => ((await app.api('GET', `/api/cases/${caseId}`)).body.activeSteps as { id: string }[]).map((step) => step.id);

  it('menampilkan formulir langkah dengan keterangan dan arah tiap jawaban; jawaban Tidak mengembalikan berkas', async () => {
    const caseId = await startedCase('BERKAS/TIDAK/1', 'keputusan');
    const page = await pageOf(petugas);
    const sent = completionsSent(page);
    await worklist(page);
    await page.getByRole('row', { name: /BERKAS\/TIDAK\/1/ }).getByRole('button', { name: 'Selesaikan' }).click();
    const dialog = page.getByRole('dialog', { name: /Selesaikan langkah: Memeriksa kelengkapan berkas/ });
    await dialog.getByRole('radio', { name: 'Tidak', exact: true }).waitFor();

    // What the step is, as the SOP says it, and where each answer leads, under the question.
    const facts = dialog.locator('dl.rincian-langkah');
    expect(await facts.textContent()).toMatch(/Keterangan\s*Periksa menurut daftar persyaratan/);
    expect(await facts.textContent()).toMatch(/Kelengkapan\s*Berkas permohonan/);
    expect(await facts.textContent()).toMatch(/Keluaran\s*Berkas yang telah diperiksa/);
    expect(await dialog.textContent()).toContain('Kasus BERKAS/TIDAK/1 · Penerimaan Berkas');
    await dialog.getByText('Ya → Meneruskan berkas ke Panitera · Tidak → Mengembalikan berkas kepada pemohon').waitFor();

    // Nothing answered: form-js says so in Bahasa Indonesia under both required fields; nothing is sent.
    await dialog.getByRole('button', { name: 'Selesaikan langkah' }).click();
    await expect.poll(() => dialog.getByText('Wajib diisi.').count()).toBe(2);
    expect(await dialog.textContent()).not.toMatch(/Field is required|Select|Search/);
    await page.screenshot({ path: join(SCREENSHOTS, 'dialog-selesaikan-galat.png') });
    expect(sent).toHaveLength(0);

    await dialog.getByRole('radio', { name: 'Tidak', exact: true }).check();
    await dialog.getByLabel('Nomor berkas').fill('W10/BERKAS/17');
    await dialog.getByLabel('Jumlah halaman').fill('42');
    const tanggal = dialog.getByLabel('Tanggal diterima');
    await tanggal.click();
    const calendar = dialog.locator('.flatpickr-calendar.open');
    await calendar.waitFor();
    await calendar.evaluate((element) => Promise.all(element.getAnimations().map((animation) => animation.finished)));
    await page.screenshot({ path: join(SCREENSHOTS, 'dialog-kalender.png') });
    await tanggal.fill('16/03/2026');
    await tanggal.press('Enter');
    await expect.poll(() => dialog.getByText('Wajib diisi.').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'dialog-selesaikan.png') });
    await submitted(page, PERIKSA);

    // Only the form's own keys, typed: the answer a boolean, the number a number, the date TTTT-BB-HH.
    expect(sent.map((body) => body.data)).toEqual([{ berkasLengkap: false, nomorBerkas: 'W10/BERKAS/17', jumlahHalaman: 42, tanggalTerima: '2026-03-16' }]);
    expect(await openSteps(caseId)).toEqual(['Kembalikan']);
  }, 45_000);

  it('meneruskan berkas bila dijawab Ya, dan menaruh penolakan server di bawah kolomnya', async () => {
    const caseId = await startedCase('BERKAS/YA/1', 'keputusan');
    const page = await pageOf(petugas);
    const sent = completionsSent(page);
    await worklist(page);
    await page.getByRole('row', { name: /BERKAS\/YA\/1/ }).getByRole('button', { name: 'Selesaikan' }).click();
    const dialog = page.getByRole('dialog', { name: /Selesaikan langkah/ });
    await dialog.getByRole('radio', { name: 'Ya', exact: true }).check();
    await dialog.getByLabel('Nomor berkas').fill('W10/BERKAS/18');

    // The server refuses once (as it would for a form changed since the dialog opened): its words
    // stand under the field it names, without the data key; the case is untouched.
    await page.route('**/steps/Periksa/complete', (route) => route.fulfill({
      status: 422, contentType: 'application/problem+json',
      body: JSON.stringify({ status: 422, code: 'BAD_STEP_DATA', detail: 'Data langkah "Memeriksa kelengkapan berkas" tidak sesuai formulirnya: Kolom "Nomor berkas" (nomorBerkas) harus diawali W10.', field: 'nomorBerkas', label: 'Nomor berkas', fields: [{ field: 'nomorBerkas', label: 'Nomor berkas', detail: 'Kolom "Nomor berkas" (nomorBerkas) harus diawali W10.' }] }),
    }));
    await dialog.getByRole('button', { name: 'Selesaikan langkah' }).click();
    await dialog.getByText('Kolom "Nomor berkas" harus diawali W10.').waitFor();
    expect(await dialog.getByRole('alert').textContent()).toContain('perbaiki kolom yang ditandai');
    await page.screenshot({ path: join(SCREENSHOTS, 'dialog-selesaikan-422.png') });
    await page.unroute('**/steps/Periksa/complete');
    expect(await openSteps(caseId)).toEqual(['Periksa']);

    await submitted(page, PERIKSA);
    // Empty optional fields are left out.
    expect(sent.at(-1)?.data).toEqual({ berkasLengkap: true, nomorBerkas: 'W10/BERKAS/18' });
    expect(await openSteps(caseId)).toEqual(['Teruskan']);
  }, 45_000);
});

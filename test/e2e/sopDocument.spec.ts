/**
 * The SOP's identity and its official document in a real browser: an analyst fills the identity
 * of a catalogue SOP in the properties panel (Nomor SOP, a Dasar hukum), undoes and redoes each
 * change, and reads the document of the diagram as drawn (Permenpan RB 35/2012: identity page and
 * flowchart table) in the "Dokumen SOP" dialog; prints it, saves it; then opens the document of
 * the deployed version from "Buka". A diagram without an identity gets one with its first item,
 * in one step of undo; the item's bin removes it.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FrameLocator, Page } from 'playwright-core';
import { describeBrowser, startApp, type AppUnderTest } from './support/browser.ts';

const SOP = 'processes/hukum/hukum-C.bpmn';
const PROCESS_ID = 'hukum-C';
const NAME = 'Prosedur Penyelesaian Laporan Kegiatan Hakim';
const LANES = ['Panitera Muda Hukum', 'Wakil Panitera', 'Panitera/Sekretaris', 'Ketua PN'];
/** Each step's Kegiatan; the correction's row also asks its question (the rework loop, issue 19). */
const STEPS = [
  'Menerima laporan kegiatan hakim, merekap perkara dan mengetiknya',
  'Mengoreksi dan memaraf laporan kegiatan hakim Laporan sudah benar?',
  'Menandatangani laporan kegiatan hakim (Panitera)',
];
const NOMOR = 'W11.U1/1/SOP/HK/2026';
const DASAR_HUKUM = 'Undang-Undang Nomor 48 Tahun 2009 tentang Kekuasaan Kehakiman';
const analis = { id: 'ani', name: 'Ani Analis', password: 'sandi-analis-uji', roles: ['analis'] };
/** Polls with room for a busy machine (the panel commits typed text after its debounce). */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });
const root = resolve(import.meta.dirname, '../..');
// Screenshots go to a folder outside the tree; PROTAP_DOC_SHOTS=1 also refreshes the two in docs/.
const SCREENSHOTS = process.env.PROTAP_SCREENSHOTS ?? join(tmpdir(), 'protap-screenshots');

async function screenshot(page: Page, name: string, docs?: string, clip?: { x: number; y: number; width: number; height: number }): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = resolve(SCREENSHOTS, name);
  await page.screenshot({ path, ...(clip ? { clip } : {}) });
  if (docs && process.env.PROTAP_DOC_SHOTS === '1') copyFileSync(path, resolve(root, 'docs/screenshots', docs));
}

/** Selects the pool by its name strip: the panel then shows the process's identity. */
async function selectPool(page: Page, participant: string): Promise<void> {
  await page.locator(`.djs-element[data-element-id="${participant}"]`).click({ position: { x: 12, y: 40 } });
  await page.locator(`.djs-element.selected[data-element-id="${participant}"]`).waitFor({ state: 'attached' });
}

/**
 * What the document's flowchart table (an SVG per page) says: its column headers, a name wrapped
 * over several lines joined again, and the Kegiatan of each row by the id of its step.
 */
async function flowchart(frame: FrameLocator): Promise<{ headers: string[]; kegiatan: Record<string, string> }> {
  const headers = await frame.locator('svg.bagan g.kepala-tabel').evaluateAll((heads) => heads.flatMap((head) => {
    const cells: { x: string; y: number; text: string }[] = [];
    for (const line of head.querySelectorAll('text')) {
      const x = line.getAttribute('x') ?? '';
      const y = Number(line.getAttribute('y'));
      const last = cells[cells.length - 1];
      // The next line of the same cell: same x, one line (about 3 units) lower.
      if (last && last.x === x && y > last.y && y - last.y < 4) {
        // A word broken after "/" or "-" goes on without a space ("Panitera/" + "Sekretaris").
        last.text += /[/-]$/.test(last.text) ? line.textContent ?? '' : ` ${line.textContent ?? ''}`;
        last.y = y;
      } else cells.push({ x, y, text: line.textContent ?? '' });
    }
    return cells.map((cell) => cell.text);
  }));
  const rows = await frame.locator('svg.bagan g.baris[data-node]').evaluateAll((all) => all.map((row) =>
    [row.getAttribute('data-node') ?? '', [...row.querySelectorAll('[data-kolom="kegiatan"] text')].map((t) => t.textContent ?? '').join(' ')] as const));
  return { headers, kegiatan: Object.fromEntries(rows) };
}

/** The diagram as "Unduh .bpmn" saves it. */
async function downloadedXml(page: Page): Promise<string> {
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh .bpmn' }).click()]);
  return readFileSync(await saved.path(), 'utf8');
}

describeBrowser('aplikasi web: identitas dan dokumen SOP', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await startApp();
    await app.addPerson(analis);
    await app.deploy(SOP);
  }, 90_000);
  afterAll(async () => { await app?.close(); });

  it('mengisi identitas SOP di panel dengan urungkan/ulangi, lalu membaca dokumen SOP dari diagram yang belum di-deploy', async () => {
    const page = await app.signedIn(analis);
    await page.goto(`${app.url}/#/pemodel/${PROCESS_ID}`);
    await page.locator('.djs-container').getByText('Selesai', { exact: true }).waitFor();
    await selectPool(page, `Peserta_${PROCESS_ID}`);
    const panel = page.getByRole('complementary', { name: 'Sifat elemen' });
    await poll(() => panel.getByLabel('Nama SOP').inputValue()).toBe(NAME);
    expect(await panel.getByLabel('Disahkan oleh (jabatan)').inputValue()).toBe('Ketua Pengadilan Tinggi Bandung');
    expect(await panel.getByLabel('Jenis SOP').inputValue()).toBe('administratif');

    // A wrong date or NIP is said, not refused.
    await panel.locator('[data-group-id="group-sop-pengesahan"] .bio-properties-panel-group-header').click();
    await panel.getByLabel('Tanggal revisi').fill('4 April 2011');
    await poll(() => panel.textContent()).toContain('Tulis tanggal sebagai TTTT-BB-HH');
    await panel.getByLabel('Tanggal revisi').fill('');
    await panel.getByLabel('NIP').fill('19460111 197104');
    await poll(() => panel.textContent()).toContain('NIP terdiri dari 18 angka; yang tertulis 14 angka.');
    await panel.getByLabel('NIP').fill('194601111971041001');
    await poll(() => panel.locator('.bio-properties-panel-error').count()).toBe(0);

    const nomor = panel.getByLabel('Nomor SOP');
    await nomor.fill(NOMOR);
    // Straight on, as an analyst would: the click that commits the Nomor also opens the new item.
    const dasarHukum = panel.locator('[data-group-id="group-sop-dasarHukum"]');
    const titles = dasarHukum.locator('.bio-properties-panel-collapsible-entry-header-title');
    await dasarHukum.getByTitle('Tambah butir').click();
    await panel.getByLabel('Dasar hukum 1').fill(DASAR_HUKUM);
    await poll(() => titles.allTextContents()).toEqual([DASAR_HUKUM]);

    // Each change is one step of undo: the item's text, the item, the nomor; then all come back.
    const undo = page.getByRole('button', { name: 'Urungkan' });
    const redo = page.getByRole('button', { name: 'Ulangi' });
    await undo.click();
    await poll(() => panel.getByLabel('Dasar hukum 1').inputValue()).toBe('');
    await undo.click();
    await poll(() => titles.count()).toBe(0);
    expect(await nomor.inputValue()).toBe(NOMOR);
    await undo.click();
    await poll(() => nomor.inputValue()).toBe('');
    await redo.click();
    await poll(() => nomor.inputValue()).toBe(NOMOR);
    await redo.click();
    await poll(() => titles.count()).toBe(1);
    await redo.click();
    await poll(() => titles.allTextContents()).toEqual([DASAR_HUKUM]);
    // The whole identity in one picture: a window tall enough for the panel, cut below its last group.
    await dasarHukum.locator('.bio-properties-panel-collapsible-entry-header').click();
    await page.setViewportSize({ width: 1400, height: 2300 });
    const clip = await panel.evaluate((aside) => {
      const box = aside.getBoundingClientRect();
      const groups = [...aside.querySelectorAll('.bio-properties-panel-group')];
      const bottom = Math.max(...groups.map((group) => group.getBoundingClientRect().bottom));
      return { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, bottom - box.y + 8) };
    });
    await screenshot(page, 'identitas-sop-panel.png', 'sop-identity-panel.png', clip);
    await page.setViewportSize({ width: 1400, height: 900 });

    await page.getByRole('button', { name: 'Dokumen SOP', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Dokumen SOP' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('termasuk perubahan yang belum di-deploy');
    const documentFrame = page.frameLocator('iframe[title="Dokumen SOP"]');
    const body = documentFrame.locator('body');
    await poll(() => body.textContent()).toContain(NOMOR);
    const text = (await body.textContent()) ?? '';
    for (const expected of [DASAR_HUKUM, NAME, 'Disahkan oleh', 'Ketua Pengadilan Tinggi Bandung']) expect(text).toContain(expected);
    // The flowchart table: a column per lane, a row per step with its Kegiatan.
    const { headers, kegiatan } = await flowchart(documentFrame);
    for (const lane of LANES) expect(headers).toContain(lane);
    expect(STEPS.map((_, i) => kegiatan[`Langkah_${i + 1}`])).toEqual(STEPS);
    await screenshot(page, 'dokumen-sop-pemodel.png', 'sop-document-modeler.png');
    await documentFrame.locator('svg.bagan').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'dokumen-sop-bagan-alir.png');

    // Cetak opens the browser's print of the frame (a sandbox without allow-modals would ignore it).
    const ignored: string[] = [];
    page.on('console', (message) => { if (message.text().includes("Ignored call to 'print()'")) ignored.push(message.text()); });
    await page.evaluate(() => {
      const frame = document.querySelector<HTMLIFrameElement>('iframe[title="Dokumen SOP"]');
      frame?.contentWindow?.addEventListener('beforeprint', () => { document.body.dataset.dicetak = 'ya'; });
    });
    await dialog.getByRole('button', { name: 'Cetak' }).click();
    await poll(() => page.locator('body').getAttribute('data-dicetak')).toBe('ya');
    expect(ignored).toEqual([]);

    const [html] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Unduh HTML' }).click()]);
    expect(html.suggestedFilename()).toBe(`${PROCESS_ID}.html`);
    expect(readFileSync(await html.path(), 'utf8')).toContain(NOMOR);

    // PDF: a file when the server has Chromium, else the server's own words in the dialog.
    const pdfProbe = await fetch(`${app.url}/api/definitions/${PROCESS_ID}/document?format=pdf`, { headers: { authorization: `Bearer ${app.adminToken}` } });
    if (pdfProbe.status === 503) {
      const problem = (await pdfProbe.json()) as { code: string; detail: string };
      expect(problem.code).toBe('PDF_UNAVAILABLE');
      await dialog.getByRole('button', { name: 'Unduh PDF' }).click();
      await poll(() => dialog.getByRole('alert').textContent()).toBe(problem.detail);
    } else {
      expect(pdfProbe.status).toBe(200);
      const [pdf] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Unduh PDF' }).click()]);
      expect(pdf.suggestedFilename()).toBe(`${PROCESS_ID}.pdf`);
      expect(readFileSync(await pdf.path()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }

    // Escape closes the dialog, even with the focus in the document.
    await documentFrame.locator('body').click();
    await page.keyboard.press('Escape');
    await poll(() => dialog.count()).toBe(0);
    await page.context().close();
  }, 90_000);

  it('membuka dokumen versi yang di-deploy dari "Buka", tanpa perubahan yang belum di-deploy', async () => {
    const page = await app.signedIn(analis);
    await page.goto(`${app.url}/#/pemodel/${PROCESS_ID}`);
    await page.locator('.djs-container').getByText('Selesai', { exact: true }).waitFor();
    await selectPool(page, `Peserta_${PROCESS_ID}`);
    const panel = page.getByRole('complementary', { name: 'Sifat elemen' });
    await panel.getByLabel('Nomor SOP').fill(NOMOR);
    await poll(() => page.getByRole('status', { name: 'Keadaan diagram' }).textContent()).toBe('Ada perubahan yang belum di-deploy');

    await page.getByRole('button', { name: 'Buka' }).click();
    const open = page.getByRole('dialog', { name: 'Buka SOP' });
    await open.getByRole('row', { name: new RegExp(NAME) }).getByRole('button', { name: 'Dokumen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Dokumen SOP' });
    await poll(() => dialog.textContent()).toContain('versi 1 yang di-deploy');
    const body = page.frameLocator('iframe[title="Dokumen SOP"]').locator('body');
    await poll(() => body.textContent()).toContain(NAME);
    expect(await body.textContent()).not.toContain(NOMOR);
    const { kegiatan } = await flowchart(page.frameLocator('iframe[title="Dokumen SOP"]'));
    expect(STEPS.map((_, i) => kegiatan[`Langkah_${i + 1}`])).toEqual(STEPS);
    await screenshot(page, 'dokumen-sop-terdeploy.png');
    await dialog.getByRole('button', { name: 'Tutup' }).click();
    await poll(() => dialog.count()).toBe(0);
    // Back in "Buka", which is still open over the unchanged draft.
    expect(await open.isVisible()).toBe(true);
    await page.context().close();
  }, 60_000);

  it('membuat blok identitas bersama butir pertamanya, menghapus butir, dan Urungkan mengembalikan semuanya selangkah demi selangkah', async () => {
    const page = await app.signedIn(analis);
    await page.goto(`${app.url}/#/pemodel`);
    const bare = readFileSync(resolve(root, SOP), 'utf8').replace(/<bpmn:extensionElements>[\s\S]*?<\/bpmn:extensionElements>\s*/, '');
    expect(bare).not.toContain('sop:identitas');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Unggah' }).click()]);
    await chooser.setFiles({ name: 'tanpa-identitas.bpmn', mimeType: 'application/xml', buffer: Buffer.from(bare) });
    await page.locator('.djs-container').getByText('Selesai', { exact: true }).waitFor();
    await selectPool(page, `Peserta_${PROCESS_ID}`);
    const panel = page.getByRole('complementary', { name: 'Sifat elemen' });
    const peralatan = panel.locator('[data-group-id="group-sop-peralatan"]');
    const items = peralatan.locator('.bio-properties-panel-collapsible-entry-header-title');
    await peralatan.getByTitle('Tambah butir').click();
    await panel.getByLabel('Peralatan 1').fill('Komputer dan printer');
    await poll(() => items.allTextContents()).toEqual(['Komputer dan printer']);
    expect(await downloadedXml(page)).toMatch(/<sop:identitas>\s*<sop:peralatan>Komputer dan printer<\/sop:peralatan>\s*<\/sop:identitas>/);
    // The panel's own link to the document of the diagram as drawn.
    await panel.getByRole('button', { name: 'Pratinjau dokumen SOP' }).click();
    const dialog = page.getByRole('dialog', { name: 'Dokumen SOP' });
    await poll(() => page.frameLocator('iframe[title="Dokumen SOP"]').locator('[data-isian="Peralatan/Perlengkapan"]').textContent()).toContain('Komputer dan printer');
    await dialog.getByRole('button', { name: 'Tutup' }).click();
    await poll(() => dialog.count()).toBe(0);

    // The bin (shown on hover, as in bpmn-js's own lists) removes the item; one Urungkan brings it
    // back, two more take away its text, then the item with the block made for it.
    await items.first().hover();
    await peralatan.getByTitle('Hapus butir').click();
    await poll(() => items.count()).toBe(0);
    await page.getByRole('button', { name: 'Urungkan' }).click();
    await poll(() => items.allTextContents()).toEqual(['Komputer dan printer']);
    await page.getByRole('button', { name: 'Urungkan' }).click();
    await page.getByRole('button', { name: 'Urungkan' }).click();
    await poll(() => items.count()).toBe(0);
    const xml = await downloadedXml(page);
    expect(xml).not.toContain('sop:identitas');
    expect(xml).not.toContain('extensionElements');
    expect(await page.getByRole('button', { name: 'Urungkan' }).isDisabled()).toBe(true);
    await page.context().close();
  }, 60_000);
});

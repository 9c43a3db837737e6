/**
 * The Pemodel SOP as a new analyst meets it, at 1366×768: zoom buttons and a fit that keeps the
 * diagram clear of the palette, the process id in sight, "append task" making a user task,
 * confirmation before discarding, uploading over edits and deploying, and a problem on a flow
 * selecting that flow.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newDiagram } from '../../editor/modeler/newDiagram.ts';
import { describeBrowser, startApp, type AppUnderTest } from './support/browser.ts';

const PROCESS_ID = 'surat-masuk';
const analis = { id: 'ana', name: 'Ana Analis', password: 'sandi-analis-uji', roles: ['analis'] };
/** Screenshots at 1366×768 for a person to look at; docs/screenshots/pemodel.png is chosen from them by hand. */
const screenshots = process.env.PROTAP_SCREENSHOTS ?? join(tmpdir(), 'protap-screenshots');
/** Polls with room for a busy machine. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });

/** A gateway "Berkas lengkap?" whose two outgoing flows carry neither an answer nor a condition. */
function unansweredGateway(processId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:sop="urn:protap:sop:1.0" id="Definisi" targetNamespace="urn:protap:sop">
  <bpmn:collaboration id="Kolaborasi">
    <bpmn:participant id="Peserta" name="Kepaniteraan" processRef="${processId}" />
  </bpmn:collaboration>
  <bpmn:process id="${processId}" name="Pemeriksaan berkas" isExecutable="true">
    <bpmn:laneSet id="Lajur">
      <bpmn:lane id="Lajur_petugas" name="Petugas" sop:pelaksana="petugas">
        <bpmn:flowNodeRef>Mulai</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>Periksa_berkas</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>Gerbang_lengkap</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>Selesai_lengkap</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>Selesai_kurang</bpmn:flowNodeRef>
      </bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="Mulai" name="Mulai" />
    <bpmn:userTask id="Periksa_berkas" name="Periksa berkas" sop:no="1" sop:waktu="1 hari kerja" />
    <bpmn:exclusiveGateway id="Gerbang_lengkap" name="Berkas lengkap?" />
    <bpmn:endEvent id="Selesai_lengkap" name="Diterima" />
    <bpmn:endEvent id="Selesai_kurang" name="Dikembalikan" />
    <bpmn:sequenceFlow id="Alur_1" sourceRef="Mulai" targetRef="Periksa_berkas" />
    <bpmn:sequenceFlow id="Alur_2" sourceRef="Periksa_berkas" targetRef="Gerbang_lengkap" />
    <bpmn:sequenceFlow id="Alur_ya" name="Ya" sourceRef="Gerbang_lengkap" targetRef="Selesai_lengkap" />
    <bpmn:sequenceFlow id="Alur_tidak" name="Tidak" sourceRef="Gerbang_lengkap" targetRef="Selesai_kurang" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Diagram">
    <bpmndi:BPMNPlane id="Bidang" bpmnElement="Kolaborasi">
      <bpmndi:BPMNShape id="Peserta_di" bpmnElement="Peserta" isHorizontal="true"><dc:Bounds x="100" y="60" width="700" height="220" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Lajur_petugas_di" bpmnElement="Lajur_petugas" isHorizontal="true"><dc:Bounds x="130" y="60" width="670" height="220" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Mulai_di" bpmnElement="Mulai"><dc:Bounds x="182" y="112" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Periksa_berkas_di" bpmnElement="Periksa_berkas"><dc:Bounds x="280" y="90" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Gerbang_lengkap_di" bpmnElement="Gerbang_lengkap" isMarkerVisible="true"><dc:Bounds x="445" y="105" width="50" height="50" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Selesai_lengkap_di" bpmnElement="Selesai_lengkap"><dc:Bounds x="662" y="112" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Selesai_kurang_di" bpmnElement="Selesai_kurang"><dc:Bounds x="662" y="202" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="Alur_1_di" bpmnElement="Alur_1"><di:waypoint x="218" y="130" /><di:waypoint x="280" y="130" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Alur_2_di" bpmnElement="Alur_2"><di:waypoint x="380" y="130" /><di:waypoint x="445" y="130" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Alur_ya_di" bpmnElement="Alur_ya"><di:waypoint x="495" y="130" /><di:waypoint x="662" y="130" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Alur_tidak_di" bpmnElement="Alur_tidak"><di:waypoint x="470" y="155" /><di:waypoint x="470" y="220" /><di:waypoint x="662" y="220" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

/** The canvas's zoom, read from the SVG viewport's transform (matrix(scale, 0, 0, scale, x, y)). */
async function zoomOf(page: Page): Promise<number> {
  const transform = await page.locator('.djs-container svg > g.viewport').getAttribute('transform') ?? '';
  return Number(/matrix\(([^ ,]+)/.exec(transform)?.[1] ?? '1');
}

/** Opens a deployed SOP in the modeler at the screen size of an ordinary office laptop. */
async function openSop(app: AppUnderTest, processId: string): Promise<Page> {
  const page = await app.signedIn(analis);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${app.url}/#/pemodel/${processId}`);
  await page.locator('.djs-container').getByText('Selesai', { exact: true }).waitFor();
  await poll(() => page.getByRole('status', { name: 'Keadaan diagram' }).textContent()).toMatch(/^Sama dengan versi \d+ di server$/);
  return page;
}

/** The diagram as "Unduh .bpmn" saves it. */
async function downloadedXml(page: Page): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh .bpmn' }).click()]);
  return readFileSync(await file.path(), 'utf8');
}

describeBrowser('aplikasi web: alat pemodel SOP', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await startApp();
    await app.addPerson(analis);
    const answer = await app.api('POST', '/api/definitions', newDiagram(PROCESS_ID));
    if (answer.status !== 201) throw new Error(`${PROCESS_ID} tidak di-deploy: ${JSON.stringify(answer.body)}`);
    mkdirSync(screenshots, { recursive: true });
  }, 90_000);
  afterAll(async () => { await app?.close(); });

  it('menampilkan ID proses, menyesuaikan diagram di luar palet, dan memperbesar/memperkecil dengan tombol', async () => {
    const page = await openSop(app, PROCESS_ID);
    expect(await page.locator('.pemodel-kepala').textContent()).toContain(`ID proses: ${PROCESS_ID}`);

    // Fitted on opening: the pool starts right of the palette, not under it.
    const palette = await page.locator('.djs-palette').boundingBox();
    const pool = await page.locator(`.djs-element[data-element-id="Peserta_${PROCESS_ID}"]`).boundingBox();
    expect(pool!.x).toBeGreaterThanOrEqual(palette!.x + palette!.width);
    const fitted = await zoomOf(page);

    await page.getByRole('button', { name: 'Perbesar' }).click();
    await poll(() => zoomOf(page)).toBeGreaterThan(fitted);
    await page.getByRole('button', { name: 'Perkecil' }).click();
    await page.getByRole('button', { name: 'Perkecil' }).click();
    await poll(() => zoomOf(page)).toBeLessThan(fitted);
    await page.getByRole('button', { name: 'Sesuaikan' }).click();
    await poll(() => zoomOf(page)).toBeCloseTo(fitted, 3);
    await page.screenshot({ path: resolve(screenshots, 'pemodel-1366x768.png') });
    await page.context().close();
  }, 60_000);

  it('menyesuaikan SOP katalog yang lebar ke kanvas tanpa tertutup palet', async () => {
    const page = await app.signedIn(analis);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${app.url}/#/pemodel`);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Unggah' }).click()]);
    await chooser.setFiles(resolve(import.meta.dirname, '../../processes/perdata/perdata-A.bpmn'));
    const pool = page.locator('.djs-element[data-element-id="Peserta_perdata-A"]');
    await pool.waitFor();
    const palette = (await page.locator('.djs-palette').boundingBox())!;
    const canvas = (await page.locator('.pemodel-kanvas').boundingBox())!;
    const shown = (await pool.boundingBox())!;
    expect(shown.x).toBeGreaterThanOrEqual(palette.x + palette.width);
    expect(shown.x + shown.width).toBeLessThanOrEqual(canvas.x + canvas.width);
    expect(shown.y + shown.height).toBeLessThanOrEqual(canvas.y + canvas.height);
    expect(await page.locator('.pemodel-kepala').textContent()).toContain('ID proses: perdata-A');
    await page.screenshot({ path: resolve(screenshots, 'pemodel.png') });

    // A smaller window fits it again (the analyst has not zoomed or scrolled yet).
    const fitted = await zoomOf(page);
    await page.setViewportSize({ width: 1100, height: 650 });
    await poll(() => zoomOf(page)).toBeLessThan(fitted);
    const palette2 = (await page.locator('.djs-palette').boundingBox())!;
    expect((await pool.boundingBox())!.x).toBeGreaterThanOrEqual(palette2.x + palette2.width);
    await page.context().close();
  }, 60_000);

  it('menyambung tugas dari context pad sebuah tugas sebagai tugas pengguna (bpmn:UserTask)', async () => {
    const page = await openSop(app, PROCESS_ID);
    await page.locator('.djs-element[data-element-id="Langkah_1"]').click();
    const append = page.locator('.djs-context-pad .entry[data-action="append.append-task"]');
    expect(await append.getAttribute('title')).toBe('Sambung tugas pengguna');
    await append.click();
    await poll(() => page.getByRole('status', { name: 'Keadaan diagram' }).textContent()).toBe('Ada perubahan yang belum di-deploy');
    // The palette's task tool makes a user task too.
    const tool = page.locator('.djs-palette .entry[data-action="create.task"]');
    expect(await tool.getAttribute('aria-label')).toBe('Buat tugas pengguna');
    await tool.click();
    const box = (await page.locator('.djs-element[data-element-id="Langkah_1"]').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height + 120);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height + 120);
    const xml = await downloadedXml(page);
    expect(xml.match(/<bpmn:userTask /g)).toHaveLength(3);
    expect(xml).not.toMatch(/<bpmn:task /);
    await page.context().close();
  }, 60_000);

  it('menanyakan dulu sebelum membuang perubahan: Batal mempertahankan pekerjaan', async () => {
    const page = await openSop(app, PROCESS_ID);
    const status = page.getByRole('status', { name: 'Keadaan diagram' });
    await page.locator('.djs-element[data-element-id="Langkah_1"]').click();
    await page.locator('.djs-context-pad .entry[data-action="append.append-task"]').click();
    await poll(() => status.textContent()).toBe('Ada perubahan yang belum di-deploy');
    const steps = () => page.locator('.djs-element.djs-shape[data-element-id]').evaluateAll((shapes) => shapes.length);
    const edited = await steps();

    await page.getByRole('button', { name: 'Buang perubahan' }).click();
    const dialog = page.getByRole('dialog', { name: 'Buang perubahan?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('kembali ke versi 1 di server');
    await dialog.getByRole('button', { name: 'Batal' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await status.textContent()).toBe('Ada perubahan yang belum di-deploy');
    expect(await steps()).toBe(edited);

    await page.getByRole('button', { name: 'Buang perubahan' }).click();
    await page.getByRole('dialog', { name: 'Buang perubahan?' }).getByRole('button', { name: 'Ya, buang perubahan' }).click();
    await poll(() => page.getByRole('status', { name: 'Keadaan diagram' }).textContent()).toBe('Sama dengan versi 1 di server');
    await poll(steps).toBe(edited - 1);
    await page.context().close();
  }, 60_000);

  it('menanyakan dulu sebelum mengunggah berkas lain di atas perubahan, dan sebelum deploy', async () => {
    const page = await openSop(app, PROCESS_ID);
    const status = page.getByRole('status', { name: 'Keadaan diagram' });
    // A change the engine accepts: the step moved a little to the right.
    const step = (await page.locator('.djs-element[data-element-id="Langkah_1"]').boundingBox())!;
    await page.mouse.move(step.x + step.width / 2, step.y + step.height / 2);
    await page.mouse.down();
    await page.mouse.move(step.x + step.width / 2 + 10, step.y + step.height / 2, { steps: 5 });
    await page.mouse.move(step.x + step.width / 2 + 20, step.y + step.height / 2, { steps: 5 });
    await page.mouse.up();
    await poll(() => status.textContent()).toBe('Ada perubahan yang belum di-deploy');

    await page.getByRole('button', { name: 'Unggah' }).click();
    const upload = page.getByRole('dialog', { name: 'Unggah berkas lain?' });
    await upload.waitFor();
    await upload.getByRole('button', { name: 'Batal' }).click();
    await upload.waitFor({ state: 'detached' });
    expect(page.url()).toMatch(new RegExp(`#/pemodel/${PROCESS_ID}$`));

    await page.getByRole('button', { name: 'Deploy' }).click();
    const deploy = page.getByRole('dialog', { name: 'Deploy SOP ini?' });
    await deploy.waitFor();
    expect(await deploy.textContent()).toContain(`(ID proses: ${PROCESS_ID}) akan di-deploy sebagai versi 2`);
    await page.screenshot({ path: resolve(screenshots, 'pemodel-konfirmasi-deploy.png') });
    await deploy.getByRole('button', { name: 'Batal' }).click();
    await deploy.waitFor({ state: 'detached' });
    expect((await app.api('GET', `/api/definitions/${PROCESS_ID}`)).body.versions).toHaveLength(1);

    await page.getByRole('button', { name: 'Deploy' }).click();
    await page.getByRole('dialog', { name: 'Deploy SOP ini?' }).getByRole('button', { name: 'Ya, deploy' }).click();
    await poll(() => status.textContent()).toBe('Sama dengan versi 2 di server');
    expect((await app.api('GET', `/api/definitions/${PROCESS_ID}`)).body.versions).toHaveLength(2);
    await page.context().close();
  }, 60_000);

  it('memilih alur yang dinamai masalah saat masalahnya diklik, dengan tiap baris berbeda dan tidak berulang', async () => {
    const page = await app.signedIn(analis);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${app.url}/#/pemodel`);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Unggah' }).click()]);
    await chooser.setFiles({ name: 'pemeriksaan-berkas.bpmn', mimeType: 'application/xml', buffer: Buffer.from(unansweredGateway('pemeriksaan-berkas')) });
    await page.locator('.djs-container').getByText('Dikembalikan', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Periksa' }).click();
    const findings = page.getByRole('region', { name: 'Hasil pemeriksaan' });
    await poll(() => findings.textContent()).toContain('Pemeriksaan: 2 masalah');
    const lines = await findings.getByRole('listitem').allTextContents();
    expect(lines).toHaveLength(2);
    expect(new Set(lines).size).toBe(2);
    expect(await findings.getByRole('listitem').evaluateAll((items) => items.map((li) => li.getAttribute('data-kode')))).toEqual(['UNCONDITIONED_FLOW', 'UNCONDITIONED_FLOW']);
    for (const [line, flow] of [[lines[0], 'Alur_ya'], [lines[1], 'Alur_tidak']] as const) {
      expect(line).not.toContain('UNCONDITIONED_FLOW');
      // The flow is named once, by the message itself, not again in front of it.
      expect(line!.split(flow)).toHaveLength(2);
    }
    await page.screenshot({ path: resolve(screenshots, 'pemodel-masalah.png') });

    await findings.getByRole('button', { name: /Alur_tidak/ }).click();
    await poll(() => page.locator('.djs-element.selected').getAttribute('data-element-id')).toBe('Alur_tidak');
    await findings.getByRole('button', { name: /Alur_ya/ }).click();
    await poll(() => page.locator('.djs-element.selected').getAttribute('data-element-id')).toBe('Alur_ya');
    await page.context().close();
  }, 60_000);
});

/**
 * The SOP document over HTTP (issue 16): of a deployed version (newest or named) and of a diagram
 * not yet deployed; the keterkaitan read from the other deployed SOPs; HTML that runs nothing;
 * a PDF where Chromium is installed; bad input refused naming what is wrong.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from '../../src/document/printPdf.ts';
import { startApiServer, type ApiServer } from '../support/apiServer.ts';
import { call } from '../../server/spawnServer.ts';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const macro = read('../compile/callActivity.macro.bpmn');
const micro = read('../compile/callActivity.micro.bpmn');
const pidana = read('../../processes/pidana/pidana-A.bpmn');
const withChromium = chromiumPath() || process.env.CI === 'true' ? it : it.skip;

describe('the SOP document over HTTP', () => {
  let api: ApiServer;
  const get = (path: string, who = 'panitera-1', init: RequestInit = {}) =>
    fetch(`${api.url}${path}`, { ...init, headers: { ...api.as[who], ...(init.headers as Record<string, string> | undefined) } });
  beforeAll(async () => {
    api = await startApiServer([{ id: 'analis-1', roles: ['analis'] }, { id: 'panitera-1', roles: ['panmud-pidana'] }]);
    for (const xml of [micro, macro, pidana]) expect((await call(api.url, 'POST', '/api/definitions', xml, api.as['analis-1'])).status).toBe(201);
    expect((await call(api.url, 'POST', '/api/definitions', pidana.replace('nama="Penyelesaian Perkara" satker', 'nama="Penyelesaian Perkara Pidana" satker'), api.as['analis-1'])).status).toBe(201);
  });
  afterAll(async () => { await api.close(); });

  it('gives the newest deployed version as HTML that loads and runs nothing, or the version named', async () => {
    const newest = await get('/api/definitions/pidana-A/document');
    expect(newest.status).toBe(200);
    expect(newest.headers.get('content-type')).toMatch(/^text\/html/);
    expect(newest.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await newest.text();
    expect(html).toContain('<strong class="nama-sop">Penyelesaian Perkara Pidana</strong>');
    expect(html).toContain('Versi model 2');
    expect(html).toContain('>Majelis Hakim<');
    const first = await (await get('/api/definitions/pidana-A/document?version=1&format=html')).text();
    expect(first).toContain('<strong class="nama-sop">Penyelesaian Perkara</strong>');
    expect(first).toContain('Versi model 1');
  });

  it('names the deployed SOPs a macro SOP runs and those that run a micro SOP', async () => {
    const macroHtml = await (await get('/api/definitions/GugatanPerdata/document')).text();
    expect(macroHtml).toContain('Menjalankan SOP SOP Mikro Pemanggilan Pihak');
    const microHtml = await (await get('/api/definitions/PemanggilanPihak/document')).text();
    expect(microHtml).toContain('Dijalankan dalam SOP SOP Makro Penyelesaian Gugatan Perdata');
  });

  it('draws a diagram not yet deployed, unsaved changes included', async () => {
    const draft = pidana.replace('nama="Penyelesaian Perkara"', 'nama="Penyelesaian Perkara" nomor="W11.U1/1/SOP/HK/2026"');
    const answer = await get('/api/definitions/document?process=pidana-A', 'panitera-1', { method: 'POST', body: draft, headers: { 'content-type': 'application/xml' } });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toMatch(/data-isian="Nomor SOP">W11\.U1\/1\/SOP\/HK\/2026</);
  });

  it('refuses a bad format, an unknown SOP or version, a body that is no diagram, a process not in it, and nobody signed in', async () => {
    const badFormat = await call(api.url, 'GET', '/api/definitions/pidana-A/document?format=docx', undefined, api.as['panitera-1']);
    expect(badFormat).toMatchObject({ status: 400, body: { code: 'BAD_INPUT', parameter: 'format' } });
    expect((await call(api.url, 'GET', '/api/definitions/tidak-ada/document', undefined, api.as['panitera-1'])).body).toMatchObject({ code: 'DEFINITION_NOT_FOUND' });
    expect((await call(api.url, 'GET', '/api/definitions/pidana-A/document?version=9', undefined, api.as['panitera-1'])).status).toBe(404);
    const garbage = await call(api.url, 'POST', '/api/definitions/document', '<bpmn:definitions', api.as['panitera-1']);
    expect(garbage).toMatchObject({ status: 422, body: { code: 'DEFINITION_INVALID' } });
    expect(garbage.body.detail).toMatch(/^Dokumen SOP tidak dapat dibuat: /);
    const wrongProcess = await call(api.url, 'POST', '/api/definitions/document?process=lain', pidana, api.as['panitera-1']);
    expect(wrongProcess).toMatchObject({ status: 400, body: { code: 'BAD_INPUT', detail: 'Diagram tidak berisi proses "lain". Yang ada: pidana-A.' } });
    const notXml = await get('/api/definitions/document', 'panitera-1', { method: 'POST', body: 'halo', headers: { 'content-type': 'text/plain' } });
    expect(notXml.status).toBe(415);
    expect((await fetch(`${api.url}/api/definitions/pidana-A/document`)).status).toBe(401);
  });

  withChromium('prints the PDF of a deployed version, to be saved under the SOP\'s name', async () => {
    const answer = await get('/api/definitions/pidana-A/document?format=pdf');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/pdf');
    expect(answer.headers.get('content-disposition')).toBe('attachment; filename="SOP-pidana-A-v2.pdf"');
    expect(Buffer.from(await answer.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);

  it('answers 503 naming the way out when no Chromium is installed', async () => {
    const before = process.env.PROTAP_CHROMIUM;
    process.env.PROTAP_CHROMIUM = '/tidak/ada/chromium';
    try {
      const answer = await call(api.url, 'GET', '/api/definitions/pidana-A/document?format=pdf', undefined, api.as['panitera-1']);
      expect(answer).toMatchObject({ status: 503, body: { code: 'PDF_UNAVAILABLE' } });
      expect(answer.body.detail).toContain('Unduh dokumen HTML lalu cetak ke PDF dari peramban');
    } finally {
      if (before === undefined) delete process.env.PROTAP_CHROMIUM;
      else process.env.PROTAP_CHROMIUM = before;
    }
  });
});

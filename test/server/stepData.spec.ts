/**
 * Issue 15 over HTTP: every open step carries its form; data that does not fit it — "ya" for a
 * yes/no question, a missing required field, a field the form does not have — is refused with
 * 422 BAD_STEP_DATA naming the field, and the case, its log and its replay are unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../server/spawnServer.ts';
import { fixture } from '../support/engineWith.ts';
import { startApiServer, type ApiServer } from '../support/apiServer.ts';

const keputusan = fixture(`${import.meta.dirname}/../model`, 'stepForms.keputusan.bpmn');

describe('step data checked against the step form (issue 15)', () => {
  let api: ApiServer;
  const get = (path: string) => call(api.url, 'GET', path, undefined, api.as['meja-1']);
  const complete = (caseId: string, step: string, body: unknown, who = 'meja-1') => call(api.url, 'POST', `/api/cases/${caseId}/steps/${step}/complete`, body, api.as[who]);
  const start = async () => (await call(api.url, 'POST', '/api/cases', { processId: 'keputusan' }, api.as['meja-1'])).body.id as string;

  beforeAll(async () => {
    api = await startApiServer([{ id: 'analis-1', roles: ['analis'] }, { id: 'meja-1', roles: ['petugas-meja'] }, { id: 'panitera-1', roles: ['panitera'] }]);
    expect((await call(api.url, 'POST', '/api/definitions', keputusan, api.as['analis-1'])).status).toBe(201);
  });
  afterAll(async () => api.close());

  it('gives each open step its form, with the decision asked first and what each answer leads to', async () => {
    const id = await start();
    const view = (await get(`/api/cases/${id}`)).body;
    const step = view.activeSteps[0];
    expect(step).toMatchObject({ id: 'Periksa', kelengkapan: 'Berkas permohonan', output: 'Berkas yang telah diperiksa', keterangan: 'Periksa menurut daftar persyaratan' });
    expect(step.form.components.map((c: { key: string }) => c.key)).toEqual(['berkasLengkap', 'nomorBerkas', 'jumlahHalaman', 'tanggalTerima']);
    expect(step.form.components[0]).toMatchObject({
      type: 'radio', label: 'Berkas lengkap?', validate: { required: true }, values: [{ label: 'Ya', value: true }, { label: 'Tidak', value: false }],
      description: 'Ya → Meneruskan berkas ke Panitera · Tidak → Mengembalikan berkas kepada pemohon',
    });
    const rows = (await get('/api/worklist')).body as { caseId: string; form?: { components: unknown[] } }[];
    expect(rows.find((r) => r.caseId === id)?.form).toEqual(step.form);
  });

  it('refuses "ya", a missing answer, an unknown field, a wrong number and a bad date by name; the case, log and replay stay as they were', async () => {
    const id = await start();
    const before = (await get(`/api/cases/${id}`)).body;
    const log = (await get(`/api/cases/${id}/log`)).body;
    const refusals: [Record<string, unknown>, string, string | undefined][] = [
      [{ berkasLengkap: 'ya', nomorBerkas: 'B-1' }, 'berkasLengkap', 'Berkas lengkap?'],
      [{ berkasLengkap: 'True', nomorBerkas: 'B-1' }, 'berkasLengkap', 'Berkas lengkap?'],
      [{ nomorBerkas: 'B-1' }, 'berkasLengkap', 'Berkas lengkap?'],
      [{ berkasLengkap: true }, 'nomorBerkas', 'Nomor berkas'],
      [{ berkasLengkap: true, nomorBerkas: '' }, 'nomorBerkas', 'Nomor berkas'],
      [{ berkasLengkap: true, nomorBerkas: 'B-1', lengkap: true }, 'lengkap', undefined],
      [{ berkasLengkap: true, nomorBerkas: 'B-1', jumlahHalaman: 'dua' }, 'jumlahHalaman', 'Jumlah halaman'],
      [{ berkasLengkap: true, nomorBerkas: 'B-1', tanggalTerima: '16/03/2026' }, 'tanggalTerima', 'Tanggal diterima'],
    ];
    for (const [data, field, label] of refusals) {
      const answer = await complete(id, 'Periksa', { data, expectedRevision: before.revision }, 'meja-1');
      expect(answer.status, JSON.stringify(data)).toBe(422);
      expect(answer.body).toMatchObject({ code: 'BAD_STEP_DATA', field, ...(label ? { label } : {}) });
      expect(answer.body.detail).toMatch(/^Data langkah "Memeriksa kelengkapan berkas" tidak sesuai formulirnya: /);
      expect(answer.body.detail).toContain(field);
    }
    expect((await complete(id, 'Periksa', { data: { berkasLengkap: 'ya' } })).body.detail).toContain('harus ya atau tidak (true atau false), bukan "ya"');
    expect((await get(`/api/cases/${id}`)).body).toEqual(before);
    expect((await get(`/api/cases/${id}/log`)).body).toEqual(log);
    expect((await get(`/api/cases/${id}/replay`)).body).toMatchObject({ intact: true });
  });

  it('takes each branch as answered: Tidak returns the file, Ya forwards it, and the three-way choice picks its step', async () => {
    const tidak = await start();
    const returned = await complete(tidak, 'Periksa', { data: { berkasLengkap: false, nomorBerkas: 'B-2' } });
    expect(returned.status).toBe(200);
    expect(returned.body.activeSteps.map((s: { id: string }) => s.id)).toEqual(['Kembalikan']);
    expect(returned.body.vars).toEqual({ berkasLengkap: false, nomorBerkas: 'B-2' });
    // A step whose form has no fields takes no data at all.
    expect((await complete(tidak, 'Kembalikan', { data: { catatan: 'x' } })).body).toMatchObject({ code: 'BAD_STEP_DATA', field: 'catatan' });
    expect((await complete(tidak, 'Kembalikan', {})).body.status).toBe('completed');

    for (const [upaya, step] of [['banding', 'Banding'], ['kasasi', 'Kasasi'], ['lainnya', 'Lain']] as const) {
      const ya = await start();
      const forwarded = await complete(ya, 'Periksa', { data: { berkasLengkap: true, nomorBerkas: 'B-3', jumlahHalaman: 12, tanggalTerima: '2026-03-02' } });
      expect(forwarded.body.activeSteps.map((s: { id: string }) => s.id)).toEqual(['Teruskan']);
      expect(forwarded.body.activeSteps[0].form.components[0]).toMatchObject({ key: 'upaya', values: [{ value: 'banding' }, { value: 'kasasi' }, { value: 'lainnya' }] });
      expect((await complete(ya, 'Teruskan', { data: { upaya: 'pk' } }, 'panitera-1')).body).toMatchObject({ code: 'BAD_STEP_DATA', field: 'upaya', label: 'Jenis upaya hukum?' });
      const chosen = await complete(ya, 'Teruskan', { data: { upaya } }, 'panitera-1');
      expect(chosen.body.activeSteps.map((s: { id: string }) => s.id)).toEqual([step]);
    }
  });

  it('lists the pelaksana roles the modeler offers: lanes of deployed SOPs and people, office roles aside', async () => {
    expect((await get('/api/roles')).body).toEqual([
      { id: 'panitera', lanes: ['Panitera'], people: 1 },
      { id: 'petugas-meja', lanes: ['Petugas Meja'], people: 1 },
    ]);
  });

  it('describes the step form and BAD_STEP_DATA in the OpenAPI document', async () => {
    const doc = (await call(api.url, 'GET', '/api/openapi.json')).body;
    expect(doc.components.schemas.StepView.properties.form).toEqual({ $ref: '#/components/schemas/StepForm' });
    expect(doc.components.schemas.WorklistRow.properties.form).toEqual({ $ref: '#/components/schemas/StepForm' });
    expect(doc.paths['/api/cases/{id}/steps/{stepId}/complete'].post.summary).toContain('BAD_STEP_DATA');
  });

  it('names the gateway and the flow when a condition reads data no form asks, at validate and at deploy', async () => {
    const unasked = keputusan.replace('sop:jawaban="Banding"', '').replace('<bpmn:sequenceFlow id="fBanding" name="Banding" sourceRef="Jenis" targetRef="Banding"  />',
      '<bpmn:sequenceFlow id="fBanding" name="Banding" sourceRef="Jenis" targetRef="Banding"><bpmn:conditionExpression>nomorRegisterBanding != null</bpmn:conditionExpression></bpmn:sequenceFlow>');
    expect(unasked).toContain('nomorRegisterBanding');
    const checked = await call(api.url, 'POST', '/api/definitions/validate', unasked, api.as['analis-1']);
    expect(checked.body.valid).toBe(false);
    const problem = checked.body.problems.find((p: { code: string }) => p.code === 'UNPROVIDED_DATA');
    expect(problem).toMatchObject({ id: 'fBanding', type: 'bpmn:SequenceFlow' });
    expect(problem.message).toContain('"Jenis upaya hukum?"');
    expect(problem.message).toContain('"nomorRegisterBanding"');
    expect((await call(api.url, 'POST', '/api/definitions', unasked, api.as['analis-1'])).body).toMatchObject({ code: 'DEFINITION_INVALID' });
  });
});

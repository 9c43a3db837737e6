/**
 * The HTTP API over real HTTP (in-process server on a free port): each route, people and roles
 * (every role refused what it may not do), and bad input answered as problem+json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../support/engineWith.ts';
import { PASSWORD, startApiServer, type ApiServer } from '../support/apiServer.ts';
import { call } from '../../server/spawnServer.ts';

const pemanggilan = fixture(`${import.meta.dirname}/../runtime`, 'caseEngine.pemanggilan.bpmn');
const relaas = fixture(`${import.meta.dirname}/../compile`, 'events.intermediate.bpmn');
const suratMasuk = fixture(`${import.meta.dirname}/../../processes/umum`, 'umum-A.bpmn');
const gugatan = fixture(`${import.meta.dirname}/../compile`, 'callActivity.macro.bpmn');
const pemanggilanPihak = fixture(`${import.meta.dirname}/../compile`, 'callActivity.micro.bpmn');

const PEOPLE = [
  { id: 'analis-1', roles: ['analis'] },
  { id: 'jurusita-1', roles: ['jurusita'] },
  { id: 'jurusita-2', roles: ['jurusita'] },
  { id: 'hakim-1', roles: ['majelis-hakim'] },
  { id: 'pimpinan-1', roles: ['pimpinan'] },
  { id: 'auditor-1', roles: ['auditor'] },
];

describe('HTTP API', () => {
  let api: ApiServer;
  let url: string;
  let store: ApiServer['store'];
  let engine: ApiServer['engine'];
  /** Authorization headers by person id. */
  let as: ApiServer['as'];
  const loginAs = (id: string, password?: string) => api.loginAs(id, password);
  beforeAll(async () => {
    api = await startApiServer(PEOPLE);
    ({ url, store, engine, as } = api);
  });
  afterAll(async () => {
    await api.close();
  });

  it('deploys BPMN, lists versions, and refuses what is not a valid diagram with the element named', async () => {
    const deployed = await call(url, 'POST', '/api/definitions', pemanggilan, as['analis-1']);
    expect(deployed).toMatchObject({ status: 201, body: [{ processId: 'Pemanggilan', version: 1 }] });
    expect((await call(url, 'POST', '/api/definitions', relaas, as['analis-1'])).status).toBe(201);
    expect((await call(url, 'GET', '/api/definitions', undefined, as['jurusita-1'])).body.map((d: { processId: string }) => d.processId)).toEqual(['Pemanggilan', 'PanggilanSidang']);
    const broken = await call(url, 'POST', '/api/definitions', pemanggilan.replace('targetRef="Sidang"', 'targetRef="TidakAda"'), as['analis-1']);
    expect(broken).toMatchObject({ status: 422, body: { code: 'DEFINITION_INVALID', problems: [expect.objectContaining({ id: 'F2' })] } });
    const garbage = await call(url, 'POST', '/api/definitions', '<bpmn:definitions', as['analis-1']);
    expect(garbage.status).toBe(422);
    const notXml = await fetch(`${url}/api/definitions`, { method: 'POST', body: 'halo', headers: { 'content-type': 'text/plain', ...as['analis-1'] } });
    expect(notXml.status).toBe(415);
    expect(notXml.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('starts a case, completes its steps, shows it, its log and its replay verdict', async () => {
    const started = await call(url, 'POST', '/api/cases', { processId: 'Pemanggilan', businessKey: '7/Pdt.G/2026/PN Mlg' }, as['pimpinan-1']);
    expect(started).toMatchObject({ status: 201, body: { status: 'active', revision: 1, activeSteps: [expect.objectContaining({ id: 'Panggil', pelaksana: 'jurusita' })] } });
    const id = started.body.id as string;
    expect((await call(url, 'GET', '/api/worklist', undefined, as['jurusita-1'])).body).toEqual([expect.objectContaining({ caseId: id, stepId: 'Panggil', businessKey: '7/Pdt.G/2026/PN Mlg', urgency: expect.stringMatching(/^(segera|biasa|terlambat|tanpa-tenggat)$/) })]);
    expect((await call(url, 'GET', '/api/worklist', undefined, as['hakim-1'])).body).toEqual([]);
    // An overseer sees every open step of every role at once (the monitor).
    expect((await call(url, 'GET', '/api/worklist?semua=true', undefined, as['pimpinan-1'])).body).toContainEqual(expect.objectContaining({ caseId: id, stepId: 'Panggil', pelaksana: 'jurusita' }));
    expect((await call(url, 'GET', '/api/worklist?semua=ya', undefined, as['pimpinan-1']))).toMatchObject({ status: 400, body: { code: 'BAD_INPUT' } });
    // Every query parameter of the worklist is checked, naming the one at fault.
    for (const [query, parameter] of [['late=ya', 'late'], ['limit=0', 'limit'], ['limit=5001', 'limit'], ['late=true&late=false', 'late']]) {
      expect(await call(url, 'GET', `/api/worklist?${query}`, undefined, as['jurusita-1']), query).toMatchObject({ status: 400, body: { code: 'BAD_INPUT', detail: expect.stringContaining(`"${parameter}"`) } });
    }
    expect((await call(url, 'GET', '/api/worklist?late=false&limit=5000', undefined, as['jurusita-1'])).body).toEqual([expect.objectContaining({ caseId: id })]);
    const done = await call(url, 'POST', `/api/cases/${id}/steps/Panggil/complete`, { expectedRevision: 1 }, as['jurusita-1']);
    expect(done).toMatchObject({ status: 200, body: { revision: 2, activeSteps: [expect.objectContaining({ id: 'Sidang' })] } });
    const stale = await call(url, 'POST', `/api/cases/${id}/steps/Sidang/complete`, { expectedRevision: 1 }, as['hakim-1']);
    expect(stale).toMatchObject({ status: 409, body: { code: 'CONFLICT', current: expect.objectContaining({ revision: 2 }) } });
    expect((await call(url, 'GET', `/api/cases/${id}`, undefined, as['auditor-1'])).body.history.map((h: { actor: string }) => h.actor)).toEqual(['pimpinan-1', 'jurusita-1']);
    const log = (await call(url, 'GET', `/api/cases/${id}/log`, undefined, as['auditor-1'])).body;
    expect(log.map((r: { seq: number; event: string; actor: string }) => [r.seq, r.event, r.actor])).toEqual([[1, 'START', 'pimpinan-1'], [2, 'COMPLETE.Panggil', 'jurusita-1']]);
    expect(log[1].prevHash).toBe(log[0].hash);
    expect((await call(url, 'GET', `/api/cases/${id}/replay`, undefined, as['auditor-1'])).body).toMatchObject({ intact: true, events: 2 });
    expect((await call(url, 'GET', '/api/cases?businessKey=7%2FPdt.G%2F2026%2FPN%20Mlg', undefined, as['pimpinan-1'])).body.map((c: { id: string }) => c.id)).toEqual([id]);
  });

  it('answers a repeated command with the same Idempotency-Key once', async () => {
    const headers = { 'idempotency-key': 'daftar-surat-42', ...as['jurusita-1'] };
    const first = await call(url, 'POST', '/api/cases', { processId: 'Pemanggilan' }, headers);
    const again = await call(url, 'POST', '/api/cases', { processId: 'Pemanggilan' }, headers);
    expect(again.body.id).toBe(first.body.id);
    const reused = await call(url, 'POST', '/api/cases', { processId: 'PanggilanSidang' }, headers);
    expect(reused).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
  });

  it('correlates a message by business key', async () => {
    const me = as['jurusita-1'];
    const { body } = await call(url, 'POST', '/api/cases', { processId: 'PanggilanSidang', businessKey: 'P-9' }, me);
    // A step without a lane: anyone who acts may complete it.
    expect((await call(url, 'POST', `/api/cases/${body.id}/steps/Kirim/complete`, {}, me)).status).toBe(200);
    const delivered = await call(url, 'POST', '/api/messages', { name: 'RelaasKembali', businessKey: 'P-9' }, me);
    expect(delivered).toMatchObject({ status: 200, body: { id: body.id } });
    expect((await call(url, 'POST', '/api/messages', { name: 'RelaasKembali', businessKey: 'P-9' }, me)).body.code).toBe('MESSAGE_NOT_EXPECTED');
    expect((await call(url, 'POST', '/api/messages', { name: 'RelaasKembali' }, me)).status).toBe(400);
  });

  it('answers bad input with problem+json naming what is wrong, never a stack trace', async () => {
    const cases: [string, string, unknown, number, string][] = [
      ['POST', '/api/cases', {}, 400, 'BAD_INPUT'],
      ['POST', '/api/cases', { processId: 'TidakAda' }, 404, 'DEFINITION_NOT_FOUND'],
      ['POST', '/api/cases', { processId: 'Pemanggilan', vars: [1] }, 400, 'BAD_INPUT'],
      ['GET', '/api/cases/tidak-ada', undefined, 404, 'CASE_NOT_FOUND'],
      ['GET', '/api/cases/tidak-ada/log', undefined, 404, 'CASE_NOT_FOUND'],
      ['POST', '/api/cases/tidak-ada/steps/A/complete', {}, 404, 'CASE_NOT_FOUND'],
      ['GET', '/api/cases?status=aneh', undefined, 400, 'BAD_INPUT'],
      ['GET', '/api/tidak-ada', undefined, 404, 'NO_ROUTE'],
    ];
    for (const [method, path, body, status, code] of cases) {
      const answer = await call(url, method, path, body, as['jurusita-1']);
      expect([path, answer.status, answer.body.code]).toEqual([path, status, code]);
      expect(answer.body.detail).toBeTypeOf('string');
      expect(JSON.stringify(answer.body)).not.toMatch(/at .*\.ts:\d+/);
    }
    const malformed = await fetch(`${url}/api/cases`, { method: 'POST', body: '{"processId":', headers: { 'content-type': 'application/json', ...as['jurusita-1'] } });
    expect([malformed.status, (await malformed.json()).code]).toEqual([400, 'BAD_JSON']);
    const huge = await call(url, 'POST', '/api/cases', { processId: 'Pemanggilan', vars: { isi: 'x'.repeat(300_000) } }, as['jurusita-1']);
    expect([huge.status, huge.body.code]).toEqual([413, 'BODY_TOO_LARGE']);
  });

  it('refuses every role what it may not do, and anyone without a live session', async () => {
    const { body: kasus } = await call(url, 'POST', '/api/cases', { processId: 'Pemanggilan' }, as['pimpinan-1']);
    const refusals: [string, string, string, unknown, number, string][] = [
      ['tanpa token', 'GET', '/api/cases', undefined, 401, 'UNAUTHENTICATED'],
      ['tanpa token', 'POST', `/api/cases/${kasus.id}/steps/Panggil/complete`, {}, 401, 'UNAUTHENTICATED'],
      ['jurusita-1', 'POST', '/api/definitions', pemanggilan, 403, 'FORBIDDEN'],
      ['pimpinan-1', 'POST', '/api/definitions', pemanggilan, 403, 'FORBIDDEN'],
      ['auditor-1', 'POST', '/api/definitions', pemanggilan, 403, 'FORBIDDEN'],
      ['auditor-1', 'POST', '/api/cases', { processId: 'Pemanggilan' }, 403, 'FORBIDDEN'],
      ['auditor-1', 'POST', `/api/cases/${kasus.id}/steps/Panggil/complete`, {}, 403, 'FORBIDDEN'],
      ['auditor-1', 'POST', '/api/messages', { name: 'RelaasKembali', caseId: kasus.id }, 403, 'FORBIDDEN'],
      ['hakim-1', 'POST', `/api/cases/${kasus.id}/steps/Panggil/complete`, {}, 403, 'FORBIDDEN'],
      ['pimpinan-1', 'POST', `/api/cases/${kasus.id}/steps/Panggil/complete`, {}, 403, 'FORBIDDEN'],
      ['analis-1', 'POST', `/api/cases/${kasus.id}/steps/Panggil/complete`, {}, 403, 'FORBIDDEN'],
      ['admin', 'POST', `/api/cases/${kasus.id}/steps/Panggil/complete`, {}, 403, 'FORBIDDEN'],
      ['tanpa token', 'POST', `/api/cases/${kasus.id}/steps/Panggil/claim`, {}, 401, 'UNAUTHENTICATED'],
      ['tanpa token', 'POST', '/api/definitions/validate', pemanggilan, 401, 'UNAUTHENTICATED'],
      ['auditor-1', 'POST', `/api/cases/${kasus.id}/steps/Panggil/claim`, {}, 403, 'FORBIDDEN'],
      ['auditor-1', 'DELETE', `/api/cases/${kasus.id}/steps/Panggil/claim`, undefined, 403, 'FORBIDDEN'],
      ['hakim-1', 'POST', `/api/cases/${kasus.id}/steps/Panggil/claim`, {}, 403, 'FORBIDDEN'],
      ['pimpinan-1', 'POST', `/api/cases/${kasus.id}/steps/Panggil/claim`, {}, 403, 'FORBIDDEN'],
      ['admin', 'POST', `/api/cases/${kasus.id}/steps/Panggil/claim`, {}, 403, 'FORBIDDEN'],
      ['jurusita-1', 'GET', '/api/worklist?pelaksana=majelis-hakim', undefined, 403, 'FORBIDDEN'],
      ['jurusita-1', 'GET', '/api/worklist?semua=true', undefined, 403, 'FORBIDDEN'],
      ['jurusita-1', 'GET', '/api/users', undefined, 403, 'FORBIDDEN'],
      ['pimpinan-1', 'POST', '/api/users', { id: 'x1', name: 'X', password: PASSWORD, roles: ['admin'] }, 403, 'FORBIDDEN'],
      ['analis-1', 'PATCH', '/api/users/jurusita-1', { roles: ['admin'] }, 403, 'FORBIDDEN'],
    ];
    for (const [who, method, path, body, status, code] of refusals) {
      const answer = await call(url, method, path, body, as[who] ?? {});
      expect([who, method, path, answer.status, answer.body?.code]).toEqual([who, method, path, status, code]);
    }
    // Nothing of that reached the case.
    expect((await call(url, 'GET', `/api/cases/${kasus.id}/log`, undefined, as['auditor-1'])).body).toHaveLength(1);
    expect((await call(url, 'GET', '/api/worklist?pelaksana=majelis-hakim,jurusita', undefined, as['pimpinan-1'])).status).toBe(200);
  });

  it('answers the health check without a token: ready, which store, how many definitions', async () => {
    const health = await call(url, 'GET', '/api/health');
    expect(health).toMatchObject({ status: 200, body: { status: 'siap', store: 'sqlite' } });
    expect(health.body.definitions).toBeGreaterThan(0);
  });

  it('describes every route in its OpenAPI document, and every documented route exists', async () => {
    const doc = (await call(url, 'GET', '/api/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    const routes = (api.server.listeners('request')[0] as unknown as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router.stack
      .flatMap((layer) => (layer.route ? Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${layer.route?.path}`) : []))
      .filter((route) => !/openapi\.json|\/api\/docs/.test(route));
    expect(documented.sort()).toEqual(routes.sort());
    const page = await fetch(`${url}/api/docs`);
    expect(await page.text()).toContain('swagger-ui-bundle.js');
    expect((await fetch(`${url}/api/docs/swagger-ui-bundle.js`)).status).toBe(200);
  });

  it('publishes a corrected calendar year: deadlines move, the version is stored, only the admin may', async () => {
    const { body: kasus } = await call(url, 'POST', '/api/cases', { processId: 'Pemanggilan' }, as['pimpinan-1']);
    const due = kasus.activeSteps[0].due as string;
    const calendar = (await call(url, 'GET', '/api/calendar', undefined, as['jurusita-1'])).body;
    expect(calendar).toMatchObject({ zone: 'Asia/Jakarta', years: expect.arrayContaining([expect.objectContaining({ year: 2026, status: 'published' })]) });
    const thisYear = Number(due.slice(0, 4));
    const data = (await call(url, 'GET', `/api/calendar/${thisYear}`, undefined, as['jurusita-1'])).body;
    // The day the deadline falls on becomes a cuti bersama: the deadline moves one working day on.
    const corrected = { ...data, entries: [...data.entries, { date: due.slice(0, 10), kind: 'cuti_bersama', name: 'Cuti bersama (koreksi uji)', source: 'SKB perubahan (uji)' }] };
    expect((await call(url, 'PUT', `/api/calendar/${thisYear}`, corrected, as['pimpinan-1'])).status).toBe(403);
    expect((await call(url, 'PUT', `/api/calendar/${thisYear + 1}`, corrected, as.admin)).status).toBe(400);
    expect((await call(url, 'PUT', `/api/calendar/${thisYear}`, { ...corrected, entries: [{ date: 'kemarin' }] }, as.admin)).body.code).toBe('BAD_INPUT');
    // The body is checked against its schema (CalendarYear), naming the field, before anything is published.
    for (const [body, field] of [
      [{ ...corrected, entries: 'tidak ada' }, '"entries"'], [{ ...corrected, status: 'final' }, '"status"'],
      [{ ...corrected, entries: [{ ...corrected.entries[0], kind: 'libur' }] }, '"entries.0.kind"'], [{ ...corrected, tambahan: 1 }, '"tambahan"'],
    ] as const) {
      const refused = await call(url, 'PUT', `/api/calendar/${thisYear}`, body, as.admin);
      expect([refused.status, refused.body.code, refused.body.detail]).toEqual([400, 'BAD_INPUT', expect.stringContaining(field)]);
    }
    expect((await call(url, 'PUT', '/api/calendar/dua-ribu', corrected, as.admin))).toMatchObject({ status: 400, body: { code: 'BAD_INPUT', parameter: 'year' } });
    const published = await call(url, 'PUT', `/api/calendar/${thisYear}`, corrected, as.admin);
    expect(published).toMatchObject({ status: 200, body: { year: thisYear, version: data.version + 1, changes: [expect.objectContaining({ date: due.slice(0, 10) })] } });
    expect(published.body.casesMoved).toBeGreaterThanOrEqual(1);
    const moved = (await call(url, 'GET', `/api/cases/${kasus.id}`, undefined, as['pimpinan-1'])).body;
    expect(Date.parse(moved.activeSteps[0].due)).toBeGreaterThan(Date.parse(due));
    expect(moved.history.at(-1)).toMatchObject({ event: 'CALENDAR', actor: 'admin' });
    expect((await store.calendarYears()).map((y) => [y.year, y.version])).toEqual([[thisYear, data.version + 1]]);
    expect((await call(url, 'GET', `/api/cases/${kasus.id}/replay`, undefined, as['auditor-1'])).body.intact).toBe(true);
  });

  it('logs people in and out, and lets the admin manage them', async () => {
    expect(await call(url, 'POST', '/api/login', { id: 'jurusita-1', password: 'salah-sekali-123' })).toMatchObject({ status: 401, body: { code: 'LOGIN_FAILED' } });
    expect(await call(url, 'POST', '/api/login', { id: 'tidak-ada', password: PASSWORD })).toMatchObject({ status: 401, body: { code: 'LOGIN_FAILED' } });
    expect((await call(url, 'GET', '/api/me', undefined, as['hakim-1'])).body).toEqual(expect.objectContaining({ id: 'hakim-1', roles: ['majelis-hakim'], permissions: ['act'] }));
    // The screens follow the permissions the server grants: an analis oversees (the audit screen), an auditor does not act.
    expect((await call(url, 'GET', '/api/me', undefined, as['analis-1'])).body.permissions).toEqual(['deploy', 'act', 'oversee']);
    expect((await call(url, 'GET', '/api/me', undefined, as['auditor-1'])).body.permissions).toEqual(['oversee', 'audit']);
    expect((await call(url, 'POST', '/api/login', { id: 'hakim-1', password: PASSWORD })).body.user.permissions).toEqual(['act']);
    expect(JSON.stringify((await call(url, 'GET', '/api/users', undefined, as.admin)).body)).not.toMatch(/argon2|passwordHash/);
    const weak = await call(url, 'POST', '/api/users', { id: 'baru', name: 'Baru', password: 'pendek', roles: ['jurusita'] }, as.admin);
    expect([weak.status, weak.body.code]).toEqual([400, 'BAD_INPUT']);
    expect((await call(url, 'POST', '/api/users', { id: 'hakim-1', name: 'Lagi', password: PASSWORD, roles: ['x'] }, as.admin)).status).toBe(409);
    // Disabling ends the person's sessions at once.
    expect((await call(url, 'PATCH', '/api/users/hakim-1', { disabled: true }, as.admin)).body).toMatchObject({ disabled: true });
    expect((await call(url, 'GET', '/api/me', undefined, as['hakim-1'])).status).toBe(401);
    expect((await call(url, 'POST', '/api/login', { id: 'hakim-1', password: PASSWORD })).status).toBe(401);
    await call(url, 'PATCH', '/api/users/hakim-1', { disabled: false }, as.admin);
    await loginAs('hakim-1');
    expect((await call(url, 'POST', '/api/logout', undefined, as['hakim-1'])).status).toBe(204);
    expect((await call(url, 'GET', '/api/me', undefined, as['hakim-1'])).status).toBe(401);
    await loginAs('hakim-1');
  });

  it('shows one SOP\'s versions newest first and the BPMN each was deployed from, and says which SOP or version is unknown', async () => {
    expect((await call(url, 'POST', '/api/definitions', suratMasuk, as['analis-1'])).status).toBe(201);
    const revised = pemanggilan.replace('sop:waktu="2 Hari Kerja"', 'sop:waktu="3 Hari Kerja"');
    expect(revised).not.toBe(pemanggilan);
    expect((await call(url, 'POST', '/api/definitions', revised, as.admin)).body).toEqual([expect.objectContaining({ processId: 'Pemanggilan', version: 2 })]);
    const history = await call(url, 'GET', '/api/definitions/Pemanggilan', undefined, as['jurusita-1']);
    expect(history).toMatchObject({ status: 200, body: { processId: 'Pemanggilan', name: expect.any(String) } });
    expect(history.body.versions).toEqual([
      { version: 2, deployedAt: '2026-03-02T09:00:00+07:00', deployedBy: 'admin' },
      { version: 1, deployedAt: '2026-03-02T09:00:00+07:00', deployedBy: 'analis-1' },
    ]);
    expect((await call(url, 'GET', '/api/definitions/umum-A', undefined, as['jurusita-1'])).body).toEqual({
      processId: 'umum-A', name: 'Surat Masuk', versions: [{ version: 1, deployedAt: '2026-03-02T09:00:00+07:00', deployedBy: 'analis-1', kodeBuku: 'I.A' }],
    });
    const latest = await fetch(`${url}/api/definitions/Pemanggilan/xml`, { headers: as['jurusita-1'] });
    expect([latest.status, latest.headers.get('content-type'), latest.headers.get('protap-definition-version')]).toEqual([200, 'application/xml; charset=utf-8', '2']);
    expect(await latest.text()).toBe(revised);
    expect(await (await fetch(`${url}/api/definitions/Pemanggilan/xml?version=1`, { headers: as['jurusita-1'] })).text()).toBe(pemanggilan);
    const refusals: [string, number, string, RegExp][] = [
      ['/api/definitions/TidakAda', 404, 'DEFINITION_NOT_FOUND', /"TidakAda"/],
      ['/api/definitions/TidakAda/xml', 404, 'DEFINITION_NOT_FOUND', /"TidakAda"/],
      ['/api/definitions/Pemanggilan/xml?version=3', 404, 'DEFINITION_NOT_FOUND', /"Pemanggilan" versi 3/],
      ['/api/definitions/Pemanggilan/xml?version=0', 400, 'BAD_INPUT', /"version"/],
      ['/api/definitions/Pemanggilan/xml?version=dua', 400, 'BAD_INPUT', /"version"/],
    ];
    for (const [path, status, code, detail] of refusals) {
      const answer = await call(url, 'GET', path, undefined, as['jurusita-1']);
      expect([path, answer.status, answer.body.code]).toEqual([path, status, code]);
      expect(answer.body.detail).toMatch(detail);
    }
  });

  it('validates a diagram for anyone signed in without deploying it, malformed XML included', async () => {
    const validate = (xml: string) => call(url, 'POST', '/api/definitions/validate', xml, as['auditor-1']);
    expect(await validate(pemanggilan)).toEqual({ status: 200, body: { valid: true, processes: ['Pemanggilan'], problems: [], warnings: [] } });
    const broken = await validate(pemanggilan.replace('targetRef="Sidang"', 'targetRef="TidakAda"'));
    expect(broken).toMatchObject({ status: 200, body: { valid: false, processes: ['Pemanggilan'] } });
    expect(broken.body.problems).toContainEqual(expect.objectContaining({ id: 'F2', code: 'DANGLING_FLOW', type: 'bpmn:SequenceFlow', message: expect.stringContaining('F2') }));
    const garbage = await validate('<bpmn:definitions');
    expect(garbage).toMatchObject({ status: 200, body: { valid: false, processes: [], problems: [expect.objectContaining({ code: 'UNREADABLE_XML' })] } });
    // A macro SOP is valid once the micro SOP it calls is deployed; validating deploys nothing.
    expect((await validate(gugatan)).body.valid).toBe(false);
    expect((await call(url, 'GET', '/api/definitions/GugatanPerdata', undefined, as['auditor-1'])).status).toBe(404);
    expect((await call(url, 'POST', '/api/definitions', pemanggilanPihak, as['analis-1'])).status).toBe(201);
    expect((await validate(gugatan)).body).toMatchObject({ valid: true, processes: ['GugatanPerdata'] });
    expect((await call(url, 'GET', '/api/definitions/GugatanPerdata', undefined, as['auditor-1'])).status).toBe(404);
    const notXml = await fetch(`${url}/api/definitions/validate`, { method: 'POST', body: 'halo', headers: { 'content-type': 'text/plain', ...as['auditor-1'] } });
    expect(notXml.status).toBe(415);
  });

  it('pages the case list and the worklist by a cursor: every case and step once, in order, however they tie (issue 21)', async () => {
    // Three cases started at one instant and two before: ties on the start time are ordered by id.
    const at = '2026-03-10T09:00:00+07:00';
    for (const [i, when] of [at, at, at, '2026-03-09T09:00:00+07:00', '2026-03-08T09:00:00+07:00'].entries()) {
      await engine.startCase('Pemanggilan', { at: when, businessKey: `HALAMAN-${i}`, actor: 'pimpinan-1' });
    }
    const whole = (await call(url, 'GET', '/api/cases?limit=1000', undefined, as['pimpinan-1'])).body.map((c: { id: string }) => c.id) as string[];
    const paged: string[] = [];
    let pages = 0;
    for (let cursor: string | null = ''; cursor !== null; pages++) {
      const response: Response = await fetch(`${url}/api/cases?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { headers: as['pimpinan-1'] });
      expect(response.status).toBe(200);
      const page = (await response.json()) as { id: string }[];
      expect(page.length).toBeLessThanOrEqual(2);
      paged.push(...page.map((c) => c.id));
      cursor = response.headers.get('protap-next-cursor');
    }
    expect(paged).toEqual(whole);
    expect(pages).toBe(Math.ceil(whole.length / 2));
    for (const bad of ['bukan-kursor', 'e30', '%2F%2F']) {
      expect(await call(url, 'GET', `/api/cases?cursor=${bad}`, undefined, as['pimpinan-1']), bad).toMatchObject({ status: 400, body: { code: 'BAD_INPUT', parameter: 'cursor' } });
      expect(await call(url, 'GET', `/api/worklist?cursor=${bad}`, undefined, as['pimpinan-1']), bad).toMatchObject({ status: 400, body: { code: 'BAD_INPUT', parameter: 'cursor' } });
    }
    // The worklist the same way: every open step once, nearest due first.
    const steps = (await call(url, 'GET', '/api/worklist?semua=true&limit=5000', undefined, as['pimpinan-1'])).body.map((r: { caseId: string; stepId: string }) => `${r.caseId}/${r.stepId}`) as string[];
    const walked: string[] = [];
    for (let cursor: string | null = ''; cursor !== null;) {
      const response: Response = await fetch(`${url}/api/worklist?semua=true&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { headers: as['pimpinan-1'] });
      walked.push(...((await response.json()) as { caseId: string; stepId: string }[]).map((r) => `${r.caseId}/${r.stepId}`));
      cursor = response.headers.get('protap-next-cursor');
    }
    expect(steps.length).toBeGreaterThanOrEqual(5);
    expect(walked).toEqual(steps);
  });

  it('filters the case list by overdue steps, pelaksana and start date, and names the parameter it refuses', async () => {
    // Started a month before the clock: its Panggil step is long past due.
    const old = await engine.startCase('Pemanggilan', { at: '2026-02-02T09:00:00+07:00', businessKey: 'LAMA-1', actor: 'pimpinan-1' });
    const { body: fresh } = await call(url, 'POST', '/api/cases', { processId: 'Pemanggilan', businessKey: 'BARU-1' }, as['pimpinan-1']);
    const ids = async (query: string) => {
      const answer = await call(url, 'GET', `/api/cases?${query}`, undefined, as['pimpinan-1']);
      expect([query, answer.status]).toEqual([query, 200]);
      return answer.body.map((c: { id: string }) => c.id);
    };
    expect(await ids('overdue=true')).toEqual([old.id]);
    expect(await ids('overdue=true&status=completed')).toEqual([]);
    expect(await ids('overdue=false&businessKey=BARU-1')).toEqual([fresh.id]);
    expect(await ids('overdue=false&businessKey=LAMA-1')).toEqual([]);
    expect(await ids('pelaksana=jurusita&businessKey=BARU-1')).toEqual([fresh.id]);
    expect(await ids('pelaksana=majelis-hakim&businessKey=BARU-1')).toEqual([]);
    expect(await ids('pelaksana=jurusita&overdue=true&processId=Pemanggilan')).toEqual([old.id]);
    // A bare date bounds whole days in the satker's zone; a date-time bounds at that instant.
    expect(await ids('from=2026-02-02&to=2026-02-02')).toEqual([old.id]);
    expect(await ids('to=2026-02-02T08:59:59%2B07:00&businessKey=LAMA-1')).toEqual([]);
    expect(await ids('from=2026-03-02&businessKey=LAMA-1')).toEqual([]);
    expect(await ids('from=2026-03-02T09:00:00%2B07:00&to=2026-03-02&businessKey=BARU-1')).toEqual([fresh.id]);
    const refusals: [string, string][] = [
      ['overdue=ya', 'overdue'], ['pelaksana=Bukan%20Peran', 'pelaksana'], ['from=kemarin', 'from'], ['to=2026-13-45', 'to'],
      ['from=2026-03-05&to=2026-03-01', 'from'], ['limit=0', 'limit'], ['overdue=true&overdue=false', 'overdue'],
      // An unknown parameter (here a misspelling) is refused, not silently ignored.
      ['statuss=active', 'statuss'], ['status=selesai', 'status'], ['limit=1001', 'limit'],
    ];
    for (const [query, parameter] of refusals) {
      const answer = await call(url, 'GET', `/api/cases?${query}`, undefined, as['pimpinan-1']);
      expect([query, answer.status, answer.body.code, answer.body.parameter]).toEqual([query, 400, 'BAD_INPUT', parameter]);
      expect(answer.body.detail).toContain(`"${parameter}"`);
    }
  });

  it('lets a holder of the lane role claim a step for themselves, shows the claim, and logs it for replay', async () => {
    const { body: kasus } = await call(url, 'POST', '/api/cases', { processId: 'Pemanggilan', businessKey: 'KLAIM-1' }, as['pimpinan-1']);
    const claim = `/api/cases/${kasus.id}/steps/Panggil/claim`;
    const mine = await call(url, 'POST', claim, undefined, as['jurusita-1']);
    expect(mine).toMatchObject({ status: 200, body: { revision: 2, activeSteps: [expect.objectContaining({ id: 'Panggil', claimedBy: 'jurusita-1', claimedAt: '2026-03-02T09:00:00+07:00' })] } });
    expect((await call(url, 'POST', claim, {}, as['jurusita-1'])).body.revision).toBe(2);
    const taken = await call(url, 'POST', claim, {}, as['jurusita-2']);
    expect(taken).toMatchObject({ status: 409, body: { code: 'STEP_CLAIMED', claimedBy: 'jurusita-1', detail: expect.stringContaining('jurusita-1') } });
    const completeByOther = await call(url, 'POST', `/api/cases/${kasus.id}/steps/Panggil/complete`, {}, as['jurusita-2']);
    expect(completeByOther).toMatchObject({ status: 409, body: { code: 'STEP_CLAIMED', claimedBy: 'jurusita-1' } });
    const releaseByOther = await call(url, 'DELETE', claim, undefined, as['jurusita-2']);
    expect(releaseByOther).toMatchObject({ status: 403, body: { code: 'FORBIDDEN', claimedBy: 'jurusita-1' } });
    expect((await call(url, 'GET', '/api/worklist', undefined, as['jurusita-2'])).body).toContainEqual(expect.objectContaining({ caseId: kasus.id, stepId: 'Panggil', claimedBy: 'jurusita-1' }));
    expect((await call(url, 'GET', `/api/cases/${kasus.id}`, undefined, as['pimpinan-1'])).body.activeSteps[0]).toMatchObject({ claimedBy: 'jurusita-1' });

    const released = await call(url, 'DELETE', claim, undefined, as.admin);
    expect(released.status).toBe(200);
    expect(released.body.activeSteps[0].claimedBy).toBeUndefined();
    expect((await call(url, 'POST', claim, {}, as['jurusita-2'])).status).toBe(200);
    const done = await call(url, 'POST', `/api/cases/${kasus.id}/steps/Panggil/complete`, {}, as['jurusita-2']);
    expect(done.body.activeSteps.map((s: { id: string; claimedBy?: string }) => [s.id, s.claimedBy])).toEqual([['Sidang', undefined]]);
    const log = (await call(url, 'GET', `/api/cases/${kasus.id}/log`, undefined, as['auditor-1'])).body;
    expect(log.map((r: { event: string; actor: string }) => [r.event, r.actor])).toEqual([
      ['START', 'pimpinan-1'], ['CLAIM.Panggil', 'jurusita-1'], ['RELEASE.Panggil', 'admin'], ['CLAIM.Panggil', 'jurusita-2'], ['COMPLETE.Panggil', 'jurusita-2'],
    ]);
    expect((await call(url, 'GET', `/api/cases/${kasus.id}/replay`, undefined, as['auditor-1'])).body).toMatchObject({ intact: true, events: 5 });

    const refusals: [string, unknown, number, string][] = [
      ['/api/cases/tidak-ada/steps/Panggil/claim', {}, 404, 'CASE_NOT_FOUND'],
      [`/api/cases/${kasus.id}/steps/Panggil/claim`, {}, 409, 'STEP_NOT_ACTIVE'],
      [`/api/cases/${kasus.id}/steps/Sidang/claim`, { expectedRevision: -1 }, 400, 'BAD_INPUT'],
      [`/api/cases/${kasus.id}/steps/Sidang/claim`, { expectedRevision: 1 }, 409, 'CONFLICT'],
      [`/api/cases/${kasus.id}/steps/Sidang/claim`, { siapa: 'saya' }, 400, 'BAD_INPUT'],
    ];
    for (const [path, body, status, code] of refusals) {
      const answer = await call(url, 'POST', path, body, as['hakim-1']);
      expect([path, answer.status, answer.body.code]).toEqual([path, status, code]);
    }
    expect((await call(url, 'POST', `/api/cases/${kasus.id}/steps/Sidang/claim`, { expectedRevision: 5 }, as['hakim-1'])).body.activeSteps[0]).toMatchObject({ claimedBy: 'hakim-1' });
  });
});

/**
 * Who may do what, by the SOP (issue 18, point 7), over the whole catalogue: for every SOP, a
 * person outside the lanes it names cannot start it or send the messages its cases wait for, a
 * person in them can; a pelaksana of another unit cannot read its cases, while its own unit,
 * pimpinan and auditor can. And the case the probes found: a staf-umum sending the message a
 * kasubag-umum case waits for no longer moves the case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../server/spawnServer.ts';
import { addUser } from '../../src/auth/people.ts';
import { deployCatalogue } from '../../src/catalogue/deployCatalogue.ts';
import type { Definition } from '../../src/runtime/definition.ts';
import { PASSWORD, startApiServer, type ApiServer } from '../support/apiServer.ts';

const DISPOSISI = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:sop="urn:protap:sop:1.0" id="D" targetNamespace="urn:protap:uji">
  <bpmn:message id="Msg_Disposisi" name="Disposisi"/>
  <bpmn:process id="disposisi" name="Disposisi Surat" isExecutable="true">
    <bpmn:laneSet id="LS">
      <bpmn:lane id="L_staf" name="Staf Umum" sop:pelaksana="staf-umum"><bpmn:flowNodeRef>mulai</bpmn:flowNodeRef><bpmn:flowNodeRef>catat</bpmn:flowNodeRef></bpmn:lane>
      <bpmn:lane id="L_kasubag" name="Kasubag Umum" sop:pelaksana="kasubag-umum"><bpmn:flowNodeRef>tunggu</bpmn:flowNodeRef><bpmn:flowNodeRef>selesai</bpmn:flowNodeRef></bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="mulai"/>
    <bpmn:userTask id="catat" name="Catat surat"/>
    <bpmn:intermediateCatchEvent id="tunggu" name="Disposisi diterima"><bpmn:messageEventDefinition messageRef="Msg_Disposisi"/></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="selesai"/>
    <bpmn:sequenceFlow id="f1" sourceRef="mulai" targetRef="catat"/>
    <bpmn:sequenceFlow id="f2" sourceRef="catat" targetRef="tunggu"/>
    <bpmn:sequenceFlow id="f3" sourceRef="tunggu" targetRef="selesai"/>
  </bpmn:process>
</bpmn:definitions>`;

describe('who may start, message and read, by the SOP', () => {
  let api: ApiServer;
  let definitions: Definition[];
  /** One signed-in person per pelaksana role of the catalogue: "peran-<role>", no unit. */
  const holder = (role: string) => api.as[`peran-${role}`] as Record<string, string>;
  const person = async (id: string, roles: string[], unit?: string) => {
    await addUser(api.store, { id, name: id, password: PASSWORD, roles, ...(unit ? { unit } : {}) }, '2026-03-02T09:00:00+07:00');
    await api.loginAs(id);
  };
  beforeAll(async () => {
    api = await startApiServer([{ id: 'pimpinan-1', roles: ['pimpinan'] }, { id: 'auditor-1', roles: ['auditor'] }]);
    definitions = await deployCatalogue(api.engine);
    const roles = [...new Set(definitions.flatMap((d) => d.rights.lanes))];
    for (const role of roles) await person(`peran-${role}`, [role]);
  }, 120_000);
  afterAll(() => api?.close());

  /** A role of the catalogue that `allowed` does not name. */
  const outsiderOf = (allowed: string[]) => definitions.flatMap((d) => d.rights.lanes).find((role) => !allowed.includes(role)) as string;

  it('lets only the SOP\'s own starters start it, in every catalogue SOP', async () => {
    let refused = 0;
    for (const definition of definitions) {
      const { start } = definition.rights;
      expect(start, definition.processId).not.toBe('semua'); // every catalogue SOP names its starters
      if (start === 'semua') continue;
      const outsider = outsiderOf(start);
      const denied = await call(api.url, 'POST', '/api/cases', { processId: definition.processId }, holder(outsider));
      expect(denied, `${definition.processId} oleh ${outsider}`).toMatchObject({ status: 403, body: { code: 'FORBIDDEN', detail: expect.stringMatching(/dimulai oleh .+; peran Anda/) } });
      refused++;
      const allowed = await call(api.url, 'POST', '/api/cases', { processId: definition.processId }, holder(start[0] as string));
      // Allowed: the case starts, or its start form asks for data first; never a refusal of the person.
      expect([201, 422], `${definition.processId} oleh ${start[0]}: ${JSON.stringify(allowed.body)}`).toContain(allowed.status);
      if (allowed.status === 422) expect(allowed.body.code).toBe('BAD_STEP_DATA');
    }
    expect(refused).toBe(definitions.length);
  }, 120_000);

  it('lets only the catcher\'s lane send a message, in every catalogue SOP that waits for one', async () => {
    let checked = 0;
    for (const definition of definitions) {
      const messages = Object.entries(definition.rights.messages);
      if (messages.length === 0) continue;
      const started = await call(api.url, 'POST', '/api/cases', { processId: definition.processId, businessKey: `PESAN-${definition.processId}` }, api.as['pimpinan-1']);
      if (started.status !== 201) continue; // a start form that needs data: covered by the start test
      for (const [name, allowed] of messages) {
        if (allowed === 'semua') continue;
        const denied = await call(api.url, 'POST', '/api/messages', { name, caseId: started.body.id }, holder(outsiderOf(allowed)));
        expect(denied, `${definition.processId}: ${name}`).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
        const sent = await call(api.url, 'POST', '/api/messages', { name, caseId: started.body.id }, holder(allowed[0] as string));
        expect(sent.status, `${definition.processId}: ${name} oleh ${allowed[0]}`).not.toBe(403);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  }, 120_000);

  it('refuses the message a kasubag-umum case waits for to a staf-umum, and the case stays', async () => {
    await call(api.url, 'POST', '/api/definitions', DISPOSISI, api.as.admin);
    await person('staf-1', ['staf-umum']);
    await person('kasubag-1', ['kasubag-umum']);
    const started = await call(api.url, 'POST', '/api/cases', { processId: 'disposisi' }, api.as['staf-1']);
    expect(started.status).toBe(201);
    const id = started.body.id as string;
    expect((await call(api.url, 'POST', `/api/cases/${id}/steps/catat/complete`, {}, api.as['staf-1'])).status).toBe(200);
    const denied = await call(api.url, 'POST', '/api/messages', { name: 'Disposisi', caseId: id }, api.as['staf-1']);
    expect(denied).toMatchObject({ status: 403, body: { code: 'FORBIDDEN', detail: expect.stringContaining('Kasubag Umum') } });
    expect((await call(api.url, 'GET', `/api/cases/${id}`, undefined, api.as['kasubag-1'])).body).toMatchObject({ status: 'active', revision: started.body.revision + 1 });
    const sent = await call(api.url, 'POST', '/api/messages', { name: 'Disposisi', caseId: id }, api.as['kasubag-1']);
    expect(sent).toMatchObject({ status: 200, body: { status: 'completed' } });
    expect((await call(api.url, 'POST', '/api/cases', { processId: 'disposisi' }, api.as['kasubag-1'])).status).toBe(403);
  });

  it('shows a case to its SOP\'s people, its unit, pimpinan and auditor, and to no pelaksana of another unit', async () => {
    const byUnit = new Map<string, Definition[]>();
    for (const d of definitions) if (d.identity?.unit) byUnit.set(d.identity.unit, [...(byUnit.get(d.identity.unit) ?? []), d]);
    const units = [...byUnit.keys()];
    expect(units.length).toBeGreaterThanOrEqual(6);
    for (const unit of units) {
      const definition = (byUnit.get(unit) as Definition[]).find((d) => d.rights.start !== 'semua') as Definition;
      const started = await call(api.url, 'POST', '/api/cases', { processId: definition.processId }, api.as['pimpinan-1']);
      if (started.status !== 201) continue;
      const id = started.body.id as string;
      // A pelaksana of another unit, whose roles appear in none of this unit's SOPs.
      const other = units.find((u) => u !== unit) as string;
      const ownRoles = new Set((byUnit.get(unit) as Definition[]).flatMap((d) => [...d.rights.lanes, ...(d.rights.start === 'semua' ? [] : d.rights.start)]));
      const foreignRole = (byUnit.get(other) as Definition[]).flatMap((d) => d.rights.lanes).find((role) => !ownRoles.has(role)) as string;
      const stranger = `luar-${units.indexOf(unit)}`;
      const colleague = `rekan-${units.indexOf(unit)}`;
      await person(stranger, [foreignRole], other);
      await person(colleague, [foreignRole], unit);
      for (const path of [`/api/cases/${id}`, `/api/cases/${id}/log`, `/api/cases/${id}/replay`]) {
        expect((await call(api.url, 'GET', path, undefined, api.as[stranger])).status, `${unit}: ${path} oleh ${stranger}`).toBe(403);
        expect((await call(api.url, 'GET', path, undefined, api.as[colleague])).status, `${unit}: ${path} oleh rekan satu unit`).toBe(200);
        for (const reader of ['pimpinan-1', 'auditor-1']) expect((await call(api.url, 'GET', path, undefined, api.as[reader])).status).toBe(200);
      }
      const strangerList = (await call(api.url, 'GET', '/api/cases?limit=1000', undefined, api.as[stranger])).body as { id: string }[];
      expect(strangerList.map((c) => c.id)).not.toContain(id);
      expect((await call(api.url, 'GET', `/api/cases?processId=${definition.processId}`, undefined, api.as[stranger])).body).toEqual([]);
      expect(((await call(api.url, 'GET', '/api/cases?limit=1000', undefined, api.as[colleague])).body as { id: string }[]).map((c) => c.id)).toContain(id);
      // A holder of the SOP's own lane role, with no unit, reads it too.
      expect((await call(api.url, 'GET', `/api/cases/${id}`, undefined, holder(definition.rights.lanes[0] as string))).status).toBe(200);
    }
  }, 120_000);
});

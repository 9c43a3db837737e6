/** The HTTP API over real HTTP (in-process server on a free port): each route, and bad input answered as problem+json. */
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { DurableEngine } from '../../src/store/durableEngine.ts';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.ts';
import { fixture } from '../support/engineWith.ts';
import { call } from '../support/serverProcess.ts';

const pemanggilan = fixture(`${import.meta.dirname}/../runtime`, 'caseEngine.pemanggilan.bpmn');
const relaas = fixture(`${import.meta.dirname}/../compile`, 'events.intermediate.bpmn');

describe('HTTP API', () => {
  let server: Server;
  let url: string;
  let store: SqliteStore;
  beforeAll(async () => {
    store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'protap-api-')), 'protap.db'));
    const engine = await DurableEngine.open({ store });
    server = createApp(engine, pino({ level: 'silent' })).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await store.close();
  });

  it('deploys BPMN, lists versions, and refuses what is not a valid diagram with the element named', async () => {
    const deployed = await call(url, 'POST', '/api/definitions', pemanggilan, { 'x-protap-aktor': 'analis-1' });
    expect(deployed).toMatchObject({ status: 201, body: [{ processId: 'Pemanggilan', version: 1 }] });
    expect((await call(url, 'POST', '/api/definitions', relaas)).status).toBe(201);
    expect((await call(url, 'GET', '/api/definitions')).body.map((d: { processId: string }) => d.processId)).toEqual(['Pemanggilan', 'PanggilanSidang']);
    const broken = await call(url, 'POST', '/api/definitions', pemanggilan.replace('targetRef="Sidang"', 'targetRef="TidakAda"'));
    expect(broken).toMatchObject({ status: 422, body: { code: 'DEFINITION_INVALID', problems: [expect.objectContaining({ id: 'F2' })] } });
    const garbage = await call(url, 'POST', '/api/definitions', '<bpmn:definitions');
    expect(garbage.status).toBe(422);
    const notXml = await fetch(`${url}/api/definitions`, { method: 'POST', body: 'halo', headers: { 'content-type': 'text/plain' } });
    expect(notXml.status).toBe(415);
    expect(notXml.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('starts a case, completes its steps, shows it, its log and its replay verdict', async () => {
    const started = await call(url, 'POST', '/api/cases', { processId: 'Pemanggilan', businessKey: '7/Pdt.G/2026/PN Mlg' }, { 'x-protap-aktor': 'panitera-1' });
    expect(started).toMatchObject({ status: 201, body: { status: 'active', revision: 1, activeSteps: [expect.objectContaining({ id: 'Panggil', pelaksana: 'jurusita' })] } });
    const id = started.body.id as string;
    expect((await call(url, 'GET', '/api/worklist?pelaksana=jurusita')).body).toEqual([expect.objectContaining({ caseId: id, stepId: 'Panggil' })]);
    const done = await call(url, 'POST', `/api/cases/${id}/steps/Panggil/complete`, { expectedRevision: 1 }, { 'x-protap-aktor': 'jurusita-1' });
    expect(done).toMatchObject({ status: 200, body: { revision: 2, activeSteps: [expect.objectContaining({ id: 'Sidang' })] } });
    const stale = await call(url, 'POST', `/api/cases/${id}/steps/Sidang/complete`, { expectedRevision: 1 });
    expect(stale).toMatchObject({ status: 409, body: { code: 'CONFLICT', current: expect.objectContaining({ revision: 2 }) } });
    expect((await call(url, 'GET', `/api/cases/${id}`)).body.history.map((h: { actor: string }) => h.actor)).toEqual(['panitera-1', 'jurusita-1']);
    const log = (await call(url, 'GET', `/api/cases/${id}/log`)).body;
    expect(log.map((r: { seq: number; event: string }) => [r.seq, r.event])).toEqual([[1, 'START'], [2, 'COMPLETE.Panggil']]);
    expect(log[1].prevHash).toBe(log[0].hash);
    expect((await call(url, 'GET', `/api/cases/${id}/replay`)).body).toMatchObject({ utuh: true, events: 2 });
    expect((await call(url, 'GET', '/api/cases?businessKey=7%2FPdt.G%2F2026%2FPN%20Mlg')).body.map((c: { id: string }) => c.id)).toEqual([id]);
  });

  it('answers a repeated command with the same Idempotency-Key once', async () => {
    const headers = { 'idempotency-key': 'daftar-surat-42' };
    const first = await call(url, 'POST', '/api/cases', { processId: 'Pemanggilan' }, headers);
    const again = await call(url, 'POST', '/api/cases', { processId: 'Pemanggilan' }, headers);
    expect(again.body.id).toBe(first.body.id);
    const reused = await call(url, 'POST', '/api/cases', { processId: 'PanggilanSidang' }, headers);
    expect(reused).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
  });

  it('correlates a message by business key', async () => {
    const { body } = await call(url, 'POST', '/api/cases', { processId: 'PanggilanSidang', businessKey: 'P-9' });
    await call(url, 'POST', `/api/cases/${body.id}/steps/Kirim/complete`, {});
    const delivered = await call(url, 'POST', '/api/messages', { name: 'RelaasKembali', businessKey: 'P-9' });
    expect(delivered).toMatchObject({ status: 200, body: { id: body.id } });
    expect((await call(url, 'POST', '/api/messages', { name: 'RelaasKembali', businessKey: 'P-9' })).body.code).toBe('MESSAGE_NOT_EXPECTED');
    expect((await call(url, 'POST', '/api/messages', { name: 'RelaasKembali' })).status).toBe(400);
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
      const answer = await call(url, method, path, body);
      expect([path, answer.status, answer.body.code]).toEqual([path, status, code]);
      expect(answer.body.detail).toBeTypeOf('string');
      expect(JSON.stringify(answer.body)).not.toMatch(/at .*\.ts:\d+/);
    }
    const malformed = await fetch(`${url}/api/cases`, { method: 'POST', body: '{"processId":', headers: { 'content-type': 'application/json' } });
    expect([malformed.status, (await malformed.json()).code]).toEqual([400, 'BAD_JSON']);
    const huge = await call(url, 'POST', '/api/cases', { processId: 'Pemanggilan', vars: { isi: 'x'.repeat(300_000) } });
    expect([huge.status, huge.body.code]).toEqual([413, 'BODY_TOO_LARGE']);
    const actor = await call(url, 'POST', '/api/cases', { processId: 'Pemanggilan' }, { 'x-protap-aktor': '<script>' });
    expect(actor.status).toBe(400);
  });
});

/**
 * Data nested deeper than any form makes is refused at the door (issue 17, point 4): a body 65 or
 * 5,000 levels deep gets 400 naming the limit, and nothing is stored; 64 levels pass the door.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../server/spawnServer.ts';
import { MAX_NESTING, nestingDepth } from '../../src/runtime/dataNesting.ts';
import { fixture } from '../support/engineWith.ts';
import { startApiServer, type ApiServer } from '../support/apiServer.ts';

const pemanggilan = fixture(`${import.meta.dirname}/../runtime`, 'caseEngine.pemanggilan.bpmn');

/** A body `{processId, vars: {a: {a: …}}}` nested `depth` levels in all, written as text. */
const body = (depth: number) => `{"processId":"Pemanggilan","vars":${'{"a":'.repeat(depth - 1)}1${'}'.repeat(depth - 1)}}`;

describe('nesting bound on JSON bodies', () => {
  let api: ApiServer;
  const post = (text: string) => fetch(`${api.url}/api/cases`, { method: 'POST', body: text, headers: { 'content-type': 'application/json', ...api.as['panitera-1'] } });
  beforeAll(async () => {
    api = await startApiServer([{ id: 'analis-1', roles: ['analis'] }, { id: 'panitera-1', roles: ['jurusita'] }]);
    expect((await call(api.url, 'POST', '/api/definitions', pemanggilan, api.as['analis-1'])).status).toBe(201);
  });
  afterAll(async () => { await api.close(); });

  it('answers with the usual security headers', async () => {
    const answer = await fetch(`${api.url}/api/health`);
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
    expect(answer.headers.get('x-powered-by')).toBeNull();
  });

  it('measures depth without recursion, whatever the depth', () => {
    expect(nestingDepth({ a: [1, { b: null }], c: 'x' })).toBe(3);
    expect(nestingDepth('teks')).toBe(0);
    expect(nestingDepth(JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), 1e9)).toBe(100_000);
  });

  it('refuses a body 65 or 5,000 levels deep with 400 naming the limit, and stores nothing', async () => {
    for (const depth of [MAX_NESTING + 1, 5000]) {
      const answer = await post(body(depth));
      expect(answer.status).toBe(400);
      expect(await answer.json()).toMatchObject({ code: 'BAD_INPUT', limit: 64, detail: expect.stringContaining('lebih dari 64 tingkat') });
    }
    expect(await api.store.listCases({ afterId: '' })).toEqual([]);
  });

  it('refuses a diagram nested 100,000 deep or of 20,000 tasks before parsing it: validate says why, deploy answers 422', async () => {
    const head = '<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D"><bpmn:process id="Besar" isExecutable="true">';
    const deep = `${head}${'<bpmn:extensionElements>'.repeat(100_000)}${'</bpmn:extensionElements>'.repeat(100_000)}</bpmn:process></bpmn:definitions>`;
    const checked = await call(api.url, 'POST', '/api/definitions/validate', deep, api.as['analis-1']);
    expect(checked).toMatchObject({ status: 200, body: { valid: false, problems: [expect.objectContaining({ code: 'TOO_LARGE' })] } });
    const many = `${head}${Array.from({ length: 20_000 }, (_, i) => `<bpmn:task id="T${i}"/>`).join('')}</bpmn:process></bpmn:definitions>`;
    const deployed = await call(api.url, 'POST', '/api/definitions', many, api.as['analis-1']);
    expect(deployed).toMatchObject({ status: 422, body: { code: 'DEFINITION_INVALID', problems: [expect.objectContaining({ code: 'TOO_LARGE', message: expect.stringContaining('lebih dari 20.000 elemen XML') })] } });
  });

  it('lets a body 64 levels deep through the door (its data then meets the start form)', async () => {
    const answer = await post(body(MAX_NESTING));
    expect(answer.status).not.toBe(400);
  });
});

/**
 * Signed checkpoints over HTTP (issue 17, point 3): an auditor signs one now, everyone who
 * oversees lists them and downloads the file to copy elsewhere; the file verifies; others are
 * refused, and a name that is not a checkpoint is not found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../server/spawnServer.ts';
import { checkAgainstCheckpoint, checkpointProblem, type Checkpoint } from '../../src/audit/checkpoint.ts';
import { fixture } from '../support/engineWith.ts';
import { startApiServer, type ApiServer } from '../support/apiServer.ts';

const pemanggilan = fixture(`${import.meta.dirname}/../runtime`, 'caseEngine.pemanggilan.bpmn');

describe('audit checkpoints over HTTP', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startApiServer([{ id: 'analis-1', roles: ['analis'] }, { id: 'jurusita-1', roles: ['jurusita'] }, { id: 'auditor-1', roles: ['auditor'] }]);
    expect((await call(api.url, 'POST', '/api/definitions', pemanggilan, api.as['analis-1'])).status).toBe(201);
    for (let i = 0; i < 2; i++) expect((await call(api.url, 'POST', '/api/cases', { processId: 'Pemanggilan' }, api.as['jurusita-1'])).status).toBe(201);
  });
  afterAll(async () => { await api.close(); });

  it('signs one for the auditor, lists it, gives its file, and the file proves the store', async () => {
    const made = await call(api.url, 'POST', '/api/audit/checkpoints', undefined, api.as['auditor-1']);
    expect(made).toMatchObject({ status: 201, body: { cases: 2, events: 2, name: expect.stringMatching(/^titik-periksa-.*\.json$/), fingerprint: expect.any(String) } });
    expect(made.body.heads).toBeUndefined();
    const list = await call(api.url, 'GET', '/api/audit/checkpoints', undefined, api.as['analis-1']);
    expect(list.body).toEqual([expect.objectContaining({ name: made.body.name, cases: 2 })]);
    const file = await fetch(`${api.url}/api/audit/checkpoints/${made.body.name}`, { headers: api.as['auditor-1'] });
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="${made.body.name}"`);
    const checkpoint = await file.json() as Checkpoint;
    expect(checkpointProblem(checkpoint)).toBeUndefined();
    expect(await checkAgainstCheckpoint(api.store, checkpoint)).toEqual([]);
  });

  it('refuses a pelaksana, and answers 404 for a name that is no checkpoint', async () => {
    expect(await call(api.url, 'POST', '/api/audit/checkpoints', undefined, api.as['jurusita-1'])).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect((await call(api.url, 'GET', '/api/audit/checkpoints', undefined, api.as['jurusita-1'])).status).toBe(403);
    for (const name of ['titik-periksa-tidak-ada.json', '..%2F..%2Fetc%2Fpasswd', 'protap.db']) {
      expect(await call(api.url, 'GET', `/api/audit/checkpoints/${name}`, undefined, api.as['auditor-1'])).toMatchObject({ status: 404, body: { code: 'CHECKPOINT_NOT_FOUND' } });
    }
  });
});

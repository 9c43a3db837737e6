/**
 * The log over HTTP shows who did what and when from the hashed entry, never from the side
 * columns a database holder could edit; replay names the forged column (issue 17, point 1).
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../server/spawnServer.ts';
import { fixture } from '../support/engineWith.ts';
import { startApiServer, type ApiServer } from '../support/apiServer.ts';

const pemanggilan = fixture(`${import.meta.dirname}/../runtime`, 'caseEngine.pemanggilan.bpmn');

describe('the log shows the hashed entry', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startApiServer([{ id: 'analis-1', roles: ['analis'] }, { id: 'jurusita-1', roles: ['jurusita'] }, { id: 'auditor-1', roles: ['auditor'] }]);
    expect((await call(api.url, 'POST', '/api/definitions', pemanggilan, api.as['analis-1'])).status).toBe(201);
  });
  afterAll(async () => { await api.close(); });

  it('keeps the real actor on the Audit screen when the actor column is forged, and replay names the column', async () => {
    const { id } = (await call(api.url, 'POST', '/api/cases', { processId: 'Pemanggilan' }, api.as['jurusita-1'])).body as { id: string };
    expect((await call(api.url, 'POST', `/api/cases/${id}/steps/Panggil/complete`, {}, api.as['jurusita-1'])).status).toBe(200);
    const db = new Database(api.store.path);
    try {
      db.exec('DROP TRIGGER case_log_no_update');
      db.prepare("UPDATE case_log SET actor = 'orang-lain', at = '2030-01-01T00:00:00Z' WHERE case_id = ? AND seq = 2").run(id);
    } finally {
      db.close();
    }
    const log = (await call(api.url, 'GET', `/api/cases/${id}/log`, undefined, api.as['auditor-1'])).body as { seq: number; actor: string; at: string }[];
    expect(log[1]).toMatchObject({ seq: 2, actor: 'jurusita-1' });
    expect(log[1]?.at).not.toBe('2030-01-01T00:00:00Z');
    const replay = (await call(api.url, 'GET', `/api/cases/${id}/replay`, undefined, api.as['auditor-1'])).body;
    expect(replay).toMatchObject({ intact: false, badSeq: 2, reason: expect.stringContaining('Kolom actor catatan #2 ("orang-lain")') });
  });
});

/**
 * The Audit screen's evidence and "check all cases" over HTTP (issue 17, point 5): one case's
 * evidence is signed, names the BPMN hash pinned at its start and the checkpoint that saw it, and
 * stops verifying once altered; checking every case runs as a background job an auditor starts
 * and everyone who oversees reads, and it names a case broken in the database.
 */
import Database from 'better-sqlite3';
import { generateKeyPairSync } from 'node:crypto';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../server/spawnServer.ts';
import { signingKey } from '../../src/audit/checkpoint.ts';
import { entryHash } from '../../src/chain/hashChain.ts';
import { evidenceProblem, type CaseEvidence } from '../../src/audit/evidence.ts';
import type { ReplayJob } from '../../src/audit/replayJob.ts';
import { fixture } from '../support/engineWith.ts';
import { startApiServer, type ApiServer } from '../support/apiServer.ts';

const pemanggilan = fixture(`${import.meta.dirname}/../runtime`, 'caseEngine.pemanggilan.bpmn');

describe('audit evidence and checking every case over HTTP', () => {
  let api: ApiServer;
  const cases: string[] = [];
  const start = async () => {
    const started = await call(api.url, 'POST', '/api/cases', { processId: 'Pemanggilan', businessKey: `W1/PDT.G/${cases.length + 1}` }, api.as['jurusita-1']);
    expect(started.status).toBe(201);
    cases.push(started.body.id as string);
    return started.body.id as string;
  };
  /** Starts a job as the auditor and reads it until it is no longer running. */
  const runJob = async (): Promise<ReplayJob> => {
    const started = await call(api.url, 'POST', '/api/audit/replay-all', undefined, api.as['auditor-1']);
    expect(started).toMatchObject({ status: 202, body: { id: expect.any(String), status: expect.stringMatching(/berjalan|selesai/) } });
    let job: ReplayJob | undefined;
    await expect.poll(async () => {
      job = (await call(api.url, 'GET', '/api/audit/replay-all', undefined, api.as['pimpinan-1'])).body as ReplayJob;
      return job.status;
    }, { timeout: 10_000, interval: 20 }).toBe('selesai');
    expect(job?.id).toBe(started.body.id);
    return job as ReplayJob;
  };

  beforeAll(async () => {
    api = await startApiServer([
      { id: 'analis-1', roles: ['analis'] }, { id: 'jurusita-1', roles: ['jurusita'] },
      { id: 'auditor-1', roles: ['auditor'] }, { id: 'pimpinan-1', roles: ['pimpinan'] },
    ]);
    expect((await call(api.url, 'POST', '/api/definitions', pemanggilan, api.as['analis-1'])).status).toBe(201);
    for (let i = 0; i < 3; i++) await start();
    expect((await call(api.url, 'POST', `/api/cases/${cases[0]}/steps/Panggil/complete`, {}, api.as['jurusita-1'])).status).toBe(200);
  });
  afterAll(async () => { await api.close(); });

  it('answers null while no job has ever run, and refuses a pelaksana', async () => {
    expect(await call(api.url, 'GET', '/api/audit/replay-all', undefined, api.as['auditor-1'])).toEqual({ status: 200, body: null });
    expect(await call(api.url, 'POST', '/api/audit/replay-all', undefined, api.as['jurusita-1'])).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect(await call(api.url, 'GET', '/api/audit/replay-all', undefined, api.as['jurusita-1'])).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect(await call(api.url, 'GET', `/api/cases/${cases[0]}/evidence`, undefined, api.as['jurusita-1'])).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
  });

  it('signs the evidence of an intact case: the pinned BPMN hash agrees and the checkpoint made before finds nothing', async () => {
    expect((await call(api.url, 'POST', '/api/audit/checkpoints', undefined, api.as['auditor-1'])).status).toBe(201);
    const answer = await fetch(`${api.url}/api/cases/${cases[0]}/evidence`, { headers: api.as['pimpinan-1'] });
    expect(answer.headers.get('content-disposition')).toBe(`attachment; filename="bukti-${cases[0]}.json"`);
    const evidence = await answer.json() as CaseEvidence;
    expect(evidenceProblem(evidence)).toBeUndefined();
    expect(evidenceProblem(evidence, signingKey(join(dirname(api.store.path), 'kunci-audit.pem')))).toBeUndefined();
    // Anyone can recompute every entry's hash from the evidence alone.
    for (const row of evidence.log) expect(entryHash(row.caseId, row.seq, row.prevHash, row.stateHash, row.entryText)).toBe(row.hash);
    expect(evidence.log.length).toBeGreaterThan(0);
    expect(evidence).toMatchObject({
      jenis: 'bukti audit Protap', format: 'protap-bukti/2', dibuatOleh: 'pimpinan-1',
      kasus: { id: cases[0], processId: 'Pemanggilan', version: 1, businessKey: 'W1/PDT.G/1', status: 'active' },
      definisi: { version: 1, sama: true },
      putusanReplay: { caseId: cases[0], intact: true, events: 2 },
      titikPeriksa: { name: expect.stringMatching(/^titik-periksa-.*\.json$/), revision: 2, findings: [] },
    });
    expect(evidence.definisi.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(evidence.definisi.sha256).toBe(evidence.definisi.sha256SaatMulai);
    expect(evidence.titikPeriksa?.hash).toBe(evidence.log[1]?.hash);
    expect(evidence.log.map((row) => [row.seq, row.actor, row.event])).toEqual([[1, 'jurusita-1', 'START'], [2, 'jurusita-1', 'COMPLETE.Panggil']]);
    expect(evidence.log[0]?.entry?.command.type).toBe('START');
  });

  it('no longer verifies once the file is altered, or against another office key', async () => {
    const evidence = (await call(api.url, 'GET', `/api/cases/${cases[1]}/evidence`, undefined, api.as['auditor-1'])).body as CaseEvidence;
    expect(evidenceProblem(evidence)).toBeUndefined();
    const forged = structuredClone(evidence);
    (forged.log[0] as { actor: string | null }).actor = 'orang-lain';
    expect(evidenceProblem(forged)).toMatch(/Tanda tangan bukti tidak cocok/);
    expect(evidenceProblem({ ...evidence, putusanReplay: { ...evidence.putusanReplay, intact: false } })).toMatch(/Tanda tangan bukti tidak cocok/);
    expect(evidenceProblem({ ...evidence, jenis: 'lain' })).toMatch(/bukan bukti audit Protap/);
    expect(evidenceProblem(evidence, generateKeyPairSync('ed25519').publicKey)).toMatch(/bukan kunci kantor/);
  });

  it('says so when no checkpoint holds the case yet, and answers 404 for an unknown case', async () => {
    const late = await start();
    const evidence = (await call(api.url, 'GET', `/api/cases/${late}/evidence`, undefined, api.as['auditor-1'])).body as CaseEvidence;
    expect(evidenceProblem(evidence)).toBeUndefined();
    expect(evidence.titikPeriksa).toBeNull();
    expect(evidence.tanpaTitikPeriksa).toMatch(/^Belum ada titik periksa yang mencakup kasus ini/);
    expect(await call(api.url, 'GET', '/api/cases/tidak-ada/evidence', undefined, api.as['auditor-1'])).toMatchObject({ status: 404, body: { code: 'CASE_NOT_FOUND' } });
  });

  it('checks every case in the background: all intact, and the store against the newest checkpoint', async () => {
    const job = await runJob();
    expect(job).toMatchObject({ status: 'selesai', checked: cases.length, total: cases.length, bad: [], finishedAt: expect.any(String) });
    expect(job.checkpoint).toMatchObject({ name: expect.stringMatching(/^titik-periksa-/), findings: [] });
    expect(job.checkpoint?.problem).toBeUndefined();
  });

  it('names a case broken in the database in the next job', async () => {
    const db = new Database(api.store.path);
    try {
      db.exec('DROP TRIGGER case_log_no_update');
      db.prepare("UPDATE case_log SET actor = 'orang-lain' WHERE case_id = ? AND seq = 1").run(cases[2]);
    } finally {
      db.close();
    }
    const job = await runJob();
    expect(job).toMatchObject({ status: 'selesai', checked: cases.length, total: cases.length });
    expect(job.bad).toEqual([{ caseId: cases[2], businessKey: 'W1/PDT.G/3', badSeq: 1, reason: expect.stringContaining('Kolom actor catatan #1 ("orang-lain")') }]);
  });
});

/**
 * Crash test (issue 4): a server process under load is killed with SIGKILL and started again on
 * the same SQLite file. Every command it acknowledged is in the log, every case replays clean,
 * and the timers that came due while it was down fire after the restart.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { replayAll } from '../../src/audit/replay.ts';
import { DurableEngine } from '../../src/store/durableEngine.ts';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.ts';
import { call, spawnServer as startServer, type ServerProcess } from '../../server/spawnServer.ts';

const BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:sop="urn:protap:sop:1.0" id="Defs_crash" targetNamespace="urn:protap:test">
  <bpmn:process id="Kilat" name="Surat kilat" isExecutable="true">
    <bpmn:laneSet id="LS"><bpmn:lane id="L" name="Petugas" sop:pelaksana="petugas" sop:atasan="kasubag">
      <bpmn:flowNodeRef>S</bpmn:flowNodeRef><bpmn:flowNodeRef>A</bpmn:flowNodeRef><bpmn:flowNodeRef>B</bpmn:flowNodeRef><bpmn:flowNodeRef>C</bpmn:flowNodeRef><bpmn:flowNodeRef>E</bpmn:flowNodeRef>
    </bpmn:lane></bpmn:laneSet>
    <bpmn:startEvent id="S"/>
    <bpmn:userTask id="A" name="Mencatat" sop:waktu="1 Hari"/>
    <bpmn:userTask id="B" name="Memeriksa" sop:waktu="1 Hari"/>
    <bpmn:userTask id="C" name="Mengirim" sop:waktu="1 Hari"/>
    <bpmn:endEvent id="E"/>
    <bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="A"/><bpmn:sequenceFlow id="f2" sourceRef="A" targetRef="B"/>
    <bpmn:sequenceFlow id="f3" sourceRef="B" targetRef="C"/><bpmn:sequenceFlow id="f4" sourceRef="C" targetRef="E"/>
  </bpmn:process>
  <bpmn:process id="Tunggu" name="Menunggu jawaban" isExecutable="true">
    <bpmn:startEvent id="S2"/>
    <bpmn:intermediateCatchEvent id="Jeda"><bpmn:timerEventDefinition><bpmn:timeDuration>PT4S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:userTask id="Tindak" name="Menindaklanjuti"/>
    <bpmn:endEvent id="E2"/>
    <bpmn:sequenceFlow id="g1" sourceRef="S2" targetRef="Jeda"/><bpmn:sequenceFlow id="g2" sourceRef="Jeda" targetRef="Tindak"/><bpmn:sequenceFlow id="g3" sourceRef="Tindak" targetRef="E2"/>
  </bpmn:process>
</bpmn:definitions>`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('crash: SIGKILL under load, then restart on the same database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'protap-crash-'));
  const servers: ServerProcess[] = [];
  afterAll(async () => { for (const s of servers) await s.stop('SIGKILL'); });

  it('loses no acknowledged command, replays every case clean, and fires the timers that came due while down', async () => {
    const env = { PROTAP_DATA: dir, PROTAP_ADMIN_PASSWORD: 'admin-uji-crash-123' };
    const first = await startServer(env);
    servers.push(first);
    const admin = { authorization: `Bearer ${(await call(first.url, 'POST', '/api/login', { id: 'admin', password: env.PROTAP_ADMIN_PASSWORD })).body.token}` };
    expect((await call(first.url, 'POST', '/api/users', { id: 'petugas-1', nama: 'Petugas', password: 'petugas-uji-123', roles: ['petugas', 'analis'], mustChangePassword: false }, admin)).status).toBe(201);
    const login = async (url: string) => ({ authorization: `Bearer ${(await call(url, 'POST', '/api/login', { id: 'petugas-1', password: 'petugas-uji-123' })).body.token}` });
    const petugas = await login(first.url);
    expect((await call(first.url, 'POST', '/api/definitions', BPMN, petugas)).status).toBe(201);
    const waiting: string[] = [];
    for (let i = 0; i < 10; i++) waiting.push((await call(first.url, 'POST', '/api/cases', { processId: 'Tunggu' }, petugas)).body.id);
    const timersDueBy = Date.now() + 4_000;

    // Acknowledged commands: case id → [revision, event] the server answered with.
    const acknowledged: { caseId: string; revision: number; event: string }[] = [];
    let load = true;
    const client = async () => {
      while (load) {
        try {
          const started = await call(first.url, 'POST', '/api/cases', { processId: 'Kilat' }, petugas);
          if (started.status !== 201) continue;
          acknowledged.push({ caseId: started.body.id, revision: started.body.revision, event: 'START' });
          for (const step of ['A', 'B', 'C']) {
            const done = await call(first.url, 'POST', `/api/cases/${started.body.id}/steps/${step}/complete`, {}, petugas);
            if (done.status !== 200) throw new Error(`langkah ${step}: ${done.status}`);
            acknowledged.push({ caseId: started.body.id, revision: done.body.revision, event: `COMPLETE.${step}` });
          }
        } catch {
          return; // the server is gone: whatever was not answered was never acknowledged
        }
      }
    };
    const clients = Array.from({ length: 8 }, client);
    await sleep(1_500);
    expect(await first.stop('SIGKILL')).toBe('SIGKILL');
    load = false;
    await Promise.all(clients);
    expect(acknowledged.length).toBeGreaterThan(50);
    await sleep(Math.max(0, timersDueBy - Date.now()) + 200);

    const second = await startServer(env);
    servers.push(second);
    // Sessions are in the store too: the token from before the crash still works.
    expect((await call(second.url, 'GET', '/api/me', undefined, petugas)).body.id).toBe('petugas-1');
    for (const ack of acknowledged) {
      const log = (await call(second.url, 'GET', `/api/cases/${ack.caseId}/log`, undefined, petugas)).body as { seq: number; event: string }[];
      expect(log.find((row) => row.seq === ack.revision)?.event, `${ack.caseId} #${ack.revision}`).toBe(ack.event);
    }
    // Timers that came due while no server ran fire at once after the restart.
    for (const id of waiting) {
      let view = (await call(second.url, 'GET', `/api/cases/${id}`, undefined, petugas)).body;
      for (let tries = 0; view.activeSteps[0]?.id !== 'Tindak' && tries < 50; tries++) {
        await sleep(100);
        view = (await call(second.url, 'GET', `/api/cases/${id}`, undefined, petugas)).body;
      }
      expect(view.activeSteps.map((s: { id: string }) => s.id)).toEqual(['Tindak']);
      expect(view.history.filter((h: { event: string }) => h.event === 'TIMER.Jeda')).toHaveLength(1);
    }
    expect(await second.stop('SIGTERM')).toBe(0);

    const store = new SqliteStore(join(dir, 'protap.db'));
    try {
      const summary = await replayAll(await DurableEngine.open({ store }));
      expect(summary.bad).toEqual([]);
      expect(summary.cases).toBeGreaterThanOrEqual(new Set(acknowledged.map((a) => a.caseId)).size + waiting.length);
    } finally {
      await store.close();
    }
  }, 120_000);
});

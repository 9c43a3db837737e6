/**
 * Crash test (issue 4): a server process under load is killed with SIGKILL and started again on
 * the same SQLite file. Every command it acknowledged is in the log, every case replays clean,
 * and the timers that were due but not yet delivered when it died fire as soon as it restarts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { replayAll } from '../../src/audit/replay.ts';
import { DurableEngine } from '../../src/store/durableEngine.ts';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.ts';
import { call, spawnServer as startServer, type ServerProcess } from '../../server/spawnServer.ts';
import { until } from '../support/until.ts';

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
    <bpmn:intermediateCatchEvent id="Jeda"><bpmn:timerEventDefinition><bpmn:timeDuration>PT0S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:userTask id="Tindak" name="Menindaklanjuti"/>
    <bpmn:endEvent id="E2"/>
    <bpmn:sequenceFlow id="g1" sourceRef="S2" targetRef="Jeda"/><bpmn:sequenceFlow id="g2" sourceRef="Jeda" targetRef="Tindak"/><bpmn:sequenceFlow id="g3" sourceRef="Tindak" targetRef="E2"/>
  </bpmn:process>
</bpmn:definitions>`;

/** Commands acknowledged under load before the server is killed. */
const LOAD = 100;

describe('crash: SIGKILL under load, then restart on the same database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'protap-crash-'));
  const servers: ServerProcess[] = [];
  afterAll(async () => { for (const s of servers) await s.stop('SIGKILL'); });

  it('loses no acknowledged command, replays every case clean, and fires at restart the timers it left due', async () => {
    // Each server looks for due timers once as it starts, and next an hour later: the "Tunggu"
    // timers (PT0S, due as they are set) are delivered by the restart's first look or not at all.
    const env = { PROTAP_DATA: dir, PROTAP_ADMIN_PASSWORD: 'admin-uji-crash-123', PROTAP_TIMER_POLL_MS: '3600000' };
    const first = await startServer(env);
    servers.push(first);
    const admin = { authorization: `Bearer ${(await call(first.url, 'POST', '/api/login', { id: 'admin', password: env.PROTAP_ADMIN_PASSWORD })).body.token}` };
    expect((await call(first.url, 'POST', '/api/users', { id: 'petugas-1', name: 'Petugas', password: 'petugas-uji-123', roles: ['petugas', 'analis'], mustChangePassword: false }, admin)).status).toBe(201);
    const login = async (url: string) => ({ authorization: `Bearer ${(await call(url, 'POST', '/api/login', { id: 'petugas-1', password: 'petugas-uji-123' })).body.token}` });
    const petugas = await login(first.url);
    expect((await call(first.url, 'POST', '/api/definitions', BPMN, petugas)).status).toBe(201);
    const waiting: string[] = [];
    for (let i = 0; i < 10; i++) waiting.push((await call(first.url, 'POST', '/api/cases', { processId: 'Tunggu' }, petugas)).body.id);

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
    await until(() => acknowledged.length >= LOAD, `${LOAD} perintah dijawab di bawah beban`, { timeoutMs: 60_000 });
    expect(await first.stop('SIGKILL')).toBe('SIGKILL');
    load = false;
    await Promise.all(clients);
    expect(acknowledged.length).toBeGreaterThanOrEqual(LOAD);

    const second = await startServer(env);
    servers.push(second);
    // Sessions are in the store too: the token from before the crash still works.
    expect((await call(second.url, 'GET', '/api/me', undefined, petugas)).body.id).toBe('petugas-1');
    for (const ack of acknowledged) {
      const log = (await call(second.url, 'GET', `/api/cases/${ack.caseId}/log`, undefined, petugas)).body as { seq: number; event: string }[];
      expect(log.find((row) => row.seq === ack.revision)?.event, `${ack.caseId} #${ack.revision}`).toBe(ack.event);
    }
    // Timers left due by the dead server fire at once after the restart.
    for (const id of waiting) {
      const read = async () => (await call(second.url, 'GET', `/api/cases/${id}`, undefined, petugas)).body;
      await until(async () => (await read()).activeSteps[0]?.id === 'Tindak', `timer kasus ${id} dijalankan`, { timeoutMs: 10_000, intervalMs: 100 });
      const view = await read();
      expect(view.activeSteps.map((s: { id: string }) => s.id)).toEqual(['Tindak']);
      expect(view.history.filter((h: { event: string }) => h.event === 'TIMER.Jeda')).toHaveLength(1);
    }
    // All ten were delivered by the restarted server (the first never looked again).
    const firedBy = (server: ServerProcess) => server.logs.filter((l) => l.msg === 'timer dijalankan').reduce((sum, l) => sum + (l.fired as number), 0);
    await until(() => firedBy(second) >= waiting.length, 'log "timer dijalankan" server kedua', { timeoutMs: 10_000 });
    expect(firedBy(second)).toBe(waiting.length);
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

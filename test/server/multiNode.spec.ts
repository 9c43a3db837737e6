/**
 * Multi-node test (issue 4): two server processes on one PostgreSQL database, 1,000 timers coming
 * due together. Timer rows are claimed with FOR UPDATE SKIP LOCKED and removed in the same
 * transaction that logs their event, so each fires exactly once, whichever process takes it.
 */
import { afterAll, expect, it } from 'vitest';
import { PostgresStore } from '../../src/store/postgres/postgresStore.ts';
import { DurableEngine } from '../../src/store/durableEngine.ts';
import { DATABASE_URL, describePostgres, dropSchemas, freshSchema, postgresAvailable } from '../support/postgres.ts';
import { spawnServer as startServer, type ServerProcess } from '../../server/spawnServer.ts';
import { until } from '../support/until.ts';

const available = await postgresAvailable();
const CASES = 1_000;
const WAIT = 30; // seconds between a case's start and its timer

const BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Defs_multi" targetNamespace="urn:protap:test">
  <bpmn:process id="Tunggu" name="Menunggu jawaban" isExecutable="true">
    <bpmn:startEvent id="S"/>
    <bpmn:intermediateCatchEvent id="Jeda"><bpmn:timerEventDefinition><bpmn:timeDuration>PT${WAIT}S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:userTask id="Tindak" name="Menindaklanjuti"/>
    <bpmn:endEvent id="E"/>
    <bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="Jeda"/><bpmn:sequenceFlow id="f2" sourceRef="Jeda" targetRef="Tindak"/><bpmn:sequenceFlow id="f3" sourceRef="Tindak" targetRef="E"/>
  </bpmn:process>
</bpmn:definitions>`;

describePostgres('two server processes on one PostgreSQL', available, () => {
  const schema = freshSchema();
  const servers: ServerProcess[] = [];
  const store = new PostgresStore(DATABASE_URL, { schema });
  afterAll(async () => {
    for (const s of servers) await s.stop('SIGKILL');
    await store.close();
    await dropSchemas([schema]);
  });

  it(`fires each of ${CASES} timers coming due together exactly once`, async () => {
    await store.migrate();
    const seeder = await DurableEngine.open({ store });
    await seeder.deployXml(BPMN);
    const env = { DATABASE_URL, PROTAP_PG_SCHEMA: schema, PROTAP_TIMER_POLL_MS: '50', PROTAP_TIMER_BATCH: '50' };
    servers.push(...(await Promise.all([startServer(env), startServer(env)])));

    // Every timer is due at the same instant, already past; both servers are paused (SIGSTOP)
    // while the cases are seeded and go on together once all 1,000 are waiting.
    for (const server of servers) expect(server.child.kill('SIGSTOP')).toBe(true);
    const due = Date.now();
    const at = new Date(due - WAIT * 1000).toISOString();
    let next = 0;
    const ids: string[] = [];
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (next < CASES) {
        next++;
        ids.push((await seeder.startCase('Tunggu', { at })).id);
      }
    }));
    expect(await store.countTimers()).toBe(CASES);
    for (const server of servers) expect(server.child.kill('SIGCONT')).toBe(true);

    await until(async () => (await store.countTimers()) === 0, `${CASES} timer dijalankan`, { timeoutMs: 90_000, intervalMs: 250 });

    // Log lines are written asynchronously: wait for the last ones.
    const firedBy = () => servers.map((s) => s.logs.filter((l) => l.msg === 'timer dijalankan').reduce((sum, l) => sum + (l.fired as number), 0));
    await until(() => firedBy().reduce((a, b) => a + b) >= CASES, 'log "timer dijalankan" kedua server', { timeoutMs: 10_000 });
    const fired = firedBy();
    expect((fired[0] ?? 0) + (fired[1] ?? 0)).toBe(CASES);
    expect(fired.every((n) => n > 0)).toBe(true);
    for (const id of ids) {
      const log = await store.log(id);
      expect(log.filter((row) => row.event === 'TIMER.Jeda').map((row) => Date.parse(row.at)), id).toEqual([due]);
    }
  }, 180_000);
});

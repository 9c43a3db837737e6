/**
 * Issue 18, point 6: while the server validates or deploys the largest BPMN it accepts (and refuses
 * one of 20,000 tasks), `/api/health` keeps answering. Measured against the same server checking in
 * its own thread, in one run: speed targets (p99 under 50 ms) are in `npm run bench`, not here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../server/spawnServer.ts';
import { BpmnWorker } from '../../src/runtime/bpmnWorker.ts';
import { startApiServer, type ApiServer } from '../support/apiServer.ts';
import { chainBpmn } from '../support/chainBpmn.ts';

/** Latencies of /api/health asked every 5 ms until `work` settles, and the longest pause of this thread's event loop meanwhile. */
async function healthDuring(url: string, work: Promise<unknown>): Promise<{ latencies: number[]; longestPause: number }> {
  let done = false;
  void work.finally(() => { done = true; });
  // The server is in this process: while its thread compiles, no timer here fires either, so the
  // gap between ticks is what a request arriving then would wait.
  let last = performance.now();
  let longestPause = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longestPause = Math.max(longestPause, now - last);
    last = now;
  }, 2);
  const latencies: number[] = [];
  try {
    while (!done) {
      const started = performance.now();
      expect((await call(url, 'GET', '/api/health')).status).toBe(200);
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await work;
  } finally {
    clearInterval(ticker);
  }
  return { latencies, longestPause };
}

describe('BPMN validated off the request thread', () => {
  let threaded: ApiServer;
  let inPlace: ApiServer;
  const people = [{ id: 'analis-1', roles: ['analis'] }];
  beforeAll(async () => {
    threaded = await startApiServer(people, undefined, { bpmn: new BpmnWorker() });
    inPlace = await startApiServer(people);
  });
  afterAll(async () => {
    await threaded?.engine.bpmn.close();
    await threaded?.close();
    await inPlace?.close();
  });

  it('answers health checks while the largest accepted diagram is validated and deployed', async () => {
    const big = chainBpmn(9_000, 'rantai_besar');
    const as = threaded.as['analis-1'];
    // The thread is loaded before anything is measured.
    expect((await call(threaded.url, 'POST', '/api/definitions/validate', chainBpmn(2), as)).body).toMatchObject({ valid: true });
    const validating = call(threaded.url, 'POST', '/api/definitions/validate', big, as);
    const onWorker = await healthDuring(threaded.url, validating);
    expect((await validating).body).toMatchObject({ valid: true, processes: ['rantai_besar'] });
    const blocking = call(inPlace.url, 'POST', '/api/definitions/validate', big, inPlace.as['analis-1']);
    const onServerThread = await healthDuring(inPlace.url, blocking);
    // Health kept answering on the worker's server; its thread paused a fraction of the one that compiled itself.
    expect(onWorker.latencies.length).toBeGreaterThan(5);
    expect(onWorker.longestPause * 4).toBeLessThan(onServerThread.longestPause);

    const deploying = call(threaded.url, 'POST', '/api/definitions', big, as);
    await healthDuring(threaded.url, deploying);
    expect(await deploying).toMatchObject({ status: 201, body: [{ processId: 'rantai_besar', version: 1 }] });
    // The deployed machine runs: a case starts at the first step.
    const started = await call(threaded.url, 'POST', '/api/cases', { processId: 'rantai_besar' }, as);
    expect(started.status).toBe(201);
  }, 120_000);

  it('refuses a diagram of 20,000 tasks with its reason, and an invalid one with its problems, from the worker', async () => {
    const as = threaded.as['analis-1'];
    const huge = await call(threaded.url, 'POST', '/api/definitions/validate', chainBpmn(20_000), as);
    expect(huge.body).toMatchObject({ valid: false, problems: [expect.objectContaining({ code: 'TOO_LARGE' })] });
    const broken = chainBpmn(3, 'rusak').replace('targetRef="t1"', 'targetRef="hilang"');
    const deploy = await call(threaded.url, 'POST', '/api/definitions', broken, as);
    expect(deploy).toMatchObject({ status: 422, body: { code: 'DEFINITION_INVALID', problems: [expect.objectContaining({ id: expect.any(String) })] } });
  }, 60_000);
});

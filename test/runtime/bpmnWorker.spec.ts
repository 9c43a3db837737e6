/**
 * BPMN checks on a worker thread (issue 18, point 6): the same answers as in place, while the
 * thread that answers requests stays free; a check that waits too long or one too many is refused.
 */
import { readFileSync } from 'node:fs';
import { getInitialSnapshot } from 'xstate';
import { afterAll, describe, expect, it } from 'vitest';
import { inPlaceChecker } from '../../src/runtime/bpmnChecker.ts';
import { BpmnWorker } from '../../src/runtime/bpmnWorker.ts';
import { chainBpmn } from '../support/chainBpmn.ts';

const SOP = new URL('../../processes/pidana/pidana-A.bpmn', import.meta.url);

/** The longest pause of this thread's event loop while `work` runs (a timer every 2 ms). */
async function longestPause(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 2);
  try {
    await work();
  } finally {
    clearInterval(ticker);
  }
  return Math.max(longest, performance.now() - last);
}

describe('BpmnWorker', () => {
  const worker = new BpmnWorker();
  afterAll(() => worker.close());

  it('compiles a catalogue SOP to the same machine as in place, and the machine runs', async () => {
    const xml = readFileSync(SOP, 'utf8');
    const [there, here] = await Promise.all([worker.load(xml, new Set()), inPlaceChecker.load(xml, new Set())]);
    expect(there.problems).toEqual([]);
    expect(there.definitions.map((d) => d.hash)).toEqual(here.definitions.map((d) => d.hash));
    expect(there.definitions.map((d) => d.sourceHash)).toEqual(here.definitions.map((d) => d.sourceHash));
    const [definition] = there.definitions;
    expect(definition?.steps.size).toBeGreaterThan(3);
    expect(getInitialSnapshot(definition!.machine, { vars: {} } as never).value).toEqual(getInitialSnapshot(here.definitions[0]!.machine, { vars: {} } as never).value);
  });

  it('finds the same problems as in place, naming the element', async () => {
    const broken = chainBpmn(3).replace('targetRef="t1"', 'targetRef="hilang"');
    const [there, here] = await Promise.all([worker.validate(broken, new Set()), inPlaceChecker.validate(broken, new Set())]);
    expect(there.valid).toBe(false);
    expect(there).toEqual(here);
  });

  it('keeps this thread free while it compiles the largest document accepted (measured against in place)', async () => {
    const big = chainBpmn(9_000);
    await worker.validate(chainBpmn(2), new Set()); // the thread is loaded before the comparison
    const onWorker = await longestPause(async () => expect((await worker.validate(big, new Set())).valid).toBe(true));
    const inPlace = await longestPause(async () => expect((await inPlaceChecker.validate(big, new Set())).valid).toBe(true));
    // In place, the loop stops for the whole compile; on the worker it only sends the text and reads the answer.
    expect(onWorker * 4).toBeLessThan(inPlace);
  }, 60_000);

  it('stops a check that runs too long, then works again on a fresh thread', async () => {
    const impatient = new BpmnWorker({ timeoutMs: 5 });
    try {
      await expect(impatient.validate(chainBpmn(9_000), new Set())).rejects.toMatchObject({ code: 'BPMN_TOO_SLOW', message: expect.stringContaining('tidak selesai') });
    } finally {
      await impatient.close();
    }
    const patient = new BpmnWorker();
    try {
      expect((await patient.validate(chainBpmn(3), new Set())).valid).toBe(true);
    } finally {
      await patient.close();
    }
  }, 60_000);

  it('refuses a check beyond the queue at once, and still answers the ones it holds', async () => {
    const small = new BpmnWorker({ maxPending: 1 });
    try {
      const first = small.validate(chainBpmn(50), new Set());
      await expect(small.validate(chainBpmn(50), new Set())).rejects.toMatchObject({ code: 'BPMN_BUSY' });
      expect((await first).valid).toBe(true);
    } finally {
      await small.close();
    }
  }, 60_000);
});

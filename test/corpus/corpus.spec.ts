/**
 * The public BPMN corpus (../shared/bpmn-corpus, 57 files written by others) through validate,
 * compile and simulate. Every file is listed with what must happen to it and why; a file whose
 * result changes fails here until this list and docs/bpmn-coverage.md say so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { validateFiles } from '../../src/cli/validate.ts';
import { loadDefinitions } from '../../src/runtime/loadDefinitions.ts';
import { simulate } from '../../src/runtime/simulate.ts';
import type { Definition } from '../../src/runtime/definition.ts';
import { describeWithFixture } from '../support/sharedFixtures.ts';

const corpus = resolve(import.meta.dirname, '../../../shared/bpmn-corpus');

/** Runs: validates, compiles and simulates to an end. Otherwise: the problem codes it must be rejected with. */
const expected: Record<string, 'runs' | string[]> = {
  'bpmnio/INVALID-duplicate-ids.bpmn': ['DUPLICATE_ID'],
  'bpmnio/boundary-events.bpmn': ['UNSUPPORTED_ELEMENT', 'NO_START'], // boundary events without a trigger; no start event
  'bpmnio/collaboration-message-flows.bpmn': ['NO_START'],
  'bpmnio/complex.bpmn': ['UNCONDITIONED_FLOW', 'BAD_TIMER', 'UNJOINED_SPLIT'], // modelling-only Signavio diagram
  'bpmnio/conditions.bpmn': ['IMPLICIT_SPLIT', 'NO_START'], // conditional flows straight out of a task
  'bpmnio/draw-call-activity.bpmn': ['UNKNOWN_CALLED_ELEMENT', 'NO_START'],
  'bpmnio/draw-events.bpmn': ['BAD_TIMER', 'UNSUPPORTED_ELEMENT'], // unconnected rendering fixture, empty timers
  'bpmnio/drilldown-collaboration-subprocesses.bpmn': ['BRANCH_ENDS', 'UNMATCHED_JOIN'],
  'bpmnio/event-subprocesses-expanded.bpmn': ['UNSUPPORTED_ELEMENT'], // event subprocesses
  'bpmnio/kitchen-sink.bpmn': ['UNSUPPORTED_ELEMENT', 'BAD_TIMER'], // complex gateway, transactions, empty timers
  'bpmnio/lanes-nested.bpmn': ['UNSUPPORTED_ELEMENT', 'NO_START'],
  'camunda/c7-BoundaryTimerNonInterruptingEventTest.testUpdateTimerRepeat.bpmn': ['SIDE_PATH'], // user task on a non-interrupting path
  'camunda/c7-HistoricActivityInstanceTest.testEvents.bpmn': ['UNJOINED_SPLIT', 'UNSUPPORTED_ELEMENT'],
  'camunda/c7-JobDefinitionQueryTest.testBase.bpmn': 'runs',
  'camunda/c7-StartTimerEventTest.testCycleDateStartTimerEvent.bpmn': ['BAD_TIMER'], // Quartz cron
  'camunda/c7-StartTimerEventTest.testExpressionStartTimerEvent.bpmn': ['BAD_TIMER'], // JUEL timer expression
  'camunda/c7-invoice.v2.bpmn': 'runs', // calls ReviewInvoice from c7-reviewInvoice.bpmn
  'camunda/c7-reviewInvoice.bpmn': 'runs',
  'camunda/c7-webapps-complex-process.bpmn': ['UNJOINED_SPLIT', 'UNMATCHED_JOIN', 'IMPLICIT_SPLIT'],
  'camunda/c7-webapps-failing-timer-start-event.bpmn': ['BAD_TIMER'], // durations in timeDate (deliberately broken)
  'camunda/c7ex-invoicePayment-bpmn-events.bpmn': 'runs',
  'camunda/c7ex-job-announcement-publication.bpmn': 'runs',
  'camunda/c7ex-job-announcement.bpmn': 'runs', // calls the publication process
  'camunda/c7ex-loan-granting.bpmn': ['UNSUPPORTED_ELEMENT', 'BAD_TIMER'], // multi-instance subprocess, cron
  'camunda/c7ex-order-handling.bpmn': ['UNSUPPORTED_ELEMENT', 'BAD_TIMER'], // conditional boundary, cron
  'camunda/c8-grpc-state-machine.bpmn': ['BAD_TIMER', 'UNCONDITIONED_FLOW'],
  'engine/bound-error-and-timer.bpmn': 'runs',
  'engine/boundary-non-interupting-timer.bpmn': ['UNMATCHED_JOIN', 'SIDE_PATH'],
  'engine/call-activity.bpmn': ['NO_START'],
  'engine/event-based-gateway.bpmn': ['UNMATCHED_JOIN'], // a parallel join after an event-based gateway would deadlock
  'engine/issue-31-cm.bpmn': ['UNMATCHED_JOIN', 'BAD_CONDITION', 'BAD_TIMER'],
  'engine/lanes.bpmn': 'runs',
  'engine/mother-of-all.bpmn': ['UNJOINED_SPLIT', 'UNMATCHED_JOIN'],
  'engine/timer-start-event.bpmn': ['UNMATCHED_JOIN'],
  'engine/timers.bpmn': ['BAD_TIMER'], // timers computed from expressions
  'engine/transaction.bpmn': ['UNSUPPORTED_ELEMENT'],
  'miwg/A.1.0.bpmn': 'runs',
  'miwg/A.2.0.bpmn': ['UNCONDITIONED_FLOW'], // layout test: gateways without conditions
  'miwg/A.2.1.bpmn': ['IMPLICIT_SPLIT', 'UNCONDITIONED_FLOW'],
  'miwg/A.3.0.bpmn': ['SUBPROCESS_START', 'SIDE_PATH'],
  'miwg/A.4.0.bpmn': ['IMPLICIT_SPLIT'],
  'miwg/A.4.1.bpmn': ['IMPLICIT_SPLIT'],
  'miwg/B.1.0.bpmn': ['BAD_TIMER', 'UNJOINED_SPLIT', 'UNKNOWN_CALLED_ELEMENT'],
  'miwg/B.2.0.bpmn': ['UNSUPPORTED_ELEMENT', 'UNJOINED_SPLIT'],
  'miwg/C.1.0.bpmn': ['BAD_TIMER'],
  'miwg/C.1.1.bpmn': ['BAD_CONDITION'], // XPath getDataObject conditions
  'miwg/C.2.0.bpmn': ['UNCONDITIONED_FLOW'],
  'miwg/C.3.0.bpmn': ['UNCONDITIONED_FLOW', 'BAD_CONDITION'],
  'miwg/C.4.0.bpmn': ['UNCONDITIONED_FLOW', 'UNSUPPORTED_ELEMENT'],
  'miwg/C.5.0.bpmn': ['UNCONDITIONED_FLOW'],
  'miwg/C.6.0.bpmn': ['BRANCH_ENDS', 'UNSUPPORTED_ELEMENT'], // compensation, event subprocess
  'miwg/C.7.0.bpmn': ['UNCONDITIONED_FLOW'],
  'miwg/C.8.0.bpmn': 'runs',
  'miwg/C.8.1.bpmn': 'runs',
  'miwg/C.9.0.bpmn': ['UNJOINED_SPLIT', 'UNSUPPORTED_ELEMENT'],
  'miwg/C.9.1.bpmn': 'runs',
  'miwg/C.9.2.bpmn': ['UNSUPPORTED_ELEMENT'], // event subprocesses
};

const files = Object.keys(expected).sort();
const runnable = files.filter((f) => expected[f] === 'runs');

describeWithFixture('public BPMN corpus', existsSync(corpus), '../shared/bpmn-corpus', () => {
  it('lists every corpus file', async () => {
    const { readdirSync } = await import('node:fs');
    const onDisk = ['bpmnio', 'camunda', 'engine', 'miwg'].flatMap((d) => readdirSync(resolve(corpus, d)).filter((f) => f.endsWith('.bpmn')).map((f) => `${d}/${f}`));
    expect(files).toEqual(onDisk.sort());
  });

  it('gives every file a result, rejects the unsupported ones with messages that name the element', async () => {
    const results = await validateFiles(files.map((f) => resolve(corpus, f)));
    for (const [i, result] of results.entries()) {
      const file = files[i] as string;
      const want = expected[file];
      if (want === 'runs') {
        expect(result.problems, file).toEqual([]);
        continue;
      }
      expect(result.ok, file).toBe(false);
      const codes = new Set(result.problems.map((p) => p.code));
      for (const code of want as string[]) expect(codes.has(code), `${file} should report ${code}`).toBe(true);
      for (const problem of result.problems) {
        expect(problem.message.length, `${file} ${problem.code}`).toBeGreaterThan(20);
        if (problem.id) expect(problem.message, `${file} ${problem.code}`).toContain(problem.id.slice(0, 8));
      }
    }
  });

  it('simulates every runnable file to an end', async () => {
    const definitions: Definition[] = [];
    const known = new Set<string>();
    // Micro processes first, so the files that call them resolve their calledElement.
    const ordered = [...runnable].sort((a, b) => Number(a.includes('invoice.v2') || a.endsWith('job-announcement.bpmn')) - Number(b.includes('invoice.v2') || b.endsWith('job-announcement.bpmn')));
    const mains: string[] = [];
    for (const file of ordered) {
      const loaded = await loadDefinitions(readFileSync(resolve(corpus, file), 'utf8'), known);
      expect(loaded.problems, file).toEqual([]);
      for (const d of loaded.definitions) known.add(d.processId);
      definitions.push(...loaded.definitions);
      mains.push(...loaded.definitions.map((d) => d.processId));
    }
    for (const processId of mains) {
      // The Camunda examples loop on `approved` (rework until approved), branch on `clarified`, and the
      // job announcement's publication asks `twitter` and `facebook` at its start (its start form).
      const result = simulate(definitions, { processId, from: '2026-02-02T08:00:00+07:00', vars: { approved: true, clarified: true, twitter: true, facebook: false } });
      expect(result.reason, processId).toBeUndefined();
      expect(['completed', 'terminated', 'failed'], `${processId} ended ${result.status}`).toContain(result.status);
      expect(result.path.length, processId).toBeGreaterThan(1);
    }
  });
});

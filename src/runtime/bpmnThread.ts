/**
 * The BPMN worker thread (see bpmnWorker.ts): reads, checks and compiles the documents it is sent,
 * one at a time, and answers with plain data.
 */
import { parentPort } from 'node:worker_threads';
import { toLoadData } from './bpmnChecker.ts';
import { loadDefinitions } from './loadDefinitions.ts';
import { validateBpmn } from './validateBpmn.ts';

export type BpmnJob = { id: number; kind: 'load' | 'validate'; xml: string; known: string[] };

const port = parentPort;
if (!port) throw new Error('bpmnThread.ts berjalan hanya sebagai worker thread');
port.on('message', (job: BpmnJob) => {
  const known = new Set(job.known);
  const work = job.kind === 'load' ? loadDefinitions(job.xml, known).then(toLoadData) : validateBpmn(job.xml, known);
  work.then(
    (result) => port.postMessage({ id: job.id, result }),
    (error: unknown) => port.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
port.postMessage({ ready: true });

/**
 * BPMN checks on a worker thread, so that reading and compiling a large document never holds the
 * thread that answers requests (issue 18, point 6). One thread, started on first use; checks are
 * queued to it in order. Bounds: at most `maxPending` checks wait (more are refused at once,
 * BPMN_BUSY), a check that runs longer than `timeoutMs` stops the thread (BPMN_TOO_SLOW; the next
 * check starts a fresh one), and the thread's heap is capped, so no document can take the server's
 * memory either.
 */
import { Worker } from 'node:worker_threads';
import { ProtapError } from './protapError.ts';
import { fromLoadData, type BpmnChecker, type LoadData } from './bpmnChecker.ts';
import type { BpmnJob } from './bpmnThread.ts';
import type { LoadResult } from './loadDefinitions.ts';
import type { Validation } from './validateBpmn.ts';

// Protap runs its TypeScript through tsx: the thread registers tsx first, then loads its module.
const BOOT = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./bpmnThread.ts', import.meta.url).href)}); })`;

export interface BpmnWorkerOptions {
  /** Checks that may wait at once (default 8). */
  maxPending?: number;
  /** The longest one check may take (default 30 s). */
  timeoutMs?: number;
  /** The thread's heap cap in MiB (default 1024). */
  heapMb?: number;
}

type Pending = { resolve(value: unknown): void; reject(error: Error): void; timer: NodeJS.Timeout };
type Answer = { ready: true } | { id: number; result: unknown } | { id: number; error: string };

export class BpmnWorker implements BpmnChecker {
  private worker?: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly maxPending: number;
  private readonly timeoutMs: number;
  private readonly heapMb: number;

  constructor(options: BpmnWorkerOptions = {}) {
    this.maxPending = options.maxPending ?? 8;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.heapMb = options.heapMb ?? 1024;
  }

  async load(xml: string, known: ReadonlySet<string>): Promise<LoadResult> {
    return fromLoadData(await this.run<LoadData>('load', xml, known));
  }

  validate(xml: string, known: ReadonlySet<string>): Promise<Validation> {
    return this.run<Validation>('validate', xml, known);
  }

  /** Starts the thread ahead of the first check (it takes about half a second to load). */
  warm(): void {
    this.thread();
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.stop(new ProtapError('BPMN_BUSY', 'Server sedang berhenti; diagram tidak diperiksa.'));
    await worker?.terminate();
  }

  private run<T>(kind: BpmnJob['kind'], xml: string, known: ReadonlySet<string>): Promise<T> {
    if (this.pending.size >= this.maxPending) {
      return Promise.reject(new ProtapError('BPMN_BUSY', `Server sedang memeriksa ${this.pending.size} diagram; kirim lagi sebentar lagi.`, { pending: this.pending.size }));
    }
    const worker = this.thread();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        // The thread is busy with this document and cannot be interrupted: it is stopped, and every check it held with it.
        const seconds = Math.round(this.timeoutMs / 1000);
        this.stop(new ProtapError('BPMN_TOO_SLOW', `Pemeriksaan diagram tidak selesai dalam ${seconds} detik dan dihentikan; pecah SOP menjadi SOP mikro.`, { seconds }));
        void worker.terminate();
      }, this.timeoutMs);
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      worker.postMessage({ id, kind, xml, known: [...known] } satisfies BpmnJob);
    });
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(BOOT, { eval: true, resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
    worker.unref();
    worker.on('message', (answer: Answer) => {
      if ('ready' in answer) return;
      const job = this.pending.get(answer.id);
      if (!job) return;
      this.pending.delete(answer.id);
      clearTimeout(job.timer);
      if ('error' in answer) job.reject(new Error(answer.error));
      else job.resolve(answer.result);
    });
    const lost = (why: string) => {
      if (this.worker !== worker) return;
      this.stop(new ProtapError('BPMN_TOO_SLOW', `Pemeriksaan diagram terhenti (${why}); pecah SOP menjadi SOP mikro.`));
    };
    worker.on('error', (error) => lost(error.message));
    worker.on('exit', (code) => lost(`thread berhenti dengan kode ${code}`));
    this.worker = worker;
    return worker;
  }

  /** Forgets the thread and refuses every check it held. */
  private stop(error: ProtapError): void {
    this.worker = undefined;
    for (const job of this.pending.values()) {
      clearTimeout(job.timer);
      job.reject(error);
    }
    this.pending.clear();
  }
}

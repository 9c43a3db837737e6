/**
 * `replay --all` on every core: case ids are read a page at a time and handed to worker threads,
 * each with its own store connection and its own compiled definitions; the verdicts come back to
 * this thread. Replay is CPU-bound (XState transitions, canonical JSON, SHA-256), so the workers
 * multiply its speed by about the number of cores.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ReplayReport } from '../audit/replay.ts';
import type { StoredCase } from './caseStore.ts';
import { openStore, type StoreSettings } from './openStore.ts';

export interface ReplaySummary {
  cases: number;
  events: number;
  bad: ReplayReport[];
}

// Protap runs its TypeScript through tsx: a worker registers tsx first, then loads its module.
const BOOT = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./replayWorker.ts', import.meta.url).href)}); })`;

type FromWorker = { ready: true } | { reports: ReplayReport[] } | { error: string };

/** Replays every case of the store the settings name; `onReport` sees each verdict as it arrives. */
export async function replayInParallel(settings: StoreSettings, options: { workers?: number; onReport?: (report: ReplayReport) => void } = {}): Promise<ReplaySummary> {
  const count = Math.max(1, options.workers ?? availableParallelism());
  const summary: ReplaySummary = { cases: 0, events: 0, bad: [] };
  const store = await openStore(settings);
  const workers = Array.from({ length: count }, () => new Worker(BOOT, { eval: true, workerData: settings }));
  try {
    // Each worker takes the next page when it has finished the last one.
    let afterId = '';
    let exhausted = false;
    const nextPage = async (): Promise<string[]> => {
      if (exhausted) return [];
      const page: StoredCase[] = await store.listCases({ afterId, limit: 200 });
      if (page.length === 0) exhausted = true;
      else afterId = (page[page.length - 1] as StoredCase).id;
      return page.map((c) => c.id);
    };
    await Promise.all(workers.map((worker) => new Promise<void>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('message', (message: FromWorker) => {
        if ('error' in message) return reject(new Error(message.error));
        if ('reports' in message) {
          for (const report of message.reports) {
            summary.cases++;
            summary.events += report.events;
            if (!report.utuh) summary.bad.push(report);
            options.onReport?.(report);
          }
        }
        nextPage().then((ids) => (ids.length > 0 ? worker.postMessage(ids) : resolve()), reject);
      });
    })));
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
    await store.close();
  }
  return summary;
}

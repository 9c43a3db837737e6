/**
 * "Periksa semua kasus" from the browser (issue 17, point 5): every case of the store replayed in
 * the server process, in the background, a page at a time, then the store checked against the
 * newest signed checkpoint. One job runs at a time per engine; the running one, or else the last
 * one finished, is kept in memory to be read while it runs and after. A restart forgets it: the
 * verdicts are recomputed by the next job, and `protap replay --all` stays the tool for a record.
 */
import { randomUUID } from 'node:crypto';
import type { StoredCase } from '../store/caseStore.ts';
import type { ReplayJob } from './auditShapes.ts';
import { checkAgainstCheckpoint, checkpointProblem, signingKey } from './checkpoint.ts';
import type { CheckpointPlaces } from './checkpointFiles.ts';
import { checkpointsNewestFirst } from './evidence.ts';
import { replayCases, type ReplaySource } from './replay.ts';

export type { ReplayJob } from './auditShapes.ts';

export type ReplayJobSource = ReplaySource & { clock(): string };

/**
 * Cases replayed between two turns of the event loop. Replay runs at about 40,000 events/s
 * (docs/benchmarks.md) and a case holds about 11 entries: 100 cases hold the server for ~30 ms.
 */
const PAGE = 100;

interface Runner { job: ReplayJob; running: boolean }

// Per engine: an app (or a test) with its own engine has its own job.
const runners = new WeakMap<object, Runner>();

/** Starts replaying every case in the background, unless a job is running already: then answers that one. */
export function startReplayAll(source: ReplayJobSource, places: CheckpointPlaces): ReplayJob {
  const current = runners.get(source);
  if (current?.running) return copy(current.job);
  const runner: Runner = { running: true, job: { id: randomUUID(), startedAt: source.clock(), status: 'berjalan', checked: 0, total: 0, bad: [] } };
  runners.set(source, runner);
  const finish = (status: ReplayJob['status'], error?: string) => {
    Object.assign(runner.job, { status, finishedAt: source.clock(), ...(error ? { error } : {}) });
    runner.running = false;
  };
  void run(source, places, runner.job).then(() => finish('selesai'),
    (error: unknown) => finish('gagal', `Pemeriksaan berhenti: ${error instanceof Error ? error.message : String(error)}`));
  return copy(runner.job);
}

/** The running job, or else the last one finished; undefined when none ever ran. */
export function replayJob(source: ReplayJobSource): ReplayJob | undefined {
  const runner = runners.get(source);
  return runner ? copy(runner.job) : undefined;
}

const copy = (job: ReplayJob): ReplayJob => structuredClone(job);

/** Lets requests waiting on the server in between pages. */
const nextTurn = () => new Promise<void>((resolve) => { setImmediate(resolve); });

async function run(source: ReplayJobSource, places: CheckpointPlaces, job: ReplayJob): Promise<void> {
  job.total = await countCases(source);
  const documents = new Map<string, string>();
  for (let afterId = ''; ;) {
    const page = await source.store.listCases({ afterId, limit: PAGE });
    if (page.length === 0) break;
    const reports = await replayCases(source, page, documents);
    reports.forEach((report, index) => {
      job.checked++;
      if (report.intact) return;
      const businessKey = page[index]?.businessKey;
      job.bad.push({ caseId: report.caseId, ...(businessKey ? { businessKey } : {}), ...(report.badSeq !== undefined ? { badSeq: report.badSeq } : {}), reason: report.reason ?? 'rusak' });
    });
    job.total = Math.max(job.total, job.checked);
    afterId = (page[page.length - 1] as StoredCase).id;
    await nextTurn();
  }
  const newest = await newestCheckpointCheck(source, places);
  if (newest) job.checkpoint = newest;
}

async function countCases(source: ReplaySource): Promise<number> {
  let count = 0;
  for (let afterId = ''; ;) {
    const page = await source.store.listCases({ afterId, limit: 1000 });
    if (page.length === 0) return count;
    count += page.length;
    afterId = (page[page.length - 1] as StoredCase).id;
    await nextTurn();
  }
}

/** The store against the newest checkpoint, once its signature and key hold. */
async function newestCheckpointCheck(source: ReplaySource, places: CheckpointPlaces): Promise<ReplayJob['checkpoint']> {
  const newest = checkpointsNewestFirst(places).next();
  if (newest.done) return undefined;
  const { name, checkpoint } = newest.value;
  const problem = checkpointProblem(checkpoint, signingKey(places.keyFile));
  if (problem) return { name, at: String(checkpoint.at), problem, findings: [] };
  return { name, at: checkpoint.at, findings: await checkAgainstCheckpoint(source.store, checkpoint) };
}

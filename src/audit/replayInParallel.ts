/**
 * `replay --all` on every core: case rows are read a page at a time; this thread replays pages
 * itself and hands others, with the definitions they need, to worker threads; the verdicts come
 * back here. Replay is CPU-bound (XState transitions, canonical JSON, SHA-256). A worker needs
 * 0.3–0.6 s to load its TypeScript through tsx, so workers start only for a store large enough
 * to repay that, and this thread replays from the first page on while they start. Workers compile
 * no BPMN: they make each machine from the compiled config this thread sends with the pages.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { replayCases, type ReplayReport, type ReplaySource } from './replay.ts';
import type { Definition } from '../runtime/definition.ts';
import { DefinitionRegistry } from '../runtime/definitionRegistry.ts';
import { loadDefinitions } from '../runtime/loadDefinitions.ts';
import type { CaseStore, DefinitionRow, StoredCase } from '../store/caseStore.ts';
import { openStore, type StoreSettings } from '../store/openStore.ts';

export interface ReplaySummary {
  cases: number;
  events: number;
  bad: ReplayReport[];
}

/** A definition as sent to a worker: everything but the machine, which the worker makes from `config`. */
export type DefinitionData = Omit<Definition, 'machine'> & { recompiled: boolean };

export type ToWorker = { definitions: DefinitionData[]; cases: StoredCase[] };
type FromWorker = { ready: true } | { reports: ReplayReport[] } | { error: string };

// Protap runs its TypeScript through tsx: a worker registers tsx first, then loads its module.
const BOOT = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./replayWorker.ts', import.meta.url).href)}); })`;

const PAGE = 200;
/**
 * A worker is ready only after 0.3–0.6 s (tsx, then its modules), and slows this thread while it
 * starts: below about 45,000 log entries (1.3 s on one thread) this thread alone is done sooner.
 * Measured on 2 cores: 38,500 entries 29,500/s with a worker, 30,800/s without; 55,000 entries 36,900/s with, 34,400/s without.
 */
const WORKERS_PAY_OFF = 45_000;
/** Pages a worker holds: one to replay and one waiting, so it never waits for this thread to finish a page of its own. */
const PAGES_AHEAD = 2;

export interface ParallelReplayOptions {
  /** Threads that replay, this one among them: one per core by default. */
  workers?: number;
  /** Sees each verdict as it arrives. */
  onReport?: (report: ReplayReport) => void;
  /** Every page goes to worker threads, however small the store (for tests of the workers). */
  workersOnly?: boolean;
}

/** Replays every case of the store the settings name, on several threads. */
export async function replayInParallel(settings: StoreSettings, options: ParallelReplayOptions = {}): Promise<ReplaySummary> {
  const summary: ReplaySummary = { cases: 0, events: 0, bad: [] };
  const tally = (reports: ReplayReport[]) => {
    for (const report of reports) {
      summary.cases++;
      summary.events += report.events;
      if (!report.intact) summary.bad.push(report);
      options.onReport?.(report);
    }
  };
  const store = await openStore(settings);
  const source = definitionsOnDemand(store);
  const pages = pagesOf(store);
  const threads = Math.max(1, options.workers ?? availableParallelism());
  const workersOnly = options.workersOnly === true && threads > 1;
  const worthWorkers = workersOnly || (threads > 1 && (await pages.holdAhead(WORKERS_PAY_OFF)));
  const workers = Array.from({ length: worthWorkers ? threads - 1 : 0 }, () => new Worker(BOOT, { eval: true, workerData: settings }));
  try {
    await new Promise<void>((resolve, reject) => {
      // Done when every page has been taken, this thread has replayed its own and the workers have answered for theirs.
      let pagesOut = 0;
      let allTaken = false;
      let ownDone = false;
      const finishIfDone = () => { if (allTaken && ownDone && pagesOut === 0) resolve(); };
      const sendPage = async (worker: Worker, sent: Set<string>) => {
        pagesOut++;
        const cases = await pages.next();
        if (cases.length > 0) {
          await source.ensureDefinitions(cases);
          worker.postMessage({ definitions: source.dataFor(cases, sent), cases } satisfies ToWorker);
        } else {
          allTaken = true;
          pagesOut--;
          finishIfDone();
        }
      };
      for (const worker of workers) {
        const sent = new Set<string>();
        worker.on('error', reject);
        worker.on('exit', (code) => { if (code !== 0) reject(new Error(`Thread replay berhenti dengan kode ${code}.`)); });
        worker.on('message', (message: FromWorker) => {
          if ('error' in message) return reject(new Error(message.error));
          if ('reports' in message) {
            pagesOut--;
            tally(message.reports);
          }
          const wanted = 'ready' in message ? PAGES_AHEAD : 1;
          for (let i = 0; i < wanted; i++) sendPage(worker, sent).catch(reject);
        });
      }
      void (async () => {
        const documents = new Map<string, string>();
        for (let cases = workersOnly ? [] : await pages.next(); cases.length > 0; cases = await pages.next()) {
          tally(await replayCases(source, cases, documents));
          // SQLite reads never leave the event loop: let the workers' verdicts and requests in between pages.
          await new Promise((next) => setImmediate(next));
        }
        if (!workersOnly) allTaken = true;
        ownDone = true;
        finishIfDone();
      })().catch(reject);
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
    await store.close();
  }
  return summary;
}

interface Pages {
  /** The next page, in id order; pages are read one after another even when asked for together. */
  next(): Promise<StoredCase[]>;
  /** Reads pages ahead until they hold `events` log entries (by the cases' revisions); false when the store ends first. */
  holdAhead(events: number): Promise<boolean>;
}

function pagesOf(store: CaseStore): Pages {
  let afterId = '';
  let exhausted = false;
  let previous: Promise<unknown> = Promise.resolve();
  const held: StoredCase[][] = [];
  let heldEvents = 0;
  const eventsOf = (cases: StoredCase[]) => cases.reduce((sum, c) => sum + c.revision, 0);
  const read = () => {
    const page = previous.then(async () => {
      if (exhausted) return [];
      const cases = await store.listCases({ afterId, limit: PAGE });
      if (cases.length < PAGE) exhausted = true;
      if (cases.length > 0) afterId = (cases[cases.length - 1] as StoredCase).id;
      return cases;
    });
    previous = page.catch(() => {});
    return page;
  };
  return {
    async next() {
      const page = held.shift();
      if (!page) return read();
      heldEvents -= eventsOf(page);
      return page;
    },
    async holdAhead(events) {
      while (heldEvents < events) {
        const page = await read();
        if (page.length === 0) return false;
        held.push(page);
        heldEvents += eventsOf(page);
      }
      return true;
    },
  };
}

/**
 * The definition versions a replay meets, compiled from the store when a case first needs one
 * and loaded as DurableEngine loads them back (every deployed process known to call activities,
 * a version whose compiled hash differs noted as recompiled), without the engine's compiling
 * every deployed version up front.
 */
function definitionsOnDemand(store: CaseStore): ReplaySource & { dataFor(cases: readonly StoredCase[], sent: Set<string>): DefinitionData[] } {
  const registry = new DefinitionRegistry();
  const loaded = new Set<string>();
  const recompiled = new Set<string>();
  const keyOf = (processId: string, version: number) => `${processId}@${version}`;
  const load = async (cases: readonly StoredCase[]) => {
    const missing = new Set(cases.map((c) => keyOf(c.processId, c.definitionVersion)).filter((key) => !loaded.has(key)));
    if (missing.size === 0) return;
    const rows = await store.definitions();
    const known = new Set(rows.map((row) => row.processId));
    const byXml = new Map<string, DefinitionRow[]>();
    for (const row of rows) if (missing.has(keyOf(row.processId, row.version))) byXml.set(row.xml, [...(byXml.get(row.xml) ?? []), row]);
    for (const [xml, group] of byXml) {
      const { definitions } = await loadDefinitions(xml, known);
      for (const row of group) {
        const definition = definitions.find((d) => d.processId === row.processId);
        if (!definition) continue;
        registry.add(definition, row.version);
        loaded.add(keyOf(row.processId, row.version));
        if (definition.hash !== row.hash) recompiled.add(keyOf(row.processId, row.version));
      }
    }
    // A version that is not deployed or no longer compiles is refused here, as DurableEngine refuses it.
    for (const c of cases) registry.get(c.processId, c.definitionVersion);
  };
  // One load at a time: pages asked for together must not compile the same document twice.
  let loading: Promise<unknown> = Promise.resolve();
  return {
    store,
    ensureDefinitions(cases) {
      const done = loading.then(() => load(cases));
      loading = done.catch(() => {});
      return done;
    },
    definition: (processId, version) => registry.get(processId, version),
    isRecompiled: (processId, version) => recompiled.has(keyOf(processId, version)),
    dataFor(cases, sent) {
      const data: DefinitionData[] = [];
      for (const c of cases) {
        const key = keyOf(c.processId, c.definitionVersion);
        if (sent.has(key)) continue;
        sent.add(key);
        const { machine: _machine, ...definition } = registry.get(c.processId, c.definitionVersion);
        data.push({ ...definition, recompiled: recompiled.has(key) });
      }
      return data;
    },
  };
}

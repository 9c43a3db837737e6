/**
 * The durable runtime under load (`npm run bench` calls `durableSection`): step completions/s over
 * SQLite (synchronous NORMAL and FULL) and PostgreSQL beside the in-memory engine, memory with many
 * open cases, timer firing lag with a million pending timer rows, and replay speed. Every scenario
 * checks its own outcome and throws when the run it measured was broken. Over 500 lines on purpose:
 * the scenarios share one case driver, one set of fixtures and checks, and the section's text.
 *
 * Environment (defaults keep the whole section near 3 minutes on a 2-core machine):
 *   BENCH_DURABLE_CASES           cases per SQLite throughput run, NORMAL and FULL; the NORMAL store is then replayed (default 20000)
 *   BENCH_DURABLE_PG_CASES        cases of the PostgreSQL run (default min(500, BENCH_DURABLE_CASES))
 *   BENCH_DURABLE_SERIAL_CASES    cases of each one-client SQLite run, NORMAL and FULL (default 300)
 *   BENCH_DURABLE_CLIENTS         concurrent in-process clients (default 64)
 *   BENCH_DURABLE_OPEN_CASES      open cases of the memory run (default 100000)
 *   BENCH_DURABLE_PENDING_TIMERS  synthetic pending timer rows of the lag run (default 1000000)
 *   BENCH_DURABLE_TIMER_CASES     real cases whose timers are timed in the lag run (default 1000)
 *   DATABASE_URL                  PostgreSQL (default postgres://postgres@127.0.0.1:5432/test; skipped when unreachable)
 *
 * One scenario runs in a child process of its own: `node --expose-gc --import tsx bench/durable.ts
 * memory <dir> <cases> <clients>` (so the memory figure is not the heap the earlier benchmarks left).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { replayAll } from '../src/audit/replay.ts';
import { replayInParallel } from '../src/audit/replayInParallel.ts';
import type { TimerRow } from '../src/runtime/caseRecord.ts';
import type { CommandAnswer } from '../src/runtime/caseView.ts';
import type { CaseStore } from '../src/store/caseStore.ts';
import { DurableEngine } from '../src/store/durableEngine.ts';
import { PostgresStore } from '../src/store/postgres/postgresStore.ts';
import { SqliteStore } from '../src/store/sqlite/sqliteStore.ts';
import { answersFor, runProtap, settle } from './engines.ts';
import { SERVER_NODE_ARGS } from '../server/spawnServer.ts';

const root = resolve(import.meta.dirname, '..');
const thisFile = fileURLToPath(import.meta.url);
const TEN_STEPS = resolve(root, 'bench/fixtures/tenSteps.bpmn');
/** Without `lengkap: true` the rework gateway of the 10-step SOP sends every case back to step 1 for ever. */
// Case data the cases carry from their start (the memory figures were measured with it); "Lengkap?" is answered on Langkah 5's form.
const vars = { environment: { variables: { lengkap: true } } };
const BASE = Date.parse('2026-01-05T08:00:00+07:00');
const iso = (ms: number) => new Date(ms).toISOString();
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mb = (bytes: number) => bytes / 2 ** 20;

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A small process for the lag run: start → wait 2 s (intermediate timer) → one user task → end. */
export const TIMER_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="BenchTimer" targetNamespace="urn:protap:bench">
  <bpmn:process id="tungguDuaDetik" name="Tunggu dua detik" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:intermediateCatchEvent id="Tunggu" name="Dua detik berlalu">
      <bpmn:timerEventDefinition id="Ted_tunggu"><bpmn:timeDuration>PT2S</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:userTask id="Periksa" name="Memeriksa" />
    <bpmn:endEvent id="End" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Tunggu" />
    <bpmn:sequenceFlow id="F2" sourceRef="Tunggu" targetRef="Periksa" />
    <bpmn:sequenceFlow id="F3" sourceRef="Periksa" targetRef="End" />
  </bpmn:process>
</bpmn:definitions>`;

export interface ThroughputFigures {
  label: string;
  clients: number;
  cases: number;
  steps: number;
  /** Starts and completions: one transaction each. */
  commands: number;
  seconds: number;
  stepsPerSecond: number;
}

/** A fresh temporary folder for SQLite files; remove it with `rmSync(dir, { recursive: true, force: true })`. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'protap-bench-'));
}

async function openEngine(store: CaseStore, xml: string): Promise<{ engine: DurableEngine; processId: string }> {
  const engine = await DurableEngine.open({ store });
  const [definition] = await engine.deployXml(xml);
  if (!definition) throw new Error('no process in the BPMN');
  return { engine, processId: definition.processId };
}

/**
 * `clients` concurrent loops, each taking the next case number, starting that case and completing
 * its open step until it ends (case i starts 7 minutes after case i-1, each step takes an hour).
 */
export async function driveTenSteps(engine: DurableEngine, processId: string, cases: number, clients: number, label: string): Promise<ThroughputFigures> {
  let next = 0;
  let steps = 0;
  const client = async () => {
    for (let i = next++; i < cases; i = next++) {
      let now = BASE + i * 7 * 60_000;
      let view: CommandAnswer = await engine.startCase(processId, { vars, at: iso(now) });
      let taken = 0;
      while (view.status === 'active') {
        const step = view.activeSteps[0];
        if (!step) throw new Error(`${label}: case ${view.id} waits without an open step`);
        if (++taken > 10) throw new Error(`${label}: case ${view.id} went past 10 steps (rework loop?)`);
        now += 3_600_000;
        const data = answersFor(step.form);
        view = await engine.completeStep(view.id, step.id, { at: iso(now), ...(data ? { data } : {}) });
        steps++;
      }
      if (view.status !== 'completed' || taken !== 10) throw new Error(`${label}: case ${view.id} ended ${view.status} after ${taken} steps`);
    }
  };
  settle();
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: clients }, client));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // The store must agree: every case completed, none left active.
  const completed = await engine.store.listCases({ processId, status: 'completed' });
  const active = await engine.store.listCases({ processId, status: 'active', limit: 1 });
  if (completed.length !== cases || active.length !== 0 || steps !== cases * 10) {
    throw new Error(`${label}: ${completed.length} of ${cases} cases completed in the store, ${active.length ? 'some' : 'none'} active, ${steps} steps`);
  }
  return { label, clients, cases, steps, commands: cases + steps, seconds, stepsPerSecond: steps / seconds };
}

let runs = 0;

/** A throughput run on a new SQLite file; the store is left open (for replay) — close it yourself. */
export async function sqliteThroughput(dir: string, synchronous: 'NORMAL' | 'FULL', cases: number, clients: number): Promise<{ figures: ThroughputFigures; engine: DurableEngine }> {
  const store = new SqliteStore(join(dir, `throughput-${++runs}-${synchronous.toLowerCase()}-${clients}.db`), { synchronous });
  const { engine, processId } = await openEngine(store, readFileSync(TEN_STEPS, 'utf8'));
  const figures = await driveTenSteps(engine, processId, cases, clients, `SQLite synchronous=${synchronous}, ${clients} client${clients === 1 ? '' : 's'}`);
  return { figures, engine };
}

/** Whether PostgreSQL answers at `url` within a few seconds. */
export async function postgresReachable(url = DATABASE_URL): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** A throughput run in a fresh PostgreSQL schema, dropped afterwards. */
export async function postgresThroughput(cases: number, clients: number, url = DATABASE_URL): Promise<ThroughputFigures> {
  const schema = `bench_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const store = new PostgresStore(url, { schema });
  try {
    const { engine, processId } = await openEngine(store, readFileSync(TEN_STEPS, 'utf8'));
    return await driveTenSteps(engine, processId, cases, clients, `PostgreSQL, ${clients} clients`);
  } finally {
    await store.close();
    await dropSchema(url, schema);
  }
}

export interface ReplayFigures {
  cases: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

/** `replayAll` over every case of the engine's store; throws when a case is not intact or the count is off. */
export async function measureReplay(engine: DurableEngine, expected: { cases: number; events: number }): Promise<ReplayFigures> {
  settle();
  const started = process.hrtime.bigint();
  const summary = await replayAll(engine);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (summary.bad.length > 0) throw new Error(`replay: ${summary.bad.length} cases not intact, first ${summary.bad[0]?.caseId}: ${summary.bad[0]?.reason}`);
  if (summary.cases !== expected.cases || summary.events !== expected.events) {
    throw new Error(`replay: ${summary.cases} cases / ${summary.events} events, expected ${expected.cases} / ${expected.events}`);
  }
  return { cases: summary.cases, events: summary.events, seconds, eventsPerSecond: summary.events / seconds };
}

/**
 * `protap replay --all`'s way, timed whole (opening the store, starting the worker threads and
 * closing included): one replaying thread per core, this one among them.
 */
export async function measureParallelReplay(file: string, expected: { cases: number; events: number }): Promise<ReplayFigures & { threads: number }> {
  settle();
  const started = process.hrtime.bigint();
  const threads = availableParallelism();
  const summary = await replayInParallel({ dataDir: dirname(file), sqliteFile: file }, { workers: threads });
  const ended = process.hrtime.bigint();
  if (summary.bad.length > 0 || summary.cases !== expected.cases || summary.events !== expected.events) {
    throw new Error(`parallel replay: ${summary.cases} cases / ${summary.events} events, ${summary.bad.length} not intact; expected ${expected.cases} / ${expected.events}`);
  }
  const seconds = Number(ended - started) / 1e9;
  return { cases: summary.cases, events: summary.events, seconds, eventsPerSecond: summary.events / seconds, threads };
}

export interface MemoryFigures {
  cases: number;
  clients: number;
  startSeconds: number;
  rssBeforeMb: number;
  heapBeforeMb: number;
  rssAfterMb: number;
  heapAfterMb: number;
  /** Peak resident set of the child process over the whole run. */
  maxRssMb: number;
  /** Database file plus its WAL, after the store was closed (WAL checkpointed). */
  fileMb: number;
  /** A case picked at random while starting, for the reopen check. */
  sampleCaseId: string;
  path: string;
}

/**
 * In this process: opens a SQLite (NORMAL) store at `path`, starts `cases` cases of the 10-step
 * SOP (each stays open at its first step) with `clients` concurrent clients, collects garbage and
 * reads RSS and heap before and after.
 */
export async function memoryWithOpenCases(path: string, cases: number, clients: number): Promise<MemoryFigures> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('memory run needs node --expose-gc');
  const store = new SqliteStore(path, { synchronous: 'NORMAL' });
  const { engine, processId } = await openEngine(store, readFileSync(TEN_STEPS, 'utf8'));
  // One case first, so that "before" includes a compiled, exercised definition.
  await engine.startCase(processId, { vars, at: iso(BASE) });
  gc();
  const before = process.memoryUsage();
  const sample = Math.floor(Math.random() * cases);
  let sampleCaseId = '';
  let next = 0;
  const client = async () => {
    for (let i = next++; i < cases; i = next++) {
      const view = await engine.startCase(processId, { vars, at: iso(BASE + (i + 1) * 30_000) });
      if (view.status !== 'active' || view.activeSteps.length !== 1 || view.activeSteps[0]?.id !== 'T1') throw new Error(`memory: case ${view.id} is not open at T1`);
      if (i === sample) sampleCaseId = view.id;
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: clients }, client));
  const startSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  gc();
  gc();
  const after = process.memoryUsage();
  await store.close();
  const fileBytes = [path, `${path}-wal`].filter(existsSync).reduce((sum, file) => sum + statSync(file).size, 0);
  return {
    cases, clients, startSeconds,
    rssBeforeMb: mb(before.rss), heapBeforeMb: mb(before.heapUsed), rssAfterMb: mb(after.rss), heapAfterMb: mb(after.heapUsed),
    maxRssMb: process.resourceUsage().maxRSS / 1024, fileMb: mb(fileBytes), sampleCaseId, path,
  };
}

/** `memoryWithOpenCases` in a child process (fresh heap, Node started with `nodeArgs`), its figures read from the child's last line. */
export function memoryInChild(path: string, cases: number, clients: number, nodeArgs: readonly string[] = []): Promise<MemoryFigures> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, '--expose-gc', '--import', 'tsx', thisFile, 'memory', path, String(cases), String(clients)], {
      cwd: root, stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`memory child exited with ${code}`));
      try {
        resolvePromise(JSON.parse(out.trim().split('\n').pop() ?? '') as MemoryFigures);
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** Removes a SQLite file with its WAL and shared-memory files. */
function removeDatabase(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
}

export interface ReopenFigures {
  openMs: number;
  completeMs: number;
  openSteps: number;
}

/**
 * A new store and DurableEngine on the memory run's file: checks that every case is open at its
 * first step, and times opening and completing the first step of the sampled case.
 */
export async function reopenAndComplete(memory: MemoryFigures): Promise<ReopenFigures> {
  const t0 = process.hrtime.bigint();
  const store = new SqliteStore(memory.path, { synchronous: 'NORMAL' });
  const engine = await DurableEngine.open({ store });
  const t1 = process.hrtime.bigint();
  try {
    const view = await engine.completeStep(memory.sampleCaseId, 'T1', { at: iso(BASE + 400 * 86_400_000) });
    const t2 = process.hrtime.bigint();
    if (view.status !== 'active' || view.revision !== 2 || view.activeSteps[0]?.id !== 'T2') throw new Error(`reopen: case ${view.id} did not move to T2`);
    const steps = await store.openSteps();
    const cases = new Set(steps.map((s) => s.caseId));
    // Cases started: the sampled run's plus the one "before" case; one of them is now at T2.
    const atT1 = steps.filter((s) => s.stepId === 'T1').length;
    if (steps.length !== memory.cases + 1 || cases.size !== memory.cases + 1 || atT1 !== memory.cases) {
      throw new Error(`reopen: ${steps.length} open steps in ${cases.size} cases (${atT1} at T1), expected ${memory.cases + 1}`);
    }
    return { openMs: Number(t1 - t0) / 1e6, completeMs: Number(t2 - t1) / 1e6, openSteps: steps.length };
  } finally {
    await store.close();
  }
}

export interface TimerFigures {
  pendingRows: number;
  insertSeconds: number;
  cases: number;
  fired: number;
  polls: number;
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
  /** Lag to the moment the engine wrote the row (its clock inside the transaction), before COMMIT. */
  flushLagP99Ms: number;
  fileMb: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;

/**
 * Firing lag under a million pending timers, on SQLite (synchronous FULL, the store's default):
 * `pendingRows` synthetic timer rows due in 2099 go in directly through store transactions (they
 * belong to no case: pure pending load on the timer table and its index); then `cases` real cases
 * of TIMER_BPMN start over about one second of wall time, each at the real now, so their timers
 * come due 2 s later, while the timer service polls every 100 ms with the real clock. Lag = the
 * end of the fireDueBatch call (its COMMIT) that delivered a case's timer − the timer's due time.
 */
export async function timerLag(dir: string, pendingRows: number, cases: number, clients: number): Promise<TimerFigures> {
  const path = join(dir, 'timers.db');
  const store = new SqliteStore(path);
  try {
    const { engine, processId } = await openEngine(store, TIMER_BPMN);

    const chunk = 20_000;
    const far = Date.parse('2099-01-01T00:00:00Z');
    const insertStarted = process.hrtime.bigint();
    for (let from = 0; from < pendingRows; from += chunk) {
      const set: TimerRow[] = [];
      for (let i = from; i < Math.min(pendingRows, from + chunk); i++) {
        set.push({ caseId: `beban-${String(i).padStart(7, '0')}`, key: 'Tunggu', due: iso(far + i * 1000), event: 'TIMER.Tunggu' });
      }
      await store.transaction(async (tx) => tx.write([], { clearedCases: [], removed: [], set }));
    }
    const insertSeconds = Number(process.hrtime.bigint() - insertStarted) / 1e9;
    if ((await store.countTimers()) !== pendingRows) throw new Error(`timers: ${await store.countTimers()} rows stored, expected ${pendingRows}`);

    // Each call of the service is timed: a case's timer was committed at the end of the call
    // whose interval holds the instant the engine stamped on the case row.
    const calls: { start: number; end: number; fired: number }[] = [];
    const fire = engine.fireDueBatch.bind(engine);
    engine.fireDueBatch = async (now, limit) => {
      const start = Date.now();
      const fired = await fire(now, limit);
      calls.push({ start, end: Date.now(), fired });
      return fired;
    };
    settle();
    const service = engine.startTimerService({ pollMs: 100 });
    const ids: string[] = [];
    let next = 0;
    const t0 = Date.now();
    const spread = 1000;
    const client = async () => {
      for (let i = next++; i < cases; i = next++) {
        const wait = t0 + (i * spread) / cases - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const view = await engine.startCase(processId, { at: new Date().toISOString() });
        if (view.status !== 'active' || view.activeSteps.length !== 0) throw new Error(`timers: case ${view.id} did not wait at its timer`);
        ids.push(view.id);
      }
    };
    try {
      await Promise.all(Array.from({ length: clients }, client));
      const deadline = Date.now() + 60_000;
      while (calls.reduce((n, c) => n + c.fired, 0) < cases) {
        if (Date.now() > deadline) throw new Error(`timers: only ${calls.reduce((n, c) => n + c.fired, 0)} of ${cases} fired within a minute`);
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await service.stop();
    }

    const fired = calls.reduce((n, c) => n + c.fired, 0);
    if (fired !== cases) throw new Error(`timers: ${fired} rows delivered for ${cases} cases`);
    const lags: number[] = [];
    const flushLags: number[] = [];
    for (const id of ids) {
      const row = await store.getCase(id);
      const log = await store.log(id);
      const timerEntries = log.filter((e) => e.event.startsWith('TIMER.'));
      const startEntry = log[0];
      if (!row || row.status !== 'active' || row.revision !== 2 || timerEntries.length !== 1 || !startEntry || (await store.timers(id)).length !== 0) {
        throw new Error(`timers: case ${id} has ${timerEntries.length} timer entries, revision ${row?.revision}, status ${row?.status}`);
      }
      const due = Date.parse((timerEntries[0] as { at: string }).at);
      if (due - Date.parse(startEntry.at) !== 2000) throw new Error(`timers: case ${id} timer due ${due - Date.parse(startEntry.at)} ms after its start`);
      const flushed = Date.parse(row.updatedAt);
      const call = calls.find((c) => c.fired > 0 && c.start <= flushed && flushed <= c.end);
      if (!call) throw new Error(`timers: no service call holds the write of case ${id} at ${row.updatedAt}`);
      lags.push(call.end - due);
      flushLags.push(flushed - due);
    }
    if ((await store.countTimers()) !== pendingRows) throw new Error('timers: the synthetic pending rows changed');
    lags.sort((a, b) => a - b);
    flushLags.sort((a, b) => a - b);
    await store.close();
    const fileBytes = [path, `${path}-wal`].filter(existsSync).reduce((sum, file) => sum + statSync(file).size, 0);
    return {
      pendingRows, insertSeconds, cases, fired, polls: calls.length,
      lagP50Ms: percentile(lags, 50), lagP99Ms: percentile(lags, 99), lagMaxMs: lags[lags.length - 1] as number,
      flushLagP99Ms: percentile(flushLags, 99), fileMb: mb(fileBytes),
    };
  } finally {
    await store.close().catch(() => {});
  }
}

/** Runs every durable scenario and writes its part of docs/benchmarks.md through `say`. */
export async function durableSection(say: (line?: string) => void): Promise<void> {
  const sqliteCases = env('BENCH_DURABLE_CASES', 20_000);
  const pgCases = env('BENCH_DURABLE_PG_CASES', Math.min(500, sqliteCases));
  const serialCases = env('BENCH_DURABLE_SERIAL_CASES', 300);
  const clients = env('BENCH_DURABLE_CLIENTS', 64);
  const openCases = env('BENCH_DURABLE_OPEN_CASES', 100_000);
  const pendingRows = env('BENCH_DURABLE_PENDING_TIMERS', 1_000_000);
  const timerCases = env('BENCH_DURABLE_TIMER_CASES', 1_000);
  const sectionStarted = Date.now();
  const loadBefore = loadavg()[0] ?? 0;
  const dir = tempDir();
  try {
    // Warm-up on a throwaway file: the durable path (codec, hashing, store statements) gets compiled.
    const warm = await sqliteThroughput(dir, 'FULL', 200, clients);
    await warm.engine.store.close();

    const memoryRef = await runProtap('10-step SOP', TEN_STEPS, sqliteCases, false);
    const normal = await sqliteThroughput(dir, 'NORMAL', sqliteCases, clients);
    const full = await sqliteThroughput(dir, 'FULL', sqliteCases, clients);
    await full.engine.store.close();
    const serial = await sqliteThroughput(dir, 'NORMAL', serialCases, 1);
    await serial.engine.store.close();
    const serialFull = await sqliteThroughput(dir, 'FULL', serialCases, 1);
    await serialFull.engine.store.close();
    const pgUp = await postgresReachable();
    const postgres = pgUp ? await postgresThroughput(pgCases, clients) : undefined;
    const replay = await measureReplay(normal.engine, { cases: sqliteCases, events: sqliteCases * 11 });
    const parallel = await measureParallelReplay((normal.engine.store as SqliteStore).path, { cases: sqliteCases, events: sqliteCases * 11 });
    await normal.engine.store.close();

    // Node's defaults, then as `npm start` runs the server (its young generation is 4 MB).
    const memoryDefault = await memoryInChild(join(dir, 'open-default.db'), openCases, clients);
    removeDatabase(memoryDefault.path);
    const memory = await memoryInChild(join(dir, 'open.db'), openCases, clients, SERVER_NODE_ARGS);
    const reopen = await reopenAndComplete(memory);
    removeDatabase(memory.path);

    const timers = await timerLag(dir, pendingRows, timerCases, clients);

    const verdict = (met: boolean) => (met ? 'met' : '**not met**');
    say('## Durable runtime: SQLite and PostgreSQL');
    say();
    say(`Written by \`bench/durable.ts\` (counts from its BENCH_DURABLE_* variables); the section took ${fmt((Date.now() - sectionStarted) / 1000)} s.`);
    say(`Load average (1 min) of the machine: ${fmt(loadBefore, 2)} when the section began, ${fmt(loadavg()[0] ?? 0, 2)} when it ended, on ${cpus().length} cores —`);
    say('other work on a shared machine moves these figures by tens of percent from run to run.');
    say('Store files live in a fresh folder under the OS temp dir (ext4 here, so synchronous=FULL really syncs) and are removed afterwards.');
    say();
    say('### Step completions per second');
    say();
    say(`${fmt(clients)} concurrent in-process clients share one DurableEngine; each takes the next case number, starts that case and`);
    say('completes its open step until the case ends (10 steps; case i starts 7 minutes after case i-1, each step takes an hour),');
    say('then takes the next. Every start and completion is one command: one transaction, answered after COMMIT. SQLite runs the');
    say('commands on the main thread and hands their writes in batches to its writer thread, which commits each batch in one');
    say('transaction (group commit) while the main thread runs the next commands; a checkpointer thread copies the WAL back. PostgreSQL');
    say('runs them on a pool of 10 connections, one transaction each. Time runs from the first start to the last case ended; steps/s counts completions');
    say('(starts are in the time). The in-memory figure is `CaseEngine` doing the same cases one after another, ended cases handed off.');
    say('Each run checks that every case completed after exactly 10 steps, in the answers and in the store. One warm-up run of 200');
    say('cases on a throwaway file comes first.');
    say();
    say('| store | clients | cases | steps | seconds | steps/s | ÷ in-memory | target |');
    say('|---|---:|---:|---:|---:|---:|---:|---|');
    say(`| in-memory CaseEngine (handed off) | 1 | ${fmt(memoryRef.cases)} | ${fmt(memoryRef.steps)} | ${fmt(memoryRef.seconds, 2)} | ${fmt(memoryRef.stepsPerSecond)} | 1 | |`);
    const row = (f: ThroughputFigures, store: string, target: string) =>
      say(`| ${store} | ${f.clients} | ${fmt(f.cases)} | ${fmt(f.steps)} | ${fmt(f.seconds, 2)} | ${fmt(f.stepsPerSecond)} | ${fmt(f.stepsPerSecond / memoryRef.stepsPerSecond, 3)} | ${target} |`);
    row(normal.figures, 'SQLite, synchronous=NORMAL', `≥ 10,000/s: ${verdict(normal.figures.stepsPerSecond >= 10_000)}`);
    row(serial.figures, 'SQLite, synchronous=NORMAL, no group commit', '');
    row(full.figures, 'SQLite, synchronous=FULL', `≥ 4,000/s: ${verdict(full.figures.stepsPerSecond >= 4_000)}`);
    row(serialFull.figures, 'SQLite, synchronous=FULL, no group commit', '');
    if (postgres) row(postgres, 'PostgreSQL 10-connection pool', '');
    else say(`| PostgreSQL | – | – | – | – | not run: no answer at ${DATABASE_URL.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')} | | |`);
    say();
    say(`Group commit: with ${fmt(clients)} clients instead of one client waiting for each commit (one commit per command), steps/s`);
    say(`are ${fmt(normal.figures.stepsPerSecond / serial.figures.stepsPerSecond, 1)}× at NORMAL and ${fmt(full.figures.stepsPerSecond / serialFull.figures.stepsPerSecond, 1)}× at FULL (the one-client runs are shorter: ${fmt(serialCases)} cases).`);
    say();
    say('### Memory with open cases');
    say();
    say(`A child process (fresh heap) opens a SQLite file at synchronous=NORMAL and starts ${fmt(memory.cases)} cases of the 10-step SOP with`);
    say(`${fmt(memory.clients)} concurrent clients; each case stays open at its first step. "Before" is after deploying and starting one case,`);
    say('"after" is when all are started; both after a full garbage collection. Peak RSS is the child\'s maximum over its whole life');
    say('(start-up included; the store\'s writer and checkpointer threads are in it). The file size is the database after close (WAL checkpointed).');
    say(`The child runs twice: with Node's defaults, and with the flags \`npm start\` gives the server (\`${SERVER_NODE_ARGS.join(' ')}\`: a 4 MB`);
    say('young generation, chosen for short GC pauses); the target is judged on the second, the product as it runs.');
    say('Then this process opens a new store and DurableEngine on the file (migrate + load and compile the deployed definition), checks');
    say('that every case is open at its first step, and completes step 1 of a case picked at random.');
    say();
    say('| Node | open cases | start seconds | starts/s | RSS before MB | RSS after MB | peak RSS MB | heapUsed before MB | heapUsed after MB | file MB | target: < 300 MB |');
    say('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
    const memoryRow = (m: MemoryFigures, node: string, target: string) =>
      say(`| ${node} | ${fmt(m.cases)} | ${fmt(m.startSeconds, 1)} | ${fmt(m.cases / m.startSeconds)} | ${fmt(m.rssBeforeMb)} | ${fmt(m.rssAfterMb)} | ${fmt(m.maxRssMb)} | ${fmt(m.heapBeforeMb, 1)} | ${fmt(m.heapAfterMb, 1)} | ${fmt(m.fileMb)} | ${target} |`);
    memoryRow(memoryDefault, 'defaults', '');
    memoryRow(memory, `as \`npm start\` (\`${SERVER_NODE_ARGS.join(' ')}\`)`, `RSS after: ${verdict(memory.rssAfterMb < 300)}; peak: ${verdict(memory.maxRssMb < 300)}`);
    say();
    say(`Reopen: new store and engine in ${fmt(reopen.openMs, 1)} ms; completing step 1 of a random case took ${fmt(reopen.completeMs, 1)} ms (the first command`);
    say(`after opening also waits for the writer thread to start); ${fmt(reopen.openSteps)} open steps found.`);
    say();
    say('### Timer firing lag under a million pending timers');
    say();
    say(`${fmt(timers.pendingRows)} timer rows due in 2099 are written straight into the timer table (store transactions of 20,000 rows;`);
    say(`${fmt(timers.insertSeconds, 1)} s) for synthetic case ids: they belong to no case and are there only as pending load on the table and its`);
    say(`due-time index. Then ${fmt(timers.cases)} real cases of a small process (start → intermediate timer \`PT2S\` → user task → end) are`);
    say('started over about one second of wall time, each at the real now, so their timers come due 2 s after their start; the timer');
    say('service runs with the real clock and `pollMs: 100` on SQLite at synchronous=FULL (the store\'s default). Lag = the end of the');
    say('`fireDueBatch` call (after its COMMIT) that delivered the timer − the timer\'s due time (the TIMER log entry carries it). The run');
    say('checks that every case has exactly one TIMER entry, 2 s after its START, and no timer row left, and that the synthetic rows are untouched.');
    say();
    say('| pending rows | cases | service calls | p50 ms | p99 ms | max ms | p99 to write (before COMMIT) ms | file MB | target: p99 < 1,000 ms |');
    say('|---:|---:|---:|---:|---:|---:|---:|---:|---|');
    say(`| ${fmt(timers.pendingRows)} | ${fmt(timers.cases)} | ${fmt(timers.polls)} | ${fmt(timers.lagP50Ms)} | ${fmt(timers.lagP99Ms)} | ${fmt(timers.lagMaxMs)} | ${fmt(timers.flushLagP99Ms)} | ${fmt(timers.fileMb)} | ${verdict(timers.lagP99Ms < 1000)} |`);
    say();
    say('### Replay');
    say();
    say('`replayAll` over the SQLite NORMAL store of the throughput run: reads each case and its log, re-runs every logged command');
    say('through the definition, and checks every state hash, the hash chain and the case row. All cases must come out intact.');
    say();
    say(`Second row: \`replayInParallel\`, what \`protap replay --all\` runs, with ${parallel.threads} replaying threads (this one and worker threads; workers`);
    say('start only for stores of 45,000+ log entries, since one needs about 0.35 s to load its TypeScript through tsx), timed whole:');
    say('opening the store, starting the workers and closing included. The target is judged on it. That start-up is paid once per');
    say('run: on a store of 2,000 cases (22,000 events) this thread replays alone, at about the one-thread speed.');
    say();
    say('| replay | cases | events | seconds | events/s | target: ≥ 50,000/s |');
    say('|---|---:|---:|---:|---:|---|');
    say(`| replayAll, one thread | ${fmt(replay.cases)} | ${fmt(replay.events)} | ${fmt(replay.seconds, 2)} | ${fmt(replay.eventsPerSecond)} | |`);
    say(`| \`protap replay --all\` (replayInParallel), ${parallel.threads} threads | ${fmt(parallel.cases)} | ${fmt(parallel.events)} | ${fmt(parallel.seconds, 2)} | ${fmt(parallel.eventsPerSecond)} | ${verdict(parallel.eventsPerSecond >= 50_000)} |`);
    say();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The memory run's child process.
if (process.argv[1] && resolve(process.argv[1]) === thisFile && process.argv[2] === 'memory') {
  const [path, cases, clients] = process.argv.slice(3);
  const figures = await memoryWithOpenCases(path as string, Number(cases), Number(clients));
  console.log(JSON.stringify(figures));
}

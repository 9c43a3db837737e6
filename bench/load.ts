/**
 * HTTP load (issue 5; `npm run bench` calls `loadSection`): a real server process (`npm start`'s
 * entry, SQLite at synchronous FULL and then NORMAL, loopback only) takes complete-step requests at
 * increasing rates from two generators in turn — autocannon (closed loop, per-second quotas, so
 * bursts) and an open-model generator (bench/openLoad.ts: a constant arrival rate, latency from
 * each request's due time) — and the section reports throughput and p50/p99/max latency per rate,
 * the target rate in several rounds, and where the time of a request goes at the target rate
 * (a separate server run with bench/serverProbe.ts). Every request completes a different open step
 * of a pre-started case; any failed request (non-2xx, connection error, timeout) makes the run
 * throw, and after each run the store must hold exactly as many new completions as requests were sent.
 *
 * Environment:
 *   BENCH_LOAD_RATES        target rates in requests/s, comma-separated (default 100,250,500,1000)
 *   BENCH_LOAD_SECONDS      seconds per run (default 5)
 *   BENCH_LOAD_CONNECTIONS  autocannon's keep-alive connections (default 10)
 *   BENCH_LOAD_ROUNDS       rounds at the target rate, 500/s, per generator and mode (default 3)
 *   BENCH_LOAD_PROBE        0: leave out the probed run (default on)
 *   BENCH_LOAD_CPU_PROF     a folder: the server runs with --cpu-prof and writes its profile there
 *   BENCH_SERVER_NODE_OPTIONS  NODE_OPTIONS for the server process only (e.g. --max-semi-space-size=32)
 *
 * Alone: `node --import tsx bench/load.ts`.
 */
import { closeSync, fdatasyncSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { call, spawnServer, type ServerProcess } from '../server/spawnServer.ts';
import { openModel } from './openLoad.ts';

export { call };

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const envNumber = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

/** Steps per case: every case offers this many complete-step requests, one after another. */
const STEPS = 20;
const PROCESS_ID = 'BebanLangkah';
export const ADMIN_PASSWORD = 'admin-bench-beban-123';
export const USER = { id: 'petugas-beban', name: 'Petugas Beban', password: 'petugas-bench-123', roles: ['petugas', 'analis'] };

/** start → T1 → … → T20 → end, all in lane `petugas`, each step `sop:waktu="1 Hari"` (so each completion also moves a deadline timer). */
export function loadBpmn(steps = STEPS): string {
  const ids = Array.from({ length: steps }, (_, i) => `T${i + 1}`);
  const nodes = ['S', ...ids, 'E'];
  const flows = nodes.slice(1).map((target, i) => `<bpmn:sequenceFlow id="f${i + 1}" sourceRef="${nodes[i]}" targetRef="${target}"/>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:sop="urn:protap:sop:1.0" id="Defs_beban" targetNamespace="urn:protap:bench">
  <bpmn:process id="${PROCESS_ID}" name="Beban: ${steps} langkah berurutan" isExecutable="true">
    <bpmn:laneSet id="LS"><bpmn:lane id="L" name="Petugas" sop:pelaksana="petugas">
      ${nodes.map((n) => `<bpmn:flowNodeRef>${n}</bpmn:flowNodeRef>`).join('')}
    </bpmn:lane></bpmn:laneSet>
    <bpmn:startEvent id="S"/>
    ${ids.map((id, i) => `<bpmn:userTask id="${id}" name="Langkah ${i + 1}" sop:waktu="1 Hari"/>`).join('\n    ')}
    <bpmn:endEvent id="E"/>
    ${flows.join('\n    ')}
  </bpmn:process>
</bpmn:definitions>`;
}

// autocannon ships no types; the part used here.
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  overallRate: number;
  timeout: number;
  ignoreCoordinatedOmission: boolean;
  requests: {
    setupRequest: (req: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
    onResponse: (status: number, body: string, context: Record<string, unknown>) => void;
  }[];
}
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  statusCodeStats: Record<string, { count: number }>;
}
interface AutocannonTracker {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, responseTime: number) => void): void;
}
type Autocannon = (options: AutocannonOptions, done: (error: Error | null, result: AutocannonResult) => void) => AutocannonTracker;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** Starts `server/main.ts` as `npm start` does, on 127.0.0.1 and a free port, on a fresh SQLite file. */
export async function startServer(dataDir: string, profileDir: string | undefined, synchronous: 'FULL' | 'NORMAL' = 'FULL', probeOut?: string): Promise<ServerProcess> {
  const nodeArgs = [
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    ...(probeOut ? ['--import', 'tsx', '--import', fileURLToPath(new URL('./serverProbe.ts', import.meta.url))] : []),
  ];
  return spawnServer({
    HOST: '127.0.0.1', PROTAP_DATA: dataDir, PROTAP_ADMIN_PASSWORD: ADMIN_PASSWORD, PROTAP_SQLITE_SYNC: synchronous,
    DATABASE_URL: undefined, // SQLite, not PostgreSQL
    ...(probeOut ? { PROTAP_PROBE_OUT: probeOut } : {}),
    ...(process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {}),
  }, { keepLogs: false, nodeArgs });
}

export async function expectStatus(what: string, status: number, answer: Promise<{ status: number; body: any }>): Promise<any> {
  const { status: got, body } = await answer;
  if (got !== status) throw new Error(`${what}: HTTP ${got}, diharapkan ${status}: ${JSON.stringify(body)}`);
  return body;
}

/** An open step waiting for its request: the case and the index (0-based) of the step that is open now. */
interface Open { caseId: string; step: number }

/** Starts `count` cases, 16 requests at a time; each comes back with T1 open. */
export async function startCases(url: string, auth: Record<string, string>, count: number): Promise<Open[]> {
  const opened: Open[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const view = await expectStatus('memulai kasus', 201, call(url, 'POST', '/api/cases', { processId: PROCESS_ID }, auth));
      const active = (view.activeSteps as { id: string }[]).map((s) => s.id);
      if (active.length !== 1 || active[0] !== 'T1') throw new Error(`kasus baru ${view.id} membuka ${active.join(', ')}, bukan T1`);
      opened.push({ caseId: view.id as string, step: 0 });
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return opened;
}

type Generator = 'autocannon' | 'open';
const GENERATORS: readonly Generator[] = ['autocannon', 'open'];
const GENERATOR_NAME: Record<Generator, string> = { autocannon: 'autocannon (bursts)', open: 'open model (steady)' };
/** The rate issue 5 sets its target at. */
const TARGET_RATE = 500;

interface RateFigures {
  generator: Generator;
  target: number;
  sent: number;
  ok: number;
  /** Sent in the last moment and cut off when autocannon's time was up (not failures: their completions are in the store). */
  cutOff: number;
  failed: number;
  seconds: number;
  achieved: number;
  p50: number;
  p99: number;
  max: number;
  /** Open model: how late the generator wrote its requests, p99 (ms; counted in the latency). */
  lateP99?: number;
  /** Open model: the keep-alive connections it opened. */
  sockets?: number;
  casesStarted: number;
  /** Open model, when asked for: every request, times on the monotonic clock (ms). */
  requests?: { path: string; due: number; sent: number; done: number }[];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

/** Milliseconds on the monotonic clock, which the server process shares (bench/serverProbe.ts). */
const monotonicOffset = Number(process.hrtime.bigint()) / 1e6 - performance.now();

/** Completed steps in the store, read beside the running server (WAL: readers do not block its writer). */
function completionsIn(db: Database.Database): number {
  return (db.prepare("SELECT count(*) AS n FROM case_log WHERE event LIKE 'COMPLETE.%'").get() as { n: number }).n;
}

/**
 * One run of one generator at `rate` requests/s for `seconds`; checks every answer and the store afterwards.
 * `keepRequests`: the open model's per-request times are kept (for the probed run).
 */
async function runRate(
  url: string, token: string, db: Database.Database, generator: Generator, rate: number, seconds: number, connections: number, keepRequests = false,
): Promise<RateFigures> {
  // Enough open steps that the queue seldom runs dry: rate × (seconds + 1.5) requests at most, plus
  // the cases in flight — one per autocannon connection, or whatever the open model has waiting
  // for answers (a quarter of a second's worth of requests held up by a stall; should even that run
  // out, the open model's next request waits for an answer, late, and autocannon's run fails).
  const casesNeeded = Math.ceil((rate * (seconds + 1.5)) / STEPS) + 2 * connections + Math.ceil(rate / 4);
  const auth = { authorization: `Bearer ${token}` };
  const queue = await startCases(url, auth, casesNeeded);
  const before = completionsIn(db);
  let head = 0;
  let emptyQueue = 0;
  const failures: string[] = [];
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  /** The next open step's request (a request to no case when the queue ran dry, which fails the run). */
  const take = (): { item?: Open; path: string } => {
    const item = head < queue.length ? queue[head++] : undefined;
    if (!item) {
      emptyQueue++;
      return { path: '/api/cases/tidak-ada/steps/tidak-ada/complete' };
    }
    return { item, path: `/api/cases/${item.caseId}/steps/T${item.step + 1}/complete` };
  };
  /** An answer: a 2xx puts the case back with its next step; anything else is remembered as a failure. */
  const answered = (status: number, body: string, item: Open | undefined): boolean => {
    if (status >= 200 && status < 300 && item) {
      if (item.step + 1 < STEPS) queue.push({ caseId: item.caseId, step: item.step + 1 });
      return true;
    }
    if (failures.length < 5) failures.push(`HTTP ${status} ${item ? `${item.caseId}/T${item.step + 1}` : '(antrean kosong)'}: ${body.slice(0, 200)}`);
    return false;
  };

  let sent = 0;
  let ok = 0;
  let failed = 0;
  let cutOff = 0;
  let runSeconds = 0;
  const latencies: number[] = [];
  let extra: Pick<RateFigures, 'lateP99' | 'sockets' | 'requests'> = {};
  if (generator === 'autocannon') {
    let answered2xx = 0;
    let answeredAll = 0;
    const result = await new Promise<AutocannonResult>((done, fail) => {
      const tracker = autocannon({
        url, connections, duration: seconds, overallRate: rate, timeout: 10,
        // Raw per-request latencies (the correction assumes evenly spaced requests; these come in per-second quotas).
        ignoreCoordinatedOmission: true,
        requests: [{
          setupRequest: (req, context) => {
            sent++;
            const { item, path } = take();
            context.item = item;
            return { ...req, method: 'POST', path, headers, body: '{}' };
          },
          onResponse: (status, body, context) => {
            answeredAll++;
            if (answered(status, body, context.item as Open | undefined)) answered2xx++;
          },
        }],
      }, (error, res) => (error ? fail(error) : done(res)));
      tracker.on('response', (_client, _status, _bytes, responseTime) => { latencies.push(responseTime); });
    });
    failed = result.errors + result.non2xx + emptyQueue;
    if (failed > 0 || result['2xx'] !== answered2xx) {
      throw new Error(`beban ${rate}/s (autocannon): ${failed} permintaan gagal (non-2xx ${result.non2xx}, galat ${result.errors}, batas waktu ${result.timeouts}, antrean kosong ${emptyQueue}; ` +
        `2xx autocannon ${result['2xx']}, 2xx dihitung ${answered2xx}): ${failures.join(' | ')}`);
    }
    ok = answered2xx;
    // Requests sent just before the run stopped get no answer (autocannon closes the connections), but
    // the server still commits them; the store check below waits for them.
    cutOff = sent - answeredAll;
    runSeconds = result.duration;
  } else {
    const items: (Open | undefined)[] = [];
    const paths: string[] = [];
    const result = await openModel({
      origin: url, rate, seconds, timeoutMs: 10_000,
      // No open step free (all waiting for answers): the request waits for one, late — and counted so.
      request: (i) => {
        if (head >= queue.length) return undefined;
        const { item, path } = take();
        items[i] = item;
        paths[i] = path;
        return { method: 'POST', path, headers, body: '{}' };
      },
      onAnswer: (i, status, body) => {
        if (answered(status, body, items[i])) ok++;
        else failed++;
      },
    });
    sent = result.answers.length;
    if (failed > 0 || emptyQueue > 0) {
      throw new Error(`beban ${rate}/s (model terbuka): ${failed} permintaan gagal (antrean kosong ${emptyQueue}): ${failures.join(' | ')}`);
    }
    for (const answer of result.answers) latencies.push(answer.done - answer.due);
    const late = result.answers.map((a) => a.sent - a.due).sort((a, b) => a - b);
    runSeconds = result.seconds;
    extra = {
      lateP99: percentile(late, 99), sockets: result.sockets,
      ...(keepRequests ? {
        requests: result.answers.map((a, i) => ({
          path: paths[i] as string, due: a.due + monotonicOffset, sent: a.sent + monotonicOffset, done: a.done + monotonicOffset,
        })),
      } : {}),
    };
  }

  // The store must hold exactly one new completion per request sent.
  let added = completionsIn(db) - before;
  for (let tries = 0; added !== sent && tries < 50; tries++) {
    await new Promise((r) => setTimeout(r, 100));
    added = completionsIn(db) - before;
  }
  if (added !== sent) {
    throw new Error(`beban ${rate}/s (${generator}): ${sent} permintaan dikirim (${ok} dijawab 2xx, ${cutOff} terpotong di akhir), tetapi penyimpanan mencatat ${added} langkah selesai`);
  }
  latencies.sort((a, b) => a - b);
  return {
    generator, target: rate, sent, ok, cutOff, failed, seconds: runSeconds, achieved: ok / runSeconds,
    p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] ?? Number.NaN,
    casesStarted: casesNeeded, ...extra,
  };
}

/** A server process on a fresh file with the bench's person and process, and a read-only connection beside it. */
async function benchServer(synchronous: 'FULL' | 'NORMAL', profileDir: string | undefined, probeOut?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'protap-load-'));
  let server: ServerProcess | undefined;
  try {
    server = await startServer(dir, profileDir, synchronous, probeOut);
    const { url } = server;
    const admin = await expectStatus('login admin', 200, call(url, 'POST', '/api/login', { id: 'admin', password: ADMIN_PASSWORD }));
    await expectStatus('membuat pengguna', 201, call(url, 'POST', '/api/users', { ...USER, mustChangePassword: false }, { authorization: `Bearer ${admin.token}` }));
    const { token } = await expectStatus('login petugas', 200, call(url, 'POST', '/api/login', { id: USER.id, password: USER.password }));
    await expectStatus('deploy', 201, call(url, 'POST', '/api/definitions', loadBpmn(), { authorization: `Bearer ${token}` }));
    const db = new Database(join(dir, 'protap.db'), { readonly: true, fileMustExist: true });
    const running = server;
    return {
      url, token: token as string, db,
      /** Stops the server (SIGTERM; it must stop cleanly) and removes the folder. */
      async close(): Promise<void> {
        db.close();
        const stopped = await running.stop();
        rmSync(dir, { recursive: true, force: true });
        if (stopped !== 0) throw new Error(`server tidak berhenti dengan rapi setelah SIGTERM: ${String(stopped)}`);
      },
    };
  } catch (error) {
    if (server) await server.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * One server process at one synchronous mode: a warm-up with each generator, then each rate with
 * autocannon and the open model in turn, then more rounds of both at the target rate.
 */
async function measureMode(synchronous: 'FULL' | 'NORMAL', rates: number[], seconds: number, connections: number, rounds: number, profileDir: string | undefined): Promise<RateFigures[]> {
  const bench = await benchServer(synchronous, profileDir);
  let closed = false;
  try {
    const { url, token, db } = bench;
    // Warm-up (not reported): the server's request path gets compiled before anything is timed.
    for (const generator of GENERATORS) await runRate(url, token, db, generator, TARGET_RATE, 2, connections);
    const figures: RateFigures[] = [];
    for (const rate of rates) for (const generator of GENERATORS) figures.push(await runRate(url, token, db, generator, rate, seconds, connections));
    const more = rates.includes(TARGET_RATE) ? rounds - 1 : 0;
    for (let round = 0; round < more; round++) {
      for (const generator of GENERATORS) figures.push(await runRate(url, token, db, generator, TARGET_RATE, seconds, connections));
    }
    closed = true;
    await bench.close();
    return figures;
  } finally {
    if (!closed) await bench.close().catch(() => {});
  }
}

/** What bench/serverProbe.ts writes when the server exits. */
interface ProbeData {
  requests: { url: string; arrived: number; finished: number; status: number }[];
  transactions: { queued: number; began: number; worked: number; settled: number }[];
  commits: { at: number; ms: number }[];
  syncs: { at: number; ms: number }[];
  loop: { at: number; delayMaxMs: number; delayP99Ms: number; utilisation: number; cpuMs: number }[];
  gc: { at: number; ms: number; kind: number }[];
}

interface TimeSplit {
  run: RateFigures;
  parts: { name: string; what: string; p50: number; p99: number; slowest: number }[];
  commitMs: number[];
  syncMs: number[];
  perCommit: number;
  loopDelayMax: number[];
  utilisation: number;
  cpuCores: number;
  scavenges: number[];
  fullGcs: number[];
  seconds: number;
}

/**
 * The probed run: a server at FULL with bench/serverProbe.ts takes the open model at the target
 * rate; each request's time is split at the points the probe saw it pass.
 */
async function probeRun(seconds: number, connections: number): Promise<TimeSplit> {
  const folder = mkdtempSync(join(tmpdir(), 'protap-probe-'));
  const probeOut = join(folder, 'probe.json');
  try {
    const bench = await benchServer('FULL', undefined, probeOut);
    let run: RateFigures;
    try {
      for (const generator of GENERATORS) await runRate(bench.url, bench.token, bench.db, generator, TARGET_RATE, 2, connections);
      run = await runRate(bench.url, bench.token, bench.db, 'open', TARGET_RATE, seconds, connections, true);
    } finally {
      await bench.close();
    }
    const probe = JSON.parse(readFileSync(probeOut, 'utf8')) as ProbeData;
    const requests = run.requests ?? [];
    const from = requests[0]?.due ?? 0;
    const to = requests.reduce((last, r) => Math.max(last, r.done), from);
    const seen = new Map(probe.requests.map((r) => [r.url, r]));
    const transactions = probe.transactions.filter((t) => t.queued >= from && t.queued <= to).sort((a, b) => a.queued - b.queued);
    const rows = requests.map((request) => {
      const server = seen.get(request.path);
      if (!server) throw new Error(`probe tidak melihat ${request.path}`);
      // The command's transaction: the first one queued after the request arrived that settled before it was answered.
      const tx = transactions.find((t) => t.queued >= server.arrived && t.settled <= server.finished);
      if (!tx) throw new Error(`probe tidak menemukan transaksi ${request.path}`);
      return {
        total: request.done - request.due, late: request.sent - request.due, toServer: server.arrived - request.sent,
        route: tx.queued - server.arrived, storeWait: tx.began - tx.queued, work: tx.worked - tx.began,
        commit: tx.settled - tx.worked, answer: server.finished - tx.settled, back: request.done - server.finished,
      };
    });
    const slowest = [...rows].sort((a, b) => b.total - a.total).slice(0, Math.max(1, Math.ceil(rows.length / 100)));
    const names: [keyof (typeof rows)[number], string, string][] = [
      ['total', 'whole request', 'due time → end of answer (the latency reported above)'],
      ['late', 'generator late', 'due time → written by the generator'],
      ['toServer', 'to the server', 'written → the server reads it (socket, and the event loop busy with other work)'],
      ['route', 'request path', 'read → command queued at the store (routing, body, session, checks)'],
      ['storeWait', 'store queue', 'queued → the store runs it (commands run one after another on the main thread)'],
      ['work', 'command', 'the command itself (load, XState, deadlines, hash chain, writes)'],
      ['commit', 'commit', 'its work done → durable (its batch waiting for the writer thread, the statements and COMMIT with its WAL sync at FULL there, the answer back on the event loop)'],
      ['answer', 'answer', 'durable → answer written (view JSON, log line)'],
      ['back', 'back to the generator', 'answer written → generator has read it'],
    ];
    const window = <T extends { at: number }>(list: T[]) => list.filter((x) => x.at >= from && x.at <= to);
    const loop = window(probe.loop);
    const gcs = window(probe.gc);
    return {
      run,
      parts: names.map(([key, name, what]) => {
        const values = rows.map((r) => r[key]).sort((a, b) => a - b);
        return { name, what, p50: percentile(values, 50), p99: percentile(values, 99), slowest: slowest.reduce((sum, r) => sum + r[key], 0) / slowest.length };
      }),
      commitMs: window(probe.commits).map((c) => c.ms).sort((a, b) => a - b),
      syncMs: window(probe.syncs).map((c) => c.ms).sort((a, b) => a - b),
      perCommit: transactions.length / Math.max(1, window(probe.commits).length),
      loopDelayMax: loop.map((l) => l.delayMaxMs).sort((a, b) => a - b),
      utilisation: loop.reduce((sum, l) => sum + l.utilisation, 0) / Math.max(1, loop.length),
      cpuCores: loop.reduce((sum, l) => sum + l.cpuMs, 0) / Math.max(1, loop.length * 100),
      // kind 1: scavenge (young generation); 4: mark-compact.
      scavenges: gcs.filter((g) => g.kind === 1).map((g) => g.ms).sort((a, b) => a - b),
      fullGcs: gcs.filter((g) => g.kind === 4).map((g) => g.ms).sort((a, b) => a - b),
      seconds: (to - from) / 1000,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The disk as it is now: 200 × (append 16 KB to a file in the temp dir, fdatasync), p50 and p99 in ms. */
function diskSync(): { p50: number; p99: number } {
  const folder = mkdtempSync(join(tmpdir(), 'protap-disk-'));
  const fd = openSync(join(folder, 'sync'), 'w');
  const block = Buffer.alloc(16_384, 1);
  const times: number[] = [];
  try {
    for (let i = 0; i < 200; i++) {
      writeSync(fd, block);
      const started = performance.now();
      fdatasyncSync(fd);
      times.push(performance.now() - started);
    }
  } finally {
    closeSync(fd);
    rmSync(folder, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

export async function loadSection(say: (line?: string) => void): Promise<void> {
  const rates = (process.env.BENCH_LOAD_RATES ?? '100,250,500,1000').split(',').map(Number);
  const seconds = envNumber('BENCH_LOAD_SECONDS', 5);
  const connections = envNumber('BENCH_LOAD_CONNECTIONS', 10);
  const rounds = Math.max(1, envNumber('BENCH_LOAD_ROUNDS', 3));
  const probe = process.env.BENCH_LOAD_PROBE !== '0';
  const profileDir = process.env.BENCH_LOAD_CPU_PROF ? resolve(process.env.BENCH_LOAD_CPU_PROF) : undefined;
  const sectionStarted = Date.now();
  const loadBefore = loadavg()[0] ?? 0;
  const diskBefore = diskSync();
  const modes = ['FULL', 'NORMAL'] as const;
  const results: [(typeof modes)[number], RateFigures[]][] = [];
  for (const mode of modes) results.push([mode, await measureMode(mode, rates, seconds, connections, rounds, profileDir)]);
  const split = probe && rates.includes(TARGET_RATE) ? await probeRun(seconds, connections) : undefined;
  const diskAfter = diskSync();
  say('## HTTP load: completing steps');
  say();
  say(`Written by \`bench/load.ts\` (BENCH_LOAD_* variables); the section took ${fmt((Date.now() - sectionStarted) / 1000)} s.`);
  say(`Load average (1 min) of the machine: ${fmt(loadBefore, 2)} when the section began, ${fmt(loadavg()[0] ?? 0, 2)} when it ended, on ${cpus().length} cores;`);
  say('the load generator runs on the same cores as the server. The disk under the temp dir, 200 × (append 16 KB, fdatasync):');
  say(`p50 ${fmt(diskBefore.p50, 2)} ms, p99 ${fmt(diskBefore.p99, 2)} ms when the section began; p50 ${fmt(diskAfter.p50, 2)} ms, p99 ${fmt(diskAfter.p99, 2)} ms when it ended.`);
  say();
  say(`A real server process (\`node --max-semi-space-size=4 --import tsx server/main.ts\`, as \`npm start\`; BENCH_SERVER_NODE_OPTIONS adds to it) on 127.0.0.1, SQLite in a fresh temp folder with`);
  say('synchronous FULL (the default: no command is answered before its commit is in the WAL on disk), then again at NORMAL (a new server');
  say('and file), JSON request log at level info on a pipe. One person with role');
  say(`\`petugas\` completes steps of a ${STEPS}-step process (T1 → … → T${STEPS}, one lane, \`sop:waktu="1 Hari"\` on each, so each completion`);
  say('also moves a deadline timer row). Cases are started beforehand; every request `POST /api/cases/:id/steps/:step/complete`');
  say('(body `{}`, bearer token) completes a different open step: a request takes the next open');
  say('step from a queue and a 2xx answer puts the case back with its next step. Any non-2xx answer, connection error or timeout');
  say('fails the run; after each run the store must hold exactly one new completion per request sent.');
  say();
  say('Two load generators, in turn at each rate, on the same server, both in one process of their own (`npm run bench` starts');
  say('`bench/load.ts` as a child process, so no heap left by the other sections pauses them):');
  say();
  say(`- **open model (steady)** (\`bench/openLoad.ts\`): request i is due at start + i ÷ rate, whatever happened to the ones before it, and`);
  say('  is written then on a free keep-alive connection (a new one when all are busy; a small HTTP/1.1 client of its own, about a quarter');
  say('  of the CPU of Node\'s http client, which matters on cores shared with the server); its latency runs from its *due*');
  say('  time to the end of its answer, so a stalled server — or a late generator — shows in the latency instead of being left out');
  say('  (no coordinated omission). This is "requests at a rate" as a service sees them from many independent clients, and the');
  say(`  target is judged on it.`);
  say(`- **autocannon (bursts)**: autocannon 9, ${connections} keep-alive connections, no pipelining. Its rate limit (\`overallRate\`) gives each`);
  say('  connection a quota of rate ÷ connections requests a second, sent back to back from the start of each second (the next as soon');
  say(`  as the last is answered): up to ${connections} requests wait at once, then nothing until the next second. Latency is each request from write to`);
  say('  complete answer (raw, no coordinated-omission correction), the same as before the open model was added; requests cut off at');
  say('  the end of a run are counted in the store check only.');
  say();
  say(`Each run lasts ${seconds} s after a 2 s warm-up with each generator at ${TARGET_RATE}/s; achieved requests/s is 2xx answers ÷ the run's time.`);
  if (profileDir) say(`The server ran with \`--cpu-prof\` (profile in ${profileDir}), which slows it.`);
  say();
  say('| synchronous | generator | target requests/s | requests (2xx) | achieved requests/s | p50 ms | p99 ms | max ms | errors |');
  say('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const [mode, figures] of results) {
    // The first run of each rate and generator; the rounds at the target rate are summed up below.
    const first = rates.flatMap((rate) => GENERATORS.map((g) => figures.find((f) => f.target === rate && f.generator === g) as RateFigures));
    for (const f of first) {
      say(`| ${mode} | ${GENERATOR_NAME[f.generator]} | ${fmt(f.target)} | ${fmt(f.ok)} | ${fmt(f.achieved)} | ${fmt(f.p50, 1)} | ${fmt(f.p99, 1)} | ${fmt(f.max, 1)} | ${f.failed} |`);
    }
  }
  say();
  const targetRuns = (mode: string, generator: Generator) => (results.find(([m]) => m === mode)?.[1] ?? []).filter((f) => f.target === TARGET_RATE && f.generator === generator);
  if (rates.includes(TARGET_RATE)) {
    say(`At ${TARGET_RATE} requests/s, ${rounds} round${rounds === 1 ? '' : 's'} of each generator (the first is the row above), one after another on the same server:`);
    say();
    say(`| synchronous | generator | rounds | p50 ms (median) | p99 ms: min | median | max | achieved requests/s (lowest) | open model: generator late, p99 ms (median) | p99 < 20 ms (median) |`);
    say('|---|---|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const mode of modes) {
      for (const generator of GENERATORS) {
        const runs = targetRuns(mode, generator);
        const p99s = runs.map((f) => f.p99).sort((a, b) => a - b);
        const ok = median(p99s) < 20 && Math.min(...runs.map((f) => f.achieved)) >= 0.95 * TARGET_RATE;
        say(`| ${mode} | ${GENERATOR_NAME[generator]} | ${runs.length} | ${fmt(median(runs.map((f) => f.p50)), 1)} | ${fmt(p99s[0] ?? Number.NaN, 1)} | ${fmt(median(p99s), 1)} | ` +
          `${fmt(p99s[p99s.length - 1] ?? Number.NaN, 1)} | ${fmt(Math.min(...runs.map((f) => f.achieved)))} | ${generator === 'open' ? fmt(median(runs.map((f) => f.lateP99 ?? Number.NaN)), 1) : '—'} | ${ok ? 'yes' : '**no**'} |`);
      }
    }
    say();
    const judged = targetRuns('FULL', 'open');
    const judgedP99 = median(judged.map((f) => f.p99));
    const met = judgedP99 < 20 && Math.min(...judged.map((f) => f.achieved)) >= 0.95 * TARGET_RATE;
    say(`**Target (issue 5): p99 < 20 ms at ${TARGET_RATE} requests/s on SQLite — ${met ? 'met' : 'not met'}**, judged on the open model at synchronous FULL`);
    say(`(the default): median p99 over ${judged.length} round${judged.length === 1 ? '' : 's'} ${fmt(judgedP99, 1)} ms. Autocannon's bursts at the same rate are shown beside it:`);
    say(`they put up to ${connections} requests in the server's queue at once, so its latency is mostly that queue.`);
    say();
  }
  if (split) {
    say(`### Where a request's time goes (${TARGET_RATE}/s, open model, FULL)`);
    say();
    say('Another server process, started with `bench/serverProbe.ts` preloaded (it wraps the HTTP server\'s request event, the store\'s');
    say('transactions and the batches it hands to its writer thread, and samples the event loop every 100 ms; no server code changes, a little extra work per');
    say(`request), takes one ${seconds} s open-model run at ${TARGET_RATE}/s (p50 ${fmt(split.run.p50, 1)} ms, p99 ${fmt(split.run.p99, 1)} ms in this run). Each request's time`);
    say('is cut at the points the probe saw it pass; generator and server share the monotonic clock. "Slowest 1 %" is the mean of each');
    say('part over the 1 % of requests with the longest whole time: it shows what the p99 is made of.');
    say();
    say('| part | from → to | p50 ms | p99 ms | slowest 1 %: mean ms |');
    say('|---|---|---:|---:|---:|');
    for (const part of split.parts) say(`| ${part.name} | ${part.what} | ${fmt(part.p50, 2)} | ${fmt(part.p99, 2)} | ${fmt(part.slowest, 2)} |`);
    say();
    const pct = (list: number[], p: number) => fmt(percentile(list, p), 2);
    const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
    say(`Server, same run: event loop ${fmt(split.utilisation * 100)} % busy (ELU), ${fmt(split.cpuCores, 2)} cores of CPU (all its threads);`);
    say(`longest event-loop delay per 100 ms window p50 ${pct(split.loopDelayMax, 50)} ms, p90 ${pct(split.loopDelayMax, 90)} ms, max ${pct(split.loopDelayMax, 100)} ms`);
    say(`(perf_hooks.monitorEventLoopDelay); ${split.commitMs.length} batches to the writer thread (${fmt(split.perCommit, 1)} commands each), sent → answered p50 ${pct(split.commitMs, 50)} ms, p99 ${pct(split.commitMs, 99)} ms;`);
    if (split.syncMs.length > 0) say(`${split.syncMs.length} WAL syncs outside COMMIT (fdatasync) p50 ${pct(split.syncMs, 50)} ms, p99 ${pct(split.syncMs, 99)} ms, max ${pct(split.syncMs, 100)} ms;`);
    const fullGcs = split.fullGcs.length === 0 ? 'no mark-compact' : `${split.fullGcs.length} mark-compact (max ${pct(split.fullGcs, 100)} ms)`;
    say(`garbage collection: ${split.scavenges.length} scavenges, pause p50 ${pct(split.scavenges, 50)} ms, max ${pct(split.scavenges, 100)} ms, ${fullGcs},`);
    say(`together ${fmt((sum(split.scavenges) + sum(split.fullGcs)) / split.seconds, 0)} ms of pause a second.`);
    say();
  }
  say('At FULL the store\'s writer thread syncs the WAL inside every (group) COMMIT, and no command is answered before it;');
  say('at NORMAL the WAL is not synced per commit, which survives a crash of the server process but not a power cut (docs/durability.md).');
  say();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await loadSection((line = '') => console.log(line));
}

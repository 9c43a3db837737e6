/**
 * HTTP load (issue 5; `npm run bench` calls `loadSection`): a real server process (`npm start`'s
 * entry, SQLite at synchronous FULL and then NORMAL, loopback only) takes complete-step requests from autocannon
 * at increasing rates; the section reports throughput and p50/p99/max latency per rate. Every
 * request completes a different open step of a pre-started case; any failed request (non-2xx,
 * connection error, timeout) makes the run throw, and after each rate the store must hold exactly
 * as many new completions as requests were sent.
 *
 * Environment:
 *   BENCH_LOAD_RATES        target rates in requests/s, comma-separated (default 100,250,500,1000)
 *   BENCH_LOAD_SECONDS      seconds per rate (default 5)
 *   BENCH_LOAD_CONNECTIONS  concurrent keep-alive connections (default 10)
 *   BENCH_LOAD_CPU_PROF     a folder: the server runs with --cpu-prof and writes its profile there
 *
 * Alone: `node --import tsx bench/load.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { call, spawnServer, type ServerProcess } from '../server/spawnServer.ts';

export { call };

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const envNumber = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

/** Steps per case: every case offers this many complete-step requests, one after another. */
const STEPS = 20;
const PROCESS_ID = 'BebanLangkah';
export const ADMIN_PASSWORD = 'admin-bench-beban-123';
export const USER = { id: 'petugas-beban', nama: 'Petugas Beban', password: 'petugas-bench-123', roles: ['petugas', 'analis'] };

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
export async function startServer(dataDir: string, profileDir: string | undefined, synchronous: 'FULL' | 'NORMAL' = 'FULL'): Promise<ServerProcess> {
  return spawnServer({
    HOST: '127.0.0.1', PROTAP_DATA: dataDir, PROTAP_ADMIN_PASSWORD: ADMIN_PASSWORD, PROTAP_SQLITE_SYNC: synchronous,
    DATABASE_URL: undefined, // SQLite, not PostgreSQL
  }, { keepLogs: false, ...(profileDir ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] } : {}) });
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

interface RateFigures {
  target: number;
  sent: number;
  ok: number;
  /** Sent in the last moment and cut off when the run's time was up (not failures: their completions are in the store). */
  cutOff: number;
  failed: number;
  seconds: number;
  achieved: number;
  p50: number;
  p99: number;
  max: number;
  casesStarted: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

/** Completed steps in the store, read beside the running server (WAL: readers do not block its writer). */
function completionsIn(db: Database.Database): number {
  return (db.prepare("SELECT count(*) AS n FROM case_log WHERE event LIKE 'COMPLETE.%'").get() as { n: number }).n;
}

/** One autocannon run at `rate` requests/s for `seconds`; checks every answer and the store afterwards. */
async function runRate(url: string, token: string, db: Database.Database, rate: number, seconds: number, connections: number): Promise<RateFigures> {
  // Enough open steps that the queue never runs dry: rate × (seconds + 1.5) requests at most, plus
  // one case per connection in flight.
  const casesNeeded = Math.ceil((rate * (seconds + 1.5)) / STEPS) + 2 * connections;
  const auth = { authorization: `Bearer ${token}` };
  const queue = await startCases(url, auth, casesNeeded);
  const before = completionsIn(db);
  let head = 0;
  let sent = 0;
  let answered = 0;
  let ok = 0;
  let emptyQueue = 0;
  const failures: string[] = [];
  const latencies: number[] = [];
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };

  const result = await new Promise<AutocannonResult>((done, fail) => {
    const tracker = autocannon({
      url, connections, duration: seconds, overallRate: rate, timeout: 10,
      // Raw per-request latencies (the correction assumes evenly spaced requests; these come in per-second quotas).
      ignoreCoordinatedOmission: true,
      requests: [{
        setupRequest: (req, context) => {
          sent++;
          const item = head < queue.length ? queue[head++] : undefined;
          if (!item) {
            emptyQueue++;
            return { ...req, method: 'POST', path: '/api/cases/tidak-ada/steps/tidak-ada/complete', headers, body: '{}' };
          }
          context.item = item;
          return { ...req, method: 'POST', path: `/api/cases/${item.caseId}/steps/T${item.step + 1}/complete`, headers, body: '{}' };
        },
        onResponse: (status, body, context) => {
          answered++;
          const item = context.item as Open | undefined;
          if (status >= 200 && status < 300 && item) {
            ok++;
            if (item.step + 1 < STEPS) queue.push({ caseId: item.caseId, step: item.step + 1 });
          } else if (failures.length < 5) {
            failures.push(`HTTP ${status} ${item ? `${item.caseId}/T${item.step + 1}` : '(antrean kosong)'}: ${body.slice(0, 200)}`);
          }
        },
      }],
    }, (error, res) => (error ? fail(error) : done(res)));
    tracker.on('response', (_client, _status, _bytes, responseTime) => { latencies.push(responseTime); });
  });

  const failed = result.errors + result.non2xx + emptyQueue;
  if (failed > 0 || result['2xx'] !== ok) {
    throw new Error(`beban ${rate}/s: ${failed} permintaan gagal (non-2xx ${result.non2xx}, galat ${result.errors}, batas waktu ${result.timeouts}, antrean kosong ${emptyQueue}; ` +
      `2xx autocannon ${result['2xx']}, 2xx dihitung ${ok}): ${failures.join(' | ')}`);
  }
  // Requests sent just before the run stopped get no answer (autocannon closes the connections), but
  // the server still commits them. Wait for those, then the store must hold exactly one completion per request sent.
  const cutOff = sent - answered;
  let added = completionsIn(db) - before;
  for (let tries = 0; added !== sent && tries < 50; tries++) {
    await new Promise((r) => setTimeout(r, 100));
    added = completionsIn(db) - before;
  }
  if (added !== sent) {
    throw new Error(`beban ${rate}/s: ${sent} permintaan dikirim (${ok} dijawab 2xx, ${cutOff} terpotong di akhir), tetapi penyimpanan mencatat ${added} langkah selesai`);
  }
  latencies.sort((a, b) => a - b);
  return {
    target: rate, sent, ok, cutOff, failed, seconds: result.duration, achieved: ok / result.duration,
    p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] ?? Number.NaN,
    casesStarted: casesNeeded,
  };
}

/** One server process at one synchronous mode: warm-up, then each rate. */
async function measureMode(synchronous: 'FULL' | 'NORMAL', rates: number[], seconds: number, connections: number, profileDir: string | undefined): Promise<RateFigures[]> {
  const dir = mkdtempSync(join(tmpdir(), 'protap-load-'));
  let server: ServerProcess | undefined;
  let db: Database.Database | undefined;
  try {
    server = await startServer(dir, profileDir, synchronous);
    const { url } = server;
    const admin = await expectStatus('login admin', 200, call(url, 'POST', '/api/login', { id: 'admin', password: ADMIN_PASSWORD }));
    await expectStatus('membuat pengguna', 201, call(url, 'POST', '/api/users', USER, { authorization: `Bearer ${admin.token}` }));
    const { token } = await expectStatus('login petugas', 200, call(url, 'POST', '/api/login', { id: USER.id, password: USER.password }));
    await expectStatus('deploy', 201, call(url, 'POST', '/api/definitions', loadBpmn(), { authorization: `Bearer ${token}` }));
    db = new Database(join(dir, 'protap.db'), { readonly: true, fileMustExist: true });

    // Warm-up (not reported): the server's request path gets compiled before anything is timed.
    await runRate(url, token, db, 500, 2, connections);
    const figures: RateFigures[] = [];
    for (const rate of rates) figures.push(await runRate(url, token, db, rate, seconds, connections));
    const stopped = await server.stop();
    server = undefined;
    if (stopped !== 0) throw new Error(`server tidak berhenti dengan rapi setelah SIGTERM: ${String(stopped)}`);
    return figures;
  } finally {
    db?.close();
    if (server) await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function loadSection(say: (line?: string) => void): Promise<void> {
  const rates = (process.env.BENCH_LOAD_RATES ?? '100,250,500,1000').split(',').map(Number);
  const seconds = envNumber('BENCH_LOAD_SECONDS', 5);
  const connections = envNumber('BENCH_LOAD_CONNECTIONS', 10);
  const profileDir = process.env.BENCH_LOAD_CPU_PROF ? resolve(process.env.BENCH_LOAD_CPU_PROF) : undefined;
  const sectionStarted = Date.now();
  const loadBefore = loadavg()[0] ?? 0;
  const modes = ['FULL', 'NORMAL'] as const;
  const results: [(typeof modes)[number], RateFigures[]][] = [];
  for (const mode of modes) results.push([mode, await measureMode(mode, rates, seconds, connections, profileDir)]);
  say('## HTTP load: completing steps');
  say();
  say(`Written by \`bench/load.ts\` (BENCH_LOAD_* variables); the section took ${fmt((Date.now() - sectionStarted) / 1000)} s.`);
  say(`Load average (1 min) of the machine: ${fmt(loadBefore, 2)} when the section began, ${fmt(loadavg()[0] ?? 0, 2)} when it ended, on ${cpus().length} cores;`);
  say('the load generator runs on the same cores as the server.');
  say();
  say(`A real server process (\`node --import tsx server/main.ts\`, as \`npm start\`) on 127.0.0.1, SQLite in a fresh temp folder with`);
  say('synchronous FULL (the default: every COMMIT syncs the WAL), then again at NORMAL (a new server and file), JSON request log at level info on a pipe. One person with role');
  say(`\`petugas\` completes steps of a ${STEPS}-step process (T1 → … → T${STEPS}, one lane, \`sop:waktu="1 Hari"\` on each, so each completion`);
  say('also moves a deadline timer row). Cases are started beforehand; every request `POST /api/cases/:id/steps/:step/complete`');
  say('(body `{}`, bearer token: one session lookup per request) completes a different open step: a request takes the next open');
  say('step from a queue and a 2xx answer puts the case back with its next step. Any non-2xx answer, connection error or timeout');
  say('fails the run; after each rate the store must hold exactly one new completion per request sent.');
  say();
  say(`autocannon 9, ${connections} keep-alive connections, no pipelining, ${seconds} s per rate after a 2 s warm-up at 500/s. Its rate limit`);
  say('(`overallRate`) gives each connection a quota of rate ÷ connections requests per second, sent back to back from the start');
  say(`of each second: requests arrive in bursts of up to ${connections} at a time, not evenly spaced, which is harder on latency than a`);
  say('steady stream. Latency is each request from write to complete answer (raw, without coordinated-omission correction);');
  say('achieved requests/s is 2xx answers ÷ the run\'s time. Requests cut off at the end of a run are counted in the store check only.');
  if (profileDir) say(`The server ran with \`--cpu-prof\` (profile in ${profileDir}), which slows it.`);
  say();
  say('| synchronous | target requests/s | requests (2xx) | achieved requests/s | p50 ms | p99 ms | max ms | errors | target (issue 5): p99 < 20 ms at 500/s |');
  say('|---|---:|---:|---:|---:|---:|---:|---:|---|');
  const verdict = (f: RateFigures) => (f.target === 500 ? (f.p99 < 20 && f.achieved >= 0.95 * 500 ? 'met' : '**not met**') : '—');
  for (const [mode, figures] of results) {
    for (const f of figures) {
      say(`| ${mode} | ${fmt(f.target)} | ${fmt(f.ok)} | ${fmt(f.achieved)} | ${fmt(f.p50, 1)} | ${fmt(f.p99, 1)} | ${fmt(f.max, 1)} | ${f.failed} | ${verdict(f)} |`);
    }
  }
  say();
  say('At FULL each COMMIT waits for the disk on the server\'s only thread, and requests that arrive meanwhile wait with it; at');
  say('NORMAL the WAL is synced only at checkpoints, which survives a crash of the server process but not a power cut.');
  say();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await loadSection((line = '') => console.log(line));
}

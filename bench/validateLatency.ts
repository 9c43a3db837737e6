/**
 * Issue 18, point 6: `/api/health` latency on a real server (`server/main.ts`, SQLite) while an
 * analyst validates BPMN — the largest document accepted (9,000 tasks, 18,005 XML elements) and
 * one of 20,000 tasks (refused by size) — with the checks on the BPMN worker thread (the default)
 * and, for comparison in the same run, on the server's own thread (PROTAP_BPMN_THREAD=off).
 * Health is asked every 10 ms by one client; figures are milliseconds over all answers.
 * Run alone: `node --import tsx bench/validateLatency.ts`; `npm run bench` includes it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, spawnServer } from '../server/spawnServer.ts';
import { chainBpmn } from '../test/support/chainBpmn.ts';

export interface LatencyFigures { mode: string; document: string; checks: number; checkMs: number; health: number; p50: number; p99: number; max: number }

const PASSWORD = 'kata-sandi-bench-123';
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;

async function measure(mode: 'worker' | 'server thread', seconds: number): Promise<LatencyFigures[]> {
  const dir = mkdtempSync(join(tmpdir(), 'protap-bench-validate-'));
  const server = await spawnServer({ PROTAP_DATA: dir, PROTAP_ADMIN_PASSWORD: PASSWORD, PROTAP_BPMN_THREAD: mode === 'worker' ? undefined : 'off' }, { keepLogs: false });
  try {
    const login = await call(server.url, 'POST', '/api/login', { id: 'admin', password: PASSWORD });
    const as = { authorization: `Bearer ${login.body.token as string}` };
    await call(server.url, 'POST', '/api/definitions/validate', chainBpmn(2), as); // the worker loaded
    const figures: LatencyFigures[] = [];
    for (const [document, xml] of [['9.000 langkah (diterima)', chainBpmn(9_000)], ['20.000 langkah (ditolak: ukuran)', chainBpmn(20_000)]] as const) {
      const until = performance.now() + seconds * 1000;
      let checking = true;
      let checks = 0;
      let checkMs = 0;
      const validator = (async () => {
        while (performance.now() < until) {
          const started = performance.now();
          const answer = await call(server.url, 'POST', '/api/definitions/validate', xml, as);
          if (answer.status !== 200) throw new Error(`validate: ${answer.status}`);
          checkMs += performance.now() - started;
          checks++;
        }
        checking = false;
      })();
      const latencies: number[] = [];
      while (checking) {
        const started = performance.now();
        await fetch(`${server.url}/api/health`).then((answer) => answer.arrayBuffer());
        latencies.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await validator;
      const sorted = latencies.sort((a, b) => a - b);
      figures.push({ mode, document, checks, checkMs: checkMs / Math.max(1, checks), health: sorted.length, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted[sorted.length - 1] ?? 0 });
    }
    return figures;
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function validateLatency(seconds = 10): Promise<LatencyFigures[]> {
  return [...await measure('worker', seconds), ...await measure('server thread', seconds)];
}

export function latencyTable(figures: LatencyFigures[]): string[] {
  const f = (n: number) => n.toFixed(1);
  return [
    '| checks run on | document validated | validations | ms per validation | health answers | health p50 ms | health p99 ms | health max ms |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
    ...figures.map((x) => `| ${x.mode} | ${x.document} | ${x.checks} | ${f(x.checkMs)} | ${x.health} | ${f(x.p50)} | ${f(x.p99)} | ${f(x.max)} |`),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of latencyTable(await validateLatency(Number(process.env.BENCH_SECONDS ?? 10)))) console.log(line);
}

/**
 * `npm run bench`: runs every benchmark in one process and writes docs/benchmarks.md with the
 * machine and the date. Compare ratios from one run: the machines are shared and noisy.
 * Environment: BENCH_CASES (Protap cases per scenario, default 10000), BENCH_BASELINE_CASES
 * (bpmn-engine cases per scenario, default 1000: it runs about 100× slower).
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { compileCorpus } from './compileCorpus.ts';
import { runBpmnEngine, runProtap, type EngineFigures } from './engines.ts';

const root = resolve(import.meta.dirname, '..');
const cases = Number(process.env.BENCH_CASES ?? 10_000);
const baselineCases = Number(process.env.BENCH_BASELINE_CASES ?? 1_000);
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const lines: string[] = [];
const say = (line = '') => { lines.push(line); console.log(line); };

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${fmt(totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}, ${process.platform}`;
say('# Benchmarks');
say();
say(`Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}. Machine: ${machine}.`);
say('Figures are from one run; compare the ratios, which hold on a noisy shared machine better than absolute numbers.');
say();

const corpus = await compileCorpus(resolve(root, '../shared/bpmn-corpus'));
say('## Compile time, public BPMN corpus');
say();
say('Read (bpmn-moddle) + check + compile + create the XState machine, best of 5 rounds per file.');
say();
say('| files | compiled | rejected | total ms | median ms/file | max ms (file) |');
say('|---:|---:|---:|---:|---:|---|');
say(`| ${corpus.files} | ${corpus.compiled} | ${corpus.rejected} | ${fmt(corpus.totalMs, 1)} | ${fmt(corpus.medianMs, 2)} | ${fmt(corpus.maxMs, 1)} (${corpus.slowest}) |`);
say();

const scenarios = [
  { name: '10-step SOP (rework gateway, waktu on every step)', file: 'bench/fixtures/tenSteps.bpmn' },
  { name: '4-branch parallel SOP (10 steps)', file: 'bench/fixtures/fourBranches.bpmn' },
];
const results: { scenario: string; protap: EngineFigures[]; baseline?: EngineFigures }[] = [];
// Protap's runs first, bpmn-engine's after them: a thousand bpmn-engine instances leave a heap
// behind that slowed the runs that followed it by a fifth.
// Warm up on every scenario before timing any: the JIT then sees all the machines' shapes, as a
// server running many SOPs does, and no figure depends on which scenario ran first.
for (const scenario of scenarios) await runProtap(scenario.name, resolve(root, scenario.file), Math.min(2_000, cases), false);
// Handed-off runs first; then each kept-in-memory run, the parallel one first: a run that kept
// 10,000 cases leaves V8 a large old space, and the run after it would pay for that heap.
const handedOff: EngineFigures[] = [];
for (const scenario of scenarios) handedOff.push(await runProtap(scenario.name, resolve(root, scenario.file), cases, false));
const kept = new Map<string, EngineFigures>();
for (const scenario of [...scenarios].reverse()) kept.set(scenario.name, await runProtap(scenario.name, resolve(root, scenario.file), cases, true));
scenarios.forEach((scenario, i) => results.push({ scenario: scenario.name, protap: [kept.get(scenario.name) as EngineFigures, handedOff[i] as EngineFigures] }));
for (const [i, scenario] of scenarios.entries()) {
  const file = resolve(root, scenario.file);
  await runBpmnEngine(scenario.name, file, Math.min(20, baselineCases)); // warm-up
  (results[i] as (typeof results)[number]).baseline = await runBpmnEngine(scenario.name, file, baselineCases);
}
say('## Case throughput, in process, beside bpmn-engine');
say();
say('Each case is started and every open user task completed in turn until the case ends. Protap includes condition');
say('evaluation, a deadline per step on the working-day calendar, timer rows and the history; bpmn-engine signals each');
say('waiting task from its `wait` listener. Same BPMN files, same process.');
say();
say('Two Protap configurations: *handed off* gives every ended case, with its full history, to the');
say('`onCaseEnded` hook and forgets it (`keepEnded: false`), which is how the durable runtime works: memory holds');
say('open cases only (DESIGN.md decision 9); *kept in memory* keeps all 10,000 ended cases and their histories on the');
say('heap, where the garbage collector has to walk them (about 10 KB per case). Case i starts 7 minutes after case');
say('i-1, each step takes an hour. All scenarios are warmed up before any is timed; garbage is collected before each run.');
say('Repeat a single figure in a fresh process with `node --expose-gc --import tsx bench/one.ts fourBranches 10000 [keep]`.');
say();
say('| scenario | engine | cases | steps | seconds | cases/s | steps/s |');
say('|---|---|---:|---:|---:|---:|---:|');
for (const r of results) {
  for (const f of [...r.protap, ...(r.baseline ? [r.baseline] : [])]) {
    say(`| ${r.scenario} | ${f.engine} | ${fmt(f.cases)} | ${fmt(f.steps)} | ${fmt(f.seconds, 2)} | ${fmt(f.casesPerSecond)} | ${fmt(f.stepsPerSecond)} |`);
  }
}
say();
say('| scenario | Protap configuration | steps/s | ÷ bpmn-engine steps/s | target (issue 2): ≥ 50,000 steps/s and > 50× |');
say('|---|---|---:|---:|---|');
for (const r of results) {
  for (const f of r.protap) {
    const ratio = f.stepsPerSecond / (r.baseline?.stepsPerSecond ?? Infinity);
    say(`| ${r.scenario} | ${f.engine.replace(/^Protap \(XState v5\), /, '')} | ${fmt(f.stepsPerSecond)} | ${fmt(ratio, 1)}× | ${f.stepsPerSecond >= 50_000 && ratio > 50 ? 'met' : 'not met'} |`);
  }
}
say();

// The durable runtime (bench/durable.ts; counts from its BENCH_DURABLE_* variables): step
// completions/s on SQLite and PostgreSQL, memory with open cases, timer lag, replay speed.
const { durableSection } = await import('./durable.ts');
await durableSection(say);

// Health while BPMN is validated (bench/validateLatency.ts): worker thread against the server's own thread.
const { validateLatency, latencyTable } = await import('./validateLatency.ts');
say('## Health while BPMN is validated');
say('');
say('Issue 18, point 6: `/api/health` asked every 10 ms on a real server (`server/main.ts`, SQLite) while one analyst');
say('validates BPMN in a loop for 10 s — the largest diagram accepted (9,000 tasks, 18,005 XML elements) and one of');
say("20,000 tasks (refused by its size). Checks on the BPMN worker thread (the server's default) beside the same");
say('server checking on its own thread (`PROTAP_BPMN_THREAD=off`), in one run. Target: health p99 under 50 ms.');
say('');
for (const line of latencyTable(await validateLatency())) say(line);
say();

// HTTP load (bench/load.ts; BENCH_LOAD_* variables): a real server process on SQLite FULL, then
// NORMAL, takes complete-step requests at 100–1000/s from autocannon (bursts) and an open-model
// generator (steady); throughput, p50/p99 latency, rounds at 500/s and where a request's time goes.
// The generators run in a fresh process of their own: this one's heap, grown by the sections
// above, would pause them for garbage collection, and an open-model request written late counts
// as late against the server.
{
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', resolve(root, 'bench/load.ts')], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  for await (const line of createInterface({ input: child.stdout })) say(line);
  const code = await exited;
  if (code !== 0) throw new Error(`bench/load.ts berhenti dengan kode ${String(code)}`);
}

writeFileSync(resolve(root, 'docs/benchmarks.md'), `${lines.join('\n')}\n`);
console.error('\nditulis: docs/benchmarks.md');

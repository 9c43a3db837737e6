/**
 * A preload for the load bench's server process (`node --import tsx --import ./bench/serverProbe.ts
 * server/main.ts`, set BENCH_LOAD_PROBE): times where each request spends its time inside the
 * server without changing any server code — HTTP arrival to answer, the wait for the store to take
 * the command, the command's own work, the wait from the end of its work to the promise settling
 * (its batch going to the writer thread, the statements and COMMIT there, the answer coming back),
 * and each batch's time with the writer. Every 100 ms it also samples the event loop: its delay (perf_hooks.monitorEventLoopDelay,
 * the most a timer waited), utilisation and CPU time; and every garbage collection. On exit it writes everything as JSON to
 * PROTAP_PROBE_OUT. Times are milliseconds on the monotonic clock (process.hrtime), shared with the load generator.
 */
import fs, { writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import http from 'node:http';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';
import { BatchedCommands } from '../src/store/sqlite/batchedCommands.ts';
import { SqliteStore } from '../src/store/sqlite/sqliteStore.ts';

const out = process.env.PROTAP_PROBE_OUT;
/** Milliseconds on the monotonic clock (CLOCK_MONOTONIC), which every process on the machine shares. */
const now = () => Number(process.hrtime.bigint()) / 1e6;

/** One HTTP request: arrived (the server's 'request' event), finished (answer written). */
const requests: { url: string; arrived: number; finished: number; status: number }[] = [];
/** One store transaction: queued, work began, work ended, promise settled. */
const transactions: { queued: number; began: number; worked: number; settled: number }[] = [];
const commits: { at: number; ms: number }[] = [];
const syncs: { at: number; ms: number }[] = [];
const loop: { at: number; delayMaxMs: number; delayP99Ms: number; utilisation: number; cpuMs: number }[] = [];
const gc: { at: number; ms: number; kind: number; youngMB: number; oldMB: number }[] = [];
new PerformanceObserver((list) => {
  const spaces = getHeapSpaceStatistics();
  const used = (name: string) => (spaces.find((s) => s.space_name === name)?.space_used_size ?? 0) / 2 ** 20;
  const offset = now() - performance.now();
  for (const entry of list.getEntries()) {
    gc.push({ at: offset + entry.startTime, ms: entry.duration, kind: ((entry as { detail?: { kind?: number } }).detail)?.kind ?? 0, youngMB: used('new_space'), oldMB: used('old_space') });
  }
}).observe({ entryTypes: ['gc'] });

const emit = http.Server.prototype.emit as (this: http.Server, event: string, ...args: unknown[]) => boolean;
http.Server.prototype.emit = function (this: http.Server, event: string, ...args: unknown[]) {
  if (event === 'request') {
    const req = args[0] as http.IncomingMessage;
    const res = args[1] as http.ServerResponse;
    const record = { url: req.url ?? '', arrived: now(), finished: 0, status: 0 };
    res.once('finish', () => { record.finished = now(); record.status = res.statusCode; requests.push(record); });
  }
  return emit.call(this, event, ...args);
} as typeof http.Server.prototype.emit;

// A batch's time with the writer thread: from the store's private send() to its answered() — the
// statements, COMMIT (and its WAL sync at FULL) there, and the answer's way back to the event loop.
const store = BatchedCommands.prototype as unknown as {
  send(this: { filling?: { id: number } }): void;
  answered(this: unknown, message: { batch: number }): void;
};
const sentAt = new Map<number, number>();
const send = store.send;
store.send = function (this: { filling?: { id: number } }) {
  if (this.filling) sentAt.set(this.filling.id, now());
  return send.call(this);
};
const answered = store.answered;
store.answered = function (this: unknown, message: { batch: number }) {
  const started = sentAt.get(message.batch);
  if (started !== undefined) {
    sentAt.delete(message.batch);
    commits.push({ at: started, ms: now() - started });
  }
  return answered.call(this, message);
};

type Transaction = SqliteStore['transaction'];
const transaction = SqliteStore.prototype.transaction as Transaction;
SqliteStore.prototype.transaction = function <T>(this: SqliteStore, work: Parameters<Transaction>[0]): Promise<T> {
  const record = { queued: now(), began: 0, worked: 0, settled: 0 };
  const settle = () => { record.settled = now(); transactions.push(record); };
  return (transaction.call(this, async (tx) => {
    record.began = now();
    try {
      return await work(tx);
    } finally {
      record.worked = now();
    }
  }) as Promise<T>).then((value) => { settle(); return value; }, (error: unknown) => { settle(); throw error; });
} as Transaction;

// WAL syncs made outside COMMIT through node:fs (none today: SQLite syncs inside COMMIT), timed by
// wrapping fs.fdatasync; syncBuiltinESMExports hands the wrapper to `import { fdatasync } from 'node:fs'` too.
const fdatasync = fs.fdatasync;
fs.fdatasync = ((fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => {
  const started = now();
  fdatasync(fd, (error) => { syncs.push({ at: started, ms: now() - started }); callback(error); });
}) as typeof fs.fdatasync;
syncBuiltinESMExports();

const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
let lastUse = performance.eventLoopUtilization();
let lastCpu = process.cpuUsage();
setInterval(() => {
  const use = performance.eventLoopUtilization(lastUse);
  lastUse = performance.eventLoopUtilization();
  const cpu = process.cpuUsage(lastCpu);
  lastCpu = process.cpuUsage();
  loop.push({ at: now(), delayMaxMs: delay.max / 1e6, delayP99Ms: delay.percentile(99) / 1e6, utilisation: use.utilization, cpuMs: (cpu.user + cpu.system) / 1000 });
  delay.reset();
}, 100).unref();

process.on('exit', () => {
  if (out) writeFileSync(out, JSON.stringify({ requests, transactions, commits, syncs, loop, gc }));
});

/**
 * With PROTAP_PROBE_PROFILE=<file prefix>: SIGUSR2 starts a CPU profile and an allocation sample
 * (collected objects included), the next SIGUSR2 writes them as <prefix>.cpuprofile and
 * <prefix>.heapprofile — so a profile covers one measured rate, not start-up.
 */
const profilePrefix = process.env.PROTAP_PROBE_PROFILE;
if (profilePrefix) {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  let profiling = false;
  process.on('SIGUSR2', () => {
    void (async () => {
      if (!profiling) {
        profiling = true;
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 200 });
        await session.post('Profiler.start');
        await session.post('HeapProfiler.enable');
        await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
        return;
      }
      profiling = false;
      const { profile } = await session.post('Profiler.stop');
      const { profile: heap } = await session.post('HeapProfiler.stopSampling');
      writeFileSync(`${profilePrefix}.cpuprofile`, JSON.stringify(profile));
      writeFileSync(`${profilePrefix}.heapprofile`, JSON.stringify(heap));
    })();
  });
}

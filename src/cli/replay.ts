/**
 * `protap replay CASE_ID... | --all [--json]`: re-runs each case's logged commands through the
 * definition version it started on, checks the hash chain and the stored case, and says "utuh"
 * or where the record stops being trustworthy. Exit 0 when every case is intact, 1 otherwise.
 * The store is the server's (DATABASE_URL, or the SQLite file in PROTAP_DATA).
 */
import { parseArgs } from 'node:util';
import { replayCase, type ReplayReport } from '../audit/replay.ts';
import { DurableEngine } from '../store/durableEngine.ts';
import { describeStore, openStore, storeSettings } from '../store/openStore.ts';
import { replayInParallel } from '../store/replayInParallel.ts';
import { argumentError } from './argumentError.ts';

const USAGE = 'Penggunaan: protap replay ID_KASUS... | --all [--workers N] [--json]';

function verdict(report: ReplayReport): string {
  return report.utuh
    ? `${report.caseId}: utuh (${report.events} catatan)`
    : `${report.caseId}: RUSAK pada catatan #${report.badSeq ?? '?'} — ${report.reason ?? ''}`;
}

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { all: { type: 'boolean' }, json: { type: 'boolean' }, workers: { type: 'string' } } });
  } catch (error) {
    console.error(`protap replay: ${argumentError(error)}\n${USAGE}`);
    return 2;
  }
  const { all, json } = parsed.values;
  if (Boolean(all) === (parsed.positionals.length > 0)) {
    console.error(`protap replay: sebutkan ID kasus atau --all (tidak keduanya).\n${USAGE}`);
    return 2;
  }
  const workers = parsed.values.workers === undefined ? undefined : Number(parsed.values.workers);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 1 || workers > 64)) {
    console.error(`protap replay: --workers harus bilangan bulat 1–64.\n${USAGE}`);
    return 2;
  }
  const settings = storeSettings();
  const store = await openStore(settings);
  try {
    const started = performance.now();
    const reports: ReplayReport[] = [];
    if (all) {
      // Every case, on every core (worker threads); the verdicts come back here.
      await replayInParallel(settings, { ...(workers ? { workers } : {}), onReport: (report) => { reports.push(report); if (!json && !report.utuh) console.log(verdict(report)); } });
    } else {
      const engine = await DurableEngine.open({ store });
      for (const id of parsed.positionals) reports.push(await replayCase(engine, id));
    }
    const bad = reports.filter((r) => !r.utuh);
    if (json) {
      console.log(JSON.stringify({ store: describeStore(settings), cases: reports.length, bad: bad.length, reports: all ? bad : reports }, null, 2));
    } else {
      if (!all) for (const report of reports) console.log(verdict(report));
      const events = reports.reduce((sum, r) => sum + r.events, 0);
      const seconds = (performance.now() - started) / 1000;
      console.log(`${reports.length} kasus, ${events} catatan diperiksa dalam ${seconds.toFixed(1)} dtk (${describeStore(settings)}): ${bad.length === 0 ? 'semua utuh' : `${bad.length} rusak`}.`);
    }
    return bad.length === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}

/**
 * `protap replay CASE_ID... | --all [--checkpoint FILE [--public-key PEM]] [--json]`: re-runs each
 * case's logged commands through the definition version it started on, checks the hash chain and
 * the stored case, and says "utuh" or where the record stops being trustworthy. With a signed
 * checkpoint it also proves the store still holds everything the checkpoint saw, unchanged.
 * Exit 0 when every case is intact, 1 otherwise. The store is the server's (DATABASE_URL, or the
 * SQLite file in PROTAP_DATA).
 */
import { parseArgs } from 'node:util';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { checkAgainstCheckpoint, checkpointProblem, type Checkpoint, type CheckpointFinding } from '../audit/checkpoint.ts';
import { checkpointPlaces } from '../audit/checkpointFiles.ts';
import { replayCase, type ReplayReport } from '../audit/replay.ts';
import { DurableEngine } from '../store/durableEngine.ts';
import { describeStore, openStore, storeSettings } from '../store/openStore.ts';
import { replayInParallel } from '../audit/replayInParallel.ts';
import { argumentError } from './argumentError.ts';

const USAGE = 'Penggunaan: protap replay ID_KASUS... | --all [--checkpoint BERKAS [--public-key PEM]] [--workers N] [--json]';

/** The office's public key: the PEM given, else the public half of the server's signing key when it is on this machine. */
function trustedKey(publicKeyFile: string | undefined, dataDir: string): KeyObject | undefined {
  if (publicKeyFile) return createPublicKey(readFileSync(publicKeyFile, 'utf8'));
  const { keyFile } = checkpointPlaces(dataDir);
  return existsSync(keyFile) ? createPublicKey(createPrivateKey(readFileSync(keyFile, 'utf8'))) : undefined;
}

/** The checkpoint file, trusted; or why not (printed, exit 2). */
function readCheckpoint(file: string, publicKeyFile: string | undefined, dataDir: string): Checkpoint | string {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return `titik periksa ${file} tidak dapat dibaca (${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'berkas tidak ditemukan' : 'bukan JSON'}).`;
  }
  let trusted: KeyObject | undefined;
  try {
    trusted = trustedKey(publicKeyFile, dataDir);
  } catch {
    return `kunci publik ${publicKeyFile ?? ''} tidak dapat dibaca.`;
  }
  const problem = checkpointProblem(value, trusted);
  if (problem) return problem;
  return value as Checkpoint;
}

function verdict(report: ReplayReport): string {
  return report.intact
    ? `${report.caseId}: utuh (${report.events} catatan)`
    : `${report.caseId}: RUSAK pada catatan #${report.badSeq ?? '?'} — ${report.reason ?? ''}`;
}

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { all: { type: 'boolean' }, json: { type: 'boolean' }, workers: { type: 'string' }, checkpoint: { type: 'string' }, 'public-key': { type: 'string' } } });
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
  if (parsed.values.checkpoint && !all) {
    console.error(`protap replay: --checkpoint hanya bersama --all.\n${USAGE}`);
    return 2;
  }
  const settings = storeSettings();
  const checkpoint = parsed.values.checkpoint ? readCheckpoint(parsed.values.checkpoint, parsed.values['public-key'], settings.dataDir) : undefined;
  if (typeof checkpoint === 'string') {
    console.error(`protap replay: ${checkpoint}`);
    return 2;
  }
  const store = await openStore(settings);
  try {
    const started = performance.now();
    const reports: ReplayReport[] = [];
    if (all) {
      // Every case, on every core (worker threads); the verdicts come back here.
      await replayInParallel(settings, { ...(workers ? { workers } : {}), onReport: (report) => { reports.push(report); if (!json && !report.intact) console.log(verdict(report)); } });
    } else {
      const engine = await DurableEngine.open({ store });
      for (const id of parsed.positionals) reports.push(await replayCase(engine, id));
    }
    const bad = reports.filter((r) => !r.intact);
    const findings: CheckpointFinding[] = checkpoint ? await checkAgainstCheckpoint(store, checkpoint) : [];
    if (json) {
      console.log(JSON.stringify({
        store: describeStore(settings), cases: reports.length, bad: bad.length, reports: all ? bad : reports,
        ...(checkpoint ? { checkpoint: { at: checkpoint.at, cases: checkpoint.cases, fingerprint: checkpoint.fingerprint, findings } } : {}),
      }, null, 2));
    } else {
      for (const finding of findings) console.log(`${finding.caseId}: RUSAK menurut titik periksa — ${finding.reason}`);
      if (checkpoint) {
        console.log(`Titik periksa ${checkpoint.at} (${checkpoint.cases} kasus, ${checkpoint.events} catatan; kunci ${checkpoint.fingerprint}): ${findings.length === 0 ? 'semua yang tercatat di dalamnya masih ada dan tidak berubah' : `${findings.length} kasus tidak lagi sesuai`}.`);
      }
      if (!all) for (const report of reports) console.log(verdict(report));
      const events = reports.reduce((sum, r) => sum + r.events, 0);
      const seconds = (performance.now() - started) / 1000;
      console.log(`${reports.length} kasus, ${events} catatan diperiksa dalam ${seconds.toFixed(1)} dtk (${describeStore(settings)}): ${bad.length === 0 ? 'semua utuh' : `${bad.length} rusak`}.`);
    }
    return bad.length === 0 && findings.length === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}

/**
 * `protap simulate FILE [--data JSON] [--from ISO] [--process ID] [--with FILE]... [--step-hours N]
 * [--timers-first] [--without PESAN]... [--tz ZONE] [--json]`: runs one case on a simulated clock and
 * prints the path taken with each step's due time. `--without PESAN` never sends that message (a
 * party that files no kasasi), so the window's timer runs out on that branch only. `--with` deploys the micro SOPs a macro SOP calls; without it
 * they are taken from the catalogue (processes/).
 */
import { parseArgs } from 'node:util';
import { loadCalendar, zoneFor } from '../calendar/loadCalendar.ts';
import { loadDefinitions } from '../runtime/loadDefinitions.ts';
import { simulate, type SimulationResult } from '../runtime/simulate.ts';
import type { Definition } from '../runtime/definition.ts';
import { argumentError } from './argumentError.ts';
import { readFiles } from './readFiles.ts';
import { readBpmn } from '../bpmn/readBpmn.ts';
import { dependencyOrder } from '../catalogue/deployCatalogue.ts';
import { readCatalogue } from '../catalogue/readCatalogue.ts';

const USAGE = 'Penggunaan: protap simulate FILE [--data JSON] [--from ISO] [--process ID] [--with FILE]... [--step-hours N] [--timers-first] [--without PESAN]... [--tz ZONA] [--json]';

/** Runs the command. */
export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args, allowPositionals: true,
      options: {
        data: { type: 'string' }, from: { type: 'string' }, process: { type: 'string' }, with: { type: 'string', multiple: true },
        'step-hours': { type: 'string' }, 'timers-first': { type: 'boolean' }, without: { type: 'string', multiple: true }, tz: { type: 'string' }, json: { type: 'boolean' },
      },
    });
  } catch (error) {
    console.error(`protap simulate: ${argumentError(error)}\n${USAGE}`);
    return 2;
  }
  const [file] = parsed.positionals;
  if (!file || parsed.positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  let vars: Record<string, unknown> = {};
  if (parsed.values.data) {
    try {
      const value: unknown = JSON.parse(parsed.values.data);
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('bukan objek');
      vars = value as Record<string, unknown>;
    } catch {
      console.error(`--data harus berupa objek JSON, mis. '{"lengkap": true}'.`);
      return 2;
    }
  }
  const stepHours = parsed.values['step-hours'] === undefined ? 1 : Number(parsed.values['step-hours']);
  if (!Number.isFinite(stepHours) || stepHours <= 0) {
    console.error('--step-hours harus bilangan positif (jam per langkah).');
    return 2;
  }
  let calendar;
  try {
    calendar = loadCalendar(parsed.values.tz ? { zone: zoneFor(parsed.values.tz) } : {});
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  // Micro SOPs a macro SOP calls come from --with files, or else from the catalogue (processes/).
  const calls = await calledByMain(file);
  const fromCatalogue = parsed.values.with?.length ? [] : await catalogueFilesFor(calls);
  const reads = await readFiles([...fromCatalogue, ...(parsed.values.with ?? []), file]);
  const definitions: Definition[] = [];
  const known = new Set<string>();
  let mainIds: string[] = [];
  for (const read of reads) {
    if (!read.ok) {
      console.error(`${read.file}: ${read.message}`);
      return 1;
    }
    const loaded = await loadDefinitions(read.xml, known);
    if (loaded.problems.length > 0) {
      console.error(`${read.file} tidak valid:`);
      for (const p of loaded.problems) console.error(`  ${p.code} ${p.id ? `[${p.id}] ` : ''}${p.message}`);
      return 1;
    }
    for (const d of loaded.definitions) known.add(d.processId);
    definitions.push(...loaded.definitions);
    mainIds = loaded.definitions.map((d) => d.processId); // the main file is read last
  }
  const processId = parsed.values.process ?? mainIds[0];
  if (!processId || !definitions.some((d) => d.processId === processId)) {
    console.error(parsed.values.process ? `Proses "${parsed.values.process}" tidak ditemukan.` : `${file} tidak berisi proses yang dapat dijalankan.`);
    return 1;
  }
  let result: SimulationResult;
  try {
    result = simulate(definitions, {
      processId, vars, stepHours, calendar, preferTimers: parsed.values['timers-first'] === true, withoutMessages: parsed.values.without ?? [],
      from: parsed.values.from ?? '2026-01-05T08:00:00+07:00',
    });
  } catch (error) {
    console.error(`Simulasi gagal: ${(error as Error).message}`);
    return 1;
  }
  if (parsed.values.json) {
    console.log(JSON.stringify({ caseId: result.caseId, status: result.status, finished: result.finished, reason: result.reason, path: result.path, vars: result.cases[0]?.vars }, null, 2));
  } else {
    printPath(result);
  }
  return result.finished ? 0 : 1;
}

/** The processes the file's call activities call (empty when it cannot be read: the load reports that). */
async function calledByMain(file: string): Promise<string[]> {
  const [read] = await readFiles([file]);
  if (!read?.ok) return [];
  const model = (await readBpmn(read.xml)).model;
  const own = new Set(model?.processes.map((p) => p.id));
  return (model?.processes ?? []).flatMap((p) => [...p.nodes.values()].map((n) => n.calledElement ?? '')).filter((id) => id && !own.has(id));
}

/** The catalogue files that define the called processes and what they call in turn, callees first. */
async function catalogueFilesFor(calls: string[]): Promise<string[]> {
  if (calls.length === 0) return [];
  const entries = await readCatalogue().catch(() => []);
  const byId = new Map(entries.map((e) => [e.processId, e]));
  const needed = new Set<string>();
  const visit = (id: string) => {
    const entry = byId.get(id);
    if (!entry || needed.has(id)) return;
    needed.add(id);
    entry.calledElements.forEach(visit);
  };
  calls.forEach(visit);
  return dependencyOrder(entries.filter((e) => needed.has(e.processId))).map((e) => e.path);
}

function printPath(result: SimulationResult): void {
  for (const entry of result.path) {
    const who = entry.pelaksana ? ` — ${entry.pelaksana}` : '';
    const due = entry.due ? `\n      tenggat ${entry.due} (${entry.dueExplanation ?? ''})` : '';
    const late = entry.late ? ' [TERLAMBAT]' : '';
    const indent = entry.caseId === result.caseId ? '' : '  ↳ ';
    console.log(`${entry.at}  ${indent}${entry.name ?? entry.node} [${entry.type}]${who}${late}${due}`);
  }
  const status = { active: 'masih berjalan', completed: 'selesai', terminated: 'dihentikan', failed: 'gagal', incident: 'insiden' }[result.status];
  console.log(`\nKasus ${result.caseId}: ${status}${result.reason ? ` — ${result.reason}` : ''}.`);
}

/**
 * Issue 6: every micro SOP of the catalogue runs from start to end along every gateway branch.
 * The branches are found from the conditions themselves (`var = true|false|"value"`), so the
 * spec holds whatever lanes and gateways the analysts draw into the files.
 */
import { describe, expect, it } from 'vitest';
import { validateFiles } from '../../src/cli/validate.ts';
import type { ProcessModel } from '../../src/model/processModel.ts';
import { simulate, type SimulationResult } from '../../src/runtime/simulate.ts';
import type { WaktuSpec } from '../../src/sop/waktuSpec.ts';
import { catalogueFiles } from './catalogueFiles.ts';

const files = await catalogueFiles();
const micro = files.filter((f) => f.entry.cakupan === 'mikro');
const CONDITION = /^\s*=?\s*([A-Za-z_]\w*)\s*=\s*(true|false|"[^"]*")\s*$/;

/**
 * The variable assignments to try. A gateway nested behind another is reached only when the
 * outer one opens, so every run starts from "every condition holds" (each variable at the first
 * value a condition tests) and changes one variable: to each value tested, and for a boolean
 * also to its complement. One more run sets nothing, so every default flow is taken.
 */
function assignments(model: ProcessModel): Record<string, unknown>[] {
  const tested = new Map<string, unknown[]>();
  for (const flow of model.flows.values()) {
    const m = flow.condition && CONDITION.exec(flow.condition.body);
    if (!m) continue;
    const [, name = '', raw = ''] = m;
    const value: unknown = JSON.parse(raw);
    const values = tested.get(name) ?? [];
    for (const v of typeof value === 'boolean' ? [value, !value] : [value]) if (!values.includes(v)) values.push(v);
    tested.set(name, values);
  }
  const base = Object.fromEntries([...tested].map(([name, values]) => [name, values[0]]));
  const runs: Record<string, unknown>[] = [{}];
  for (const [name, values] of tested) for (const value of values) runs.push({ ...base, [name]: value });
  return runs;
}

/** Whether a waktu sets no deadline for a case with these variables. */
function setsNoDeadline(spec: WaktuSpec, vars: Record<string, unknown>): boolean {
  if (spec.kind === 'none') return true;
  // A minimum gap ("tenggang waktu pemanggilan") arms no deadline; completing earlier is refused instead.
  if (spec.kind === 'duration') return spec.bound === 'min';
  if (spec.kind === 'conditional') return spec.cases.every((c) => String(vars[c.when.variable]) !== c.when.equals || setsNoDeadline(c.spec, vars));
  return false;
}

/** Targets of gateway flows that lead back to their gateway: rework loops. */
function loopTargets(model: ProcessModel): Set<string> {
  const reaches = (from: string, to: string) => {
    const seen = new Set<string>();
    const queue = [from];
    while (queue.length > 0) {
      const id = queue.pop() as string;
      if (id === to) return true;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const f of model.nodes.get(id)?.outgoing ?? []) queue.push(model.flows.get(f)?.target ?? '');
    }
    return false;
  };
  const targets = new Set<string>();
  for (const node of model.nodes.values()) {
    if (node.type !== 'exclusiveGateway') continue;
    for (const f of node.outgoing) {
      const target = model.flows.get(f)?.target;
      if (target && reaches(target, node.id)) targets.add(target);
    }
  }
  return targets;
}

/**
 * For each rework gateway (one with a flow leading back to itself), the variable values that
 * leave the loop: the conditions of its flows that do not lead back, or, when that way out is
 * the default flow, the opposite of the conditions that lead back.
 */
function loopExits(model: ProcessModel, loops: Set<string>): Record<string, unknown> {
  const exits: Record<string, unknown> = {};
  for (const node of model.nodes.values()) {
    if (node.type !== 'exclusiveGateway') continue;
    const flows = node.outgoing.map((id) => model.flows.get(id)).filter((f) => f !== undefined);
    if (!flows.some((f) => loops.has(f.target))) continue;
    for (const flow of flows) {
      const m = flow.condition && CONDITION.exec(flow.condition.body);
      if (!m) continue;
      const value: unknown = JSON.parse(m[2] ?? 'null');
      if (!loops.has(flow.target)) exits[m[1] ?? ''] = value;
      else if (typeof value === 'boolean' && !((m[1] ?? '') in exits)) exits[m[1] ?? ''] = !value;
    }
  }
  return exits;
}

function stepsWithoutDue(run: SimulationResult, file: (typeof files)[number]): string[] {
  const vars = run.cases.find((c) => c.id === run.caseId)?.vars ?? {};
  return run.path.filter((p) => p.processId === file.entry.processId).flatMap((p) => {
    const step = file.definition.steps.get(p.node);
    if (!step?.waktuSpec || p.due || setsNoDeadline(step.waktuSpec, vars)) return [];
    return [`${p.node} "${step.waktu}"`];
  });
}

describe('the catalogue: files', () => {
  it('validates every file together, so call activities resolve', async () => {
    const results = await validateFiles(files.map((f) => f.entry.path));
    expect(results.filter((r) => !r.ok).map((r) => ({ file: r.file, errors: r.errors }))).toEqual([]);
  });
});

describe('the catalogue: every micro SOP runs along every gateway branch', () => {
  const definitions = micro.map((f) => f.definition);
  for (const file of micro) {
    it(`${file.entry.kodeBuku} ${file.entry.nama} (${file.entry.processId})`, () => {
      const loops = loopTargets(file.model);
      // A step completed a second time (its rework loop came round once) answers so as to leave the loop.
      const exits = loopExits(file.model, loops);
      const stepData = Object.fromEntries([...file.definition.steps.keys()].map((id) => [id, [{}, exits]]));
      const runs = assignments(file.model).map((vars) => ({
        vars,
        run: simulate(definitions, { processId: file.entry.processId, from: '2026-03-16T08:00:00+07:00', vars, stepData, maxEvents: 200 }),
      }));
      for (const { vars, run } of runs) {
        expect({ vars, status: run.status, reason: run.reason }).toEqual({ vars, status: 'completed', reason: undefined });
        expect({ vars, withoutDue: stepsWithoutDue(run, file) }).toEqual({ vars, withoutDue: [] });
      }
      const reached = new Set(runs.flatMap(({ run }) => run.path.filter((p) => p.processId === file.entry.processId).map((p) => p.node)));
      const untaken = [...file.model.nodes.values()].filter((n) => n.type === 'exclusiveGateway' && n.outgoing.length > 1)
        .flatMap((gateway) => gateway.outgoing.map((id) => file.model.flows.get(id)))
        .filter((flow) => flow && !reached.has(flow.target)).map((flow) => `${flow?.id} → ${flow?.target}`);
      expect(untaken).toEqual([]);
    });
  }
});

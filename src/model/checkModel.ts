/**
 * Model-level checks that need no compilation: dangling flows, unreachable nodes, lanes without
 * a pelaksana. Structural and per-element checks happen while compiling (`src/compile/`).
 */
import type { ProcessModel } from './processModel.ts';
import { bpmnType, problem, type Problem } from './problem.ts';
import { instantLoops } from './instantLoops.ts';

export interface CheckResult {
  problems: Problem[];
  warnings: Problem[];
}

/** Checks a process model for problems (which block running it) and warnings (which do not). */
export function checkModel(model: ProcessModel): CheckResult {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  for (const flow of model.flows.values()) {
    if (!model.nodes.has(flow.source) || !model.nodes.has(flow.target)) {
      problems.push(problem('DANGLING_FLOW', flow.id, 'bpmn:SequenceFlow',
        `Alur ${flow.id} tidak tersambung ke elemen yang ada (dari "${flow.source}" ke "${flow.target}"); sambungkan kedua ujungnya atau hapus alur itu.`));
    }
  }
  problems.push(...instantLoops(model));
  const reached = reachable(model);
  for (const node of model.nodes.values()) {
    if (!reached.has(node.id) && node.type !== 'startEvent') {
      warnings.push(problem('UNREACHABLE', node.id, bpmnType(node.type),
        `${node.name ? `"${node.name}" ` : ''}(${node.id}) tidak pernah dicapai dari start event; sambungkan atau hapus.`));
    }
  }
  for (const lane of model.lanes) {
    if (!lane.pelaksana) {
      warnings.push(problem('LANE_WITHOUT_PELAKSANA', lane.id, 'bpmn:Lane',
        `Lajur ${lane.name ? `"${lane.name}" ` : ''}(${lane.id}) tidak punya sop:pelaksana; langkahnya hanya dapat dikerjakan admin sampai peran pelaksana diisi.`));
    }
  }
  return { problems, warnings };
}

function reachable(model: ProcessModel): Set<string> {
  const seen = new Set<string>();
  const queue = [...model.nodes.values()].filter((n) => n.type === 'startEvent').map((n) => n.id);
  const links = new Map<string, string[]>();
  for (const node of model.nodes.values()) {
    const link = node.eventDefinitions[0]?.kind === 'link' ? node.eventDefinitions[0].ref ?? node.name ?? '' : undefined;
    if (link !== undefined && node.type === 'intermediateCatchEvent') links.set(`${node.scope}/${link}`, [...(links.get(`${node.scope}/${link}`) ?? []), node.id]);
  }
  while (queue.length > 0) {
    const id = queue.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = model.nodes.get(id);
    if (!node) continue;
    for (const flow of node.outgoing) queue.push(model.flows.get(flow)?.target ?? '');
    queue.push(...node.boundaries);
    if (node.type === 'subProcess' || node.type === 'transaction' || node.type === 'adHocSubProcess') {
      queue.push(...(model.scopes.get(id) ?? []).filter((child) => model.nodes.get(child)?.type === 'startEvent' || model.nodes.get(child)?.incoming.length === 0));
    }
    if (node.type === 'intermediateThrowEvent' && node.eventDefinitions[0]?.kind === 'link') {
      queue.push(...(links.get(`${node.scope}/${node.eventDefinitions[0].ref ?? node.name ?? ''}`) ?? []));
    }
  }
  return seen;
}

/** Shared state of one process compilation: the model, its block structure, problems, state ids. */
import type { FormSchema } from '../model/formSchema.ts';
import type { Structure } from './blocks.ts';
import type { FlowNode, ProcessModel } from '../model/processModel.ts';
import { bpmnType, problem, type Problem } from '../model/problem.ts';

export interface CompileContext {
  model: ProcessModel;
  structure: Structure;
  problems: Problem[];
  stateIds: Map<string, string>;
  /** The state ids handed out so far (the values of `stateIds`), so a new id is checked in O(1). */
  takenStateIds: Set<string>;
  /** Nodes compiled into another node's transitions (paths of non-interrupting boundaries, catch events after an event-based gateway). */
  claimed: Set<string>;
  /** Process ids a call activity may call; undefined: not checked. */
  knownProcesses?: Set<string>;
  /** Message id → name. */
  messages: Map<string, string>;
  /** The form of each node that takes data (src/model/stepForms.ts). */
  forms: Map<string, FormSchema>;
}

/** Where a scope's flows lead when they leave it: joins become region ends, ends become finals. */
export interface ScopeFrame {
  /** Node id → state id to target instead (a join gateway seen from inside a branch). */
  exits: Map<string, string>;
  /** State id of the scope's implicit end (a final state). */
  end: string;
  /** State id a terminate end event jumps to. */
  terminate: string;
}

/** The XState state id of a node: its BPMN id, made safe for XState's `#id` and `.` paths. */
export function stateId(ctx: CompileContext, nodeId: string): string {
  let id = ctx.stateIds.get(nodeId);
  if (!id) {
    id = nodeId.replace(/[.#/]/g, '_');
    while (ctx.takenStateIds.has(id)) id = `${id}_`;
    ctx.stateIds.set(nodeId, id);
    ctx.takenStateIds.add(id);
  }
  return id;
}

/** The transition target for taking a sequence flow from inside a scope. */
export function flowTarget(ctx: CompileContext, flowId: string, frame: ScopeFrame): string {
  const target = ctx.model.flows.get(flowId)?.target ?? '';
  return `#${frame.exits.get(target) ?? stateId(ctx, target)}`;
}

/** The target a node's single outgoing flow leads to (the scope's end when it has none). */
export function nextTarget(ctx: CompileContext, node: FlowNode, frame: ScopeFrame): string {
  const [flow] = node.outgoing;
  return flow ? flowTarget(ctx, flow, frame) : `#${frame.end}`;
}

/** Records a problem about a node. */
export function report(ctx: CompileContext, node: FlowNode, code: string, message: string): void {
  ctx.problems.push(problem(code, node.id, bpmnType(node.type), message));
}

/** A node's label for messages: its name and id. */
export function label(node: FlowNode): string {
  return node.name ? `"${node.name}" (${node.id})` : node.id;
}

/** The `visit` action every state runs on entry, so the runtime can record the path taken. */
export function visit(nodeId: string) {
  return { type: 'visit', params: { node: nodeId } };
}

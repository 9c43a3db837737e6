/**
 * Gateways. Exclusive: a transient state whose ordered `always` list tries each condition and
 * takes the default last (no match and no default: the case halts in an incident, as BPMN
 * raises an exception). Parallel and inclusive splits: a parallel state with one region per
 * branch; the matching join is its onDone. Event-based: a waiting state that takes whichever
 * message or timer comes first.
 */
import { stateId, flowTarget, label, nextTarget, report, visit, type CompileContext, type ScopeFrame } from './compileContext.ts';
import { compileScope, INCIDENT } from './compileProcess.ts';
import { messageEvent, signalEvent, timerEvent } from './eventTypes.ts';
import { readExpression, type CompiledExpression } from './expression.ts';
import type { StateConfig, TimerMeta, TransitionConfig } from './machineConfig.ts';
import { readTimer } from './timerSpec.ts';
import { messageName } from './activities.ts';
import type { FlowNode } from '../model/processModel.ts';

/** Compiles a gateway into its state. */
export function compileGateway(ctx: CompileContext, node: FlowNode, frame: ScopeFrame): StateConfig | undefined {
  if (node.type === 'eventBasedGateway') return eventBased(ctx, node, frame);
  if (node.outgoing.length <= 1) return { entry: [visit(node.id)], always: { target: nextTarget(ctx, node, frame) } };
  if (node.type === 'exclusiveGateway') return exclusive(ctx, node, frame);
  const block = ctx.structure.blocks.get(node.id);
  if (!block) return undefined; // reported by the structure analysis
  const conditions = node.type === 'inclusiveGateway' ? branchConditions(ctx, node) : undefined;
  const regions: Record<string, StateConfig> = {};
  block.branches.forEach((branch, index) => {
    const done = `${stateId(ctx, node.id)}__b${index}__done`;
    const inner: ScopeFrame = { exits: new Map([[block.join, done]]), end: frame.end, terminate: frame.terminate };
    const members = [...branch.nodes].filter((id) => {
      const owner = ctx.structure.owner.get(id);
      return owner?.split === node.id && owner.branch === index;
    });
    const states = compileScope(ctx, members, inner);
    states.__done = { id: done, type: 'final' };
    const first = branch.entry === block.join ? `#${done}` : `#${stateId(ctx, branch.entry)}`;
    if (conditions) {
      const guard = conditions.get(branch.flow);
      states.__choose = { always: [{ guard, target: first }, { target: `#${done}` }] };
      regions[`b${index}`] = { initial: '__choose', states };
    } else {
      regions[`b${index}`] = { initial: branch.entry === block.join ? '__done' : stateId(ctx, branch.entry), states };
    }
  });
  const onDone = { target: `#${frame.exits.get(block.join) ?? stateId(ctx, block.join)}` };
  if (frame.exits.has(block.join)) {
    report(ctx, node, 'UNJOINED_SPLIT', `Gateway penggabung ${block.join} menutup dua percabangan sekaligus; tambahkan gateway penggabung tersendiri untuk percabangan ${label(node)}.`);
  }
  if (!conditions || node.defaultFlow) return { type: 'parallel', entry: [visit(node.id)], states: regions, onDone };
  // An inclusive split without a default must take at least one branch; otherwise BPMN raises an exception.
  const all = [...conditions.values()].map((g) => g.params.expression).filter(Boolean) as CompiledExpression[];
  return {
    entry: [visit(node.id)],
    initial: 'gate',
    states: {
      gate: { always: [{ guard: { type: 'anyOf', params: { expressions: all } }, target: 'split' }, { target: `#${rootIncident(ctx)}`, actions: [incident(node)] }] },
      split: { type: 'parallel', states: regions, onDone },
    },
  };
}

function rootIncident(ctx: CompileContext): string {
  return `process_${ctx.model.id.replace(/[.#/]/g, '_')}${INCIDENT}`;
}

function incident(node: FlowNode) {
  return { type: 'recordIncident', params: { node: node.id, reason: 'Tidak ada alur keluar yang syaratnya terpenuhi dan tidak ada alur bawaan (default).' } };
}

/** Guard per outgoing flow: its condition, or for the default flow "no other condition holds". */
function branchConditions(ctx: CompileContext, node: FlowNode): Map<string, { type: string; params: { expression?: CompiledExpression; expressions?: CompiledExpression[] } }> {
  const guards = new Map<string, { type: string; params: { expression?: CompiledExpression; expressions?: CompiledExpression[] } }>();
  const others: CompiledExpression[] = [];
  for (const id of node.outgoing) {
    if (id === node.defaultFlow) continue;
    const flow = ctx.model.flows.get(id);
    if (!flow?.condition) {
      const question = node.decision?.question;
      ctx.problems.push({ code: 'UNCONDITIONED_FLOW', id, type: 'bpmn:SequenceFlow', message: question
        ? `Alur ${flow?.name ? `"${flow.name}" ` : ''}(${id}) dari keputusan "${question}" belum diberi jawaban; pilih jawabannya (Ya, Tidak, sebuah pilihan, atau Lainnya).`
        : `Alur ${flow?.name ? `"${flow.name}" ` : ''}(${id}) dari gateway ${label(node)} tidak punya syarat dan bukan alur bawaan. Nyatakan keputusannya: tulis pertanyaan pada gateway dan jawaban pada tiap alur (mis. Ya / Tidak), atau tulis syaratnya.` });
      continue;
    }
    const read = readExpression(flow.condition.body, flow.condition.language);
    if (!read.ok) {
      ctx.problems.push({ code: 'BAD_CONDITION', id, type: 'bpmn:SequenceFlow', message: `Syarat pada alur ${id} dari gateway ${label(node)}: ${read.message}.` });
      continue;
    }
    others.push(read.expression);
    guards.set(id, { type: 'condition', params: { expression: read.expression } });
  }
  if (node.defaultFlow) guards.set(node.defaultFlow, { type: 'noneOf', params: { expressions: others } });
  return guards;
}

function exclusive(ctx: CompileContext, node: FlowNode, frame: ScopeFrame): StateConfig {
  const guards = branchConditions(ctx, node);
  const always: TransitionConfig[] = [];
  for (const id of node.outgoing) {
    if (id === node.defaultFlow) continue;
    const guard = guards.get(id);
    if (guard) always.push({ guard, target: flowTarget(ctx, id, frame) });
  }
  if (node.defaultFlow) always.push({ target: flowTarget(ctx, node.defaultFlow, frame) });
  else always.push({ target: `#${rootIncident(ctx)}`, actions: [incident(node)] });
  return { entry: [visit(node.id)], always };
}

function eventBased(ctx: CompileContext, node: FlowNode, frame: ScopeFrame): StateConfig | undefined {
  const on: Record<string, TransitionConfig> = {};
  const timers: TimerMeta[] = [];
  for (const flowId of node.outgoing) {
    const target = ctx.model.nodes.get(ctx.model.flows.get(flowId)?.target ?? '');
    if (!target) continue;
    const definition = target.eventDefinitions[0];
    if (target.incoming.length !== 1) {
      report(ctx, target, 'EVENT_GATEWAY_TARGET', `${label(target)} setelah event-based gateway ${label(node)} hanya boleh dicapai dari gateway itu.`);
      continue;
    }
    ctx.claimed.add(target.id);
    const after = nextTarget(ctx, target, frame);
    const actions = [visit(target.id), { type: 'assignData' }];
    if (target.type === 'receiveTask' || definition?.kind === 'message') {
      on[messageEvent(messageName(ctx, target))] = { target: after, actions };
    } else if (definition?.kind === 'signal') {
      on[signalEvent(definition.ref ?? target.name ?? target.id)] = { target: after, actions };
    } else if (definition?.kind === 'timer') {
      const read = readTimer(definition.timer);
      if (!read.ok) {
        report(ctx, target, 'BAD_TIMER', `Timer ${label(target)}: ${read.message}.`);
        continue;
      }
      timers.push({ node: target.id, event: timerEvent(target.id), timer: read.timer, interrupting: true });
      on[timerEvent(target.id)] = { target: after, actions: [visit(target.id)] };
    } else {
      report(ctx, target, 'EVENT_GATEWAY_TARGET', `${label(target)} setelah event-based gateway ${label(node)} harus berupa tangkapan pesan, sinyal, timer, atau receive task.`);
    }
  }
  return { entry: [visit(node.id)], on, meta: { node: node.id, ...(timers.length ? { timers } : {}) } };
}

/**
 * Boundary events. An interrupting boundary is a transition out of its host's state to the
 * boundary event's own (pass-through) state. A non-interrupting one leaves the host running:
 * its path runs as actions of a targetless transition, so it may hold only steps that finish at
 * once (automatic tasks, throw events) and must end in an end event; anything else is reported.
 * Timers are described in the host's meta; the engine schedules and delivers them (DESIGN.md 3).
 */
import { label, report, stateId, visit, type CompileContext } from './compileContext.ts';
import { errorEvent, escalationEvent, messageEvent, signalEvent, timerEvent } from './eventTypes.ts';
import type { NamedRef, StateConfig, TimerMeta, TransitionConfig } from './machineConfig.ts';
import { readTimer } from './timerSpec.ts';
import type { FlowNode } from '../model/processModel.ts';
import { messageName } from './activities.ts';

const PASS_THROUGH = new Set(['serviceTask', 'scriptTask', 'sendTask', 'businessRuleTask', 'intermediateThrowEvent']);

/** Adds the host's boundary events to its state: transitions, timer meta, side paths. */
export function attachBoundaries(ctx: CompileContext, host: FlowNode, state: StateConfig): void {
  for (const id of host.boundaries) {
    const boundary = ctx.model.nodes.get(id);
    if (!boundary) continue;
    const trigger = triggerOf(ctx, host, boundary);
    if (!trigger) continue;
    const interrupting = boundary.cancelActivity !== false;
    if (trigger.timer) {
      state.meta ??= { node: host.id };
      (state.meta.timers ??= []).push({ ...trigger.timer, interrupting });
    }
    let transition: TransitionConfig;
    if (interrupting) {
      transition = { target: `#${stateId(ctx, boundary.id)}` };
    } else {
      const path = sidePath(ctx, boundary);
      if (!path) continue;
      transition = { actions: path };
    }
    // An error is one event for the whole machine: without this guard the boundary of a task in
    // a sibling branch would catch an error thrown elsewhere, instead of the enclosing scopes.
    // Errors and escalations are caught only by boundaries of the activity (or subprocess) they come from,
    // not by a boundary on an activity in a sibling branch that happens to be active too.
    const kind = boundary.eventDefinitions[0]?.kind;
    if (kind === 'error' || kind === 'escalation') transition.guard = { type: 'thrownWithin', params: { nodes: throwersOf(ctx, host) } };
    state.on ??= {};
    const existing = state.on[trigger.event];
    state.on[trigger.event] = existing ? [...(Array.isArray(existing) ? existing : [existing]), transition] : transition;
  }
}

function triggerOf(ctx: CompileContext, host: FlowNode, boundary: FlowNode): { event: string; timer?: TimerMeta } | undefined {
  const [definition, ...more] = boundary.eventDefinitions;
  if (!definition || more.length > 0) {
    report(ctx, boundary, 'UNSUPPORTED_ELEMENT', `Boundary event ${label(boundary)} pada ${label(host)} ${definition ? 'punya lebih dari satu pemicu' : 'tidak punya pemicu'}; beri tepat satu: timer, pesan, error atau eskalasi.`);
    return undefined;
  }
  switch (definition.kind) {
    case 'timer': {
      const read = readTimer(definition.timer);
      if (!read.ok) {
        report(ctx, boundary, 'BAD_TIMER', `Timer ${label(boundary)}: ${read.message}.`);
        return undefined;
      }
      const event = timerEvent(boundary.id);
      return { event, timer: { node: boundary.id, event, timer: read.timer, interrupting: true } };
    }
    case 'message': return { event: messageEvent(messageName(ctx, boundary)) };
    case 'signal': return { event: signalEvent(definition.ref ?? boundary.name ?? boundary.id) };
    case 'error': return { event: errorEvent(definition.ref) };
    case 'escalation': return { event: escalationEvent(definition.ref) };
    default:
      report(ctx, boundary, 'UNSUPPORTED_ELEMENT', `Boundary event ${label(boundary)} berjenis ${definition.kind} tidak didukung; gunakan timer, pesan, sinyal, error atau eskalasi.`);
      return undefined;
  }
}

/** The actions of a non-interrupting boundary's path, or undefined (reported) when it cannot run as one. */
function sidePath(ctx: CompileContext, boundary: FlowNode): NamedRef[] | undefined {
  const actions: NamedRef[] = [visit(boundary.id)];
  let node: FlowNode | undefined = boundary;
  const seen = new Set<string>();
  while (node) {
    ctx.claimed.add(node.id);
    seen.add(node.id);
    if (node.outgoing.length > 1) {
      report(ctx, node, 'SIDE_PATH', `Jalur boundary non-interrupting ${label(boundary)} bercabang di ${label(node)}; jalur itu harus lurus sampai end event.`);
      return undefined;
    }
    const flowId: string | undefined = node.outgoing[0];
    const next: FlowNode | undefined = flowId ? ctx.model.nodes.get(ctx.model.flows.get(flowId)?.target ?? '') : undefined;
    if (!next) return actions;
    if (seen.has(next.id) || next.incoming.length > 1) {
      report(ctx, next, 'SIDE_PATH', `Jalur boundary non-interrupting ${label(boundary)} bergabung kembali ke alur utama di ${label(next)}; akhiri jalur itu dengan end event sendiri.`);
      return undefined;
    }
    if (next.type === 'endEvent') {
      ctx.claimed.add(next.id);
      actions.push(visit(next.id), ...throwActions(next));
      return actions;
    }
    if (!PASS_THROUGH.has(next.type)) {
      report(ctx, next, 'SIDE_PATH', `Langkah ${label(next)} berada di jalur boundary non-interrupting ${label(boundary)}; jalur itu hanya boleh berisi langkah otomatis (service/send/script task, throw event). Untuk langkah yang dikerjakan orang, gunakan boundary interrupting atau eskalasi tenggat bawaan (sop:atasan).`);
      return undefined;
    }
    actions.push(visit(next.id), ...throwActions(next));
    node = next;
  }
  return actions;
}

/** The nodes whose errors a boundary on `host` catches: the host, and everything inside a subprocess. */
function throwersOf(ctx: CompileContext, host: FlowNode): string[] {
  const ids = [host.id];
  for (let i = 0; i < ids.length; i++) ids.push(...(ctx.model.scopes.get(ids[i] as string) ?? []));
  return ids;
}

/** Actions a throw or end event performs: raise an escalation, emit a message. */
export function throwActions(node: FlowNode): NamedRef[] {
  const definition = node.eventDefinitions[0];
  if (definition?.kind === 'escalation') return [{ type: 'throwEscalation', params: { node: node.id, code: definition.ref ?? '' } }];
  if (definition?.kind === 'message' || definition?.kind === 'signal' || node.type === 'sendTask') return [{ type: 'emitMessage', params: { node: node.id } }];
  return [];
}

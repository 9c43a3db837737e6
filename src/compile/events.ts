/**
 * Events. Start events and pass-through throw events are transient states; end events are
 * finals (error ends raise a business error, terminate ends jump to the scope's terminate final);
 * intermediate catch events wait for their message, signal or timer; link events jump.
 */
import { throwActions } from './boundaries.ts';
import { checkSingleOutgoing } from './compileNode.ts';
import { label, nextTarget, report, stateId, visit, type CompileContext, type ScopeFrame } from './compileContext.ts';
import { messageEvent, signalEvent, timerEvent } from './eventTypes.ts';
import type { StateConfig } from './machineConfig.ts';
import { readTimer } from './timerSpec.ts';
import { messageName } from './activities.ts';
import type { FlowNode } from '../model/processModel.ts';

const SUPPORTED_TRIGGERS: Record<string, Set<string>> = {
  startEvent: new Set(['message', 'timer', 'signal']),
  endEvent: new Set(['terminate', 'error', 'escalation', 'message', 'signal']),
  intermediateCatchEvent: new Set(['message', 'timer', 'signal', 'link']),
  intermediateThrowEvent: new Set(['message', 'signal', 'escalation', 'link']),
};

/** Compiles an event into its state. Boundary events are pass-through states entered by their host. */
export function compileEvent(ctx: CompileContext, node: FlowNode, frame: ScopeFrame): StateConfig | undefined {
  if (node.type === 'boundaryEvent') {
    if (node.cancelActivity === false) return undefined; // compiled into the host's transition
    checkSingleOutgoing(ctx, node);
    return { entry: [visit(node.id)], always: { target: nextTarget(ctx, node, frame) } };
  }
  const definitions = node.eventDefinitions;
  const kind = definitions[0]?.kind;
  if (definitions.length > 1 || (kind && !SUPPORTED_TRIGGERS[node.type]?.has(kind))) {
    report(ctx, node, 'UNSUPPORTED_ELEMENT', `${label(node)} (${node.type}${kind ? `, ${definitions.map((d) => d.kind).join('+')}` : ''}) tidak didukung.`);
    return undefined;
  }
  if (node.type !== 'endEvent') checkSingleOutgoing(ctx, node);
  switch (node.type) {
    case 'startEvent':
      if (kind === 'timer') {
        const read = readTimer(definitions[0]?.timer);
        if (!read.ok) report(ctx, node, 'BAD_TIMER', `Timer start ${label(node)}: ${read.message}.`);
      }
      return { entry: [visit(node.id)], always: { target: nextTarget(ctx, node, frame) } };
    case 'endEvent':
      return endEvent(ctx, node, frame);
    case 'intermediateCatchEvent':
      return catchEvent(ctx, node, frame);
    case 'intermediateThrowEvent':
      if (kind === 'link') return linkThrow(ctx, node);
      return { entry: [visit(node.id), ...throwActions(node)], always: { target: nextTarget(ctx, node, frame) } };
    default:
      report(ctx, node, 'UNSUPPORTED_ELEMENT', `${label(node)} bertipe ${node.type} tidak didukung.`);
      return undefined;
  }
}

function endEvent(ctx: CompileContext, node: FlowNode, frame: ScopeFrame): StateConfig {
  const definition = node.eventDefinitions[0];
  if (definition?.kind === 'terminate') return { entry: [visit(node.id)], always: { target: `#${frame.terminate}` } };
  if (definition?.kind === 'error') {
    // Not final: the raised error is always caught (by a boundary, or by the process, which fails).
    return { entry: [visit(node.id), { type: 'throwError', params: { node: node.id, code: definition.ref ?? '' } }] };
  }
  if (definition?.kind === 'escalation' && node.scope === ctx.model.id) {
    // Entering a top-level final ends the case, and XState drops events raised on the way in; no
    // boundary of this process can catch it (a calling case is not told of it), so record it here.
    return { type: 'final', entry: [visit(node.id), { type: 'recordEscalation', params: { code: definition.ref ?? '' } }] };
  }
  return { type: 'final', entry: [visit(node.id), ...throwActions(node)] };
}

function catchEvent(ctx: CompileContext, node: FlowNode, frame: ScopeFrame): StateConfig | undefined {
  const definition = node.eventDefinitions[0];
  const next = nextTarget(ctx, node, frame);
  switch (definition?.kind) {
    case 'message':
      return { entry: [visit(node.id)], on: { [messageEvent(messageName(ctx, node))]: { target: next, actions: [{ type: 'assignData' }] } } };
    case 'signal':
      return { entry: [visit(node.id)], on: { [signalEvent(definition.ref ?? node.name ?? node.id)]: { target: next } } };
    case 'link':
      return { entry: [visit(node.id)], always: { target: next } };
    case 'timer': {
      const read = readTimer(definition.timer);
      if (!read.ok) {
        report(ctx, node, 'BAD_TIMER', `Timer ${label(node)}: ${read.message}.`);
        return undefined;
      }
      const event = timerEvent(node.id);
      return { entry: [visit(node.id)], meta: { node: node.id, timers: [{ node: node.id, event, timer: read.timer, interrupting: true }] }, on: { [event]: { target: next } } };
    }
    default:
      report(ctx, node, 'UNSUPPORTED_ELEMENT', `Intermediate catch event ${label(node)} tidak punya pemicu yang didukung (pesan, sinyal, timer, link).`);
      return undefined;
  }
}

function linkThrow(ctx: CompileContext, node: FlowNode): StateConfig | undefined {
  const name = node.eventDefinitions[0]?.ref ?? node.name;
  const catcher = (ctx.model.scopes.get(node.scope) ?? [])
    .map((id) => ctx.model.nodes.get(id) as FlowNode)
    .find((n) => n.type === 'intermediateCatchEvent' && n.eventDefinitions[0]?.kind === 'link' && (n.eventDefinitions[0]?.ref ?? n.name) === name);
  if (!catcher) {
    report(ctx, node, 'UNMATCHED_LINK', `Link event ${label(node)} tidak punya pasangan link catch bernama "${name ?? ''}" di lingkup yang sama.`);
    return undefined;
  }
  return { entry: [visit(node.id)], always: { target: `#${stateId(ctx, catcher.id)}` } };
}

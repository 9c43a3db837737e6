/** The form each message's data must fit: a field asked by every catcher of the message is required, others optional. */
function messageForms(ctx: CompileContext): Record<string, FormSchema> {
  const catchers = new Map<string, FormSchema[]>();
  for (const node of ctx.model.nodes.values()) {
    const form = ctx.forms.get(node.id);
    const catchesMessage = node.type === 'receiveTask' || node.eventDefinitions.some((d) => d.kind === 'message');
    if (!form || !catchesMessage || node.type === 'startEvent') continue;
    const name = messageName(ctx, node);
    catchers.set(name, [...(catchers.get(name) ?? []), form]);
  }
  const result: Record<string, FormSchema> = {};
  for (const [name, forms] of catchers) {
    const fields = new Map<string, FormField>();
    for (const form of forms) {
      for (const field of form.components.filter(isInput)) {
        const everywhere = forms.every((f) => f.components.some((c) => c.key === field.key && c.validate?.required));
        if (!fields.has(field.key)) fields.set(field.key, { ...field, validate: { required: everywhere } });
      }
    }
    result[name] = formOf(`Pesan_${name}`, [...fields.values()]);
  }
  return result;
}

/**
 * Compiles one process of the model into a plain-JSON XState v5 machine config (DESIGN.md,
 * decision 2): each flow node a state, exclusive gateways guarded transitions, parallel and
 * inclusive blocks parallel states, subprocesses compound states, call activities child cases.
 * What cannot be expressed faithfully is reported with the element ids, never compiled wrongly.
 */
import { analyzeStructure } from './blocks.ts';
import { claimedNodes } from './claimedNodes.ts';
import { collapsePassThrough } from './collapsePassThrough.ts';
import { compileNode } from './compileNode.ts';
import { label, report, stateId, type CompileContext, type ScopeFrame } from './compileContext.ts';
import { errorEvent, escalationEvent } from './eventTypes.ts';
import type { MachineConfig, StateConfig } from './machineConfig.ts';
import { readTimer, type TimerSpec } from './timerSpec.ts';
import type { ProcessModel } from '../model/processModel.ts';
import type { Problem } from '../model/problem.ts';
import { formOf, isInput, type FormField, type FormSchema } from '../model/formSchema.ts';
import { messageName } from './activities.ts';
import { sopRights, type SopRights } from './sopRights.ts';
import { stepForms } from '../model/stepForms.ts';
import { isSop, unprovidedData } from './providedData.ts';

export const END = '__end';
export const TERMINATED = '__terminated';
export const FAILED = '__failed';
export const INCIDENT = '__incident';

export interface CompileOptions {
  /** Process ids call activities may call (all processes of the catalogue); unchecked when absent. */
  knownProcesses?: Set<string>;
  messages?: Map<string, string>;
}

export interface CompileResult {
  config?: MachineConfig;
  problems: Problem[];
  /** The start events a case may be started at (the first is the default). */
  startEvents: string[];
  /** Timer start events: the schedule on which the engine starts cases by itself. */
  startTimers: { node: string; timer: TimerSpec }[];
  /** The form of each node that takes data (person steps, start events, message catchers). */
  forms: Record<string, FormSchema>;
  /** The form a message's data must fit, by message name (the fields of every node that catches it). */
  messageForms: Record<string, FormSchema>;
  /** Who may start the SOP and send its messages. */
  rights: SopRights;
  warnings: Problem[];
}

/** Compiles a process into a machine config, or returns the problems that prevent it. */
export function compileProcess(model: ProcessModel, options: CompileOptions = {}): CompileResult {
  const problems: Problem[] = [];
  const ctx: CompileContext = {
    model,
    structure: analyzeStructure(model, problems),
    problems,
    stateIds: new Map(),
    takenStateIds: new Set(),
    claimed: claimedNodes(model),
    knownProcesses: options.knownProcesses,
    messages: options.messages ?? new Map(),
    forms: stepForms(model),
  };
  const rootId = `process_${model.id.replace(/[.#/]/g, '_')}`;
  const frame: ScopeFrame = { exits: new Map(), end: `${rootId}${END}`, terminate: `${rootId}${TERMINATED}` };
  const starts = startEventsOf(ctx, model.id);
  const states = compileScope(ctx, scopeMembers(ctx, model.id), frame);
  states[END] = { id: frame.end, type: 'final' };
  states[TERMINATED] = { id: frame.terminate, type: 'final' };
  states[FAILED] = { id: `${rootId}${FAILED}`, type: 'final' };
  states[INCIDENT] = { id: `${rootId}${INCIDENT}` };
  if (starts.length === 0 && scopeMembers(ctx, model.id).length > 0) {
    problems.push({ code: 'NO_START', id: model.id, type: 'bpmn:Process', message: `Proses ${model.name ? `"${model.name}" ` : ''}(${model.id}) tidak punya start event; tambahkan satu start event sebagai awal SOP.` });
  }
  const config: MachineConfig = {
    id: rootId,
    initial: starts.length > 1 ? '__start' : starts[0] ? stateId(ctx, starts[0]) : END,
    states,
    on: {
      [errorEvent()]: { target: `#${rootId}${FAILED}`, actions: [{ type: 'recordError' }] },
      [escalationEvent()]: { actions: [{ type: 'recordEscalation' }] },
      'DEADLINE.*': { actions: [{ type: 'markLate' }] },
    },
  };
  if (starts.length > 1) {
    // Several start events: the case's `start` input (message or timer start) picks one; none start by default.
    states.__start = {
      always: [
        ...starts.map((id) => ({ guard: { type: 'startIs', params: { node: id } }, target: `#${stateId(ctx, id)}` })),
        { target: `#${stateId(ctx, starts[0] as string)}` },
      ],
    };
  }
  const startTimers = starts.flatMap((id) => {
    const read = readTimer(model.nodes.get(id)?.eventDefinitions.find((d) => d.kind === 'timer')?.timer);
    return model.nodes.get(id)?.eventDefinitions.some((d) => d.kind === 'timer') && read.ok ? [{ node: id, timer: read.timer }] : [];
  });
  const unprovided = unprovidedData(model, ctx.forms);
  const warnings: Problem[] = [];
  (isSop(model) ? problems : warnings).push(...unprovided);
  return {
    config: problems.length === 0 ? collapsePassThrough(config) : undefined, problems, startEvents: starts, startTimers,
    forms: Object.fromEntries(ctx.forms), messageForms: messageForms(ctx), rights: sopRights(model, (node) => messageName(ctx, node)), warnings,
  };
}

/** The start events of a scope, none start first. */
export function startEventsOf(ctx: CompileContext, scope: string): string[] {
  const ids = (ctx.model.scopes.get(scope) ?? []).filter((id) => ctx.model.nodes.get(id)?.type === 'startEvent');
  const isNone = (id: string) => (ctx.model.nodes.get(id)?.eventDefinitions.length ?? 0) === 0;
  return [...ids.filter(isNone), ...ids.filter((id) => !isNone(id))];
}

/** The nodes of a scope that sit at its top level (not inside a parallel/inclusive block). */
export function scopeMembers(ctx: CompileContext, scope: string): string[] {
  return (ctx.model.scopes.get(scope) ?? []).filter((id) => !ctx.structure.owner.has(id));
}

/** Compiles the given nodes of one scope or branch into sibling states. */
export function compileScope(ctx: CompileContext, nodeIds: string[], frame: ScopeFrame): Record<string, StateConfig> {
  const states: Record<string, StateConfig> = {};
  for (const id of nodeIds) {
    if (ctx.claimed.has(id)) continue;
    const node = ctx.model.nodes.get(id);
    if (!node) continue;
    const state = compileNode(ctx, node, frame);
    if (state) states[stateId(ctx, id)] = { id: stateId(ctx, id), ...state };
  }
  return states;
}

/** Compiles the states of a subprocess scope, with its own end and terminate finals. */
export function compileSubScope(ctx: CompileContext, scope: string): { initial: string; states: Record<string, StateConfig> } {
  const own = stateId(ctx, scope);
  const frame: ScopeFrame = { exits: new Map(), end: `${own}${END}`, terminate: `${own}${END}` };
  const starts = startEventsOf(ctx, scope);
  const node = ctx.model.nodes.get(scope);
  if (node && starts.length !== 1) {
    report(ctx, node, 'SUBPROCESS_START', `Subproses ${label(node)} harus punya tepat satu start event (kini ${starts.length}).`);
  }
  const states = compileScope(ctx, scopeMembers(ctx, scope), frame);
  states[END] = { id: frame.end, type: 'final' };
  return { initial: starts[0] ? stateId(ctx, starts[0]) : END, states };
}

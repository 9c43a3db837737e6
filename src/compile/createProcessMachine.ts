/**
 * Turns a compiled machine config into an XState v5 machine: the implementations of the named
 * guards and actions the compiler references. Actions that only mark something for the engine
 * (`visit`, `emitMessage`, `recordEscalation`) do nothing here: the runtime reads them from the
 * action list that XState's pure transition returns.
 */
import { assign, raise, setup } from 'xstate';
import { evaluateCondition, evaluateExpression, type CompiledExpression } from './expression.ts';
import type { CaseEvent } from './eventTypes.ts';
import type { MachineConfig } from './machineConfig.ts';

export interface InstanceCounter {
  count: number;
  done: number[];
  items?: unknown[];
}

/** The context every compiled process machine carries. */
export interface CaseContext {
  vars: Record<string, unknown>;
  /** Multi-instance counters per step id. */
  instances: Record<string, InstanceCounter>;
  /** Steps whose waktu penyelesaian has passed while they were open. */
  late: string[];
  /** The start event the case was started at. */
  start?: string;
  error?: { code: string; message?: string };
  incident?: { node: string; reason: string };
}

export interface CaseInput {
  vars?: Record<string, unknown>;
  start?: string;
}

type Params = Record<string, unknown>;

function safely(expression: CompiledExpression | undefined, vars: Record<string, unknown>): boolean {
  if (!expression) return false;
  try {
    return evaluateCondition(expression, vars);
  } catch {
    return false; // a condition that cannot be evaluated does not hold
  }
}

function instanceVars(context: CaseContext, node: string): Record<string, unknown> {
  const counter = context.instances[node];
  return { ...context.vars, nrOfInstances: counter?.count ?? 0, nrOfCompletedInstances: counter?.done.length ?? 0 };
}

function countInstances(context: CaseContext, params: Params): InstanceCounter {
  if (typeof params.collection === 'string') {
    const items = context.vars[params.collection];
    return Array.isArray(items) ? { count: items.length, done: [], items } : { count: 0, done: [], items: [] };
  }
  try {
    const value = Number(evaluateExpression(params.cardinality as CompiledExpression, context.vars));
    return { count: Number.isFinite(value) && value > 0 ? Math.floor(value) : 0, done: [] };
  } catch {
    return { count: 0, done: [] };
  }
}

const logic = setup({
  types: {} as { context: CaseContext; events: CaseEvent; input: CaseInput | undefined },
  guards: {
    condition: ({ context }, params: Params) => safely(params.expression as CompiledExpression, context.vars),
    noneOf: ({ context }, params: Params) => !(params.expressions as CompiledExpression[]).some((e) => safely(e, context.vars)),
    anyOf: ({ context }, params: Params) => (params.expressions as CompiledExpression[]).some((e) => safely(e, context.vars)),
    startIs: ({ context }, params: Params) => context.start === params.node,
    hasData: ({ event }) => event.data !== undefined && Object.keys(event.data).length > 0,
    hasOutput: ({ event }) => event.output !== undefined,
    thrownWithin: ({ event }, params: Params) => event.source === undefined || (params.nodes as string[]).includes(event.source),
    instancesDone: ({ context }, params: Params) => {
      const counter = context.instances[params.node as string];
      if (!counter || counter.done.length >= counter.count) return true;
      const condition = params.completionCondition as CompiledExpression | undefined;
      return condition !== undefined && safely(condition, instanceVars(context, params.node as string));
    },
    instanceOpen: ({ context, event }, params: Params) => {
      const counter = context.instances[params.node as string];
      if (!counter) return false;
      const index = event.instance ?? counter.done.length;
      if (params.sequential && index !== counter.done.length) return false;
      return Number.isInteger(index) && index >= 0 && index < counter.count && !counter.done.includes(index);
    },
  },
  actions: {
    visit: () => {},
    emitMessage: () => {},
    recordEscalation: () => {},
    assignData: assign(({ context, event }) => (event.data ? { vars: { ...context.vars, ...event.data } } : {})),
    assignOutput: assign(({ context, event }, params: Params) => {
      const output = event.output ?? {};
      const mappings = params.outputs as { source: string; target: string }[];
      const picked = mappings.length === 0 ? output : Object.fromEntries(mappings.filter((m) => m.source in output).map((m) => [m.target, output[m.source]]));
      return { vars: { ...context.vars, ...picked } };
    }),
    throwError: raise(({ event }, params: Params) => ({ type: `ERROR.${(params.code as string) || '_'}`, at: event.at, message: `end event ${params.node as string}`, source: params.node as string })),
    throwEscalation: raise(({ event }, params: Params) => ({ type: `ESCALATION.${(params.code as string) || '_'}`, at: event.at, source: params.node as string })),
    recordError: assign(({ event }) => ({ error: { code: event.type.slice('ERROR.'.length), ...(event.message ? { message: event.message } : {}) } })),
    recordIncident: assign((_, params: Params) => ({ incident: { node: params.node as string, reason: params.reason as string } })),
    markLate: assign(({ context, event }) => {
      const step = event.type.slice('DEADLINE.'.length);
      return context.late.includes(step) ? {} : { late: [...context.late, step] };
    }),
    startInstances: assign(({ context }, params: Params) => ({ instances: { ...context.instances, [params.node as string]: countInstances(context, params) } })),
    endInstances: assign(({ context }, params: Params) => {
      const { [params.node as string]: _ended, ...rest } = context.instances;
      return { instances: rest };
    }),
    completeInstance: assign(({ context, event }, params: Params) => {
      const node = params.node as string;
      const counter = context.instances[node] as InstanceCounter;
      const index = event.instance ?? counter.done.length;
      return { instances: { ...context.instances, [node]: { ...counter, done: [...counter.done, index] } } };
    }),
  },
});

/** Creates the XState machine of a compiled process config. */
export function createProcessMachine(config: MachineConfig) {
  return logic.createMachine({
    ...(config as object),
    context: ({ input }: { input: CaseInput | undefined }) => ({ vars: { ...(input?.vars ?? {}) }, instances: {}, late: [], ...(input?.start ? { start: input.start } : {}) }),
  } as never);
}

/** The XState machine type of every compiled process. */
export type ProcessMachine = ReturnType<typeof createProcessMachine>;

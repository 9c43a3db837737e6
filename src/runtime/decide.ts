/**
 * The pure core of the runtime (DESIGN.md, decision 9): given a definition, a case snapshot and
 * an event, XState's transition gives the next snapshot, and this module reads off what changed:
 * the nodes visited, the steps started and ended, the timers to arm and to cancel. No clock, no
 * I/O: the same events always give the same decisions, which is what replay relies on.
 */
import { createActor } from 'xstate';
import type { CaseContext, CaseInput } from '../compile/createProcessMachine.ts';
import type { CaseEvent } from '../compile/eventTypes.ts';
import type { StateMeta, StepMeta, TimerMeta } from '../compile/machineConfig.ts';
import type { Definition } from './definition.ts';

export type CaseStatus = 'active' | 'completed' | 'terminated' | 'failed' | 'incident';

/** A machine snapshot of a case, as XState returns it. */
export type CaseSnapshot = ReturnType<Definition['machine']['resolveState']>;

export interface Decision {
  snapshot: CaseSnapshot;
  /** False when the event changed nothing (no transition took it). */
  handled: boolean;
  visited: string[];
  started: StepMeta[];
  ended: string[];
  armed: (TimerMeta & { host: string })[];
  cancelled: string[];
  emitted: string[];
  escalations: string[];
  status: CaseStatus;
}

interface ExecutedAction {
  type: string;
  params?: Record<string, unknown>;
  info?: { event?: { type: string } };
}

interface Scope {
  collected: ExecutedAction[];
  actorScope: Parameters<Definition['machine']['transition']>[2];
}

const scopes = new WeakMap<Definition, Scope>();

/**
 * One inert actor scope per definition, reused: XState's exported `transition()` builds a fresh
 * throw-away actor on every call, which costs about 4× the transition itself (xstate-notes §3, §6).
 */
function scopeOf(definition: Definition): Scope {
  let scope = scopes.get(definition);
  if (!scope) {
    const collected: ExecutedAction[] = [];
    const self = createInertSelf(definition);
    const actorScope = {
      self, id: '', sessionId: '', system: self.system, defer: () => {}, logger: () => {}, stopChild: () => {}, emit: () => {},
      actionExecutor: (action: ExecutedAction) => { collected.push(action); },
    } as unknown as Scope['actorScope'];
    scope = { collected, actorScope };
    scopes.set(definition, scope);
  }
  return scope;
}


function createInertSelf(definition: Definition) {
  return createActor(definition.machine, { input: { vars: {} } });
}

function statusOf(snapshot: CaseSnapshot): CaseStatus {
  const value = snapshot.value;
  if (value === '__incident') return 'incident';
  if (snapshot.status !== 'done') return 'active';
  if (value === '__failed') return 'failed';
  if (value === '__terminated') return 'terminated';
  return 'completed';
}

function metas(snapshot: CaseSnapshot): StateMeta[] {
  return Object.values(snapshot.getMeta() as Record<string, StateMeta>);
}

function diff(before: CaseSnapshot | undefined, after: CaseSnapshot, actions: ExecutedAction[]): Decision {
  const visited = actions.filter((a) => a.type === 'visit').map((a) => a.params?.node as string);
  const entered = new Set(visited);
  const stepsBefore = new Map<string, StepMeta>();
  const timersBefore = new Map<string, string>();
  for (const meta of before ? metas(before) : []) {
    if (meta.step) stepsBefore.set(meta.step.id, meta.step);
    for (const timer of meta.timers ?? []) timersBefore.set(timer.node, meta.node);
  }
  const started: StepMeta[] = [];
  const armed: Decision['armed'] = [];
  const stepsAfter = new Set<string>();
  const timersAfter = new Set<string>();
  for (const meta of metas(after)) {
    if (meta.step) {
      stepsAfter.add(meta.step.id);
      if (!stepsBefore.has(meta.step.id) || entered.has(meta.step.id)) started.push(meta.step);
    }
    for (const timer of meta.timers ?? []) {
      timersAfter.add(timer.node);
      if (!timersBefore.has(timer.node) || entered.has(meta.node)) armed.push({ ...timer, host: meta.node });
    }
  }
  const ended = [...stepsBefore.keys()].filter((id) => !stepsAfter.has(id) || entered.has(id));
  const cancelled = [...timersBefore.entries()].filter(([node, host]) => !timersAfter.has(node) || entered.has(host)).map(([node]) => node);
  return {
    snapshot: after,
    handled: before === undefined || after !== before || actions.length > 0,
    visited,
    started,
    ended,
    armed,
    cancelled,
    emitted: actions.filter((a) => a.type === 'emitMessage').map((a) => a.params?.node as string),
    escalations: actions.filter((a) => a.type === 'recordEscalation').map((a) => (a.params?.code as string | undefined) ?? (a.info?.event?.type ?? '').replace(/^ESCALATION\./, '')),
    status: statusOf(after),
  };
}

/** The decision of starting a case: the initial snapshot after its start event's eventless moves. */
export function decideStart(definition: Definition, input: CaseInput): Decision {
  const scope = scopeOf(definition);
  scope.collected.length = 0;
  const snapshot = definition.machine.getInitialSnapshot(scope.actorScope, input) as CaseSnapshot;
  return diff(undefined, snapshot, scope.collected.splice(0));
}

/** The decision of applying one event to a case snapshot. */
export function decide(definition: Definition, snapshot: CaseSnapshot, event: CaseEvent): Decision {
  const scope = scopeOf(definition);
  scope.collected.length = 0;
  const next = definition.machine.transition(snapshot, event as never, scope.actorScope) as CaseSnapshot;
  return diff(snapshot, next, scope.collected.splice(0));
}

/** Restores a snapshot from its persisted JSON form. */
export function restoreSnapshot(definition: Definition, persisted: unknown): CaseSnapshot {
  return definition.machine.resolveState(persisted as never) as CaseSnapshot;
}

/** The persisted (JSON) form of a snapshot. */
export function persistSnapshot(definition: Definition, snapshot: CaseSnapshot): unknown {
  return definition.machine.getPersistedSnapshot(snapshot as never);
}

/** The case context of a snapshot. */
export function contextOf(snapshot: CaseSnapshot): CaseContext {
  return snapshot.context as CaseContext;
}

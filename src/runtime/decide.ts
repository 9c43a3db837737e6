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

import type { CaseStatus } from './caseShapes.ts';

export type { CaseStatus };

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

const metaCache = new WeakMap<object, StateMeta[]>();

/** The meta of the active state nodes; cached per snapshot (a case's "after" is the next "before"). */
function metas(snapshot: CaseSnapshot): StateMeta[] {
  let found = metaCache.get(snapshot);
  if (!found) {
    found = Object.values(snapshot.getMeta() as Record<string, StateMeta>);
    metaCache.set(snapshot, found);
  }
  return found;
}

// Decisions are made on every command: small arrays, not Maps and Sets, keep the garbage down.
function diff(before: CaseSnapshot | undefined, after: CaseSnapshot, actions: ExecutedAction[]): Decision {
  const visited: string[] = [];
  const emitted: string[] = [];
  const escalations: string[] = [];
  for (const action of actions) {
    if (action.type === 'visit') visited.push(action.params?.node as string);
    else if (action.type === 'emitMessage') emitted.push(action.params?.node as string);
    else if (action.type === 'recordEscalation') {
      escalations.push((action.params?.code as string | undefined) ?? (action.info?.event?.type ?? '').replace(/^ESCALATION\./, ''));
    }
  }
  const metasBefore = before ? metas(before) : [];
  const metasAfter = metas(after);
  const started: StepMeta[] = [];
  const armed: Decision['armed'] = [];
  const ended: string[] = [];
  const cancelled: string[] = [];
  for (const meta of metasAfter) {
    const reentered = visited.includes(meta.node);
    if (meta.step && (reentered || !metasBefore.some((m) => m.step?.id === meta.step?.id))) started.push(meta.step);
    for (const timer of meta.timers ?? []) {
      if (reentered || !metasBefore.some((m) => m.timers?.some((t) => t.node === timer.node))) armed.push({ ...timer, host: meta.node });
    }
  }
  for (const meta of metasBefore) {
    const left = visited.includes(meta.node) || !metasAfter.includes(meta) && !metasAfter.some((m) => m.node === meta.node);
    if (meta.step && left) ended.push(meta.step.id);
    if (left) for (const timer of meta.timers ?? []) cancelled.push(timer.node);
  }
  return {
    snapshot: after,
    handled: before === undefined || after !== before || actions.length > 0,
    visited,
    started,
    ended,
    armed,
    cancelled,
    emitted,
    escalations,
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

/** Only the next snapshot of an event, without reading off what changed (replay needs no more). */
export function nextSnapshot(definition: Definition, snapshot: CaseSnapshot, event: CaseEvent): CaseSnapshot {
  const scope = scopeOf(definition);
  const next = definition.machine.transition(snapshot, event as never, scope.actorScope) as CaseSnapshot;
  scope.collected.length = 0;
  return next;
}

/** Restores a snapshot from its persisted JSON form. */
export function restoreSnapshot(definition: Definition, persisted: unknown): CaseSnapshot {
  return definition.machine.resolveState(persisted as never) as CaseSnapshot;
}

/** The fields of an XState machine snapshot that its persisted form keeps. */
interface SnapshotFields {
  status: unknown;
  output?: unknown;
  error?: unknown;
  value: unknown;
  context: unknown;
  children: Record<string, unknown>;
  historyValue?: Record<string, unknown>;
}

/**
 * The persisted (JSON) form of a snapshot: what XState's `getPersistedSnapshot` gives, built
 * without its object-rest copy of the whole snapshot (with its methods), which was the largest
 * single cost of hashing a state — once per command and once per replayed event. A snapshot with
 * child actors (Protap's machines spawn none) goes to XState itself. test/runtime/persistSnapshot.spec.ts
 * holds the two to the same canonical bytes on every state of the catalogue's and corpus's machines.
 */
export function persistSnapshot(definition: Definition, snapshot: CaseSnapshot): unknown {
  const fields = snapshot as unknown as SnapshotFields;
  for (const _child in fields.children) return definition.machine.getPersistedSnapshot(snapshot as never);
  return {
    status: fields.status,
    output: fields.output,
    error: fields.error,
    value: fields.value,
    historyValue: historyIds(fields.historyValue),
    context: persistContext(fields.context),
    children: {},
  };
}

/** History states by the ids of the nodes they remember, as XState persists them. */
function historyIds(historyValue: unknown): Record<string, { id: string }[]> {
  const result: Record<string, { id: string }[]> = {};
  if (typeof historyValue !== 'object' || historyValue === null) return result;
  for (const [key, nodes] of Object.entries(historyValue)) {
    if (Array.isArray(nodes)) result[key] = nodes.map((node: { id: string }) => ({ id: node.id }));
  }
  return result;
}

/** The context with every actor reference in it replaced by its id, as XState persists it (the same object when there is none). */
function persistContext(part: unknown): unknown {
  if (typeof part !== 'object' || part === null) return part;
  let copy: Record<string, unknown> | unknown[] | undefined;
  const record = part as Record<string, unknown>;
  for (const key in record) {
    const value = record[key];
    if (!value || typeof value !== 'object') continue;
    const persisted = 'sessionId' in value && 'send' in value && 'ref' in value
      ? { xstate$$type: 1, id: (value as { id?: unknown }).id }
      : persistContext(value);
    if (persisted === value) continue;
    copy ??= Array.isArray(part) ? part.slice() : { ...record };
    (copy as Record<string, unknown>)[key] = persisted;
  }
  return copy ?? part;
}

/** The case context of a snapshot. */
export function contextOf(snapshot: CaseSnapshot): CaseContext {
  return snapshot.context as CaseContext;
}

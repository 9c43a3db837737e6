/**
 * The compiled form of a process: a plain-JSON XState v5 machine config. Guards and actions are
 * referenced by name with params, so a config can be printed, stored, hashed and diffed; their
 * implementations live in `createProcessMachine.ts`.
 */
import type { CompiledExpression } from './expression.ts';
import type { FormSchema } from '../model/formSchema.ts';
import type { TimerSpec } from './timerSpec.ts';
import type { WaktuSpec } from '../sop/waktuSpec.ts';

export interface NamedRef {
  type: string;
  params?: Record<string, unknown>;
}

export interface TransitionConfig {
  target?: string;
  guard?: NamedRef;
  actions?: NamedRef[];
  reenter?: boolean;
}

/** What a waiting step is, for worklists, deadlines and child cases. */
export interface StepMeta {
  id: string;
  name?: string;
  /** BPMN type: userTask, manualTask, task, receiveTask, callActivity, subProcess. */
  type: string;
  /** How the step is completed: by a person, by a message, by a child case, by its own inner steps. */
  completion: 'person' | 'message' | 'child' | 'inner';
  lane?: string;
  pelaksana?: string;
  atasan?: string;
  no?: string;
  waktu?: string;
  waktuSpec?: WaktuSpec;
  waktuDari?: string;
  kelengkapan?: string;
  output?: string;
  keterangan?: string;
  /** receiveTask: the message name that completes it. */
  message?: string;
  multiInstance?: { sequential: boolean; elementVariable: string };
  /** Person and message steps: the form its data must fit (form-js schema; no fields: it takes no data). */
  form?: FormSchema;
  call?: { calledElement: string; inputs: { source: string; target: string }[]; outputs: { source: string; target: string }[] };
}

export interface TimerMeta {
  /** The timer event's node id (boundary, intermediate catch). */
  node: string;
  /** The event type delivered when the timer is due. */
  event: string;
  timer: TimerSpec;
  interrupting: boolean;
}

export interface StateMeta {
  node: string;
  step?: StepMeta;
  timers?: TimerMeta[];
}

export interface StateConfig {
  id?: string;
  type?: 'parallel' | 'final';
  initial?: string;
  states?: Record<string, StateConfig>;
  on?: Record<string, TransitionConfig | TransitionConfig[]>;
  always?: TransitionConfig | TransitionConfig[];
  onDone?: TransitionConfig;
  entry?: NamedRef[];
  exit?: NamedRef[];
  meta?: StateMeta;
}

export interface MachineConfig extends StateConfig {
  id: string;
}

/** Condition params as they appear in guards. */
export interface ConditionParams {
  expression: CompiledExpression;
}

/**
 * A deployed, runnable process: its compiled config, the XState machine made from it, and the
 * step descriptions the runtime needs (pelaksana, waktu, call activity settings).
 */
import { createHash } from 'node:crypto';
import type { CompiledProcess } from '../compile/compileDefinitions.ts';
import { createProcessMachine, type ProcessMachine } from '../compile/createProcessMachine.ts';
import type { MachineConfig, StateConfig, StepMeta, TimerMeta } from '../compile/machineConfig.ts';
import type { SopRights } from '../compile/sopRights.ts';
import { zoneFor } from '../calendar/loadCalendar.ts';
import { inZone, type WorkingCalendar } from '../calendar/workingCalendar.ts';
import type { SopIdentity } from '../model/processModel.ts';
import { isInput, type FormSchema } from '../model/formSchema.ts';

export interface Definition {
  processId: string;
  name?: string;
  version: number;
  /** SHA-256 of the compiled config: replay must run the same machine. */
  hash: string;
  /** SHA-256 of the BPMN document it was read from: a case's START entry pins it, replay checks the stored XML still has it. */
  sourceHash?: string;
  hari: 'kalender' | 'kerja';
  identity?: SopIdentity;
  config: MachineConfig;
  machine: ProcessMachine;
  startEvents: string[];
  /** Timer start events: the engine starts cases on their schedule. */
  startTimers: CompiledProcess['startTimers'];
  /** Every step (waiting activity or subprocess with waktu) by id. */
  steps: Map<string, StepMeta>;
  /** Every timer by its event node id. */
  timers: Map<string, TimerMeta & { host: string }>;
  /** Node id → name and BPMN type, for readable histories. */
  nodes: Map<string, { name?: string; type: string }>;
  /** Message and signal event types the process can wait for. */
  awaits: string[];
  /** The lanes: who performs the steps (`sop:pelaksana`) under which lane name. */
  lanes: { id: string; name?: string; pelaksana?: string }[];
  /** The form of each start event and message catcher (person steps carry theirs in `steps`). */
  forms: Record<string, FormSchema>;
  /** The form a message's data must fit, by message name. */
  messageForms: Record<string, FormSchema>;
  /** Who may start the SOP and send the messages its cases wait for (src/compile/sopRights.ts). */
  rights: SopRights;
  /** `sop:zona` as an IANA zone: deadlines counted there instead of the office's zone. */
  zone?: string;
}

/** The calendar a definition's deadlines and schedules are counted on: the office's, in the SOP's own zone when it has one. */
export function calendarOf(definition: Pick<Definition, 'zone'>, calendar: WorkingCalendar): WorkingCalendar {
  return definition.zone ? inZone(calendar, definition.zone) : calendar;
}

/** Makes a runnable definition of a compiled process. */
export function createDefinition(compiled: CompiledProcess, version = 1): Definition {
  if (!compiled.config) throw new Error(`Proses ${compiled.model.id} belum terkompilasi`);
  const config = compiled.config;
  const steps = new Map<string, StepMeta>();
  const timers = new Map<string, TimerMeta & { host: string }>();
  const awaits = new Set<string>();
  const walk = (state: StateConfig) => {
    if (state.meta?.step) steps.set(state.meta.step.id, state.meta.step);
    for (const type of Object.keys(state.on ?? {})) if (/^(MESSAGE|SIGNAL)\./.test(type)) awaits.add(type);
    for (const timer of state.meta?.timers ?? []) timers.set(timer.node, { ...timer, host: state.meta?.node ?? '' });
    for (const child of Object.values(state.states ?? {})) walk(child);
  };
  walk(config);
  const nodes = new Map<string, { name?: string; type: string }>();
  for (const node of compiled.model.nodes.values()) nodes.set(node.id, { ...(node.name ? { name: node.name } : {}), type: node.type });
  return {
    processId: compiled.model.id,
    name: compiled.model.name ?? compiled.model.identity?.nama,
    version,
    hash: createHash('sha256').update(JSON.stringify(config)).digest('hex'),
    hari: compiled.model.hari,
    identity: compiled.model.identity,
    config,
    machine: createProcessMachine(config),
    startEvents: compiled.startEvents,
    startTimers: compiled.startTimers,
    steps,
    timers,
    nodes,
    awaits: [...awaits],
    lanes: compiled.model.lanes.map((l) => ({ id: l.id, ...(l.name ? { name: l.name } : {}), ...(l.pelaksana ? { pelaksana: l.pelaksana } : {}) })),
    forms: compiled.forms,
    messageForms: compiled.messageForms,
    rights: compiled.rights ?? { start: 'semua', messages: {}, lanes: [], catchers: {} },
    ...(compiled.model.zona ? { zone: zoneFor(compiled.model.zona) } : {}),
  };
}

/** The form a person answers when starting a case: the default start's, when it asks anything (timer starts ask no one). */
export function startForm(definition: Definition): FormSchema | undefined {
  const start = definition.startEvents[0];
  if (!start || definition.startTimers.some((t) => t.node === start)) return undefined;
  const form = definition.forms[start];
  return form?.components.some(isInput) ? form : undefined;
}

/**
 * Activities: waiting steps (user, manual, plain and receive tasks), automatic steps (service,
 * script, send, business rule tasks: Protap records them and moves on), call activities (a child
 * case of the called SOP) and embedded subprocesses (compound states). Multi-instance steps keep
 * their instance counters in context; boundary events are attached by `attachBoundaries`.
 */
import { attachBoundaries } from './boundaries.ts';
import { checkSingleOutgoing } from './compileNode.ts';
import { compileSubScope } from './compileProcess.ts';
import { label, nextTarget, report, visit, type CompileContext, type ScopeFrame } from './compileContext.ts';
import { callDoneEvent, completeEvent, messageEvent } from './eventTypes.ts';
import { readExpression } from './expression.ts';
import type { StateConfig, StepMeta, TransitionConfig } from './machineConfig.ts';
import type { FlowNode } from '../model/processModel.ts';
import { readWaktu } from '../sop/readWaktu.ts';

const AUTOMATIC = new Set(['serviceTask', 'scriptTask', 'sendTask', 'businessRuleTask']);
const PERSON = new Set(['userTask', 'manualTask', 'task']);

/** Compiles an activity into its state. */
export function compileActivity(ctx: CompileContext, node: FlowNode, frame: ScopeFrame): StateConfig | undefined {
  checkSingleOutgoing(ctx, node);
  if (node.standardLoop) {
    report(ctx, node, 'UNSUPPORTED_ELEMENT', `${label(node)} memakai standard loop, yang tidak didukung; gambarkan perulangannya dengan exclusive gateway yang kembali ke langkah ini.`);
  }
  const next = nextTarget(ctx, node, frame);
  let state: StateConfig;
  if (AUTOMATIC.has(node.type)) {
    state = { entry: [visit(node.id), ...(node.type === 'sendTask' ? [{ type: 'emitMessage', params: { node: node.id } }] : [])], always: { target: next } };
    if (node.multiInstance) state.meta = { node: node.id };
  } else if (node.type === 'subProcess') {
    if (node.multiInstance) report(ctx, node, 'UNSUPPORTED_ELEMENT', `Multi-instance pada subproses ${label(node)} tidak didukung; jadikan isinya SOP mikro dan panggil dengan call activity multi-instance.`);
    const inner = compileSubScope(ctx, node.id);
    state = { entry: [visit(node.id)], initial: inner.initial, states: inner.states, onDone: { target: next }, meta: { node: node.id } };
    const step = stepMeta(ctx, node, 'inner');
    if (step.waktu !== undefined) state.meta = { node: node.id, step };
  } else if (PERSON.has(node.type) || node.type === 'receiveTask' || node.type === 'callActivity') {
    state = waitingStep(ctx, node, next);
  } else {
    report(ctx, node, 'UNSUPPORTED_ELEMENT', `${label(node)} bertipe ${node.type} tidak didukung.`);
    return undefined;
  }
  attachBoundaries(ctx, node, state);
  return state;
}

function waitingStep(ctx: CompileContext, node: FlowNode, next: string): StateConfig {
  const completion = node.type === 'callActivity' ? 'child' : node.type === 'receiveTask' ? 'message' : 'person';
  const step = stepMeta(ctx, node, completion);
  let event = completeEvent(node.id);
  if (completion === 'message') {
    step.message = messageName(ctx, node);
    event = messageEvent(step.message);
  }
  if (completion === 'child') {
    event = callDoneEvent(node.id);
    if (!node.calledElement) {
      report(ctx, node, 'UNKNOWN_CALLED_ELEMENT', `Call activity ${label(node)} tidak menyebut SOP yang dipanggil; isi calledElement dengan id proses SOP mikro.`);
    } else if (ctx.knownProcesses && !ctx.knownProcesses.has(node.calledElement)) {
      report(ctx, node, 'UNKNOWN_CALLED_ELEMENT', `Call activity ${label(node)} memanggil proses "${node.calledElement}" yang tidak dikenal; deploy SOP mikro itu lebih dahulu atau perbaiki calledElement.`);
    }
    step.call = { calledElement: node.calledElement ?? '', inputs: node.inputs ?? [], outputs: node.outputs ?? [] };
  }
  const dataAction = completion === 'child' ? { type: 'assignOutput', params: { node: node.id, outputs: node.outputs ?? [] } } : { type: 'assignData' };
  const state: StateConfig = { entry: [visit(node.id)], meta: { node: node.id, step } };
  if (!node.multiInstance) {
    // Most completions carry no data: skipping the assign then saves XState a context copy and a snapshot clone.
    const carries = completion === 'child' ? 'hasOutput' : 'hasData';
    state.on = { [event]: [{ guard: { type: carries }, target: next, actions: [dataAction] }, { target: next }] };
    return state;
  }
  const mi = node.multiInstance;
  step.multiInstance = { sequential: mi.sequential, elementVariable: mi.elementVariable };
  const count = mi.collection ?? mi.cardinality;
  if (!count) report(ctx, node, 'BAD_MULTI_INSTANCE', `Multi-instance ${label(node)} tidak menyebut jumlah instans; isi loopCardinality atau sop:koleksi.`);
  const cardinality = mi.cardinality ? checked(ctx, node, mi.cardinality) : undefined;
  const completionCondition = mi.completionCondition ? checked(ctx, node, mi.completionCondition) : undefined;
  state.entry = [visit(node.id), { type: 'startInstances', params: { node: node.id, cardinality, collection: mi.collection } }];
  state.exit = [{ type: 'endInstances', params: { node: node.id } }];
  const done: TransitionConfig = { guard: { type: 'instancesDone', params: { node: node.id, completionCondition } }, target: next };
  state.always = done;
  state.on = {
    [event]: {
      guard: { type: 'instanceOpen', params: { node: node.id, sequential: mi.sequential } },
      actions: [dataAction, { type: 'completeInstance', params: { node: node.id, sequential: mi.sequential } }],
    },
  };
  return state;
}

function checked(ctx: CompileContext, node: FlowNode, text: string) {
  const read = readExpression(text);
  if (!read.ok) report(ctx, node, 'BAD_CONDITION', `Ekspresi multi-instance pada ${label(node)}: ${read.message}.`);
  return read.ok ? read.expression : undefined;
}

/** The message name that completes a receive task or fires a message event. */
export function messageName(ctx: CompileContext, node: FlowNode): string {
  const ref = node.messageRef ?? node.eventDefinitions.find((d) => d.kind === 'message')?.ref;
  return ref ?? node.name ?? node.id;
}

/** The step description a worklist, a deadline and the SOP document need. */
export function stepMeta(ctx: CompileContext, node: FlowNode, completion: StepMeta['completion']): StepMeta {
  const step: StepMeta = { id: node.id, name: node.name, type: node.type, completion };
  if (node.lane) {
    step.lane = node.lane.id;
    step.pelaksana = node.lane.pelaksana ?? node.lane.name;
    step.atasan = node.lane.atasan;
  }
  const form = ctx.forms.get(node.id);
  if (form && (completion === 'person' || completion === 'message')) step.form = form;
  const { no, waktu, waktuDari, kelengkapan, output, keterangan } = node.sop;
  Object.assign(step, JSON.parse(JSON.stringify({ no, waktuDari, kelengkapan, output, keterangan })));
  if (waktu !== undefined) {
    step.waktu = waktu;
    const read = readWaktu(waktu);
    if (read.ok) step.waktuSpec = read.spec;
    else report(ctx, node, 'BAD_WAKTU', `Waktu penyelesaian "${waktu}" pada langkah ${label(node)} tidak dapat dibaca: ${read.message}`);
  }
  return step;
}

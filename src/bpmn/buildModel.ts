/**
 * Turns a bpmn-moddle definitions tree into Protap's typed model: one `ProcessModel` per
 * `bpmn:process`, flow nodes with their scope, lane, SOP attributes and event definitions.
 */
import { child, elements, text, type ModdleElement } from './moddleElement.ts';
import { readEventDefinition } from './readEventDefinition.ts';
import { readIdentity } from './readIdentity.ts';
import type {
  DefinitionsModel, FlowNode, Lane, MultiInstance, ProcessModel, SequenceFlow, VariableMapping,
} from '../model/processModel.ts';
import { problem, type Problem } from '../model/problem.ts';
import { applyDecisions } from '../model/applyDecisions.ts';
import { checkForm } from '../model/checkForm.ts';

const SCOPE_TYPES = new Set(['bpmn:SubProcess', 'bpmn:Transaction', 'bpmn:AdHocSubProcess']);

/** Builds the model of every process in a definitions element. */
export function buildModel(definitions: ModdleElement): { model: DefinitionsModel; problems: Problem[] } {
  const problems: Problem[] = [];
  const messages = new Map<string, string>();
  const participants: DefinitionsModel['participants'] = [];
  const processes: ProcessModel[] = [];
  const language = text(definitions, 'expressionLanguage');

  for (const root of elements(definitions, 'rootElements')) {
    if (root.$type === 'bpmn:Message' && root.id) messages.set(root.id, text(root, 'name') ?? root.id);
    if (root.$type === 'bpmn:Collaboration') {
      for (const p of elements(root, 'participants')) {
        participants.push({ id: p.id ?? '', name: text(p, 'name'), processId: child(p, 'processRef')?.id });
      }
    }
  }
  for (const root of elements(definitions, 'rootElements')) {
    if (root.$type === 'bpmn:Process') processes.push(buildProcess(root, language, problems));
  }
  return { model: { id: definitions.id, processes, messages, participants }, problems };
}

/** `sop:dimulaiOleh`: `semua`, or role ids separated by commas (the same form as a person's roles). */
function readDimulaiOleh(value: string | undefined, processId: string, problems: Problem[]): string[] | 'semua' | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (value.trim() === 'semua') return 'semua';
  const roles = value.split(',').map((role) => role.trim()).filter(Boolean);
  const bad = roles.filter((role) => !/^[a-z0-9][a-z0-9._-]{0,79}$/.test(role));
  if (bad.length === 0) return [...new Set(roles)].sort();
  problems.push(problem('BAD_ATTRIBUTE', processId, 'bpmn:Process',
    `sop:dimulaiOleh="${value}" tidak sah: tulis "semua" atau id peran dipisah koma (huruf kecil, angka, . _ -), mis. "petugas-ptsp,panitera".`));
  return undefined;
}

/** `sop:zona`: WIB, WITA or WIT (Indonesia's three zones; any case of letters). */
function readZona(value: string | undefined, processId: string, problems: Problem[]): ProcessModel['zona'] {
  const zona = value?.trim().toUpperCase();
  if (!zona) return undefined;
  if (zona === 'WIB' || zona === 'WITA' || zona === 'WIT') return zona;
  problems.push(problem('BAD_ATTRIBUTE', processId, 'bpmn:Process', `sop:zona="${value}" tidak dikenal: gunakan WIB, WITA atau WIT (kosongkan untuk zona kantor).`));
  return undefined;
}

function buildProcess(element: ModdleElement, language: string | undefined, problems: Problem[]): ProcessModel {
  const id = element.id ?? '';
  const hariText = text(element, 'hari');
  if (hariText && hariText !== 'kalender' && hariText !== 'kerja') {
    problems.push(problem('BAD_ATTRIBUTE', id, 'bpmn:Process',
      `sop:hari="${hariText}" tidak dikenal: gunakan "kalender" (bawaan) atau "kerja".`));
  }
  const dimulaiOleh = readDimulaiOleh(text(element, 'dimulaiOleh'), id, problems);
  const zona = readZona(text(element, 'zona'), id, problems);
  const model: ProcessModel = {
    id,
    name: text(element, 'name'),
    isExecutable: typeof element.isExecutable === 'boolean' ? element.isExecutable : undefined,
    hari: hariText === 'kerja' ? 'kerja' : 'kalender',
    ...(dimulaiOleh ? { dimulaiOleh } : {}),
    ...(zona ? { zona } : {}),
    identity: readIdentity(element),
    nodes: new Map(),
    flows: new Map(),
    lanes: [],
    scopes: new Map(),
  };
  const laneOf = readLanes(element, model.lanes);
  collectScope(element, id, model, laneOf, language, undefined, problems);
  for (const node of model.nodes.values()) {
    if (node.attachedTo) model.nodes.get(node.attachedTo)?.boundaries.push(node.id);
  }
  problems.push(...applyDecisions(model));
  return model;
}

/** Reads the lane sets (nested lanes included); returns node id → innermost lane. */
function readLanes(process: ModdleElement, lanes: Lane[]): Map<string, Lane> {
  const laneOf = new Map<string, Lane>();
  const visit = (laneSet: ModdleElement) => {
    for (const laneElement of elements(laneSet, 'lanes')) {
      const lane: Lane = {
        id: laneElement.id ?? '',
        name: text(laneElement, 'name'),
        pelaksana: text(laneElement, 'pelaksana'),
        atasan: text(laneElement, 'atasan'),
        external: laneElement.eksternal === true,
      };
      lanes.push(lane);
      for (const ref of elements(laneElement, 'flowNodeRef')) if (ref.id) laneOf.set(ref.id, lane);
      const nested = child(laneElement, 'childLaneSet');
      if (nested) visit(nested); // inner lanes are visited later, so they win
    }
  };
  for (const laneSet of elements(process, 'laneSets')) visit(laneSet);
  return laneOf;
}

function collectScope(
  container: ModdleElement, scope: string, model: ProcessModel, laneOf: Map<string, Lane>,
  language: string | undefined, inheritedLane: Lane | undefined, problems: Problem[],
): void {
  const ids: string[] = [];
  model.scopes.set(scope, ids);
  const flowElements = elements(container, 'flowElements');
  for (const element of flowElements) {
    if (element.$type === 'bpmn:SequenceFlow') continue;
    if (!isFlowNode(element)) continue;
    const node = readNode(element, scope, laneOf.get(element.id ?? '') ?? inheritedLane);
    const stored = elements(child(element, 'extensionElements'), 'values').find((e) => e.$type === 'sop:Formulir');
    if (stored) {
      const read = checkForm(typeof stored.text === 'string' ? stored.text : '', node.id, element.$type);
      node.form = read.fields;
      problems.push(...read.problems);
    }
    model.nodes.set(node.id, node);
    ids.push(node.id);
    if (SCOPE_TYPES.has(element.$type)) collectScope(element, node.id, model, laneOf, language, node.lane, problems);
  }
  for (const element of flowElements) {
    if (element.$type !== 'bpmn:SequenceFlow') continue;
    const flow = readFlow(element, language);
    model.flows.set(flow.id, flow);
    model.nodes.get(flow.source)?.outgoing.push(flow.id);
    model.nodes.get(flow.target)?.incoming.push(flow.id);
  }
}

function isFlowNode(element: ModdleElement): boolean {
  return /Task$|Event$|Gateway$|SubProcess$|^bpmn:Transaction$|^bpmn:CallActivity$/.test(element.$type);
}

function readNode(element: ModdleElement, scope: string, lane: Lane | undefined): FlowNode {
  const type = element.$type.replace(/^bpmn:/, '');
  const node: FlowNode = {
    id: element.id ?? '',
    type: type.charAt(0).toLowerCase() + type.slice(1),
    name: text(element, 'name'),
    scope,
    incoming: [],
    outgoing: [],
    lane,
    sop: {
      no: text(element, 'no'),
      waktu: typeof element.waktu === 'string' ? element.waktu : undefined,
      waktuDari: text(element, 'waktuDari'),
      kelengkapan: text(element, 'kelengkapan'),
      output: text(element, 'output'),
      keterangan: text(element, 'keterangan'),
    },
    eventDefinitions: elements(element, 'eventDefinitions').map(readEventDefinition),
    boundaries: [],
  };
  const attached = child(element, 'attachedToRef');
  if (attached?.id) {
    node.attachedTo = attached.id;
    node.cancelActivity = element.cancelActivity !== false;
  }
  const defaultFlow = child(element, 'default');
  if (defaultFlow?.id) node.defaultFlow = defaultFlow.id;
  node.gatewayDirection = text(element, 'gatewayDirection');
  node.calledElement = text(element, 'calledElement');
  const message = child(element, 'messageRef');
  if (message) node.messageRef = text(message, 'name') ?? message.id;
  if (element.$type === 'bpmn:CallActivity') {
    const ext = elements(child(element, 'extensionElements'), 'values');
    node.inputs = ext.filter((e) => e.$type === 'sop:Masukan').map(readMapping);
    node.outputs = ext.filter((e) => e.$type === 'sop:Keluaran').map(readMapping);
  }
  const loop = child(element, 'loopCharacteristics');
  if (loop?.$type === 'bpmn:MultiInstanceLoopCharacteristics') node.multiInstance = readMultiInstance(element, loop);
  if (loop?.$type === 'bpmn:StandardLoopCharacteristics') node.standardLoop = true;
  if (element.triggeredByEvent === true) node.triggeredByEvent = true;
  if (element.$type === 'bpmn:StartEvent') node.isInterrupting = element.isInterrupting !== false;
  const question = text(element, 'pertanyaan');
  const variable = text(element, 'variabel');
  if (question || variable) node.decision = { ...(question ? { question } : {}), ...(variable ? { variable } : {}) };
  return node;
}

function readMapping(element: ModdleElement): VariableMapping {
  const source = text(element, 'sumber') ?? '';
  return { source, target: text(element, 'target') ?? source };
}

function readMultiInstance(element: ModdleElement, loop: ModdleElement): MultiInstance {
  return {
    sequential: loop.isSequential === true,
    cardinality: text(child(loop, 'loopCardinality'), 'body'),
    collection: text(element, 'koleksi'),
    elementVariable: text(element, 'elemen') ?? 'item',
    completionCondition: text(child(loop, 'completionCondition'), 'body'),
  };
}

function readFlow(element: ModdleElement, language: string | undefined): SequenceFlow {
  const flow: SequenceFlow = {
    id: element.id ?? '',
    name: text(element, 'name'),
    source: child(element, 'sourceRef')?.id ?? '',
    target: child(element, 'targetRef')?.id ?? '',
  };
  const condition = child(element, 'conditionExpression');
  const body = text(condition, 'body');
  if (body !== undefined) flow.condition = { body, language: text(condition, 'language') ?? language };
  const answer = typeof element.jawaban === 'string' ? element.jawaban : undefined;
  const value = text(element, 'nilai');
  if (answer !== undefined) flow.answer = { label: answer.trim(), ...(value ? { value } : {}) };
  return flow;
}

/**
 * Adds Protap's groups to the properties panel, right after "Umum": "SOP" with the `sop:`
 * attributes of sop.moddle.json for the selected lane (who does its steps) or activity (waktu,
 * kelengkapan, output, keterangan); for a process/pool, the whole identity block and sop:hari
 * ("Identitas SOP", "Pengesahan" and the identity's lists, identityGroups.ts);
 * "Keputusan" for a gateway that asks a question; "Jawaban" or "Syarat" for a flow leaving a
 * gateway; "Formulir" for a step a person completes.
 */
import { Group } from '@bpmn-io/properties-panel';
import { gatewayAnswerEntry, flowAnswerEntry } from './answerEntry.ts';
import { attributeEntry, type PanelEntry } from './attributeEntry.ts';
import { conditionEntry } from './conditionEntry.ts';
import { answerOf, decidingSource, isDecision, outgoingFlows } from './decisionGateway.ts';
import { formGroup, hasForm, type FormServices } from './formGroup.ts';
import { identityGroups } from './identityGroups.ts';
import { advancedDecisionEntry, questionEntry } from './questionEntry.ts';
import { roleEntry } from './roleEntry.ts';
import { isType, processOf, type BpmnFactory, type CommandStack, type DiagramElement, type ModdleElement, type Translate } from './sopElement.ts';
import { waktuEntry } from './waktuEntry.ts';

/** A group (`entries`) or a list group (`items`) as the properties panel takes it. */
interface PanelGroup { id: string; label: string; component: unknown; entries?: unknown[]; items?: unknown[]; shouldOpen?: boolean }
interface PropertiesPanel { registerProvider(priority: number, provider: SopPropertiesProvider): void }

/** After bpmn-js's own provider (priority 1000), so "Umum" is there to follow. */
const PRIORITY = 500;

const LANE: PanelEntry[] = [
  roleEntry({ id: 'sop-pelaksana', attribute: 'sop:pelaksana', label: 'Pelaksana (id peran)', description: 'Peran yang mengerjakan langkah di lajur ini, mis. panitera-muda-pidana.', warnUnknown: true }),
  roleEntry({ id: 'sop-atasan', attribute: 'sop:atasan', label: 'Atasan (id peran)', description: 'Menerima eskalasi bila tenggat terlewati.', warnUnknown: false }),
  attributeEntry({ id: 'sop-eksternal', attribute: 'sop:eksternal', label: 'Pihak di luar satker', kind: 'checkbox' }),
];

const ACTIVITY: PanelEntry[] = [
  attributeEntry({ id: 'sop-no', attribute: 'sop:no', label: 'Nomor kegiatan' }),
  waktuEntry,
  attributeEntry({ id: 'sop-kelengkapan', attribute: 'sop:kelengkapan', label: 'Kelengkapan', kind: 'area' }),
  attributeEntry({ id: 'sop-output', attribute: 'sop:output', label: 'Output', kind: 'area' }),
  attributeEntry({ id: 'sop-keterangan', attribute: 'sop:keterangan', label: 'Keterangan', kind: 'area' }),
];

/** The SOP entries of a lane or an activity, none for other elements. */
export function sopEntries(element: DiagramElement): PanelEntry[] {
  if (isType(element, 'bpmn:Lane')) return LANE;
  if (isType(element, 'bpmn:Activity')) return ACTIVITY;
  return [];
}

/** Gateways whose flows may carry conditions. */
const CONDITIONAL_SOURCES = ['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway', 'bpmn:ComplexGateway'];

/** The group of a flow: its answer when it leaves a decision, else its FEEL condition. */
function flowGroup(element: DiagramElement): PanelGroup | undefined {
  const bo = element.businessObject;
  const source = bo.get('sourceRef') as ModdleElement | undefined;
  const gateway = decidingSource(bo);
  const answered = answerOf(bo) !== '';
  if (gateway && outgoingFlows(gateway).length >= 2) {
    return { id: 'jawaban', label: 'Jawaban', component: Group, shouldOpen: true, entries: answered ? [flowAnswerEntry] : [flowAnswerEntry, conditionEntry] };
  }
  const conditional = CONDITIONAL_SOURCES.some((type) => source?.$instanceOf(type)) || bo.get('conditionExpression') !== undefined;
  return conditional && !answered ? { id: 'syarat', label: 'Syarat', component: Group, shouldOpen: true, entries: [conditionEntry] } : undefined;
}

/** The "Keputusan" group of a gateway: question, each flow's answer, the variable under "Lanjutan". */
function decisionGroup(element: DiagramElement): PanelGroup {
  const answers = outgoingFlows(element.businessObject).map(gatewayAnswerEntry);
  return { id: 'keputusan', label: 'Keputusan', component: Group, shouldOpen: true, entries: [questionEntry, ...answers, advancedDecisionEntry] };
}

export class SopPropertiesProvider {
  static $inject = ['propertiesPanel', 'commandStack', 'bpmnFactory', 'translate'];

  private readonly services: FormServices;

  constructor(propertiesPanel: PropertiesPanel, commandStack: CommandStack, bpmnFactory: BpmnFactory, translate: Translate) {
    this.services = { commandStack, bpmnFactory, translate };
    propertiesPanel.registerProvider(PRIORITY, this);
  }

  /** Protap's groups for an element, in the order they follow "Umum". */
  groupsFor(element: DiagramElement): PanelGroup[] {
    const groups: PanelGroup[] = [];
    if (isType(element, 'bpmn:SequenceFlow')) {
      const group = flowGroup(element);
      if (group) groups.push(group);
    }
    if (isDecision(element)) groups.push(decisionGroup(element));
    const entries = sopEntries(element);
    if (entries.length > 0) groups.push({ id: 'sop', label: 'SOP', entries, component: Group });
    else if (processOf(element)) groups.push(...identityGroups(element, this.services));
    if (hasForm(element)) groups.push(formGroup(element, this.services));
    return groups;
  }

  getGroups(element: DiagramElement): (groups: PanelGroup[]) => PanelGroup[] {
    return (groups) => {
      const ours = this.groupsFor(element);
      if (ours.length === 0) return groups;
      const general = groups.findIndex((group) => group.id === 'general');
      groups.splice(general + 1, 0, ...ours);
      return groups;
    };
  }
}

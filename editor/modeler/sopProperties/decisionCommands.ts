/**
 * Writes a decision into the diagram: the question (also the gateway's name, shown on the
 * canvas), the variable, each answered flow's name and FEEL condition, and "Lainnya" as the
 * default flow. Every condition of the gateway is derived again on each change, because Ya/Tidak
 * or named options depend on all its answers; the functions are the engine's own
 * (src/model/decisions.ts), so the deployed diagram raises no CONDITION_MISMATCH.
 * All changes go in one command: a single undo takes the whole edit back.
 */
import { answerCondition, answerKind, isOtherAnswer, variableOf } from '../../../src/model/decisions.ts';
import { useService } from 'bpmn-js-properties-panel';
import { answerOf, outgoingFlows } from './decisionGateway.ts';
import {
  executeAll, textOf,
  type BpmnFactory, type CommandStack, type DiagramElement, type ElementRegistry, type ModdleElement, type PanelCommand,
} from './sopElement.ts';

export interface StatedAnswerEdit { label: string; value?: string | undefined }

/** What changes: any of the question, the variable ('' = derive it again), answers by flow id. */
export interface DecisionEdit {
  question?: string;
  variable?: string;
  answers?: Record<string, StatedAnswerEdit>;
}

export interface DecisionServices { elementRegistry: ElementRegistry; bpmnFactory: BpmnFactory }

/** The commands bringing a gateway and its flows to the edited decision (none when nothing changes). */
export function decisionCommands(gateway: DiagramElement, edit: DecisionEdit, services: DecisionServices): PanelCommand[] {
  const bo = gateway.businessObject;
  const oldQuestion = textOf(bo, 'sop:pertanyaan');
  const question = (edit.question ?? oldQuestion).trim();
  const stored = textOf(bo, 'sop:variabel');
  // A variable the analyst changed by hand stays when the question changes; a derived one follows it.
  const custom = stored !== '' && stored !== variableOf(oldQuestion);
  const variable = edit.variable !== undefined && edit.variable.trim() !== '' ? edit.variable.trim()
    : edit.variable === undefined && custom ? stored
      : variableOf(question || textOf(bo, 'name') || (bo.id ?? ''));

  const flows = outgoingFlows(bo).map((flow) => {
    const edited = flow.id ? edit.answers?.[flow.id] : undefined;
    return { flow, edited: edited !== undefined, label: (edited?.label ?? answerOf(flow)).trim(), value: edited ? edited.value?.trim() ?? '' : textOf(flow, 'sop:nilai') };
  });
  const kind = answerKind(flows.map((f) => f.label));
  const commands: PanelCommand[] = [];
  let defaultFlow = bo.get('default') as ModdleElement | undefined;
  for (const { flow, edited, label, value } of flows) {
    if (label === '') {
      if (!edited) continue;
      if (defaultFlow === flow) defaultFlow = undefined;
      push(commands, services, flow, { 'sop:jawaban': undefined, 'sop:nilai': undefined, name: undefined, conditionExpression: undefined });
      continue;
    }
    const body = answerCondition(variable, label, kind, value || undefined);
    if (body === undefined) defaultFlow = flow;
    else if (defaultFlow === flow) defaultFlow = undefined;
    push(commands, services, flow, {
      'sop:jawaban': label,
      'sop:nilai': value && !isOtherAnswer(label) ? value : undefined,
      name: label,
      conditionExpression: body === undefined ? undefined : expression(flow, body, services.bpmnFactory),
    });
  }
  push(commands, services, bo, {
    'sop:pertanyaan': question || undefined,
    'sop:variabel': question || edit.variable || stored ? variable : undefined,
    ...(edit.question !== undefined ? { name: question || undefined } : {}),
    default: defaultFlow,
  });
  // The panel redraws for the elements a command changed: the gateway's group shows every answer.
  if (commands.length > 0 && !commands.some((c) => c.context.element === gateway)) {
    commands.push({ cmd: 'element.updateProperties', context: { element: gateway, properties: {} } });
  }
  return commands;
}

/** Applies an edit to a gateway's decision from inside a panel entry. */
export function useDecisionUpdate(): (gateway: DiagramElement, edit: DecisionEdit) => void {
  const services = { elementRegistry: useService<ElementRegistry>('elementRegistry'), bpmnFactory: useService<BpmnFactory>('bpmnFactory') };
  const commandStack = useService<CommandStack>('commandStack');
  return (gateway, edit) => executeAll(commandStack, decisionCommands(gateway, edit, services));
}

/** The condition already there when it says the same, else a new bpmn:FormalExpression. */
function expression(flow: ModdleElement, body: string, bpmnFactory: BpmnFactory): ModdleElement {
  const current = flow.get('conditionExpression') as ModdleElement | undefined;
  if (current && textOf(current, 'body') === body) return current;
  const created = bpmnFactory.create('bpmn:FormalExpression', { body });
  created.$parent = flow;
  return created;
}

/** An `element.updateProperties` of the properties that differ (it redraws labels and default-flow marks). */
function push(commands: PanelCommand[], services: DecisionServices, bo: ModdleElement, properties: Record<string, unknown>): void {
  const changed = Object.fromEntries(Object.entries(properties).filter(([key, value]) => (bo.get(key) ?? undefined) !== value));
  const element = bo.id ? services.elementRegistry.get(bo.id) : undefined;
  if (!element || Object.keys(changed).length === 0) return;
  commands.push({ cmd: 'element.updateProperties', context: { element, properties: changed } });
}

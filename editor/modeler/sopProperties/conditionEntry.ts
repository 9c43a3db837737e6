/**
 * The condition of a flow that is no answer to a question: written in FEEL by hand, or brought
 * by a catalogue or imported diagram. It is read live with the engine's own reader
 * (`readExpression`), so the analyst sees the same message the server gives at deploy time.
 */
import { TextFieldEntry, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { readExpression } from '../../../src/compile/expression.ts';
import type { EntryProps, PanelEntry } from './attributeEntry.ts';
import { textOf, type BpmnFactory, type DiagramElement, type ModdleElement } from './sopElement.ts';

interface FlowModeling { updateProperties(element: DiagramElement, properties: Record<string, unknown>): void }

/** The reader's message for an unreadable condition; none for an empty field (no condition). */
export function conditionProblem(body: string | undefined, language?: string): string | null {
  if (!body?.trim()) return null;
  const read = readExpression(body, language);
  return read.ok ? null : `Syarat tidak terbaca: ${read.message}.`;
}

function ConditionField({ element, id }: EntryProps) {
  const modeling = useService<FlowModeling>('modeling');
  const bpmnFactory = useService<BpmnFactory>('bpmnFactory');
  const debounce = useService('debounceInput');
  const bo = element.businessObject;
  const current = bo.get('conditionExpression') as ModdleElement | undefined;
  const language = textOf(current, 'language') || undefined;
  const source = bo.get('sourceRef') as ModdleElement | undefined;
  const isDefault = source?.get('default') === bo;
  return TextFieldEntry({
    element, id, debounce,
    label: 'Syarat (FEEL)',
    description: isDefault
      ? 'Alur bawaan gerbangnya: diambil bila tidak ada syarat lain yang benar, tanpa syarat sendiri.'
      : 'Alur ini diambil bila syaratnya benar, mis. jumlahBerkas > 3 atau status = "lengkap". Kosongkan untuk alur tanpa syarat.',
    getValue: () => textOf(current, 'body'),
    setValue: (value) => {
      const body = value?.trim() ? value : undefined;
      if (body === undefined) return modeling.updateProperties(element, { conditionExpression: undefined });
      const created = bpmnFactory.create('bpmn:FormalExpression', { body, ...(language ? { language } : {}) });
      created.$parent = bo;
      modeling.updateProperties(element, { conditionExpression: created });
    },
    validate: (value) => conditionProblem(value, language),
  });
}

export const conditionEntry: PanelEntry = { id: 'syarat', component: ConditionField, isEdited: isTextFieldEntryEdited };

/**
 * The "Formulir" group of a step a person completes (or a start event): first, read-only, the
 * questions of the decisions that follow it (the engine adds them), then the fields the analyst
 * adds, each a collapsible entry with its own settings and a delete button, then "Tambah kolom".
 */
import { CollapsibleEntry, Group } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import type { EntryProps } from './attributeEntry.ts';
import { fieldEntries } from './formFieldEntries.ts';
import { followingQuestions, takesData } from './followingQuestions.ts';
import { executeAll, type BpmnFactory, type CommandStack, type DiagramElement, type Translate } from './sopElement.ts';
import { newField, readFields, writeFieldsCommands } from './stepFormFields.ts';

export interface FormServices { commandStack: CommandStack; bpmnFactory: BpmnFactory; translate: Translate }

/** The field just added, opened so its label can be typed at once. */
let added: string | undefined;

/** Whether a step gets a form: a person's step, a start event, a message catcher. */
export function hasForm(element: DiagramElement): boolean {
  const bo = element.businessObject;
  return bo.$instanceOf('bpmn:FlowNode') && takesData(bo);
}

function QuestionsField({ element, id }: EntryProps) {
  const questions = followingQuestions(element.businessObject);
  return h('div', { class: 'bio-properties-panel-entry', 'data-entry-id': id },
    h('p', { class: 'bio-properties-panel-label' }, 'Pertanyaan dari keputusan berikutnya (ditambahkan otomatis):'),
    h('ul', { style: 'margin: 4px 0 0; padding-left: 18px' }, ...questions.map((q) => h('li', {}, `${q} — wajib`))));
}

function AddButton({ element, id }: EntryProps) {
  const commandStack = useService<CommandStack>('commandStack');
  const bpmnFactory = useService<BpmnFactory>('bpmnFactory');
  const add = () => {
    const fields = readFields(element.businessObject);
    const field = newField(fields);
    added = field.id;
    executeAll(commandStack, writeFieldsCommands(element, [...fields, field], bpmnFactory));
  };
  return h('div', { class: 'bio-properties-panel-entry', 'data-entry-id': id },
    h('button', { type: 'button', class: 'kedua', onClick: add }, '+ Tambah kolom'));
}

/** The group, with the fields stored on the step now. */
export function formGroup(element: DiagramElement, services: FormServices) {
  const fields = readFields(element.businessObject);
  const remove = (index: number) => () => {
    const kept = readFields(element.businessObject).filter((_, i) => i !== index);
    executeAll(services.commandStack, writeFieldsCommands(element, kept, services.bpmnFactory));
  };
  const entries: unknown[] = [];
  if (followingQuestions(element.businessObject).length > 0) entries.push({ id: 'formulir-pertanyaan', component: QuestionsField });
  fields.forEach((field, index) => {
    const id = `formulir-kolom-${index}`;
    entries.push({
      id, component: CollapsibleEntry,
      label: field.label || '(kolom tanpa label)',
      entries: fieldEntries(field, index, id),
      remove: remove(index),
      translate: services.translate,
      open: field.id !== undefined && field.id === added,
    });
  });
  entries.push({ id: 'formulir-tambah', component: AddButton });
  return { id: 'formulir', label: 'Formulir', entries, component: Group, shouldOpen: true };
}

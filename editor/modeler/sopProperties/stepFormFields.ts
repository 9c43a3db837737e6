/**
 * The fields an analyst adds to a step's form, kept as a form-js schema in
 * `<sop:formulir>` of the step's extension elements. Reading never throws (an unreadable
 * schema reads as no fields; Periksa reports it); writing replaces the whole schema, creating
 * the extension elements when needed, in one command.
 */
import { variableOf } from '../../../src/model/decisions.ts';
import { formOf, type FormField } from '../../../src/model/formSchema.ts';
import { listOf, textOf, type BpmnFactory, type DiagramElement, type ModdleElement, type PanelCommand } from './sopElement.ts';

/** The step's `sop:Formulir`, if it has one. */
export function formulirOf(bo: ModdleElement): ModdleElement | undefined {
  return listOf(bo.get('extensionElements') as ModdleElement | undefined, 'values').find((v) => v.$instanceOf('sop:Formulir'));
}

/** The fields stored on a step. */
export function readFields(bo: ModdleElement): FormField[] {
  const stored = formulirOf(bo);
  if (!stored) return [];
  try {
    const components = (JSON.parse(textOf(stored, 'text')) as { components?: unknown }).components;
    return Array.isArray(components) ? (components as FormField[]) : [];
  } catch {
    return [];
  }
}

/** A key for a label: its variable name, numbered when another field has it. */
export function keyFor(label: string, others: FormField[]): string {
  const base = variableOf(label);
  const taken = new Set(others.map((f) => f.key));
  let key = base;
  for (let n = 2; taken.has(key); n += 1) key = `${base}${n}`;
  return key;
}

/** A new text field, not yet required. */
export function newField(fields: FormField[]): FormField {
  const ids = new Set(fields.map((f) => f.id));
  let n = fields.length + 1;
  while (ids.has(`Kolom_${n}`)) n += 1;
  return { id: `Kolom_${n}`, type: 'textfield', key: keyFor('Kolom baru', fields), label: 'Kolom baru', validate: { required: false } };
}

/** The commands storing `fields` as the step's form (removing the form when no field is left). */
export function writeFieldsCommands(element: DiagramElement, fields: FormField[], bpmnFactory: BpmnFactory): PanelCommand[] {
  const bo = element.businessObject;
  const update = (moddleElement: ModdleElement, properties: Record<string, unknown>): PanelCommand =>
    ({ cmd: 'element.updateModdleProperties', context: { element, moddleElement, properties } });
  let extensions = bo.get('extensionElements') as ModdleElement | undefined;
  const stored = formulirOf(bo);
  if (fields.length === 0) {
    return stored && extensions ? [update(extensions, { values: listOf(extensions, 'values').filter((v) => v !== stored) })] : [];
  }
  const text = JSON.stringify(formOf(`Formulir_${bo.id ?? 'langkah'}`, fields));
  if (stored) return [update(stored, { text })];
  const commands: PanelCommand[] = [];
  if (!extensions) {
    extensions = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
    extensions.$parent = bo;
    commands.push(update(bo, { extensionElements: extensions }));
  }
  const created = bpmnFactory.create('sop:Formulir', { text });
  created.$parent = extensions;
  commands.push(update(extensions, { values: [...listOf(extensions, 'values'), created] }));
  return commands;
}

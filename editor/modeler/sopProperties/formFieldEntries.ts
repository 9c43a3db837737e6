/**
 * The entries of one field of a step's form: Label (its data name follows it), Jenis, Bantuan,
 * Wajib and, for a choice, its options typed one per line or separated by commas.
 */
import {
  CheckboxEntry, SelectEntry, TextAreaEntry, TextFieldEntry,
  isCheckboxEntryEdited, isSelectEntryEdited, isTextAreaEntryEdited, isTextFieldEntryEdited,
} from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { optionValue } from '../../../src/model/decisions.ts';
import type { FormField, FormOption } from '../../../src/model/formSchema.ts';
import type { EntryProps, PanelEntry } from './attributeEntry.ts';
import { executeAll, type BpmnFactory, type CommandStack, type DiagramElement } from './sopElement.ts';
import { keyFor, readFields, writeFieldsCommands } from './stepFormFields.ts';

interface FieldProps extends EntryProps { index: number }

/** The types an analyst picks from; "date" stands for form-js's datetime with subtype date. */
const TYPES = [
  { value: 'textfield', label: 'Teks' },
  { value: 'textarea', label: 'Teks panjang' },
  { value: 'number', label: 'Angka' },
  { value: 'date', label: 'Tanggal' },
  { value: 'select', label: 'Pilihan' },
  { value: 'checkbox', label: 'Ya/tidak (centang)' },
];
/** Types an imported form may hold, shown so that they are not silently changed. */
const OTHER_TYPES: Record<string, string> = { radio: 'Pilihan (tombol)', datetime: 'Tanggal dan jam' };

/** Whether a field is a choice that needs options. */
export const isChoice = (field: FormField) => field.type === 'select' || field.type === 'radio';

/** Options typed as text: one per line or separated by commas. */
export function readOptions(text: string): FormOption[] {
  const labels = text.split(/[\n,]/).map((l) => l.trim()).filter((l) => l !== '');
  return [...new Set(labels)].map((label) => ({ label, value: optionValue(label) || label }));
}

/** The text last typed for each field's options, so a trailing comma is not taken away mid-typing. */
const typedOptions = new Map<string, string>();

function useFieldUpdate(element: DiagramElement, index: number): (patch: (field: FormField, others: FormField[]) => FormField) => void {
  const commandStack = useService<CommandStack>('commandStack');
  const bpmnFactory = useService<BpmnFactory>('bpmnFactory');
  return (patch) => {
    const fields = readFields(element.businessObject);
    const field = fields[index];
    if (!field) return;
    fields[index] = patch(field, fields.filter((_, i) => i !== index));
    executeAll(commandStack, writeFieldsCommands(element, fields, bpmnFactory));
  };
}

function fieldAt(element: DiagramElement, index: number): FormField {
  return readFields(element.businessObject)[index] ?? { type: 'textfield' };
}

function LabelField({ element, id, index }: FieldProps) {
  const update = useFieldUpdate(element, index);
  const field = fieldAt(element, index);
  return TextFieldEntry({
    element, id, debounce: useService('debounceInput'),
    label: 'Label',
    description: field.key ? `Disimpan sebagai data "${field.key}".` : undefined,
    getValue: () => field.label ?? '',
    setValue: (value) => update((f, others) => ({ ...f, label: value ?? '', key: keyFor(value ?? '', others) })),
    validate: (value) => (value?.trim() ? null : 'Tulis label kolomnya, mis. Nomor berkas.'),
  });
}

function TypeField({ element, id, index }: FieldProps) {
  const update = useFieldUpdate(element, index);
  const field = fieldAt(element, index);
  const current = field.type === 'datetime' && field.subtype === 'date' ? 'date' : field.type;
  const extra = OTHER_TYPES[current] ? [{ value: current, label: OTHER_TYPES[current] }] : [];
  return SelectEntry({
    element, id,
    label: 'Jenis',
    getOptions: () => [...TYPES, ...extra],
    getValue: () => current,
    setValue: (value) => update((f) => {
      const { subtype: _subtype, values, ...rest } = f;
      const next: FormField = value === 'date' ? { ...rest, type: 'datetime', subtype: 'date' } : { ...rest, type: value as FormField['type'] };
      return isChoice(next) ? { ...next, values: values ?? [] } : next;
    }),
  });
}

function HelpField({ element, id, index }: FieldProps) {
  const update = useFieldUpdate(element, index);
  const field = fieldAt(element, index);
  return TextFieldEntry({
    element, id, debounce: useService('debounceInput'),
    label: 'Bantuan',
    description: 'Keterangan di bawah kolom, mis. "Sesuai register perkara".',
    getValue: () => field.description ?? '',
    setValue: (value) => update((f) => {
      const { description: _old, ...rest } = f;
      return value?.trim() ? { ...rest, description: value } : rest;
    }),
  });
}

function RequiredField({ element, id, index }: FieldProps) {
  const update = useFieldUpdate(element, index);
  const field = fieldAt(element, index);
  return CheckboxEntry({
    element, id,
    label: 'Wajib diisi',
    getValue: () => field.validate?.required === true,
    setValue: (value) => update((f) => ({ ...f, validate: { ...f.validate, required: value } })),
  });
}

function OptionsField({ element, id, index }: FieldProps) {
  const update = useFieldUpdate(element, index);
  const field = fieldAt(element, index);
  const joined = (field.values ?? []).map((v) => v.label).join('\n');
  const typed = typedOptions.get(id);
  const shown = typed !== undefined && JSON.stringify(readOptions(typed)) === JSON.stringify(field.values ?? []) ? typed : joined;
  return TextAreaEntry({
    element, id, debounce: useService('debounceInput'), autoResize: true,
    label: 'Pilihan',
    description: 'Satu pilihan per baris, atau dipisah koma.',
    getValue: () => shown,
    setValue: (value) => {
      typedOptions.set(id, value ?? '');
      update((f) => ({ ...f, values: readOptions(value ?? '') }));
    },
    validate: (value) => (readOptions(value ?? '').length > 0 ? null : 'Tulis paling sedikit satu pilihan.'),
  });
}

/** The entries of the field at `index` (its options only when it is a choice). */
export function fieldEntries(field: FormField, index: number, prefix: string): (PanelEntry & { index: number })[] {
  const entry = (name: string, component: (props: FieldProps) => unknown, isEdited: (node: unknown) => boolean) =>
    ({ id: `${prefix}-${name}`, index, component: component as PanelEntry['component'], isEdited });
  return [
    entry('label', LabelField, isTextFieldEntryEdited),
    entry('jenis', TypeField, isSelectEntryEdited),
    entry('bantuan', HelpField, isTextFieldEntryEdited),
    entry('wajib', RequiredField, isCheckboxEntryEdited),
    ...(isChoice(field) ? [entry('pilihan', OptionsField, isTextAreaEntryEdited)] : []),
  ];
}

/**
 * Step forms are bpmn.io form-js schemas (https://github.com/bpmn-io/form-js): the worklist
 * renders them with form-js's viewer, the server checks step data against them. Protap uses the
 * subset below; a field of another type in a diagram is a problem, not silently ignored.
 */

/** form-js field types that hold data, and the JSON type of the value each takes. */
export const INPUT_TYPES = {
  textfield: 'teks',
  textarea: 'teks panjang',
  number: 'angka',
  datetime: 'tanggal',
  select: 'pilihan',
  radio: 'pilihan',
  checkbox: 'ya/tidak',
} as const;

/** form-js types that only show something (no key, no value). */
export const DISPLAY_TYPES = ['text', 'spacer', 'separator'] as const;

export type InputType = keyof typeof INPUT_TYPES;
export type DisplayType = (typeof DISPLAY_TYPES)[number];

export type OptionValue = string | number | boolean;

export interface FormOption {
  label: string;
  value: OptionValue;
}

export interface FormField {
  id?: string;
  type: InputType | DisplayType;
  key?: string;
  label?: string;
  /** Help text under the field. */
  description?: string;
  /** `text` fields: the text shown (markdown). */
  text?: string;
  /** `datetime` fields: Protap takes dates only (`date`). */
  subtype?: 'date';
  dateLabel?: string;
  values?: FormOption[];
  validate?: { required?: boolean };
  /** form-js conditional: a FEEL expression that hides the field (and makes it not required) when true. */
  conditional?: { hide?: string };
  /** Protap's own mark: a field asked by a decision that follows the step (its gateway id). */
  decision?: string;
}

export interface FormSchema {
  type: 'default';
  id: string;
  /** form-js schema version the fields follow. */
  schemaVersion: number;
  components: FormField[];
}

/** One field's fault in step data, as BAD_STEP_DATA answers it (`fields`). */
export interface FieldProblem {
  field: string;
  label?: string;
  detail: string;
}

/** The form-js schema version Protap writes (form-js 1.x). */
export const SCHEMA_VERSION = 16;

/** Whether a field holds data (it has a key and an input type). */
export function isInput(field: FormField): field is FormField & { type: InputType; key: string } {
  return field.type in INPUT_TYPES && typeof field.key === 'string' && field.key !== '';
}

/** A form with the given fields. */
export function formOf(id: string, components: FormField[]): FormSchema {
  return { type: 'default', id, schemaVersion: SCHEMA_VERSION, components };
}

/**
 * Step data is checked against the step's form before anything happens (DESIGN.md decision 10):
 * an unknown field, a value of the wrong type, a choice not offered or a missing required field
 * is refused with BAD_STEP_DATA naming the field, so "ya" can never stand for Ya. The form-js
 * schema is turned into a JSON Schema that ajv compiles once per form.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { isInput, type FieldProblem, type FormField, type FormSchema } from '../model/formSchema.ts';

export type { FieldProblem };
import { ProtapError } from './protapError.ts';
import { evaluateCondition, readExpression } from '../compile/expression.ts';

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new WeakMap<FormSchema, ValidateFunction>();
const compiledOpen = new WeakMap<FormSchema, ValidateFunction>();
const DATE = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$';

const requiredOf = new WeakMap<FormSchema, boolean>();

function asksRequired(form: FormSchema): boolean {
  let asks = requiredOf.get(form);
  if (asks === undefined) requiredOf.set(form, asks = form.components.some((f) => isInput(f) && f.validate?.required === true));
  return asks;
}

function isEmptyObject(value: Record<string, unknown>): boolean {
  for (const key in value) if (Object.prototype.hasOwnProperty.call(value, key)) return false;
  return true;
}

/** Whether a form-js `hide` condition (FEEL, `=` first) holds for the data sent. */
function hidden(hide: string, data: Record<string, unknown>): boolean {
  const read = readExpression(hide);
  try {
    return read.ok && evaluateCondition(read.expression, data);
  } catch {
    return false;
  }
}


function fieldSchema(field: FormField & { key: string }): Record<string, unknown> {
  const values = field.values?.map((v) => v.value);
  switch (field.type) {
    case 'number': return { type: 'number' };
    // As form-js reads it, a required tick box must be ticked (a confirmation such as "Berkas telah diperiksa").
    case 'checkbox': return field.validate?.required ? { type: 'boolean', const: true } : { type: 'boolean' };
    case 'datetime': return { type: 'string', pattern: DATE };
    case 'select': case 'radio': {
      const types = [...new Set((values ?? []).map((v) => typeof v))];
      return { type: types.length === 1 ? types[0] : types, enum: values ?? [] };
    }
    default: return field.validate?.required ? { type: 'string', minLength: 1 } : { type: 'string' };
  }
}

function validatorOf(form: FormSchema, open: boolean): ValidateFunction {
  const cache = open ? compiledOpen : compiled;
  let validate = cache.get(form);
  if (!validate) {
    const inputs = form.components.filter(isInput);
    validate = ajv.compile({
      type: 'object',
      additionalProperties: open,
      properties: Object.fromEntries(inputs.map((f) => [f.key, fieldSchema(f)])),
      // A field hidden by a condition is required only while shown: checked after ajv, against the data.
      required: inputs.filter((f) => f.validate?.required && !f.conditional?.hide).map((f) => f.key),
    });
    cache.set(form, validate);
  }
  return validate;
}

const show = (value: unknown) => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value));

function describe(field: FormField & { key: string }): string {
  const values = field.values ?? [];
  if (field.type === 'checkbox' || values.every((v) => typeof v.value === 'boolean') && values.length > 0) return 'ya atau tidak (true atau false)';
  if (field.type === 'select' || field.type === 'radio') return `salah satu dari: ${values.map((v) => `${v.label} (${show(v.value)})`).join(', ')}`;
  if (field.type === 'datetime') return 'tanggal dengan bentuk TTTT-BB-HH, mis. 2026-03-16';
  return field.type === 'number' ? 'angka' : 'teks';
}

function explain(error: ErrorObject, form: FormSchema, data: Record<string, unknown>): FieldProblem {
  const inputs = form.components.filter(isInput);
  if (error.keyword === 'additionalProperties') {
    const key = String((error.params as { additionalProperty: string }).additionalProperty);
    const known = inputs.map((f) => `${f.key}${f.label ? ` (${f.label})` : ''}`);
    return { field: key, detail: known.length === 0
      ? `Formulirnya tidak punya kolom isian, tetapi dikirim kolom "${key}"; selesaikan tanpa data.`
      : `Kolom "${key}" tidak ada dalam formulir langkah ini; kolomnya: ${known.join(', ')}.` };
  }
  const key = error.keyword === 'required'
    ? String((error.params as { missingProperty: string }).missingProperty)
    : error.instancePath.split('/')[1] ?? '';
  const field = inputs.find((f) => f.key === key);
  const name = field?.label ? `"${field.label}" (${key})` : `"${key}"`;
  if (error.keyword === 'const' && field?.type === 'checkbox') {
    return { field: key, ...(field.label ? { label: field.label } : {}), detail: `Kolom ${name} wajib dicentang.` };
  }
  if (error.keyword === 'required' || (error.keyword === 'minLength' && field)) {
    return { field: key, ...(field?.label ? { label: field.label } : {}), detail: `Kolom ${name} wajib diisi.` };
  }
  return {
    field: key, ...(field?.label ? { label: field.label } : {}),
    detail: `Kolom ${name} harus ${field ? describe(field) : 'sesuai formulir'}, bukan ${show(data[key])}.`,
  };
}

/** The faults of step data against a form, one per field; empty when the data fits. `open`: keys the form does not have are let through. */
export function stepDataProblems(form: FormSchema, data: Record<string, unknown> | undefined, open = false): FieldProblem[] {
  const value = data ?? {};
  const validate = validatorOf(form, open);
  const byField = new Map<string, FieldProblem>();
  if (!validate(value)) {
    for (const error of validate.errors ?? []) {
      const problem = explain(error, form, value);
      if (!byField.has(problem.field)) byField.set(problem.field, problem);
    }
  }
  for (const field of form.components) {
    if (!isInput(field) || !field.validate?.required || !field.conditional?.hide || byField.has(field.key)) continue;
    const given = value[field.key];
    if (given !== undefined && given !== null && given !== '' && !(field.type === 'checkbox' && given === false)) continue;
    if (!hidden(field.conditional.hide, value)) {
      byField.set(field.key, { field: field.key, ...(field.label ? { label: field.label } : {}), detail: `Kolom ${field.label ? `"${field.label}" (${field.key})` : `"${field.key}"`} wajib diisi.` });
    }
  }
  if (byField.size === 0) return [];
  // In the form's own order, as a person reads it; fields the form does not have come last.
  const order = form.components.filter(isInput).map((f) => f.key);
  const rank = (p: FieldProblem) => (order.includes(p.field) ? order.indexOf(p.field) : order.length);
  return [...byField.values()].sort((a, b) => rank(a) - rank(b));
}

/** Refuses data that does not fit a step's (or a message's) form: 422 BAD_STEP_DATA naming the first field at fault. `what` names it: `langkah "…"`. */
export function checkStepData(form: FormSchema | undefined, data: Record<string, unknown> | undefined, what: string, open = false): void {
  if (!form) return;
  // Most completions send nothing to a step that asks nothing required: no validator needed.
  if ((data === undefined || isEmptyObject(data)) && !asksRequired(form)) return;
  const problems = stepDataProblems(form, data, open);
  const first = problems[0];
  if (!first) return;
  throw new ProtapError('BAD_STEP_DATA', `Data ${what} tidak sesuai formulirnya: ${first.detail}`, {
    field: first.field, ...(first.label ? { label: first.label } : {}), fields: problems,
  });
}

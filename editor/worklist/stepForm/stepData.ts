/**
 * What a completed step form sends: only the form's own input keys, empty optional fields left
 * out (the server refuses a key its form does not have, and an empty text is no answer), values
 * as form-js typed them — numbers as numbers, Ya/Tidak as true/false, dates as TTTT-BB-HH.
 */
import { isInput, type FormSchema } from '../../../src/model/formSchema.ts';

/** Whether the form asks for anything at all; a form without inputs completes with no data. */
export function hasInputs(schema: FormSchema | undefined): schema is FormSchema {
  return schema !== undefined && schema.components.some(isInput);
}

/** The data to send for `values` as form-js submitted them. */
export function stepData(schema: FormSchema, values: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of schema.components) {
    if (!isInput(field)) continue;
    const value = values[field.key];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' && value.trim() === '') continue;
    data[field.key] = value;
  }
  return data;
}

/**
 * The `translate` service of bpmn-js (same signature: template and {placeholder} replacements),
 * answering in Bahasa Indonesia from `id.ts`. Given to the modeler as a module so it replaces
 * bpmn-js's own English one.
 */
import { id } from './id.ts';

export function translate(template: string, replacements: Record<string, string> = {}): string {
  const text = id[template] ?? template;
  return text.replace(/{([^}]+)}/g, (_match, key: string) => replacements[key] ?? `{${key}}`);
}

export const translateModule = { translate: ['value', translate] };

/**
 * The slice of bpmn-moddle's object shape that Protap reads. Kept inside `src/bpmn/`:
 * everything past this folder sees only the typed model.
 */
export interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  // bpmn-moddle objects carry their BPMN properties as plain fields; their set depends on $type.
  [property: string]: unknown;
}

/** A property of a moddle element as a list of elements (empty when absent). */
export function elements(element: ModdleElement | undefined, property: string): ModdleElement[] {
  const value = element?.[property];
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

/** A property of a moddle element as an element, if present. */
export function child(element: ModdleElement | undefined, property: string): ModdleElement | undefined {
  const value = element?.[property];
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as ModdleElement) : undefined;
}

/** A property of a moddle element as a trimmed string, if present and non-empty. */
export function text(element: ModdleElement | undefined, property: string): string | undefined {
  const value = element?.[property];
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

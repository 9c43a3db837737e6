/**
 * Declarations for the parts of bpmn-js's properties panel the modeler uses: the panel packages
 * ship no types.
 */
declare module 'bpmn-js-properties-panel' {
  import type { ModuleDeclaration } from 'didi';
  export const BpmnPropertiesPanelModule: ModuleDeclaration;
  export const BpmnPropertiesProviderModule: ModuleDeclaration;
  /** A service of the modeler's injector, inside a panel entry component. */
  export function useService<T = unknown>(name: string, strict?: boolean): T;
}

declare module '@bpmn-io/properties-panel' {
  import type { VNode } from '@bpmn-io/properties-panel/preact';
  interface EntryProps<T> {
    element: unknown;
    id: string;
    label: string;
    getValue(element: unknown): T;
    setValue(value: T, error?: string | null): void;
    description?: string;
    debounce?: unknown;
    validate?(value: T): string | null | undefined;
    placeholder?: string;
  }
  export function TextFieldEntry(props: EntryProps<string | undefined>): VNode;
  export function TextAreaEntry(props: EntryProps<string | undefined> & { autoResize?: boolean; rows?: number }): VNode;
  export function CheckboxEntry(props: EntryProps<boolean>): VNode;
  export function SelectEntry(props: EntryProps<string> & { getOptions(element: unknown): { value: string; label: string }[] }): VNode;
  export function isTextFieldEntryEdited(node: unknown): boolean;
  export function isTextAreaEntryEdited(node: unknown): boolean;
  export function isCheckboxEntryEdited(node: unknown): boolean;
  export function isSelectEntryEdited(node: unknown): boolean;
  export const Group: unknown;
}

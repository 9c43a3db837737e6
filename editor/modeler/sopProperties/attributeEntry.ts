/**
 * One panel entry editing one `sop:` attribute of a moddle element through
 * `modeling.updateModdleProperties` (a command: undo/redo work, the diagram is marked changed).
 * An emptied field removes the attribute rather than writing an empty one.
 */
import {
  CheckboxEntry, TextAreaEntry, TextFieldEntry,
  isCheckboxEntryEdited, isTextAreaEntryEdited, isTextFieldEntryEdited,
} from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { textOf, type DiagramElement, type ModdleElement, type Modeling } from './sopElement.ts';

export interface EntryProps { element: DiagramElement; id: string }

/** An entry as the properties panel takes it: a component and how to tell it holds a value. */
export interface PanelEntry {
  id: string;
  component: (props: EntryProps) => unknown;
  isEdited: (node: unknown) => boolean;
}

export interface AttributeSpec {
  id: string;
  /** e.g. `sop:pelaksana` (the name as sop.moddle.json declares it, with the prefix). */
  attribute: string;
  label: string;
  description?: string;
  kind?: 'text' | 'area' | 'checkbox';
  /** The moddle element holding the attribute; the selected element's own by default. */
  target?: (element: DiagramElement) => ModdleElement | undefined;
}

const own = (element: DiagramElement) => element.businessObject;

/** A text, text-area or checkbox entry for one attribute. */
export function attributeEntry(spec: AttributeSpec): PanelEntry {
  const target = spec.target ?? own;
  const kind = spec.kind ?? 'text';
  function AttributeField({ element, id }: EntryProps) {
    const modeling = useService<Modeling>('modeling');
    const debounce = useService('debounceInput');
    const holder = target(element);
    const update = (value: unknown) => { if (holder) modeling.updateModdleProperties(element, holder, { [spec.attribute]: value }); };
    const common = { element, id, label: spec.label, ...(spec.description ? { description: spec.description } : {}) };
    if (kind === 'checkbox') {
      return CheckboxEntry({ ...common, getValue: () => holder?.get(spec.attribute) === true, setValue: (value) => update(value ? true : undefined) });
    }
    const text = { ...common, debounce, getValue: () => textOf(holder, spec.attribute), setValue: (value: string | undefined) => update(value?.trim() ? value : undefined) };
    return kind === 'area' ? TextAreaEntry({ ...text, autoResize: true }) : TextFieldEntry(text);
  }
  const isEdited = kind === 'checkbox' ? isCheckboxEntryEdited : kind === 'area' ? isTextAreaEntryEdited : isTextFieldEntryEdited;
  return { id: spec.id, component: AttributeField, isEdited };
}

/**
 * A field of the SOP's identity block (`<sop:identitas>` in the process's extension elements).
 * The first value typed creates the block — and the extension elements when there are none —
 * in one command, so a single undo takes it all back.
 */
import { TextFieldEntry, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import type { EntryProps, PanelEntry } from './attributeEntry.ts';
import { executeAll, listOf, processOf, textOf, type BpmnFactory, type CommandStack, type DiagramElement, type ModdleElement, type PanelCommand } from './sopElement.ts';

/** The process's `sop:Identitas`, if it has one. */
export function identityOf(process: ModdleElement | undefined): ModdleElement | undefined {
  return listOf(process?.get('extensionElements') as ModdleElement | undefined, 'values').find((value) => value.$instanceOf('sop:Identitas'));
}

/**
 * The commands setting `properties` of the process's identity block: one update when the block
 * exists; else the block created with them (and the extension elements when missing), nothing
 * when every value is empty. `properties` may hold a list (`dasarHukum: [...]`) of new elements.
 */
export function identityCommands(element: DiagramElement, process: ModdleElement, properties: Record<string, unknown>, bpmnFactory: BpmnFactory): PanelCommand[] {
  const command = (moddleElement: ModdleElement, changed: Record<string, unknown>): PanelCommand =>
    ({ cmd: 'element.updateModdleProperties', context: { element, moddleElement, properties: changed } });
  const adopt = (parent: ModdleElement) => {
    for (const value of Object.values(properties)) {
      if (Array.isArray(value)) for (const item of value as ModdleElement[]) item.$parent = parent;
    }
  };
  const identity = identityOf(process);
  if (identity) {
    adopt(identity);
    return [command(identity, properties)];
  }
  if (Object.values(properties).every((value) => value === undefined)) return [];
  const commands: PanelCommand[] = [];
  let extensions = process.get('extensionElements') as ModdleElement | undefined;
  if (!extensions) {
    extensions = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
    extensions.$parent = process;
    commands.push(command(process, { extensionElements: extensions }));
  }
  const created = bpmnFactory.create('sop:Identitas', properties);
  created.$parent = extensions;
  adopt(created);
  commands.push(command(extensions, { values: [...listOf(extensions, 'values'), created] }));
  return commands;
}

export interface IdentitySpec {
  /** The attribute of `sop:Identitas`, e.g. `nomor`; the entry's id is `sop-identitas-<attribute>`. */
  attribute: string;
  label: string;
  description?: string;
  placeholder?: string;
  /** A message shown under the field; the value is kept all the same (the analyst may be mid-way). */
  check?: (value: string) => string | null;
}

/** An entry for one text attribute of the identity block (nomor, nama, unit …). */
export function identityEntry(spec: IdentitySpec): PanelEntry {
  function IdentityField({ element, id }: EntryProps) {
    const bpmnFactory = useService<BpmnFactory>('bpmnFactory');
    const commandStack = useService<CommandStack>('commandStack');
    const debounce = useService('debounceInput');
    const process = processOf(element);
    const { check } = spec;
    return TextFieldEntry({
      element, id, debounce, label: spec.label,
      ...(spec.description ? { description: spec.description } : {}),
      ...(spec.placeholder ? { placeholder: spec.placeholder } : {}),
      ...(check ? { validate: (value: string | undefined) => (value?.trim() ? check(value.trim()) : null) } : {}),
      getValue: () => textOf(identityOf(process), spec.attribute),
      setValue: (value) => {
        if (process) executeAll(commandStack, identityCommands(element, process, { [spec.attribute]: value?.trim() ? value : undefined }, bpmnFactory));
      },
    });
  }
  return { id: `sop-identitas-${spec.attribute}`, component: IdentityField, isEdited: isTextFieldEntryEdited };
}

/**
 * A field of the SOP's identity block (`<sop:identitas>` in the process's extension elements).
 * The first value typed creates the block — and the extension elements when there are none —
 * in one command, so a single undo takes it all back.
 */
import { TextFieldEntry, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import type { EntryProps, PanelEntry } from './attributeEntry.ts';
import { processOf, textOf, type BpmnFactory, type CommandStack, type DiagramElement, type ModdleElement } from './sopElement.ts';

/** The process's `sop:Identitas`, if it has one. */
export function identityOf(process: ModdleElement | undefined): ModdleElement | undefined {
  const extensions = process?.get('extensionElements') as ModdleElement | undefined;
  const values = (extensions?.get('values') ?? []) as ModdleElement[];
  return values.find((value) => value.$instanceOf('sop:Identitas'));
}

function update(element: DiagramElement, process: ModdleElement, properties: Record<string, unknown>, bpmnFactory: BpmnFactory, commandStack: CommandStack): void {
  const command = (moddleElement: ModdleElement, changed: Record<string, unknown>) =>
    ({ cmd: 'element.updateModdleProperties', context: { element, moddleElement, properties: changed } });
  const identity = identityOf(process);
  if (identity) {
    commandStack.execute('element.updateModdleProperties', command(identity, properties).context);
    return;
  }
  if (Object.values(properties).every((value) => value === undefined)) return;
  const commands = [];
  let extensions = process.get('extensionElements') as ModdleElement | undefined;
  if (!extensions) {
    extensions = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
    extensions.$parent = process;
    commands.push(command(process, { extensionElements: extensions }));
  }
  const created = bpmnFactory.create('sop:Identitas', properties);
  created.$parent = extensions;
  commands.push(command(extensions, { values: [...(extensions.get('values') as ModdleElement[]), created] }));
  commandStack.execute('properties-panel.multi-command-executor', commands);
}

/** An entry for one attribute of the identity block (nomor, nama, unit …). */
export function identityEntry(attribute: string, label: string): PanelEntry {
  function IdentityField({ element, id }: EntryProps) {
    const bpmnFactory = useService<BpmnFactory>('bpmnFactory');
    const commandStack = useService<CommandStack>('commandStack');
    const debounce = useService('debounceInput');
    const process = processOf(element);
    return TextFieldEntry({
      element, id, label, debounce,
      getValue: () => textOf(identityOf(process), attribute),
      setValue: (value) => { if (process) update(element, process, { [attribute]: value?.trim() ? value : undefined }, bpmnFactory, commandStack); },
    });
  }
  return { id: `sop-identitas-${attribute}`, component: IdentityField, isEdited: isTextFieldEntryEdited };
}

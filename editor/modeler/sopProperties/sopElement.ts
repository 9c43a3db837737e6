/**
 * What the SOP entries need of bpmn-js: the diagram element, its moddle element (business
 * object), and the two services that change it through the command stack so undo/redo work.
 */
export interface ModdleElement {
  $type: string;
  $parent?: ModdleElement;
  id?: string;
  $instanceOf(type: string): boolean;
  get(name: string): unknown;
}

export interface DiagramElement {
  id: string;
  businessObject: ModdleElement;
}

export interface ElementRegistry {
  get(id: string): DiagramElement | undefined;
}

/** A command of `properties-panel.multi-command-executor`: several changes, one undo step. */
export interface PanelCommand {
  cmd: string;
  context: Record<string, unknown>;
}

export interface Modeling {
  updateModdleProperties(element: DiagramElement, moddleElement: ModdleElement, properties: Record<string, unknown>): void;
}

export interface CommandStack {
  execute(command: string, context: unknown): void;
}

export interface BpmnFactory {
  create(type: string, attributes?: Record<string, unknown>): ModdleElement & { $parent?: ModdleElement };
}

export type Translate = (template: string, replacements?: Record<string, string>) => string;

/** True when the element's business object is (a subtype of) `type`, e.g. `bpmn:Activity`. */
export function isType(element: DiagramElement, type: string): boolean {
  return element.businessObject.$instanceOf(type);
}

/**
 * The process an element stands for on the panel: the process itself when the diagram has no
 * pool, the pool's process when a participant is selected, and — with nothing selected — the
 * process of a collaboration's only pool that has one (an SOP diagram's usual shape).
 */
export function processOf(element: DiagramElement): ModdleElement | undefined {
  const bo = element.businessObject;
  if (bo.$instanceOf('bpmn:Process')) return bo;
  if (bo.$instanceOf('bpmn:Participant')) return bo.get('processRef') as ModdleElement | undefined;
  if (bo.$instanceOf('bpmn:Collaboration')) {
    const processes = ((bo.get('participants') ?? []) as ModdleElement[]).map((p) => p.get('processRef') as ModdleElement | undefined).filter((p) => p !== undefined);
    return processes.length === 1 ? processes[0] : undefined;
  }
  return undefined;
}

/** The process containing a flow element (its nearest bpmn:Process ancestor). */
export function enclosingProcess(bo: ModdleElement): ModdleElement | undefined {
  let at: ModdleElement | undefined = bo.$parent;
  while (at && !at.$instanceOf('bpmn:Process')) at = at.$parent;
  return at;
}

/** A list-valued property (`outgoing`, `values` …) as an array, empty when absent. */
export function listOf(target: ModdleElement | undefined, property: string): ModdleElement[] {
  const value = target?.get(property);
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

/** Runs commands as one step of the command stack (nothing to do: no step). */
export function executeAll(commandStack: CommandStack, commands: PanelCommand[]): void {
  if (commands.length > 0) commandStack.execute('properties-panel.multi-command-executor', commands);
}

/** An attribute's value as the text field shows it ('' for absent). */
export function textOf(target: ModdleElement | undefined, attribute: string): string {
  const value = target?.get(attribute);
  return typeof value === 'string' ? value : '';
}

/**
 * The palette's task tool creates a user task, for the same reason the context pad appends one
 * (AppendUserTaskProvider): an SOP step is done by a person of its lane. bpmn-js's palette entry
 * `create.task` is replaced; everything else in the palette stays as bpmn-js draws it.
 */
import type ElementFactory from 'bpmn-js/lib/features/modeling/ElementFactory';
import type Create from 'diagram-js/lib/features/create/Create';
import type Palette from 'diagram-js/lib/features/palette/Palette';
import type { PaletteEntries } from 'diagram-js/lib/features/palette/PaletteProvider';

type Translate = (template: string) => string;

/** bpmn-js's palette provider registers at 1000; a lower priority runs after it and sees its entries. */
const PRIORITY = 500;
const ENTRY = 'create.task';

export class PaletteUserTaskProvider {
  static $inject = ['palette', 'elementFactory', 'create', 'translate'];

  constructor(palette: Palette, private readonly elementFactory: ElementFactory, private readonly create: Create, private readonly translate: Translate) {
    palette.registerProvider(PRIORITY, this);
  }

  /** Replaces bpmn-js's "create task" entry by one that creates a bpmn:UserTask. */
  getPaletteEntries(): (entries: PaletteEntries) => PaletteEntries {
    return (entries) => {
      const task = entries[ENTRY];
      if (!task) return entries;
      const start = (event: Event) => { this.create.start(event, this.elementFactory.createShape({ type: 'bpmn:UserTask' })); };
      return { ...entries, [ENTRY]: { ...task, className: 'bpmn-icon-user-task', title: this.translate('Create user task'), action: { dragstart: start, click: start } } };
    };
  }
}

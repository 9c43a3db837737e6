/**
 * The context pad's "append task" makes a user task. Every step of an SOP is done by a person
 * of a lane (its pelaksana), and the engine runs a plain bpmn:Task as a step nobody is asked
 * to complete, so the plain task bpmn-js appends was the wrong default here. The entry keeps
 * bpmn-js's behaviour otherwise: click places it with autoPlace, drag creates it by hand, hover
 * previews it.
 */
import type AppendPreview from 'bpmn-js/lib/features/append-preview/AppendPreview';
import type ElementFactory from 'bpmn-js/lib/features/modeling/ElementFactory';
import type { Shape } from 'bpmn-js/lib/model/Types';
import type AutoPlace from 'diagram-js/lib/features/auto-place/AutoPlace';
import type ContextPad from 'diagram-js/lib/features/context-pad/ContextPad';
import type { ContextPadEntries } from 'diagram-js/lib/features/context-pad/ContextPadProvider';
import type Create from 'diagram-js/lib/features/create/Create';

type Translate = (template: string) => string;

/** bpmn-js's own provider registers at 1000; a lower priority runs after it and sees its entries. */
const PRIORITY = 500;
const ENTRY = 'append.append-task';
const TYPE = 'bpmn:UserTask';

export class AppendUserTaskProvider {
  static $inject = ['contextPad', 'elementFactory', 'create', 'autoPlace', 'appendPreview', 'translate'];

  constructor(
    contextPad: ContextPad,
    private readonly elementFactory: ElementFactory,
    private readonly create: Create,
    private readonly autoPlace: AutoPlace,
    private readonly appendPreview: AppendPreview,
    private readonly translate: Translate,
  ) {
    contextPad.registerProvider(PRIORITY, this);
  }

  /** Replaces bpmn-js's "append task" entry, wherever it offers one, by the user-task one. */
  getContextPadEntries(): (entries: ContextPadEntries) => ContextPadEntries {
    return (entries) => {
      if (!entries[ENTRY]) return entries;
      const shape = () => this.elementFactory.createShape({ type: TYPE });
      return {
        ...entries,
        [ENTRY]: {
          group: 'model',
          className: 'bpmn-icon-user-task',
          title: this.translate('Append user task'),
          action: {
            click: (_event: Event, source: unknown) => { this.autoPlace.append(source as Shape, shape()); },
            dragstart: (event: Event, source: unknown) => { this.create.start(event, shape(), { source: source as Shape }); },
            hover: (_event: Event, source: unknown) => {
              this.appendPreview.create(source as Shape, TYPE, {});
              return () => this.appendPreview.cleanUp();
            },
          },
        },
      };
    };
  }
}

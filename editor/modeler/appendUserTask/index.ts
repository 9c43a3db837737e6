/** "Append task" in the context pad appends a bpmn:UserTask (see AppendUserTaskProvider). */
import AutoPlaceModule from 'bpmn-js/lib/features/auto-place';
import ContextPadModule from 'bpmn-js/lib/features/context-pad';
import { AppendUserTaskProvider } from './AppendUserTaskProvider.ts';

export default {
  __depends__: [ContextPadModule, AutoPlaceModule],
  __init__: ['appendUserTaskProvider'],
  appendUserTaskProvider: ['type', AppendUserTaskProvider],
};

/** "Append task" in the context pad and the palette's task tool make a bpmn:UserTask. */
import AutoPlaceModule from 'bpmn-js/lib/features/auto-place';
import ContextPadModule from 'bpmn-js/lib/features/context-pad';
import PaletteModule from 'bpmn-js/lib/features/palette';
import { AppendUserTaskProvider } from './AppendUserTaskProvider.ts';
import { PaletteUserTaskProvider } from './PaletteUserTaskProvider.ts';

export default {
  __depends__: [ContextPadModule, AutoPlaceModule, PaletteModule],
  __init__: ['appendUserTaskProvider', 'paletteUserTaskProvider'],
  appendUserTaskProvider: ['type', AppendUserTaskProvider],
  paletteUserTaskProvider: ['type', PaletteUserTaskProvider],
};

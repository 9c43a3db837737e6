/**
 * The bpmn-js Modeler of the Pemodel view: the properties panel with bpmn-js's own provider and
 * the SOP group, the `sop:` moddle extension from the one schema file (src/bpmn/sop.moddle.json),
 * and the Bahasa Indonesia translate module last so it replaces the English one.
 */
import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import sopModdle from '../../src/bpmn/sop.moddle.json' with { type: 'json' };
import { translateModule } from '../i18n/translate.ts';
import sopProperties from './sopProperties/index.ts';

export type { Modeler };

export function createModeler(canvas: HTMLElement, panel: HTMLElement): Modeler {
  return new Modeler({
    container: canvas,
    // The SOP group opens by itself: it is what the analyst comes to the panel for.
    propertiesPanel: { parent: panel, layout: { groups: { sop: { open: true } } } },
    additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, sopProperties, translateModule],
    moddleExtensions: { sop: sopModdle },
  });
}

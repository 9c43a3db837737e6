/**
 * The bpmn-js Modeler of the Pemodel view: the properties panel with bpmn-js's own provider and
 * the SOP group, "append task" making user tasks, the zoom buttons and a fit clear of the palette,
 * the `sop:` moddle extension from the one schema file (src/bpmn/sop.moddle.json), and the
 * Bahasa Indonesia translate module last so it replaces the English one.
 */
import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import sopModdle from '../../src/bpmn/sop.moddle.json' with { type: 'json' };
import type { Api } from '../core/api.ts';
import { translateModule } from '../i18n/translate.ts';
import type { KnownRole } from './sopProperties/sopRoles.ts';
import appendUserTask from './appendUserTask/index.ts';
import sopProperties from './sopProperties/index.ts';
import zoomControls from './zoomControls/index.ts';

export type { Modeler };

export function createModeler(canvas: HTMLElement, panel: HTMLElement, api: Api): Modeler {
  return new Modeler({
    container: canvas,
    // The lane's Pelaksana entry offers the roles the server knows, through the app's own session.
    sopProperties: { roles: () => api.get<KnownRole[]>('/api/roles') },
    // The SOP group opens by itself: it is what the analyst comes to the panel for.
    propertiesPanel: { parent: panel, layout: { groups: { sop: { open: true } } } },
    additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, sopProperties, appendUserTask, zoomControls, translateModule],
    moddleExtensions: { sop: sopModdle },
  });
}

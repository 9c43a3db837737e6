/**
 * The modeler feature: the "Pemodel SOP" view with bpmn-js, its properties panel and the SOP
 * group. The stylesheets of bpmn-js, its font (embedded) and the panel are bundled into app.css.
 */
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/assets/properties-panel.css';
import './modeler.css';
import shell from '../shell/index.ts';
import { ModelerView } from './modelerView.ts';

export default {
  __depends__: [shell],
  __init__: ['modelerView'],
  modelerView: ['type', ModelerView],
};

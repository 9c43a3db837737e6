/** The "SOP" group of the properties panel: a didi module next to bpmn-js-properties-panel's own providers. */
import { SopPropertiesProvider } from './SopPropertiesProvider.ts';

export default {
  __init__: ['sopPropertiesProvider'],
  sopPropertiesProvider: ['type', SopPropertiesProvider],
};

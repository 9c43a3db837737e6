/** Protap's groups of the properties panel: a didi module next to bpmn-js-properties-panel's own providers. */
import { SopPropertiesProvider } from './SopPropertiesProvider.ts';
import { SopRoles } from './sopRoles.ts';
import { DecisionBehavior } from './DecisionBehavior.ts';

export default {
  __init__: ['sopPropertiesProvider', 'decisionBehavior'],
  decisionBehavior: ['type', DecisionBehavior],
  sopPropertiesProvider: ['type', SopPropertiesProvider],
  sopRoles: ['type', SopRoles],
};

/** Reads one BPMN event definition (message, timer, error …) into the model's shape. */
import { child, text, type ModdleElement } from './moddleElement.ts';
import type { EventDefinition, EventKind } from '../model/processModel.ts';

const KINDS: Record<string, EventKind> = {
  'bpmn:MessageEventDefinition': 'message',
  'bpmn:TimerEventDefinition': 'timer',
  'bpmn:ErrorEventDefinition': 'error',
  'bpmn:EscalationEventDefinition': 'escalation',
  'bpmn:TerminateEventDefinition': 'terminate',
  'bpmn:SignalEventDefinition': 'signal',
  'bpmn:ConditionalEventDefinition': 'conditional',
  'bpmn:LinkEventDefinition': 'link',
  'bpmn:CompensateEventDefinition': 'compensate',
  'bpmn:CancelEventDefinition': 'cancel',
};

/** Reads an event definition; unknown definition types read as `signal`-like "unsupported" kinds. */
export function readEventDefinition(element: ModdleElement): EventDefinition {
  const kind = KINDS[element.$type] ?? 'signal';
  switch (kind) {
    case 'message': {
      const message = child(element, 'messageRef');
      return { kind, ref: text(message, 'name') ?? message?.id };
    }
    case 'error': {
      const error = child(element, 'errorRef');
      return { kind, ref: error ? text(error, 'errorCode') ?? text(error, 'name') ?? error.id : undefined };
    }
    case 'escalation': {
      const escalation = child(element, 'escalationRef');
      return { kind, ref: escalation ? text(escalation, 'escalationCode') ?? text(escalation, 'name') ?? escalation.id : undefined };
    }
    case 'signal': {
      const signal = child(element, 'signalRef');
      return { kind, ref: text(signal, 'name') ?? signal?.id };
    }
    case 'link':
      return { kind, ref: text(element, 'name') };
    case 'timer': {
      for (const type of ['timeDate', 'timeDuration', 'timeCycle'] as const) {
        const expression = child(element, type);
        if (expression) return { kind, timer: { type, value: text(expression, 'body') ?? '' } };
      }
      return { kind };
    }
    default:
      return { kind };
  }
}

/**
 * Keeps a decision's conditions true to its answers when the drawing changes: a flow drawn out of
 * a decision gateway, deleted, or moved to another gateway changes the set of answers (and with
 * it Ya/Tidak versus named options), so every flow of the gateways involved is derived again,
 * inside the same undoable command, the way bpmn-js's own modeling behaviors work.
 */
import CommandInterceptor from 'diagram-js/lib/command/CommandInterceptor';
import { decisionCommands } from './decisionCommands.ts';
import { answerOf, isDecidingGateway, outgoingFlows } from './decisionGateway.ts';
import { textOf, type BpmnFactory, type CommandStack, type DiagramElement, type ElementRegistry } from './sopElement.ts';

interface ConnectionContext {
  connection?: DiagramElement & { source?: DiagramElement | null };
  source?: DiagramElement;
  oldSource?: DiagramElement;
  newSource?: DiagramElement;
}

export class DecisionBehavior extends CommandInterceptor {
  static override $inject = ['eventBus', 'elementRegistry', 'bpmnFactory', 'commandStack'];

  constructor(eventBus: unknown, elementRegistry: ElementRegistry, bpmnFactory: BpmnFactory, commandStack: CommandStack) {
    super(eventBus as never);
    const rederive = (gateway: DiagramElement | null | undefined) => {
      const bo = gateway?.businessObject;
      // Only a decision stated in words; a gateway with hand-written conditions keeps them.
      if (!gateway || !isDecidingGateway(bo) || !elementRegistry.get(gateway.id)) return;
      if (!bo || (textOf(bo, 'sop:pertanyaan') === '' && !outgoingFlows(bo).some((flow) => answerOf(flow) !== ''))) return;
      for (const command of decisionCommands(gateway, {}, { elementRegistry, bpmnFactory })) commandStack.execute(command.cmd, command.context);
    };
    this.postExecuted(['connection.create', 'connection.delete', 'connection.reconnect'], (event: { context: ConnectionContext }) => {
      const { connection, source, oldSource, newSource } = event.context;
      const gateways = new Set([connection?.source, source, oldSource, newSource].filter((g): g is DiagramElement => Boolean(g)));
      for (const gateway of gateways) rederive(gateway);
    });
  }
}

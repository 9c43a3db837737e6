/** Test support: the outgoing flows of the catalogue's deciding gateways, and which of them runs took. */
import type { FlowNode, ProcessModel, SequenceFlow } from '../../src/model/processModel.ts';

/** Exclusive and inclusive gateways with a choice to make (two or more outgoing flows). */
export function decidingGateways(model: ProcessModel): FlowNode[] {
  return [...model.nodes.values()].filter((n) => (n.type === 'exclusiveGateway' || n.type === 'inclusiveGateway') && n.outgoing.length > 1);
}

/** The outgoing flows of a gateway. */
export function flowsOut(model: ProcessModel, gateway: FlowNode): SequenceFlow[] {
  return gateway.outgoing.map((id) => model.flows.get(id)).filter((f): f is SequenceFlow => f !== undefined);
}

/** Every deciding gateway's flow no run took ("gateway→target" pairs of nodes entered in a row). */
export function untakenFlows(model: ProcessModel, runs: Set<string>[]): string[] {
  return decidingGateways(model).flatMap((gateway) => flowsOut(model, gateway))
    .filter((flow) => !runs.some((taken) => taken.has(`${flow.source}→${flow.target}`)))
    .map((flow) => `${flow.id} ${flow.source} → ${flow.target}`);
}

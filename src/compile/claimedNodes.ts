/**
 * Nodes that get no state of their own: the paths of non-interrupting boundary events (run as
 * actions of the host's transition) and the catch events after an event-based gateway (folded
 * into the gateway's transitions). Found before any state is compiled, so no state targets them.
 */
import type { ProcessModel } from '../model/processModel.ts';

/** The ids of every node compiled into another node's transitions. */
export function claimedNodes(model: ProcessModel): Set<string> {
  const claimed = new Set<string>();
  for (const node of model.nodes.values()) {
    if (node.type === 'boundaryEvent' && node.cancelActivity === false) {
      // Follow the straight path to its end; a path that branches or merges is reported by boundaries.ts.
      let current = node;
      while (current && !claimed.has(current.id)) {
        claimed.add(current.id);
        if (current.outgoing.length !== 1) break;
        const next = model.nodes.get(model.flows.get(current.outgoing[0] as string)?.target ?? '');
        if (!next || next.incoming.length > 1) break;
        current = next;
      }
    }
    if (node.type === 'eventBasedGateway') {
      for (const flow of node.outgoing) {
        const target = model.nodes.get(model.flows.get(flow)?.target ?? '');
        if (target && target.incoming.length === 1) claimed.add(target.id);
      }
    }
  }
  return claimed;
}

/**
 * Finds loops made only of nodes that pass a token on at once (gateways, automatic tasks, throw
 * events): such a loop never waits for anyone and would spin for ever. Every loop in an SOP must
 * pass through a step somebody completes, a message, or a timer.
 */
import type { FlowNode, ProcessModel } from './processModel.ts';
import { bpmnType, problem, type Problem } from './problem.ts';

const INSTANT = new Set([
  'startEvent', 'exclusiveGateway', 'parallelGateway', 'inclusiveGateway', 'serviceTask', 'scriptTask',
  'sendTask', 'businessRuleTask', 'intermediateThrowEvent', 'boundaryEvent',
]);

function isInstant(node: FlowNode): boolean {
  return INSTANT.has(node.type) || (node.type === 'intermediateCatchEvent' && node.eventDefinitions[0]?.kind === 'link');
}

/** Reports each loop of instant nodes once, naming its nodes. */
export function instantLoops(model: ProcessModel): Problem[] {
  const next = (node: FlowNode) => node.outgoing
    .map((id) => model.nodes.get(model.flows.get(id)?.target ?? ''))
    .filter((n): n is FlowNode => n !== undefined && isInstant(n));
  // Tarjan's strongly connected components over the instant nodes.
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: FlowNode[] = [];
  const onStack = new Set<string>();
  const problems: Problem[] = [];
  const visit = (node: FlowNode) => {
    order.set(node.id, index);
    low.set(node.id, index++);
    stack.push(node);
    onStack.add(node.id);
    for (const succ of next(node)) {
      if (!order.has(succ.id)) {
        visit(succ);
        low.set(node.id, Math.min(low.get(node.id) as number, low.get(succ.id) as number));
      } else if (onStack.has(succ.id)) {
        low.set(node.id, Math.min(low.get(node.id) as number, order.get(succ.id) as number));
      }
    }
    if (low.get(node.id) !== order.get(node.id)) return;
    const component: FlowNode[] = [];
    let member: FlowNode | undefined;
    do {
      member = stack.pop() as FlowNode;
      onStack.delete(member.id);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || next(node).includes(node)) {
      const ids = component.map((n) => n.id).reverse();
      problems.push(problem('INSTANT_LOOP', node.id, bpmnType(node.type),
        `Perulangan ${ids.join(' → ')} tidak melewati satu pun langkah yang dikerjakan orang, pesan, atau timer, sehingga akan berputar tanpa henti. Masukkan langkah (user task) atau penantian ke dalam perulangan itu.`));
    }
  };
  for (const node of model.nodes.values()) if (isInstant(node) && !order.has(node.id)) visit(node);
  return problems;
}

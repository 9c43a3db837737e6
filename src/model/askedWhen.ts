/**
 * Who asks a decision, and when it is moot. The search goes back from a gateway to the nodes that
 * take data (a person's step, a start, a message) through gateways, automatic tasks and events
 * that carry none. On the way it may pass a flow out of an earlier stated decision: then the later
 * question matters only for that answer ("Berkas lengkap?" Ya → "Jenis permohonan?"). Such a
 * question gets a form-js `conditional.hide` in FEEL, so the form hides it — and the server does
 * not require it — while the earlier answer leads elsewhere.
 */
import { answerKind, answerValue, isOtherAnswer } from './decisions.ts';
import type { FlowNode, ProcessModel, SequenceFlow } from './processModel.ts';
const PERSON = new Set(['userTask', 'manualTask', 'task']);

/** Whether a node takes data from outside when it completes: a person's step, a start, a message. */
export function takesData(node: FlowNode): boolean {
  if (PERSON.has(node.type) || node.type === 'receiveTask') return true;
  if (node.type === 'startEvent') return !node.triggeredByEvent;
  if (node.type === 'intermediateCatchEvent' || node.type === 'boundaryEvent') {
    return node.eventDefinitions.some((d) => d.kind === 'message');
  }
  return false;
}

const PASS_THROUGH = new Set([
  'exclusiveGateway', 'inclusiveGateway', 'parallelGateway', 'eventBasedGateway', 'complexGateway',
  'intermediateThrowEvent', 'intermediateCatchEvent', 'serviceTask', 'scriptTask', 'sendTask', 'businessRuleTask',
]);

/** "`variable` is one of `values`" (or, `negate`d, none of them): what a path through an answered flow needs. */
export interface Guard {
  variable: string;
  values: (string | boolean)[];
  negate: boolean;
}

/** The guard of a flow out of a stated decision, if it is one. */
function guardOf(model: ProcessModel, flow: SequenceFlow): Guard | undefined {
  const gateway = model.nodes.get(flow.source);
  const variable = gateway?.decision?.variable;
  if (!gateway || !variable || !flow.answer) return undefined;
  const answered = gateway.outgoing.map((id) => model.flows.get(id)).filter((f): f is SequenceFlow => Boolean(f?.answer));
  const kind = answerKind(answered.map((f) => f.answer?.label ?? ''));
  const valueOf = (f: SequenceFlow) => answerValue(f.answer?.label ?? '', kind, f.answer?.value);
  if (flow.id === gateway.defaultFlow || isOtherAnswer(flow.answer.label)) {
    // The default flow is taken when no other answer holds.
    return { variable, values: answered.filter((f) => f !== flow).map(valueOf), negate: true };
  }
  return { variable, values: [valueOf(flow)], negate: false };
}

/** Each node that asks the gateway's question, with the guards of every path from it (an empty path: always). */
export function askers(model: ProcessModel, gateway: FlowNode): Map<string, Guard[][]> {
  const found = new Map<string, Guard[][]>();
  const queue: { flow: string; guards: Guard[] }[] = gateway.incoming.map((flow) => ({ flow, guards: [] }));
  const seen = new Set<string>();
  while (queue.length > 0) {
    const { flow: flowId, guards: before } = queue.shift() as { flow: string; guards: Guard[] };
    const flow = model.flows.get(flowId);
    const node = flow ? model.nodes.get(flow.source) : undefined;
    if (!flow || !node || node.id === gateway.id) continue;
    const guard = guardOf(model, flow);
    const guards = guard ? [...before, guard] : before;
    const key = `${node.id}|${JSON.stringify(guards)}`;
    if (seen.has(key) || seen.size > 2_000) continue;
    seen.add(key);
    if (takesData(node)) {
      if (node.type === 'startEvent' && node.scope !== model.id) {
        // The start of an embedded subprocess: the data come from before the subprocess.
        for (const id of model.nodes.get(node.scope)?.incoming ?? []) queue.push({ flow: id, guards });
        continue;
      }
      found.set(node.id, [...(found.get(node.id) ?? []), guards]);
    } else if (node.type === 'subProcess') {
      for (const inner of model.scopes.get(node.id) ?? []) {
        const end = model.nodes.get(inner);
        if (end?.type === 'endEvent') for (const id of end.incoming) queue.push({ flow: id, guards });
      }
    } else if (PASS_THROUGH.has(node.type)) {
      for (const id of node.incoming) queue.push({ flow: id, guards });
    }
  }
  return found;
}

const literal = (value: string | boolean) => (typeof value === 'boolean' ? String(value) : JSON.stringify(value));

/**
 * The FEEL `hide` of a question asked along these paths, over the answers `asked` on the same form:
 * hidden when every path has a guard on an answer of this form that fails. Guards on data from
 * elsewhere do not hide (the form cannot see them); an unguarded path never hides.
 */
export function hideWhen(paths: Guard[][], asked: Set<string>): string | undefined {
  const hides: string[] = [];
  for (const path of paths) {
    const seen = path.filter((g) => asked.has(g.variable) && g.values.length > 0);
    if (seen.length === 0) return undefined;
    hides.push(seen.map((g) => {
      const any = g.values.map((v) => `${g.variable} = ${literal(v)}`).join(' or ');
      // Hidden while an answer is given that does not lead here; shown while it is still open.
      return g.negate ? `(${any})` : `(${g.variable} != null and not(${any}))`;
    }).join(' or '));
  }
  return hides.length > 0 ? `=${hides.map((h) => `(${h})`).join(' and ')}` : undefined;
}

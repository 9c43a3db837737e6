/**
 * fast-check arbitraries for BPMN diagrams: random block-structured processes (sequences,
 * exclusive choices over case variables, parallel and inclusive blocks of user, service and
 * manual tasks with waktu phrases), rendered to BPMN XML, plus mutations that break them.
 */
import fc from 'fast-check';

export type Block =
  | { kind: 'task'; type: 'userTask' | 'serviceTask' | 'manualTask' | 'task'; waktu?: string }
  | { kind: 'seq'; items: Block[] }
  | { kind: 'xor'; variable: string; withDefault: boolean; yes: Block; no: Block }
  | { kind: 'par'; gateway: 'parallelGateway' | 'inclusiveGateway'; variable: string; branches: Block[] };

const WAKTU = ['1 Hari', '2 Hari', '3 Hari Kerja', '7 Hari', '14 Hari', 'Paling lambat tanggal 5 setiap bulannya', 'Sesuai kebutuhan', undefined];
export const VARIABLES = ['lengkap', 'setuju', 'banding'];

const task = fc.record({
  kind: fc.constant('task' as const),
  type: fc.constantFrom('userTask' as const, 'serviceTask' as const, 'manualTask' as const, 'task' as const),
  waktu: fc.constantFrom(...WAKTU),
});

/** Random block-structured process bodies, depth-limited. */
export const blockArbitrary: fc.Arbitrary<Block> = fc.letrec<{ block: Block }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    task,
    fc.record({ kind: fc.constant('seq' as const), items: fc.array(tie('block'), { minLength: 2, maxLength: 3 }) }),
    fc.record({ kind: fc.constant('xor' as const), variable: fc.constantFrom(...VARIABLES), withDefault: fc.boolean(), yes: tie('block'), no: tie('block') }),
    fc.record({ kind: fc.constant('par' as const), gateway: fc.constantFrom('parallelGateway' as const, 'inclusiveGateway' as const), variable: fc.constantFrom(...VARIABLES), branches: fc.array(tie('block'), { minLength: 2, maxLength: 3 }) }),
  ),
})).block;

interface Graph {
  nodes: string[];
  flows: string[];
  counter: number;
}

const cond = (expr: string) => `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${expr}</bpmn:conditionExpression>`;

function flow(graph: Graph, from: string, to: string, condition?: string): string {
  const id = `F${++graph.counter}`;
  graph.flows.push(`<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}">${condition ? cond(condition) : ''}</bpmn:sequenceFlow>`);
  return id;
}

/** Renders a block between an entry and an exit node; returns nothing, adds nodes and flows. */
function render(block: Block, graph: Graph, from: string, to: string): void {
  switch (block.kind) {
    case 'task': {
      const id = `T${++graph.counter}`;
      graph.nodes.push(`<bpmn:${block.type} id="${id}" name="Langkah ${id}"${block.waktu ? ` sop:waktu="${block.waktu}"` : ''} />`);
      flow(graph, from, id);
      flow(graph, id, to);
      return;
    }
    case 'seq': {
      let previous = from;
      block.items.forEach((item, i) => {
        const next = i === block.items.length - 1 ? to : `M${++graph.counter}`;
        if (next !== to) graph.nodes.push(`<bpmn:exclusiveGateway id="${next}" />`);
        render(item, graph, previous, next);
        previous = next;
      });
      return;
    }
    case 'xor': {
      const split = `X${++graph.counter}`;
      const join = `X${++graph.counter}`;
      const yes = `A${++graph.counter}`;
      const no = `A${++graph.counter}`;
      graph.nodes.push(`<bpmn:exclusiveGateway id="${join}" />`, `<bpmn:manualTask id="${yes}" />`, `<bpmn:manualTask id="${no}" />`);
      flow(graph, from, split);
      flow(graph, split, yes, `${block.variable} = true`);
      const noFlow = flow(graph, split, no, block.withDefault ? undefined : `${block.variable} != true`);
      graph.nodes.push(`<bpmn:exclusiveGateway id="${split}"${block.withDefault ? ` default="${noFlow}"` : ''} />`);
      render(block.yes, graph, yes, join);
      render(block.no, graph, no, join);
      flow(graph, join, to);
      return;
    }
    case 'par': {
      const split = `P${++graph.counter}`;
      const join = `P${++graph.counter}`;
      const inclusive = block.gateway === 'inclusiveGateway';
      flow(graph, from, split);
      const outs: string[] = [];
      block.branches.forEach((branch, i) => {
        const first = `B${++graph.counter}`;
        graph.nodes.push(`<bpmn:serviceTask id="${first}" />`);
        // Inclusive: branch 0 always runs (true), the others follow the variable.
        outs.push(flow(graph, split, first, inclusive ? (i === 0 ? 'true' : `${block.variable} = true`) : undefined));
        render(branch, graph, first, join);
      });
      graph.nodes.push(`<bpmn:${block.gateway} id="${split}" />`, `<bpmn:${block.gateway} id="${join}" />`);
      flow(graph, join, to);
      return;
    }
  }
}

/** BPMN XML of a process whose body is the block. */
export function toBpmn(block: Block, processId = 'Acak'): string {
  const graph: Graph = { nodes: ['<bpmn:startEvent id="Mulai" />', '<bpmn:endEvent id="Selesai" />'], flows: [], counter: 0 };
  render(block, graph, 'Mulai', 'Selesai');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:sop="urn:protap:sop:1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Defs" targetNamespace="urn:protap:acak">
  <bpmn:process id="${processId}" isExecutable="true">
    ${[...graph.nodes, ...graph.flows].join('\n    ')}
  </bpmn:process>
</bpmn:definitions>`;
}

export type Mutation = 'dropFlow' | 'dropJoin' | 'crossBranches' | 'duplicateId' | 'truncate' | 'garbage' | 'badWaktu' | 'badCondition' | 'retarget';

/** A mutation that breaks a diagram (a few may happen to leave it valid; validation must still not throw). */
export const mutationArbitrary = fc.constantFrom<Mutation>('dropFlow', 'dropJoin', 'crossBranches', 'duplicateId', 'truncate', 'garbage', 'badWaktu', 'badCondition', 'retarget');

/** Applies a mutation to BPMN XML, deterministically from `seed`. */
export function mutate(xml: string, mutation: Mutation, seed: number): string {
  const flows = [...xml.matchAll(/<bpmn:sequenceFlow id="(F\d+)" sourceRef="([^"]+)" targetRef="([^"]+)">/g)];
  const pick = <T>(items: T[]) => items[seed % Math.max(items.length, 1)];
  switch (mutation) {
    case 'dropFlow': {
      const victim = pick(flows);
      return victim ? xml.replace(new RegExp(`<bpmn:sequenceFlow id="${victim[1]}"[^]*?</bpmn:sequenceFlow>`), '') : xml;
    }
    case 'dropJoin': return xml.replace(/<bpmn:(parallelGateway|inclusiveGateway) id="P\d+" \/>\s*(?=[^]*<bpmn:sequenceFlow)/, '');
    case 'crossBranches': {
      const a = pick(flows);
      const b = flows[(seed + 1) % Math.max(flows.length, 1)];
      return a && b ? xml.replace('</bpmn:process>', `<bpmn:sequenceFlow id="Silang" sourceRef="${a[3]}" targetRef="${b[3]}" />\n</bpmn:process>`) : xml;
    }
    case 'duplicateId': return xml.replace('<bpmn:endEvent id="Selesai" />', '<bpmn:endEvent id="Selesai" /><bpmn:task id="Mulai" />');
    case 'truncate': return xml.slice(0, Math.floor(xml.length * ((seed % 90) + 5) / 100));
    case 'garbage': return `${xml.slice(0, seed % xml.length)}<<&${String.fromCharCode(0x20 + (seed % 90))}>${xml.slice(seed % xml.length)}`;
    case 'badWaktu': return xml.replace(/sop:waktu="[^"]*"/, 'sop:waktu="kapan-kapan saja"').replace('<bpmn:startEvent id="Mulai" />', '<bpmn:startEvent id="Mulai" /><bpmn:userTask id="W" sop:waktu="secepatnya ya" />');
    case 'badCondition': return xml.replace(/= true<\/bpmn:conditionExpression>/, '= = (</bpmn:conditionExpression>');
    case 'retarget': {
      const victim = pick(flows);
      return victim ? xml.replace(`id="${victim[1]}" sourceRef="${victim[2]}" targetRef="${victim[3]}"`, `id="${victim[1]}" sourceRef="${victim[2]}" targetRef="Mulai"`) : xml;
    }
  }
}

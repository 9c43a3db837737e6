/**
 * The rows of an SOP's flowchart table (Permenpan RB 35/2012 "Bagian Flowchart"), read from the
 * process model: one row per start event, step, decision and end event, in the order the flow
 * runs, each in the column of its lane's pelaksana; and the arrows between rows.
 *
 * As the standard draws it (docs/official-sop.md): a task followed by the decision it answers is
 * one diamond row with its branches; gateways that only join or split paths draw no row, their
 * arrows run straight through; a boundary event's flow leaves its activity's row.
 */
import type { FlowNode, ProcessModel, SequenceFlow } from '../model/processModel.ts';

export type RowSymbol = 'terminator' | 'activity' | 'decision';

export interface FlowRow {
  /** The node the row stands for (for a folded decision, the task that asks the question). */
  node: string;
  symbol: RowSymbol;
  /** Printed number: the step's `sop:no`, or its place when the SOP numbers none of its steps. */
  no: string;
  kegiatan: string;
  /** A decision's question, printed under the kegiatan. */
  question?: string;
  /** Index into the columns (the lanes, in diagram order). */
  column: number;
  kelengkapan: string;
  waktu: string;
  output: string;
  keterangan: string;
  /** The text inside a terminator capsule: Mulai or Selesai. */
  label?: string;
}

export interface FlowLink {
  from: number;
  to: number;
  /** The answer a branch stands for (Ya, Tidak, a named choice) or the boundary event's name. */
  label?: string;
}

export interface FlowColumn {
  name: string;
  external: boolean;
}

export interface FlowTable {
  columns: FlowColumn[];
  rows: FlowRow[];
  links: FlowLink[];
}

/** A SOP this one runs or is run by, as the keterkaitan names it. */
export interface RelatedSop {
  processId: string;
  name?: string;
  kodeBuku?: string;
}

const DECIDING = new Set(['exclusiveGateway', 'inclusiveGateway', 'eventBasedGateway', 'complexGateway']);
const GATEWAY = /Gateway$/;
const ACTIVITY = /Task$|^callActivity$|^subProcess$|^transaction$/;

/** Whether a node draws no row: a gateway that only joins, a parallel split, a boundary event. */
function passesThrough(node: FlowNode): boolean {
  if (node.type === 'boundaryEvent') return true;
  if (!GATEWAY.test(node.type)) return false;
  return !DECIDING.has(node.type) || node.outgoing.length < 2;
}

/** The question a deciding gateway asks. */
function questionOf(node: FlowNode): string {
  return node.decision?.question ?? node.name ?? 'Keputusan';
}

/** The task a deciding gateway folds into: its only source, a step with no other way out. */
function foldTarget(process: ProcessModel, gateway: FlowNode): FlowNode | undefined {
  if (gateway.incoming.length !== 1) return undefined;
  const flow = process.flows.get(gateway.incoming[0] as string);
  const source = flow ? process.nodes.get(flow.source) : undefined;
  if (!source || !ACTIVITY.test(source.type) || source.outgoing.length !== 1) return undefined;
  return source;
}

/** The label of a flow leaving a decision or a boundary event. */
function branchLabel(process: ProcessModel, flow: SequenceFlow, from: FlowNode): string | undefined {
  if (from.type === 'boundaryEvent') return from.name ?? (from.eventDefinitions[0]?.kind === 'timer' ? 'Waktu habis' : undefined);
  if (!DECIDING.has(from.type) || from.outgoing.length < 2) return undefined;
  if (flow.answer?.label) return flow.answer.label;
  if (flow.name) return flow.name;
  if (from.defaultFlow === flow.id) return 'Lainnya';
  const target = process.nodes.get(flow.target);
  return from.type === 'eventBasedGateway' ? target?.name : undefined;
}

function numberOf(no: string | undefined): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)/.exec(no ?? '');
  return match ? Number(match[1]) : undefined;
}

/** The columns: one per lane in diagram order, and one more for steps in no lane. */
function columnsOf(process: ProcessModel, nodes: FlowNode[]): { columns: FlowColumn[]; columnOf: (node: FlowNode) => number } {
  const columns: FlowColumn[] = process.lanes.map((lane) => ({ name: lane.name ?? lane.pelaksana ?? 'Pelaksana', external: lane.external }));
  const index = new Map(process.lanes.map((lane, i) => [lane.id, i]));
  let loose = -1;
  if (nodes.some((node) => !node.lane || !index.has(node.lane.id))) {
    loose = columns.length;
    columns.push({ name: columns.length === 0 ? 'Pelaksana' : 'Tanpa lajur', external: false });
  }
  return { columns, columnOf: (node) => (node.lane && index.has(node.lane.id) ? index.get(node.lane.id) as number : loose) };
}

interface Draft extends FlowRow { key: number; end: boolean; exits: string[] }

/** The rows before ordering, by node id; every node that draws a row, and the flows that leave it. */
function draftRows(process: ProcessModel, nodes: FlowNode[], columnOf: (node: FlowNode) => number, related: Map<string, string>): Map<string, Draft> {
  const drafts = new Map<string, Draft>();
  const folded = new Map<string, FlowNode>();
  for (const node of nodes) {
    if (!DECIDING.has(node.type) || node.outgoing.length < 2) continue;
    const task = foldTarget(process, node);
    if (task) folded.set(task.id, node);
  }
  const foldedGateways = new Set([...folded.values()].map((g) => g.id));
  for (const node of nodes) {
    if (passesThrough(node) || foldedGateways.has(node.id)) continue;
    const gateway = folded.get(node.id);
    const deciding = DECIDING.has(node.type);
    const terminator = node.type === 'startEvent' || node.type === 'endEvent';
    const label = node.type === 'startEvent' ? 'Mulai' : node.type === 'endEvent' ? 'Selesai' : undefined;
    const called = node.type === 'callActivity' && node.calledElement
      ? `Menjalankan SOP ${related.get(node.calledElement) ?? node.calledElement}.` : '';
    const exits = [...(gateway ? gateway.outgoing : node.outgoing),
      ...node.boundaries.flatMap((id) => process.nodes.get(id)?.outgoing ?? [])];
    drafts.set(node.id, {
      node: node.id,
      symbol: terminator ? 'terminator' : gateway || deciding ? 'decision' : 'activity',
      no: node.sop.no ?? '',
      kegiatan: deciding ? questionOf(node) : node.name ?? label ?? '',
      ...(gateway ? { question: questionOf(gateway) } : {}),
      column: columnOf(node),
      kelengkapan: node.sop.kelengkapan ?? '',
      waktu: node.sop.waktu ?? '',
      output: node.sop.output ?? '',
      keterangan: [node.sop.keterangan, called].filter(Boolean).join(' '),
      ...(label ? { label } : {}),
      key: node.type === 'startEvent' ? -Infinity : numberOf(node.sop.no) ?? NaN,
      end: node.type === 'endEvent',
      exits,
    });
  }
  return drafts;
}

/** The rows a flow leads to, through every node that draws none. */
function targetsOf(process: ProcessModel, flowId: string, drafts: Map<string, Draft>, seen = new Set<string>()): string[] {
  const flow = process.flows.get(flowId);
  if (!flow || seen.has(flow.target)) return [];
  if (drafts.has(flow.target)) return [flow.target];
  seen.add(flow.target);
  const node = process.nodes.get(flow.target);
  return (node?.outgoing ?? []).flatMap((next) => targetsOf(process, next, drafts, seen));
}

/**
 * Orders rows as the flow runs: a row comes after the rows that lead to it (loops aside); among
 * rows ready together, the lower step number first, then diagram order; end events last.
 */
function order(drafts: Draft[], edges: Map<string, string[]>): Draft[] {
  const byId = new Map(drafts.map((d) => [d.node, d]));
  const back = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string) => {
    state.set(id, 'open');
    for (const next of edges.get(id) ?? []) {
      if (state.get(next) === 'open') back.add(`${id}>${next}`);
      else if (!state.has(next)) visit(next);
    }
    state.set(id, 'done');
  };
  for (const d of drafts) if (d.key === -Infinity) visit(d.node);
  for (const d of drafts) if (!state.has(d.node)) visit(d.node);
  const waiting = new Map(drafts.map((d) => [d.node, 0]));
  for (const [from, tos] of edges) for (const to of tos) if (!back.has(`${from}>${to}`)) waiting.set(to, (waiting.get(to) ?? 0) + 1);
  const place = new Map(drafts.map((d, i) => [d.node, i]));
  const inherited = new Map<string, number>();
  const keyOf = (d: Draft) => (Number.isNaN(d.key) ? inherited.get(d.node) ?? Infinity : d.key);
  const ready = drafts.filter((d) => waiting.get(d.node) === 0);
  const out: Draft[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => Number(a.end) - Number(b.end) || keyOf(a) - keyOf(b) || (place.get(a.node) as number) - (place.get(b.node) as number));
    const next = ready.shift() as Draft;
    out.push(next);
    for (const to of edges.get(next.node) ?? []) {
      if (back.has(`${next.node}>${to}`)) continue;
      const target = byId.get(to) as Draft;
      inherited.set(to, Math.max(inherited.get(to) ?? -Infinity, keyOf(next) + 1e-3));
      const left = (waiting.get(to) as number) - 1;
      waiting.set(to, left);
      if (left === 0) ready.push(target);
    }
  }
  return out;
}

/**
 * The flowchart table of a process: columns from its lanes, rows in flow order, arrows between
 * rows. `related` names the SOPs its call activities run (process id → name).
 */
export function flowTable(process: ProcessModel, related: Map<string, string> = new Map()): FlowTable {
  const nodes = (process.scopes.get(process.id) ?? [...process.nodes.keys()]).map((id) => process.nodes.get(id)).filter((n): n is FlowNode => n !== undefined);
  const { columns, columnOf } = columnsOf(process, nodes.filter((n) => !passesThrough(n)));
  const drafts = draftRows(process, nodes, columnOf, related);
  const linkDrafts: { from: string; to: string; label?: string }[] = [];
  const edges = new Map<string, string[]>();
  for (const draft of drafts.values()) {
    for (const flowId of draft.exits) {
      const flow = process.flows.get(flowId);
      const from = flow ? process.nodes.get(flow.source) : undefined;
      if (!flow || !from) continue;
      const label = branchLabel(process, flow, from);
      for (const to of targetsOf(process, flowId, drafts)) {
        if (linkDrafts.some((l) => l.from === draft.node && l.to === to && l.label === label)) continue;
        linkDrafts.push({ from: draft.node, to, ...(label ? { label } : {}) });
        edges.set(draft.node, [...(edges.get(draft.node) ?? []), to]);
      }
    }
  }
  const ordered = order([...drafts.values()], edges);
  const index = new Map(ordered.map((d, i) => [d.node, i]));
  const numbered = ordered.some((d) => d.no !== '');
  let count = 0;
  const rows = ordered.map(({ key: _key, end: _end, exits: _exits, ...row }) => {
    if (!numbered && row.symbol !== 'terminator') row.no = String(++count);
    return row;
  });
  const links = linkDrafts.map((l) => ({ from: index.get(l.from) as number, to: index.get(l.to) as number, ...(l.label ? { label: l.label } : {}) }));
  return { columns, rows, links };
}

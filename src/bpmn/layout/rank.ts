/**
 * Ranks and lanes: the order and column of each flow node (longest path from the start, back
 * edges ignored, so a rework loop does not stretch the diagram) and the bands its lanes make.
 */
import { child, elements, type ModdleElement } from '../moddleElement.ts';

/** The order of nodes and their rank: longest path from the start, ignoring back edges. */
export function rankNodes(nodes: ModdleElement[], flows: ModdleElement[]) {
  const inScope = new Set(nodes);
  const out = new Map<ModdleElement, { to: ModdleElement; flow?: ModdleElement }[]>(nodes.map((n) => [n, []]));
  const incoming = new Map<ModdleElement, number>(nodes.map((n) => [n, 0]));
  for (const flow of flows) {
    const from = child(flow, 'sourceRef');
    const to = child(flow, 'targetRef');
    if (!from || !to || !inScope.has(from) || !inScope.has(to)) continue;
    out.get(from)?.push({ to, flow });
    incoming.set(to, (incoming.get(to) ?? 0) + 1);
  }
  for (const node of nodes) {
    const host = child(node, 'attachedToRef');
    if (node.$type === 'bpmn:BoundaryEvent' && host && inScope.has(host)) out.get(host)?.push({ to: node });
  }
  const state = new Map<ModdleElement, 1 | 2>();
  const back = new Set<ModdleElement>();
  const order: ModdleElement[] = [];
  const parent = new Map<ModdleElement, ModdleElement>();
  const isRoot = (n: ModdleElement) => n.$type !== 'bpmn:BoundaryEvent' && (incoming.get(n) ?? 0) === 0;
  const roots = [...nodes.filter((n) => isRoot(n) && /StartEvent$/.test(n.$type)), ...nodes.filter(isRoot), ...nodes];
  for (const root of roots) {
    if (state.has(root)) continue;
    const stack: { node: ModdleElement; next: number }[] = [{ node: root, next: 0 }];
    state.set(root, 1);
    order.push(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { node: ModdleElement; next: number };
      const edge = out.get(top.node)?.[top.next++];
      if (!edge) {
        state.set(top.node, 2);
        stack.pop();
        continue;
      }
      const seen = state.get(edge.to);
      if (seen === 1 && edge.flow) back.add(edge.flow);
      if (seen) continue;
      state.set(edge.to, 1);
      order.push(edge.to);
      parent.set(edge.to, top.node);
      stack.push({ node: edge.to, next: 0 });
    }
  }
  // Longest path over the remaining DAG, in topological order (Kahn).
  const rank = new Map<ModdleElement, number>(nodes.map((n) => [n, 0]));
  const pending = new Map<ModdleElement, number>(nodes.map((n) => [n, 0]));
  for (const edges of out.values()) for (const e of edges) if (!e.flow || !back.has(e.flow)) pending.set(e.to, (pending.get(e.to) ?? 0) + 1);
  const ready = nodes.filter((n) => pending.get(n) === 0);
  while (ready.length > 0) {
    const node = ready.shift() as ModdleElement;
    for (const e of out.get(node) ?? []) {
      if (e.flow && back.has(e.flow)) continue;
      rank.set(e.to, Math.max(rank.get(e.to) ?? 0, (rank.get(node) ?? 0) + (e.flow ? 1 : 0)));
      pending.set(e.to, (pending.get(e.to) ?? 0) - 1);
      if (pending.get(e.to) === 0) ready.push(e.to);
    }
  }
  return { rank, back, order, parent };
}

export interface Band { lane?: ModdleElement; rows: number; y: number; height: number; artifacts?: boolean }
export interface LaneShape { lane: ModdleElement; depth: number; first: number; last: number }

/** Leaf lanes become bands, in document order; parent lanes span their children's bands. */
export function readLanes(container: ModdleElement) {
  const bands: Band[] = [];
  const laneShapes: LaneShape[] = [];
  const bandOf = new Map<ModdleElement, number>();
  let maxDepth = -1;
  const visit = (laneSet: ModdleElement, depth: number) => {
    for (const lane of elements(laneSet, 'lanes')) {
      maxDepth = Math.max(maxDepth, depth);
      const shape: LaneShape = { lane, depth, first: bands.length, last: bands.length };
      laneShapes.push(shape);
      const nested = child(lane, 'childLaneSet');
      if (nested && elements(nested, 'lanes').length > 0) visit(nested, depth + 1);
      else bands.push({ lane, rows: 1, y: 0, height: 0 });
      shape.last = Math.max(shape.first, bands.length - 1);
      // A node a parent lane lists along with one of its inner lanes belongs to the inner lane.
      for (const node of elements(lane, 'flowNodeRef')) if (!nested || !bandOf.has(node)) bandOf.set(node, shape.first);
    }
  };
  for (const laneSet of elements(container, 'laneSets')) visit(laneSet, 0);
  return { bands, laneShapes, bandOf, maxDepth };
}


/**
 * Placing a process or sub-process: its lanes as horizontal bands, its flow nodes in columns by
 * rank and in rows inside their lane. A column whose lane stacks more than MAX_ROWS_PER_CELL nodes
 * (a parallel fan-out of independent routines) spreads them over further columns; a pool wider
 * than MAX_POOL_WIDTH wraps its columns into tiers, each lane band holding one stack of rows per
 * tier, so a long SOP reads top to bottom instead of running off the screen.
 */
import { child, elements, type ModdleElement } from '../moddleElement.ts';
import { placeArtifacts, readArtifacts } from './artifacts.ts';
import { COLUMN, FLOW_NODE, LANE_HEADER, MAX_POOL_WIDTH, MAX_ROWS_PER_CELL, POOL_HEADER, ROW, SCOPE, sizeOf, type Point } from './geometry.ts';
import type { Plane } from './plane.ts';
import { rankNodes, readLanes, type Band } from './rank.ts';
import { routeFlow } from './route.ts';

/** Places the flow nodes of a process or sub-process and routes its flows; returns the size used. */
export function placeFlow(
  plane: Plane, container: ModdleElement, origin: Point, pool: ModdleElement | undefined, subProcess: (node: ModdleElement) => void,
): { width: number; height: number } {
  const all = elements(container, 'flowElements');
  const nodes = all.filter((e) => FLOW_NODE.test(e.$type));
  const flows = all.filter((e) => e.$type === 'bpmn:SequenceFlow');
  const { rank, back, order, parent } = rankNodes(nodes, flows);
  const { bands, laneShapes, bandOf, maxDepth } = readLanes(container);
  const unlaned = nodes.some((n) => n.$type !== 'bpmn:BoundaryEvent' && !bandOf.has(n));
  if (bands.length === 0 || unlaned) bands.push({ rows: 1, y: 0, height: 0 });
  const spare = bands.length - 1;
  const bandIndex = (n: ModdleElement) => bandOf.get(n) ?? spare;
  const rankOf = (n: ModdleElement) => rank.get(n) ?? 0;

  // Rows inside each (band, rank) cell, following the node a node is reached from.
  const cell = new Map<string, Set<number>>();
  const rowOf = new Map<ModdleElement, number>();
  for (const node of order) {
    if (node.$type === 'bpmn:BoundaryEvent') continue;
    const key = `${bandIndex(node)}:${rankOf(node)}`;
    const taken = cell.get(key) ?? new Set<number>();
    cell.set(key, taken);
    const from = parent.get(node);
    const fromHost = from && from.$type === 'bpmn:BoundaryEvent' ? child(from, 'attachedToRef') : from;
    let row = fromHost && bandIndex(fromHost) === bandIndex(node) ? (rowOf.get(fromHost) ?? 0) % MAX_ROWS_PER_CELL + (from === fromHost ? 0 : 1) : 0;
    while (taken.has(row)) row++;
    taken.add(row);
    rowOf.set(node, row);
  }
  const placed = nodes.filter((n) => n.$type !== 'bpmn:BoundaryEvent');
  const columns = Math.max(1, ...nodes.map((n) => rankOf(n) + 1));
  const subColumns = Array.from({ length: columns }, () => 1);
  for (const node of placed) subColumns[rankOf(node)] = Math.max(subColumns[rankOf(node)] as number, Math.floor((rowOf.get(node) ?? 0) / MAX_ROWS_PER_CELL) + 1);

  const laned = laneShapes.length > 0;
  const contentX = origin.x + (pool ? POOL_HEADER : 0) + (laned ? (maxDepth + 1) * LANE_HEADER : 0) + 40;
  // Tiers: ranks packed left to right until the pool would be wider than a screen can show.
  const room = Math.max(COLUMN, MAX_POOL_WIDTH - (contentX - origin.x));
  const tierOf: number[] = [];
  const xInTier: number[] = [];
  const tierWidths: number[] = [0];
  for (let r = 0; r < columns; r++) {
    const w = (subColumns[r] as number) * COLUMN;
    let t = tierWidths.length - 1;
    if ((tierWidths[t] as number) > 0 && (tierWidths[t] as number) + w > room) tierWidths.push(0), t++;
    tierOf[r] = t;
    xInTier[r] = tierWidths[t] as number;
    tierWidths[t] = (tierWidths[t] as number) + w;
  }
  const tiers = tierWidths.length;
  const rowsIn = bands.map(() => Array.from({ length: tiers }, () => 0));
  for (const node of placed) {
    const tierRows = rowsIn[bandIndex(node)] as number[];
    const t = tierOf[rankOf(node)] as number;
    tierRows[t] = Math.max(tierRows[t] as number, ((rowOf.get(node) ?? 0) % MAX_ROWS_PER_CELL) + 1);
  }

  const found = readArtifacts(container, new Set(nodes));
  const artifactBand = (artifact: ModdleElement) => {
    const owner = found.partner.get(artifact);
    return owner ? bandIndex(owner) : 0;
  };
  for (const artifact of found.artifacts) (bands[artifactBand(artifact)] as Band).artifacts = true;
  let y = origin.y;
  for (const [i, band] of bands.entries()) {
    band.y = y;
    band.rows = Math.max(1, (rowsIn[i] as number[]).reduce((a, b) => a + b, 0));
    band.height = (band.rows + (band.artifacts ? 1 : 0)) * ROW;
    y += band.height;
  }
  const height = y - origin.y;
  const width = contentX - origin.x + Math.max(...tierWidths);

  if (pool) plane.addShape(pool, { x: origin.x, y: origin.y, width, height }, { isHorizontal: true });
  for (const { lane, depth, first, last } of laneShapes) {
    const top = (bands[first] as Band).y;
    const x = origin.x + POOL_HEADER + depth * LANE_HEADER;
    plane.addShape(lane, { x, y: top, width: origin.x + width - x, height: (bands[last] as Band).y + (bands[last] as Band).height - top }, { isHorizontal: true });
  }
  for (const node of placed) {
    const size = sizeOf(node);
    const b = bandIndex(node);
    const band = bands[b] as Band;
    const r = rankOf(node);
    const t = tierOf[r] as number;
    const row = rowOf.get(node) ?? 0;
    const tierTop = (rowsIn[b] as number[]).slice(0, t).reduce((a, c) => a + c, 0) * ROW;
    const cy = band.rows === 1 && !band.artifacts ? band.y + band.height / 2 : band.y + tierTop + ((row % MAX_ROWS_PER_CELL) + 0.5) * ROW;
    const x = contentX + (xInTier[r] as number) + Math.floor(row / MAX_ROWS_PER_CELL) * COLUMN;
    plane.addShape(node, { x: x + (100 - size.width) / 2, y: cy - size.height / 2, ...size }, SCOPE.test(node.$type) ? { isExpanded: false } : {});
  }
  const perHost = new Map<ModdleElement, number>();
  for (const node of nodes) {
    const host = child(node, 'attachedToRef');
    const hostBox = host && plane.boxes.get(host);
    if (node.$type !== 'bpmn:BoundaryEvent' || !host || !hostBox) continue;
    const i = perHost.get(host) ?? 0;
    perHost.set(host, i + 1);
    const fraction = [0.75, 0.25, 0.5][i % 3] as number;
    plane.addShape(node, { x: hostBox.x + hostBox.width * fraction - 18, y: hostBox.y + hostBox.height - 18, width: 36, height: 36 });
  }
  const outgoing = new Map<ModdleElement, number>();
  for (const flow of flows) outgoing.set(child(flow, 'sourceRef') as ModdleElement, (outgoing.get(child(flow, 'sourceRef') as ModdleElement) ?? 0) + 1);
  // Forward flows first, from the gateways' branches; loops then find the sides and corridors that are still free.
  const forward = flows.filter((fl) => !back.has(fl));
  const branches = (fl: ModdleElement) => (/Gateway$/.test((child(fl, 'sourceRef') as ModdleElement | undefined)?.$type ?? '') ? 0 : 1);
  forward.sort((a, b) => branches(a) - branches(b));
  for (const flow of [...forward, ...flows.filter((fl) => back.has(fl))]) {
    const source = child(flow, 'sourceRef');
    const target = child(flow, 'targetRef');
    if (!source || !target) continue;
    const sharedSplit = source.$type === 'bpmn:ParallelGateway' && (outgoing.get(source) ?? 0) > 3;
    const points = routeFlow(plane, source, target, back.has(flow), sharedSplit, flow);
    if (points) plane.addEdge(flow, points);
  }
  placeArtifacts(plane, found, (artifact) => {
    const index = artifactBand(artifact);
    const band = bands[index] as Band;
    return { y: band.y + band.rows * ROW, key: index };
  }, (i) => contentX + i * COLUMN);
  for (const node of nodes) if (SCOPE.test(node.$type)) subProcess(node);
  return { width, height };
}

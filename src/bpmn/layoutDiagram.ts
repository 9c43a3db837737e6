/**
 * Lane-aware BPMN DI: lays out every process of a document from its semantics alone.
 *
 * bpmn-auto-layout 1.3 ignores lanes and collaborations (it draws one process plane), so SOPs —
 * whose lanes *are* the pelaksana columns of the printed table — need Protap's own. A process
 * with lanes becomes a pool of a collaboration, its lanes horizontal bands in lane order. Flow
 * nodes stand in columns by rank (longest path from the start, back edges ignored, so a rework
 * loop does not stretch the diagram) and in rows inside their lane, centred in it when alone.
 * Sequence flows get orthogonal waypoints through the gaps between columns; back edges run
 * below (or above) the shapes. Boundary events sit on their host's bottom edge; embedded
 * sub-processes are drawn collapsed with their content on their own plane (bpmn-js drill-down).
 *
 * Kept whole (~480 lines) on purpose: ranking, placing and routing share one geometry, and
 * splitting it would scatter the constants each step relies on.
 */
import { sopModdle } from './readBpmn.ts';
import { child, elements, type ModdleElement } from './moddleElement.ts';

interface Box { x: number; y: number; width: number; height: number }
interface Point { x: number; y: number }
interface Segment { a: Point; b: Point; source: ModdleElement; target: ModdleElement; back: boolean }
type Factory = { create(type: string, attrs?: Record<string, unknown>): ModdleElement };
/** The moddle factory and the diagrams made so far (one per pool set, one per collapsed sub-process). */
interface Layout { f: Factory; diagrams: ModdleElement[] }

const COLUMN = 150;
const ROW = 130;
const POOL_HEADER = 30;
const LANE_HEADER = 30;
const ORIGIN = { x: 100, y: 60 };
const POOL_GAP = 60;
const FLOW_NODE = /Task$|Event$|Gateway$|SubProcess$|^bpmn:Transaction$|^bpmn:CallActivity$/;
const SCOPE = /SubProcess$|^bpmn:Transaction$/;
const ARTIFACT = /^bpmn:(?:TextAnnotation|DataObjectReference|DataStoreReference)$/;

function sizeOf(el: ModdleElement): { width: number; height: number } {
  if (/Event$/.test(el.$type)) return { width: 36, height: 36 };
  if (/Gateway$/.test(el.$type)) return { width: 50, height: 50 };
  if (el.$type === 'bpmn:TextAnnotation') return { width: 100, height: 30 };
  if (/^bpmn:Data(?:Object|Store)Reference$/.test(el.$type)) return { width: 36, height: 50 };
  return { width: 100, height: 80 };
}

const mid = (b: Box): Point => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
const side = {
  left: (b: Box): Point => ({ x: b.x, y: b.y + b.height / 2 }),
  right: (b: Box): Point => ({ x: b.x + b.width, y: b.y + b.height / 2 }),
  top: (b: Box): Point => ({ x: b.x + b.width / 2, y: b.y }),
  bottom: (b: Box): Point => ({ x: b.x + b.width / 2, y: b.y + b.height }),
};

/** One drawing surface: a collaboration or process (with pools) or a collapsed sub-process. */
class Plane {
  readonly shapes: ModdleElement[] = [];
  readonly boxes = new Map<ModdleElement, Box>();
  /** Segments of the flows routed so far, so later flows can keep off them. */
  readonly segments: Segment[] = [];
  constructor(private readonly f: Factory) {}

  addShape(el: ModdleElement, box: Box, extra: Record<string, unknown> = {}): void {
    if (!el.id) return;
    this.boxes.set(el, box);
    const attrs: Record<string, unknown> = { id: `${el.id}_di`, bpmnElement: el, bounds: this.bounds(box), ...extra };
    const name = typeof el.name === 'string' ? el.name.trim() : '';
    if (name && (/Event$|Gateway$/.test(el.$type) || /^bpmn:Data/.test(el.$type))) {
      const lines = Math.min(4, Math.ceil(name.length / 18));
      attrs.label = this.f.create('bpmndi:BPMNLabel', {
        bounds: this.bounds({ x: box.x + box.width / 2 - 45, y: box.y + box.height + 5, width: 90, height: 14 * lines }),
      });
    }
    this.shapes.push(this.f.create('bpmndi:BPMNShape', attrs));
  }

  addEdge(el: ModdleElement, points: Point[]): void {
    if (!el.id) return;
    const attrs: Record<string, unknown> = {
      id: `${el.id}_di`, bpmnElement: el,
      waypoint: points.map((p) => this.f.create('dc:Point', { x: Math.round(p.x), y: Math.round(p.y) })),
    };
    const name = typeof el.name === 'string' ? el.name.trim() : '';
    const [a, b] = points;
    if (name && a && b) {
      attrs.label = this.f.create('bpmndi:BPMNLabel', {
        bounds: this.bounds({ x: (a.x + b.x) / 2 + 4, y: (a.y + b.y) / 2 - 18, width: Math.min(120, 7 * name.length + 4), height: 14 }),
      });
    }
    this.shapes.push(this.f.create('bpmndi:BPMNEdge', attrs));
  }

  private bounds(b: Box): ModdleElement {
    return this.f.create('dc:Bounds', { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) });
  }
}

/** The order of nodes and their rank: longest path from the start, ignoring back edges. */
function rankNodes(nodes: ModdleElement[], flows: ModdleElement[]) {
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

interface Band { lane?: ModdleElement; rows: number; y: number; height: number; artifacts?: boolean }
interface LaneShape { lane: ModdleElement; depth: number; first: number; last: number }

/** Leaf lanes become bands, in document order; parent lanes span their children's bands. */
function readLanes(container: ModdleElement) {
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

/** Places the flow nodes of a process or sub-process; returns the size used. */
function placeFlow(layout: Layout, plane: Plane, container: ModdleElement, origin: Point, pool?: ModdleElement): { width: number; height: number } {
  const all = elements(container, 'flowElements');
  const nodes = all.filter((e) => FLOW_NODE.test(e.$type));
  const flows = all.filter((e) => e.$type === 'bpmn:SequenceFlow');
  const { rank, back, order, parent } = rankNodes(nodes, flows);
  const { bands, laneShapes, bandOf, maxDepth } = readLanes(container);
  const unlaned = nodes.some((n) => n.$type !== 'bpmn:BoundaryEvent' && !bandOf.has(n));
  if (bands.length === 0 || unlaned) bands.push({ rows: 1, y: 0, height: 0 });
  const spare = bands.length - 1;

  const cell = new Map<string, Set<number>>();
  const rowOf = new Map<ModdleElement, number>();
  const bandIndex = (n: ModdleElement) => bandOf.get(n) ?? spare;
  for (const node of order) {
    if (node.$type === 'bpmn:BoundaryEvent') continue;
    const key = `${bandIndex(node)}:${rank.get(node) ?? 0}`;
    const taken = cell.get(key) ?? new Set<number>();
    cell.set(key, taken);
    const from = parent.get(node);
    const fromHost = from && from.$type === 'bpmn:BoundaryEvent' ? child(from, 'attachedToRef') : from;
    let row = fromHost && bandIndex(fromHost) === bandIndex(node) ? (rowOf.get(fromHost) ?? 0) + (from === fromHost ? 0 : 1) : 0;
    while (taken.has(row)) row++;
    taken.add(row);
    rowOf.set(node, row);
    const band = bands[bandIndex(node)] as Band;
    band.rows = Math.max(band.rows, row + 1);
  }
  const found = readArtifacts(container, new Set(nodes));
  const artifactBand = (artifact: ModdleElement) => {
    const owner = found.partner.get(artifact);
    return owner ? bandIndex(owner) : 0;
  };
  for (const artifact of found.artifacts) (bands[artifactBand(artifact)] as Band).artifacts = true;
  let y = origin.y;
  for (const band of bands) {
    band.y = y;
    band.height = (band.rows + (band.artifacts ? 1 : 0)) * ROW;
    y += band.height;
  }
  const height = y - origin.y;
  const laned = laneShapes.length > 0;
  const contentX = origin.x + (pool ? POOL_HEADER : 0) + (laned ? (maxDepth + 1) * LANE_HEADER : 0) + 40;
  const columns = Math.max(1, ...nodes.map((n) => (rank.get(n) ?? 0) + 1));
  const width = contentX - origin.x + columns * COLUMN;

  if (pool) plane.addShape(pool, { x: origin.x, y: origin.y, width, height }, { isHorizontal: true });
  for (const { lane, depth, first, last } of laneShapes) {
    const top = (bands[first] as Band).y;
    const x = origin.x + POOL_HEADER + depth * LANE_HEADER;
    plane.addShape(lane, { x, y: top, width: origin.x + width - x, height: (bands[last] as Band).y + (bands[last] as Band).height - top }, { isHorizontal: true });
  }
  const columnX = (r: number) => contentX + r * COLUMN;
  for (const node of nodes) {
    if (node.$type === 'bpmn:BoundaryEvent') continue;
    const size = sizeOf(node);
    const band = bands[bandIndex(node)] as Band;
    const cy = band.y + (band.rows === 1 ? band.height / 2 : ((rowOf.get(node) ?? 0) + 0.5) * ROW);
    const box = { x: columnX(rank.get(node) ?? 0) + (100 - size.width) / 2, y: cy - size.height / 2, ...size };
    const scoped = SCOPE.test(node.$type);
    plane.addShape(node, box, scoped ? { isExpanded: false } : {});
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
  // Forward flows first: loops then find the sides and corridors that are still free.
  for (const flow of [...flows.filter((fl) => !back.has(fl)), ...flows.filter((fl) => back.has(fl))]) {
    const source = child(flow, 'sourceRef');
    const target = child(flow, 'targetRef');
    if (!source || !target) continue;
    const points = routeFlow(plane, source, target, back.has(flow), columnX, rank);
    if (points) plane.addEdge(flow, points);
  }
  placeArtifacts(plane, found, (artifact) => {
    const index = artifactBand(artifact);
    const band = bands[index] as Band;
    return { y: band.y + band.rows * ROW, key: index };
  }, (i) => columnX(i));
  for (const node of nodes) if (SCOPE.test(node.$type)) layoutSubProcess(layout, node);
  return { width, height };
}

function segmentHits(a: Point, b: Point, box: Box): boolean {
  const inset = 2;
  const [x1, x2] = [Math.min(a.x, b.x), Math.max(a.x, b.x)];
  const [y1, y2] = [Math.min(a.y, b.y), Math.max(a.y, b.y)];
  return x2 > box.x + inset && x1 < box.x + box.width - inset && y2 > box.y + inset && y1 < box.y + box.height - inset;
}

function overlaps(a: Segment, b: Segment): boolean {
  const vertical = (s: Segment) => s.a.x === s.b.x;
  if (vertical(a) !== vertical(b)) return false;
  const [fixed, lo, hi] = vertical(a) ? ['x', 'y', 'y'] as const : ['y', 'x', 'x'] as const;
  if (Math.abs(a.a[fixed] - b.a[fixed]) > 1) return false;
  const overlap = Math.min(Math.max(a.a[hi], a.b[hi]), Math.max(b.a[hi], b.b[hi])) - Math.max(Math.min(a.a[lo], a.b[lo]), Math.min(b.a[lo], b.b[lo]));
  return overlap > 2;
}

/**
 * Lower is better: crossing a shape is worst; running along another flow is bad, except for the
 * shared trunk of a split or a join (same source or target, both forward), which BPMN draws so.
 */
function cost(points: Point[], obstacles: Box[], routed: Segment[], flow: Omit<Segment, 'a' | 'b'>): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    const seg: Segment = { a: points[i - 1] as Point, b: points[i] as Point, ...flow };
    for (const box of obstacles) if (segmentHits(seg.a, seg.b, box)) total += 100;
    for (const other of routed) {
      const trunk = !flow.back && !other.back && (other.source === flow.source || other.target === flow.target);
      if (!trunk && overlaps(seg, other)) total += 10;
    }
  }
  return total + points.length * 0.01;
}

/** Orthogonal waypoints from the source's border to the target's, avoiding shapes and other flows when it can. */
function routeFlow(
  plane: Plane, source: ModdleElement, target: ModdleElement, isBack: boolean,
  columnX: (rank: number) => number, rank: Map<ModdleElement, number>,
): Point[] | undefined {
  const s = plane.boxes.get(source);
  const t = plane.boxes.get(target);
  if (!s || !t) return undefined;
  const obstacles = [...plane.boxes.entries()]
    .filter(([el]) => el !== source && el !== target && !/^bpmn:(?:Participant|Lane)$/.test(el.$type)).map(([, box]) => box);
  const sc = mid(s);
  const tc = mid(t);
  const below = Math.max(s.y + s.height, t.y + t.height) + 14;
  const above = Math.min(s.y, t.y) - 14;
  // Each route is drawn for a shift of its free coordinate (a gap's x, a corridor's y), so parallel flows do not coincide.
  const routes: ((d: number) => Point[])[] = [];
  if (isBack) {
    routes.push(
      (d) => [side.bottom(s), { x: sc.x, y: below + d }, { x: tc.x, y: below + d }, side.bottom(t)],
      (d) => [side.top(s), { x: sc.x, y: above - d }, { x: tc.x, y: above - d }, side.top(t)],
    );
  } else {
    const gapBefore = columnX(rank.get(target) ?? 0) - 25;
    const gapAfter = columnX(rank.get(source) ?? 0) + 125;
    if (source.$type === 'bpmn:BoundaryEvent') {
      const drop = s.y + s.height + 14;
      if (tc.y > drop) routes.push(() => [side.bottom(s), { x: sc.x, y: tc.y }, side.left(t)]);
      routes.push((d) => [side.bottom(s), { x: sc.x, y: drop + Math.abs(d) }, { x: gapBefore + d, y: drop + Math.abs(d) }, { x: gapBefore + d, y: tc.y }, side.left(t)]);
    } else {
      if (Math.abs(sc.y - tc.y) < 1) routes.push(() => [side.right(s), side.left(t)]);
      else if (/Gateway$|Event$/.test(source.$type)) routes.push(() => [tc.y > sc.y ? side.bottom(s) : side.top(s), { x: sc.x, y: tc.y }, side.left(t)]);
      routes.push(
        (d) => [side.right(s), { x: gapBefore + d, y: sc.y }, { x: gapBefore + d, y: tc.y }, side.left(t)],
        (d) => [side.right(s), { x: gapAfter + d, y: sc.y }, { x: gapAfter + d, y: tc.y }, side.left(t)],
        (d) => [side.bottom(s), { x: sc.x, y: below + Math.abs(d) }, { x: gapBefore + d, y: below + Math.abs(d) }, { x: gapBefore + d, y: tc.y }, side.left(t)],
        (d) => [side.top(s), { x: sc.x, y: above - Math.abs(d) }, { x: gapBefore + d, y: above - Math.abs(d) }, { x: gapBefore + d, y: tc.y }, side.left(t)],
      );
    }
  }
  let best: Point[] | undefined;
  let lowest = Infinity;
  for (const route of routes) {
    for (const d of [0, 8, -8, 16, -16]) {
      const points = route(d).filter((p, i, all) => i === 0 || p.x !== (all[i - 1] as Point).x || p.y !== (all[i - 1] as Point).y);
      const score = cost(points, obstacles, plane.segments, { source, target, back: isBack });
      if (score < lowest) [best, lowest] = [points, score];
    }
  }
  if (best) for (let i = 1; i < best.length; i++) plane.segments.push({ a: best[i - 1] as Point, b: best[i] as Point, source, target, back: isBack });
  return best;
}

interface Link { edge: ModdleElement; from?: ModdleElement; to?: ModdleElement }

/** Text annotations and data objects, the associations to them, and the flow node each belongs to. */
function readArtifacts(container: ModdleElement, nodes: Set<ModdleElement>) {
  const all = [...elements(container, 'flowElements'), ...elements(container, 'artifacts')];
  const artifacts = all.filter((e) => ARTIFACT.test(e.$type));
  const links: Link[] = [
    ...all.filter((e) => e.$type === 'bpmn:Association').map((a) => ({ edge: a, from: child(a, 'sourceRef'), to: child(a, 'targetRef') })),
    ...all.flatMap((node) => [
      ...elements(node, 'dataInputAssociations').map((a) => ({ edge: a, from: elements(a, 'sourceRef')[0], to: node })),
      ...elements(node, 'dataOutputAssociations').map((a) => ({ edge: a, from: node, to: child(a, 'targetRef') })),
    ]),
  ];
  const partner = new Map<ModdleElement, ModdleElement>();
  for (const { from, to } of links) {
    if (from && to && nodes.has(from) && !partner.has(to)) partner.set(to, from);
    if (from && to && nodes.has(to) && !partner.has(from)) partner.set(from, to);
  }
  return { artifacts, links, partner };
}

/** Artifacts sit in an extra row at the bottom of their node's lane, under that node's column. */
function placeArtifacts(
  plane: Plane, found: ReturnType<typeof readArtifacts>, rowOf: (artifact: ModdleElement) => { y: number; key: number }, fallbackX: (i: number) => number,
): void {
  const placed = new Map<number, Box[]>();
  for (const [i, artifact] of found.artifacts.entries()) {
    const size = sizeOf(artifact);
    const owner = found.partner.get(artifact);
    const ownerBox = owner && plane.boxes.get(owner);
    const row = rowOf(artifact);
    const taken = placed.get(row.key) ?? [];
    placed.set(row.key, taken);
    let x = ownerBox ? mid(ownerBox).x - size.width / 2 : fallbackX(i);
    while (taken.some((b) => x < b.x + b.width + 10 && b.x < x + size.width + 10)) x += COLUMN;
    const box = { x, y: row.y + (ROW - size.height) / 2, ...size };
    taken.push(box);
    plane.addShape(artifact, box);
  }
  for (const { edge, from, to } of found.links) {
    const a = from && plane.boxes.get(from);
    const b = to && plane.boxes.get(to);
    if (!a || !b) continue;
    const down = a.y + a.height <= b.y;
    const start = down ? side.bottom(a) : side.top(a);
    const end = down ? side.top(b) : side.bottom(b);
    const turn = down ? b.y - 12 : b.y + b.height + 12;
    plane.addEdge(edge, Math.abs(start.x - end.x) < 1 ? [start, end] : [start, { x: start.x, y: turn }, { x: end.x, y: turn }, end]);
  }
}

function newDiagram(layout: Layout, element: ModdleElement, plane: Plane): void {
  const bpmnPlane = layout.f.create('bpmndi:BPMNPlane', { id: `${element.id}_plane`, bpmnElement: element, planeElement: plane.shapes });
  layout.diagrams.push(layout.f.create('bpmndi:BPMNDiagram', { id: `${element.id}_diagram`, plane: bpmnPlane }));
}

function layoutSubProcess(layout: Layout, subProcess: ModdleElement): void {
  const plane = new Plane(layout.f);
  placeFlow(layout, plane, subProcess, { x: 150, y: 80 });
  newDiagram(layout, subProcess, plane);
}

function placeMessageFlows(plane: Plane, collaboration: ModdleElement): void {
  for (const flow of elements(collaboration, 'messageFlows')) {
    const a = plane.boxes.get(child(flow, 'sourceRef') as ModdleElement);
    const b = plane.boxes.get(child(flow, 'targetRef') as ModdleElement);
    if (!a || !b) continue;
    const down = a.y + a.height <= b.y;
    const from = down ? side.bottom(a) : side.top(a);
    const to = down ? side.top(b) : side.bottom(b);
    const turn = (from.y + to.y) / 2;
    plane.addEdge(flow, [from, { x: from.x, y: turn }, { x: to.x, y: turn }, to]);
  }
}

/** Replaces the DI of a parsed definitions element with a fresh lane-aware layout. */
export function layoutDefinitions(definitions: ModdleElement): void {
  const f = sopModdle() as unknown as Factory;
  const layout: Layout = { f, diagrams: [] };
  const roots = elements(definitions, 'rootElements');
  const processes = roots.filter((r) => r.$type === 'bpmn:Process');
  let collaboration = roots.find((r) => r.$type === 'bpmn:Collaboration');
  if (!collaboration && processes.some((p) => elements(p, 'laneSets').some((s) => elements(s, 'lanes').length > 0))) {
    // A process with lanes is drawn as a pool, and a pool exists only inside a collaboration.
    const participants = processes.map((p) => f.create('bpmn:Participant', { id: `Participant_${p.id}`, name: p.name, processRef: p }));
    collaboration = f.create('bpmn:Collaboration', { id: `Collaboration_${definitions.id ?? 'sop'}`, participants });
    roots.unshift(collaboration);
  }
  const pooled = new Set<ModdleElement>();
  if (collaboration) {
    const plane = new Plane(f);
    let y = ORIGIN.y;
    for (const participant of elements(collaboration, 'participants')) {
      const process = child(participant, 'processRef');
      if (process) pooled.add(process);
      const size = process
        ? placeFlow(layout, plane, process, { x: ORIGIN.x, y }, participant)
        : (plane.addShape(participant, { x: ORIGIN.x, y, width: 600, height: 100 }, { isHorizontal: true }), { height: 100 });
      y += size.height + POOL_GAP;
    }
    placeMessageFlows(plane, collaboration);
    newDiagram(layout, collaboration, plane);
  }
  for (const process of processes) {
    if (pooled.has(process)) continue;
    const plane = new Plane(f);
    placeFlow(layout, plane, process, { x: 150, y: 80 });
    newDiagram(layout, process, plane);
  }
  // The top-level diagrams first: editors open the first one.
  definitions.diagrams = layout.diagrams.sort((a, b) => Number(isSubProcessDiagram(a)) - Number(isSubProcessDiagram(b)));
}

function isSubProcessDiagram(diagram: ModdleElement): boolean {
  return SCOPE.test(child(child(diagram, 'plane'), 'bpmnElement')?.$type ?? '');
}

/** Reads BPMN XML and returns it with fresh lane-aware DI; throws on XML it cannot read. */
export async function layoutDiagram(xml: string): Promise<string> {
  const moddle = sopModdle();
  const { rootElement } = (await moddle.fromXML(xml)) as { rootElement: ModdleElement };
  if (rootElement?.$type !== 'bpmn:Definitions') throw new Error('Dokumen ini bukan BPMN 2.0: elemen akarnya bukan <bpmn:definitions>.');
  layoutDefinitions(rootElement);
  return (await moddle.toXML(rootElement, { format: true })).xml;
}

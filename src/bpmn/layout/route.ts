/**
 * Orthogonal routing of sequence flows: each flow tries a handful of routes (straight, an L from
 * a gateway's corner, through the gap before its target or after its source, along a corridor
 * above or below, or back round a wrapped tier) and keeps the cheapest. A branch never shares a
 * line with another branch of the same gateway, so each can carry its own label; only a wide
 * parallel fan-out and a join share their trunk, as BPMN draws them.
 */
import type { ModdleElement } from '../moddleElement.ts';
import { ROW, mid, overlaps, segmentHits, side, type Box, type Point, type Segment } from './geometry.ts';
import type { Plane } from './plane.ts';

/** Lower is better: crossing a shape is worst; running along another flow is bad, unless it may share its trunk. */
function cost(points: Point[], obstacles: Box[], ends: { s: Box; t: Box }, routed: Segment[], flow: Omit<Segment, 'a' | 'b'>, sharedSplit: boolean): number {
  let total = 0;
  const last = points.length - 2;
  for (let i = 1; i < points.length; i++) {
    const seg: Segment = { a: points[i - 1] as Point, b: points[i] as Point, ...flow };
    for (const box of obstacles) if (segmentHits(seg.a, seg.b, box)) total += 100;
    if (i - 1 > 0 && segmentHits(seg.a, seg.b, ends.s)) total += 100;
    if (i - 1 < last && segmentHits(seg.a, seg.b, ends.t)) total += 100;
    for (const other of routed) {
      const join = !flow.back && !other.back && other.target === flow.target;
      const split = sharedSplit && !flow.back && !other.back && other.source === flow.source;
      if (!join && !split && overlaps(seg, other)) total += other.source === flow.source ? 150 : 10;
    }
  }
  let length = 0;
  for (let i = 1; i < points.length; i++) length += Math.abs((points[i] as Point).x - (points[i - 1] as Point).x) + Math.abs((points[i] as Point).y - (points[i - 1] as Point).y);
  return total + points.length * 0.5 + length * 0.001;
}

/** The left edge of the column slot a node stands in (slots are 100 px wide, shapes centred in them). */
const slotLeft = (b: Box) => mid(b).x - 50;

/** Orthogonal waypoints from the source's border to the target's, avoiding shapes and other flows when it can. */
export function routeFlow(plane: Plane, source: ModdleElement, target: ModdleElement, isBack: boolean, sharedSplit: boolean, flow?: ModdleElement): Point[] | undefined {
  const s = plane.boxes.get(source);
  const t = plane.boxes.get(target);
  if (!s || !t) return undefined;
  const obstacles = [...plane.boxes.entries()]
    .filter(([el]) => el !== source && el !== target && !/^bpmn:(?:Participant|Lane)$/.test(el.$type)).map(([, box]) => box);
  const sc = mid(s);
  const tc = mid(t);
  const below = Math.max(s.y + s.height, t.y + t.height) + 14;
  const above = Math.min(s.y, t.y) - 14;
  const gapBefore = slotLeft(t) - 25;
  const gapAfter = slotLeft(s) + 125;
  // Each route is drawn for a shift of its free coordinate (a gap's x, a corridor's y), so parallel flows do not coincide.
  const routes: ((d: number) => Point[])[] = [];
  if (isBack) {
    routes.push(
      (d) => [side.bottom(s), { x: sc.x, y: below + d }, { x: tc.x, y: below + d }, side.bottom(t)],
      (d) => [side.top(s), { x: sc.x, y: above - d }, { x: tc.x, y: above - d }, side.top(t)],
      (d) => [side.right(s), { x: gapAfter + d, y: sc.y }, { x: gapAfter + d, y: above - Math.abs(d) }, { x: tc.x, y: above - Math.abs(d) }, side.top(t)],
    );
  } else if (source.$type === 'bpmn:BoundaryEvent') {
    const drop = s.y + s.height + 14;
    if (tc.y > drop && tc.x > sc.x) routes.push(() => [side.bottom(s), { x: sc.x, y: tc.y }, side.left(t)]);
    routes.push((d) => [side.bottom(s), { x: sc.x, y: drop + Math.abs(d) }, { x: gapBefore + d, y: drop + Math.abs(d) }, { x: gapBefore + d, y: tc.y }, side.left(t)]);
  } else {
    if (Math.abs(sc.y - tc.y) < 1 && tc.x > sc.x) routes.push(() => [side.right(s), side.left(t)]);
    if (/Gateway$|Event$/.test(source.$type) && Math.abs(sc.y - tc.y) >= 1) {
      const exit = tc.y > sc.y ? side.bottom(s) : side.top(s);
      routes.push(() => [exit, { x: sc.x, y: tc.y }, side.left(t)]);
      routes.push((d) => [exit, { x: sc.x, y: tc.y + (tc.y > sc.y ? -1 : 1) * (ROW / 2 - Math.abs(d)) }, { x: gapBefore + d, y: tc.y + (tc.y > sc.y ? -1 : 1) * (ROW / 2 - Math.abs(d)) }, { x: gapBefore + d, y: tc.y }, side.left(t)]);
    }
    routes.push(
      (d) => [side.right(s), { x: gapBefore + d, y: sc.y }, { x: gapBefore + d, y: tc.y }, side.left(t)],
      (d) => [side.right(s), { x: gapAfter + d, y: sc.y }, { x: gapAfter + d, y: tc.y }, side.left(t)],
      (d) => [side.bottom(s), { x: sc.x, y: below + Math.abs(d) }, { x: gapBefore + d, y: below + Math.abs(d) }, { x: gapBefore + d, y: tc.y }, side.left(t)],
      (d) => [side.top(s), { x: sc.x, y: above - Math.abs(d) }, { x: gapBefore + d, y: above - Math.abs(d) }, { x: gapBefore + d, y: tc.y }, side.left(t)],
    );
    // Into a wrapped tier: out to the right, along the gap between rows, back to the target's column.
    for (const corridor of [tc.y - ROW / 2, sc.y + ROW / 2]) {
      routes.push(
        (d) => [side.right(s), { x: gapAfter + d, y: sc.y }, { x: gapAfter + d, y: corridor + d }, { x: gapBefore + d, y: corridor + d }, { x: gapBefore + d, y: tc.y }, side.left(t)],
        (d) => [side.bottom(s), { x: sc.x, y: corridor + d }, { x: gapBefore + d, y: corridor + d }, { x: gapBefore + d, y: tc.y }, side.left(t)],
      );
    }
  }
  let best: Point[] | undefined;
  let lowest = Infinity;
  for (const route of routes) {
    for (const d of [0, 8, -8, 16, -16]) {
      const points = route(d).filter((p, i, all) => i === 0 || p.x !== (all[i - 1] as Point).x || p.y !== (all[i - 1] as Point).y);
      if (points.length < 2) continue;
      const score = cost(points, obstacles, { s, t }, plane.segments, { source, target, back: isBack }, sharedSplit);
      if (score < lowest) [best, lowest] = [points, score];
    }
  }
  if (best) for (let i = 1; i < best.length; i++) plane.segments.push({ a: best[i - 1] as Point, b: best[i] as Point, source, target, back: isBack, flow });
  return best;
}

/** Text annotations and data objects: the node each belongs to, its place under it, its association lines. */
import { child, elements, type ModdleElement } from '../moddleElement.ts';
import { ARTIFACT, COLUMN, ROW, mid, side, sizeOf, type Box } from './geometry.ts';
import type { Plane } from './plane.ts';

interface Link { edge: ModdleElement; from?: ModdleElement; to?: ModdleElement }

/** Text annotations and data objects, the associations to them, and the flow node each belongs to. */
export function readArtifacts(container: ModdleElement, nodes: Set<ModdleElement>) {
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
export function placeArtifacts(
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


/**
 * The lane-aware layout: for any process the catalogue holds (lanes, nested lanes, gateways,
 * rework loops, parallel blocks, boundary events, call activities, sub-processes, artifacts)
 * every element gets DI, no two shapes overlap, every node lies in its lane's band, every edge
 * runs orthogonally from its source's border to its target's, and the semantics do not change.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { layoutDiagram } from '../../src/bpmn/layoutDiagram.ts';
import { COLUMN } from '../../src/bpmn/layout/geometry.ts';
import { sopModdle } from '../../src/bpmn/readBpmn.ts';
import { writeSopBpmn } from '../../src/bpmn/writeSopBpmn.ts';
import type { ModdleElement } from '../../src/bpmn/moddleElement.ts';
import { loadDefinitions } from '../../src/runtime/loadDefinitions.ts';
import { readSopBook } from '../../src/sopText/readSopBook.ts';
import { itWithFixture, seedBook, SEED_BOOK } from '../support/sharedFixtures.ts';

interface Box { x: number; y: number; width: number; height: number }
type El = ModdleElement;

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const list = (v: unknown) => (Array.isArray(v) ? (v as El[]) : []);
const FLOW_NODE = /Task$|Event$|Gateway$|SubProcess$|^bpmn:Transaction$|^bpmn:CallActivity$/;

/** Every element of a definitions tree that must be drawn, by kind. */
function drawable(definitions: El) {
  const nodes: El[] = [];
  const flows: El[] = [];
  const lanes: El[] = [];
  const visitLanes = (laneSet: El | undefined) => {
    for (const lane of list(laneSet?.lanes)) {
      lanes.push(lane);
      visitLanes(lane.childLaneSet as El | undefined);
    }
  };
  const visit = (container: El) => {
    for (const laneSet of list(container.laneSets)) visitLanes(laneSet);
    for (const e of list(container.flowElements)) {
      if (e.$type === 'bpmn:SequenceFlow') flows.push(e);
      else if (FLOW_NODE.test(e.$type)) nodes.push(e);
      if (/SubProcess$|Transaction$/.test(e.$type)) visit(e);
    }
  };
  for (const root of list(definitions.rootElements)) if (root.$type === 'bpmn:Process') visit(root);
  return { nodes, flows, lanes };
}

function inside(inner: Box, outer: Box): boolean {
  return inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5
    && inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5;
}

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Whether a point lies on the outline of the shape drawn for an element (circle, diamond or box). */
function onBorder(p: { x: number; y: number }, el: El, b: Box): boolean {
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height / 2;
  if (/Event$/.test(el.$type)) return Math.abs(Math.hypot(p.x - cx, p.y - cy) - b.width / 2) <= 1;
  if (/Gateway$/.test(el.$type)) return Math.abs(Math.abs(p.x - cx) / (b.width / 2) + Math.abs(p.y - cy) / (b.height / 2) - 1) <= 0.03;
  const onX = (Math.abs(p.x - b.x) <= 1 || Math.abs(p.x - b.x - b.width) <= 1) && p.y >= b.y - 1 && p.y <= b.y + b.height + 1;
  const onY = (Math.abs(p.y - b.y) <= 1 || Math.abs(p.y - b.y - b.height) <= 1) && p.x >= b.x - 1 && p.x <= b.x + b.width + 1;
  return onX || onY;
}

/** Every way a laid-out document breaks the layout rules, as readable lines (empty when none). */
async function violations(xml: string): Promise<string[]> {
  const { rootElement: definitions } = (await sopModdle().fromXML(xml)) as { rootElement: El };
  const found: string[] = [];
  const { nodes, flows, lanes } = drawable(definitions);
  const drawnCount = new Map<El, number>();
  for (const diagram of list(definitions.diagrams)) {
    const plane = diagram.plane as El;
    const shapes = new Map<El, Box>();
    const edges: El[] = [];
    for (const di of list(plane.planeElement)) {
      const el = di.bpmnElement as El;
      drawnCount.set(el, (drawnCount.get(el) ?? 0) + 1);
      if (di.$type === 'bpmndi:BPMNShape') shapes.set(el, di.bounds as Box);
      else edges.push(di);
    }
    const solid = [...shapes].filter(([el]) => !/^bpmn:(?:Participant|Lane)$/.test(el.$type));
    for (const [i, [a, boxA]] of solid.entries()) {
      for (const [b, boxB] of solid.slice(i + 1)) {
        const attached = (a.attachedToRef as El | undefined) === b || (b.attachedToRef as El | undefined) === a;
        if (!attached && overlap(boxA, boxB)) found.push(`${a.id} overlaps ${b.id}`);
      }
      const host = a.attachedToRef as El | undefined;
      const hostBox = host && shapes.get(host);
      if (hostBox && (Math.abs(boxA.y + boxA.height / 2 - (hostBox.y + hostBox.height)) > 1 || boxA.x < hostBox.x || boxA.x + boxA.width > hostBox.x + hostBox.width)) {
        found.push(`${a.id} is not on the bottom edge of ${host.id}`);
      }
    }
    for (const [lane, laneBox] of shapes) {
      if (lane.$type !== 'bpmn:Lane') continue;
      const inner = new Set(list((lane.childLaneSet as El | undefined)?.lanes).flatMap((l) => list(l.flowNodeRef)));
      for (const node of list(lane.flowNodeRef)) {
        const box = shapes.get(node);
        if (box && !inner.has(node) && !inside(box, laneBox)) found.push(`${node.id} lies outside its lane ${lane.id}`);
      }
    }
    for (const [pool, poolBox] of shapes) {
      if (pool.$type !== 'bpmn:Participant') continue;
      const process = pool.processRef as El | undefined;
      for (const node of list(process?.flowElements)) {
        const box = shapes.get(node);
        if (box && FLOW_NODE.test(node.$type) && !inside(box, poolBox)) found.push(`${node.id} lies outside pool ${pool.id}`);
      }
    }
    for (const edge of edges) {
      const flow = edge.bpmnElement as El;
      const points = list(edge.waypoint) as unknown as { x: number; y: number }[];
      if (points.length < 2) found.push(`${flow.id} has fewer than two waypoints`);
      points.slice(1).forEach((p, i) => {
        const q = points[i] as { x: number; y: number };
        if (flow.$type === 'bpmn:SequenceFlow' && p.x !== q.x && p.y !== q.y) found.push(`${flow.id} has a diagonal segment`);
      });
      const source = (flow.sourceRef as El | undefined) ?? list(flow.sourceRef)[0];
      const target = flow.targetRef as El | undefined;
      const [first, last] = [points[0], points[points.length - 1]];
      const sourceBox = source && shapes.get(source);
      const targetBox = target && shapes.get(target);
      if (flow.$type === 'bpmn:SequenceFlow' && (!sourceBox || !targetBox)) found.push(`${flow.id} joins shapes not on its plane`);
      if (first && source && sourceBox && !onBorder(first, source, sourceBox)) found.push(`${flow.id} does not start on the border of ${source.id}`);
      if (last && target && targetBox && !onBorder(last, target, targetBox)) found.push(`${flow.id} does not end on the border of ${target.id}`);
    }
  }
  for (const el of [...nodes, ...flows, ...lanes]) {
    const n = drawnCount.get(el) ?? 0;
    if (n !== 1) found.push(`${el.id} is drawn ${n} times`);
  }
  return found;
}

const fixtures = ['compile', 'runtime', 'import'].flatMap((folder) => {
  const dir = path.join(repoRoot, 'test', folder);
  return readdirSync(dir).filter((f) => f.endsWith('.bpmn')).map((f) => path.join(dir, f));
});

describe('layoutDiagram', () => {
  it.each(fixtures.map((f) => [path.relative(repoRoot, f), f]))('lays out %s by the rules without changing its meaning', async (_, file) => {
    const xml = readFileSync(file, 'utf8');
    const laidOut = await layoutDiagram(xml);
    expect(await violations(laidOut)).toEqual([]);
    const before = await loadDefinitions(xml);
    const after = await loadDefinitions(laidOut);
    expect(after.problems.map((p) => [p.code, p.id])).toEqual(before.problems.map((p) => [p.code, p.id]));
    expect(after.definitions.map((d) => d.processId)).toEqual(before.definitions.map((d) => d.processId));
  });

  it('draws a process with lanes as a pool with a band per lane, in lane order', async () => {
    const laidOut = await layoutDiagram(readFileSync(path.join(here, 'layoutDiagram.lanes.bpmn'), 'utf8'));
    const { rootElement } = (await sopModdle().fromXML(laidOut)) as { rootElement: El };
    const collaboration = list(rootElement.rootElements).find((r) => r.$type === 'bpmn:Collaboration');
    expect(list(collaboration?.participants).map((p) => (p.processRef as El).id)).toEqual(['TataLetak']);
    const [main, sub] = list(rootElement.diagrams);
    expect(((main?.plane as El).bpmnElement as El).id).toBe(collaboration?.id);
    const laneTops = list((main?.plane as El).planeElement)
      .filter((di) => (di.bpmnElement as El).$type === 'bpmn:Lane')
      .map((di) => [(di.bpmnElement as El).id, (di.bounds as Box).y]);
    expect(laneTops.map(([id]) => id)).toEqual(['Lane_kepaniteraan', 'Lane_panmud', 'Lane_jurusita', 'Lane_ketua', 'Lane_pihak']);
    const tops = laneTops.slice(1).map(([, y]) => y as number);
    expect(tops).toEqual([...tops].sort((a, b) => a - b));
    // The sub-process is drawn collapsed; its content has its own plane.
    expect(((sub?.plane as El).bpmnElement as El).id).toBe('Sidang');
    const sidang = list((main?.plane as El).planeElement).find((di) => (di.bpmnElement as El).id === 'Sidang');
    expect(sidang?.isExpanded).toBe(false);
  });

  it('does not stretch a rework loop: the loop back edge is ignored when ranking', async () => {
    const laidOut = await layoutDiagram(readFileSync(path.join(repoRoot, 'test/compile/exclusiveGateway.rework.bpmn'), 'utf8'));
    const { rootElement } = (await sopModdle().fromXML(laidOut)) as { rootElement: El };
    const x = new Map(list((list(rootElement.diagrams)[0]?.plane as El).planeElement)
      .filter((di) => di.bounds).map((di) => [(di.bpmnElement as El).id, (di.bounds as Box).x]));
    const order = ['Start', 'Catat', 'Periksa', 'Lengkap', 'Disposisi', 'End'].map((id) => x.get(id) as number);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect((x.get('Disposisi') as number) - (x.get('Catat') as number)).toBe(3 * COLUMN);
  });

  it('replaces the DI it is given and lays out the same way twice', async () => {
    const once = await layoutDiagram(readFileSync(path.join(here, 'layoutDiagram.lanes.bpmn'), 'utf8'));
    const twice = await layoutDiagram(once);
    expect(twice).toBe(once);
    expect(await violations(twice)).toEqual([]);
  });

  it('has a checker that catches overlaps, nodes outside their lane and edges off their shapes', async () => {
    const laidOut = await layoutDiagram(readFileSync(path.join(repoRoot, 'test/compile/exclusiveGateway.rework.bpmn'), 'utf8'));
    const moddle = sopModdle();
    const { rootElement } = (await moddle.fromXML(laidOut)) as { rootElement: El };
    const di = new Map(list((list(rootElement.diagrams)[0]?.plane as El).planeElement).map((d) => [(d.bpmnElement as El).id, d]));
    const catat = di.get('Catat')?.bounds as Box;
    const periksa = di.get('Periksa')?.bounds as Box;
    catat.x = periksa.x - 20;
    (di.get('Disposisi')?.bounds as Box).y -= 130;
    (list(di.get('Flow_1')?.waypoint)[0] as unknown as { x: number }).x += 10;
    const broken = (await moddle.toXML(rootElement)).xml;
    expect(await violations(broken)).toEqual(expect.arrayContaining([
      'Catat overlaps Periksa', 'Disposisi lies outside its lane Lane_ketua', 'Flow_1 does not start on the border of Start',
    ]));
  });

  it('refuses XML that is not BPMN', async () => {
    await expect(layoutDiagram('<html/>')).rejects.toThrow();
  });

  const seed = seedBook();
  itWithFixture('lays out every SOP drafted from seed 004 by the rules', seed !== undefined, SEED_BOOK, async () => {
    const book = readSopBook(seed?.text ?? '');
    expect(book?.drafts.length).toBeGreaterThan(60);
    for (const draft of book?.drafts ?? []) {
      expect(await violations(await writeSopBpmn(draft)), draft.id).toEqual([]);
    }
  });
});

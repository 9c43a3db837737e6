/**
 * The catalogue's layout, as pure geometry: every SOP in processes/ laid out in memory (the files
 * are not written) must keep gateways' names clear of lines, give each branch of a decision its
 * own line with its label on it, and leave every byte outside `bpmndi:` as it was.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { layoutDiagram, relayoutDiagramText } from '../../src/bpmn/layoutDiagram.ts';
import { sopModdle } from '../../src/bpmn/readBpmn.ts';
import type { ModdleElement } from '../../src/bpmn/moddleElement.ts';

type El = ModdleElement;
interface Box { x: number; y: number; width: number; height: number }
interface Point { x: number; y: number }
interface Seg { a: Point; b: Point }

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const catalogue = readdirSync(path.join(root, 'processes'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.bpmn')).sort().map((f) => path.join('processes', f));
const list = (v: unknown) => (Array.isArray(v) ? (v as El[]) : []);
const withoutDi = (xml: string) => xml.replace(/[ \t]*<([\w.-]+:)?BPMNDiagram\b[\s\S]*<\/\1?BPMNDiagram>[ \t]*\r?\n?/, '');

/** Whether a segment runs through the inside of a box (touching its edge does not count). */
function crosses(s: Seg, b: Box): boolean {
  const [x1, x2] = [Math.min(s.a.x, s.b.x), Math.max(s.a.x, s.b.x)];
  const [y1, y2] = [Math.min(s.a.y, s.b.y), Math.max(s.a.y, s.b.y)];
  return x2 > b.x && x1 < b.x + b.width && y2 > b.y && y1 < b.y + b.height;
}

/** Whether two axis-parallel segments run along each other for more than 2 px. */
function share(p: Seg, q: Seg): boolean {
  const vertical = (s: Seg) => s.a.x === s.b.x;
  if (vertical(p) !== vertical(q)) return false;
  const [fixed, along] = vertical(p) ? (['x', 'y'] as const) : (['y', 'x'] as const);
  if (Math.abs(p.a[fixed] - q.a[fixed]) > 1) return false;
  const lo = Math.max(Math.min(p.a[along], p.b[along]), Math.min(q.a[along], q.b[along]));
  const hi = Math.min(Math.max(p.a[along], p.b[along]), Math.max(q.a[along], q.b[along]));
  return hi - lo > 2;
}

/** The gap between a box and a segment (0 when they touch or cross). */
function gap(b: Box, s: Seg): number {
  const dx = Math.max(0, Math.min(s.a.x, s.b.x) - (b.x + b.width), b.x - Math.max(s.a.x, s.b.x));
  const dy = Math.max(0, Math.min(s.a.y, s.b.y) - (b.y + b.height), b.y - Math.max(s.a.y, s.b.y));
  return Math.hypot(dx, dy);
}

/** Every break of the rules in one laid-out document, as readable lines. */
function problems(definitions: El): string[] {
  const found: string[] = [];
  for (const diagram of list(definitions.diagrams)) {
    const drawn = list((diagram.plane as El).planeElement);
    const flows = drawn.filter((di) => (di.bpmnElement as El).$type === 'bpmn:SequenceFlow').map((di) => {
      const points = list(di.waypoint) as unknown as Point[];
      return { di, flow: di.bpmnElement as El, segs: points.slice(1).map((b, i) => ({ a: points[i] as Point, b })) };
    });
    const gateways = drawn.filter((di) => /Gateway$/.test((di.bpmnElement as El).$type));
    for (const g of gateways) {
      const gateway = g.bpmnElement as El;
      const label = (g.label as El | undefined)?.bounds as Box | undefined;
      if (label) {
        for (const { flow, segs } of flows) if (segs.some((s) => crosses(s, label))) found.push(`${flow.id} crosses the name of ${gateway.id}`);
      }
      const out = flows.filter(({ flow }) => flow.sourceRef === gateway);
      if (gateway.$type === 'bpmn:ParallelGateway' && out.length > 3) continue; // a wide fan-out draws one trunk, as BPMN does
      for (const [i, p] of out.entries()) {
        for (const q of out.slice(i + 1)) {
          if (p.segs.some((s) => q.segs.some((t) => share(s, t)))) found.push(`${p.flow.id} and ${q.flow.id} share a line out of ${gateway.id}`);
        }
      }
    }
    for (const { di, flow, segs } of flows) {
      const label = (di.label as El | undefined)?.bounds as Box | undefined;
      const first = segs[0];
      if (!label || !first) continue;
      if (gap(label, first) > 8) found.push(`the label of ${flow.id} is not on its first segment`);
      // A line that crosses this flow's first segment itself must pass beside its label too: that is a crossing of two lines, not a misplaced label.
      const crossesFirst = (other: (typeof flows)[number]) => other.segs.some((s) => crosses(s, { x: Math.min(first.a.x, first.b.x), y: Math.min(first.a.y, first.b.y), width: Math.abs(first.b.x - first.a.x) || 1, height: Math.abs(first.b.y - first.a.y) || 1 }));
      // A sibling branch through a label makes the label read as that branch's (the complaint). A line from
      // elsewhere passing through a label is left alone: in a crowded macro no place beside the line may be free of one.
      for (const other of flows) {
        if (other.flow === flow || other.flow.sourceRef !== flow.sourceRef || crossesFirst(other)) continue;
        if (other.segs.some((s) => crosses(s, label))) found.push(`${other.flow.id} runs through the label of ${flow.id}, its sibling branch`);
      }
    }
    // A name laid over another shape (a task, an event, a gateway) or over another name hides one of the two.
    const overlap = (p: Box, q: Box) => p.x < q.x + q.width - 2 && q.x < p.x + p.width - 2 && p.y < q.y + q.height - 2 && q.y < p.y + p.height - 2;
    const solids = drawn.filter((di) => di.bounds && !/^bpmn:(?:Participant|Lane)$/.test((di.bpmnElement as El).$type));
    const labelled = drawn.filter((di) => (di.label as El | undefined)?.bounds);
    for (const [i, di] of labelled.entries()) {
      const label = (di.label as El).bounds as Box;
      for (const other of solids) {
        if (other !== di && overlap(label, other.bounds as unknown as Box)) found.push(`the name of ${(di.bpmnElement as El).id} lies over ${(other.bpmnElement as El).id}`);
      }
      for (const other of labelled.slice(i + 1)) {
        if (overlap(label, (other.label as El).bounds as Box)) found.push(`the names of ${(di.bpmnElement as El).id} and ${(other.bpmnElement as El).id} lie over each other`);
      }
    }
  }
  return found;
}

describe('the catalogue laid out (in memory)', () => {
  it('holds SOPs to lay out', () => expect(catalogue.length).toBeGreaterThan(60));

  it.each(catalogue)('%s: names clear of lines, one line and label per branch, semantics byte-identical', async (file) => {
    const xml = readFileSync(path.join(root, file), 'utf8');
    const laidOut = await relayoutDiagramText(xml);
    expect(withoutDi(laidOut)).toBe(withoutDi(xml));
    const { rootElement, warnings } = (await sopModdle().fromXML(laidOut)) as { rootElement: El; warnings: unknown[] };
    expect(warnings).toEqual([]);
    expect(problems(rootElement)).toEqual([]);
  });

  it('has a checker that sees a line through a gateway name, a shared branch line and a stray label', async () => {
    const xml = await layoutDiagram(readFileSync(path.join(root, 'test/compile/exclusiveGateway.rework.bpmn'), 'utf8'));
    const { rootElement } = (await sopModdle().fromXML(xml)) as { rootElement: El };
    const drawn = list((list(rootElement.diagrams)[0]?.plane as El).planeElement);
    const gatewayDi = drawn.find((di) => /Gateway$/.test((di.bpmnElement as El).$type)) as El;
    const gateway = gatewayDi.bpmnElement as El;
    const out = drawn.filter((di) => (di.bpmnElement as El).sourceRef === gateway);
    expect(out.length).toBeGreaterThanOrEqual(2);
    const [p, q] = out as [El, El];
    const pts = (di: El) => list(di.waypoint) as unknown as Point[];
    // The second branch made to start along the first's first segment; a label moved off its line; a name under a line.
    const [a, b] = pts(p) as [Point, Point];
    (pts(q) as Point[]).splice(0, 1, { ...a }, { ...b });
    const labelled = drawn.find((di) => di.label && (di.bpmnElement as El).$type === 'bpmn:SequenceFlow');
    if (labelled) ((labelled.label as El).bounds as Box).x += 300;
    gatewayDi.label = { bounds: { x: a.x - 5, y: a.y - 5, width: 40, height: 10 } } as unknown as El;
    const found = problems(rootElement);
    expect(found).toContain(`${(p.bpmnElement as El).id} crosses the name of ${gateway.id}`);
    expect(found.some((line) => line.includes('share a line out of'))).toBe(true);
    if (labelled) expect(found.some((line) => line.includes('is not on its first segment'))).toBe(true);
  });
});

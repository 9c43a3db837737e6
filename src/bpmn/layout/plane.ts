/**
 * One drawing surface (a collaboration or process with its pools, or a collapsed sub-process):
 * its shapes and edges, and — once everything is routed — the boxes of their external labels,
 * each put where no line runs through it: a branch's name on its own first segment, a gateway's
 * or an event's name on the side of the shape that its flows leave free.
 */
import type { ModdleElement } from '../moddleElement.ts';
import { boxesOverlap, segmentHits, wrappedLines, type Box, type Factory, type Point, type Segment } from './geometry.ts';

interface Drawn { el: ModdleElement; di: ModdleElement; box?: Box; points?: Point[] }

const nameOf = (el: ModdleElement) => (typeof el.name === 'string' ? el.name.trim() : '');
const LINE = 14;

/** The size bpmn-js needs to show a name: node labels 90 px wide (about 15 characters a line), flow labels up to 120 px. */
function labelSize(el: ModdleElement, name: string): { width: number; height: number } {
  if (el.$type === 'bpmn:SequenceFlow' || el.$type === 'bpmn:MessageFlow') {
    const width = Math.min(120, 7 * name.length + 4);
    return { width, height: LINE * Math.min(3, Math.ceil((7 * name.length + 4) / 120)) };
  }
  return { width: 90, height: LINE * wrappedLines(name, 15) };
}

/** A flow's label sizes to try, widest first: its usual size, then wrapped at its longest word (bpmn-js wraps a label to its box). */
function labelSizes(el: ModdleElement, name: string): { width: number; height: number }[] {
  const usual = labelSize(el, name);
  const longest = Math.max(...name.split(/\s+/).map((word) => word.length));
  const width = 7 * longest + 4;
  if (width >= usual.width) return [usual];
  return [usual, { width, height: LINE * wrappedLines(name, longest) }];
}

export class Plane {
  readonly shapes: ModdleElement[] = [];
  readonly boxes = new Map<ModdleElement, Box>();
  /** Segments of the flows routed so far, so later flows can keep off them. */
  readonly segments: Segment[] = [];
  private readonly drawn: Drawn[] = [];
  constructor(private readonly f: Factory) {}

  addShape(el: ModdleElement, box: Box, extra: Record<string, unknown> = {}): void {
    if (!el.id) return;
    this.boxes.set(el, box);
    const di = this.f.create('bpmndi:BPMNShape', { id: `${el.id}_di`, bpmnElement: el, bounds: this.bounds(box), ...extra });
    this.drawn.push({ el, di, box });
    this.shapes.push(di);
  }

  addEdge(el: ModdleElement, points: Point[]): void {
    if (!el.id) return;
    const di = this.f.create('bpmndi:BPMNEdge', {
      id: `${el.id}_di`, bpmnElement: el,
      waypoint: points.map((p) => this.f.create('dc:Point', { x: Math.round(p.x), y: Math.round(p.y) })),
    });
    this.drawn.push({ el, di, points: points.map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) })) });
    this.shapes.push(di);
  }

  /** Gives every named flow, event, gateway and data element its label box; call once, after all edges. */
  placeLabels(): void {
    const lines = this.drawn.flatMap(({ el, points }) => (points ?? []).slice(1).map((b, i) => ({ el, a: points?.[i] as Point, b })));
    const solids = this.drawn.filter((d) => d.box && !/^bpmn:(?:Participant|Lane)$/.test(d.el.$type)).map((d) => d.box as Box);
    const placed: Box[] = [];
    const score = (box: Box, own: ModdleElement, ownShape?: Box) => {
      let total = 0;
      const source = own.sourceRef as ModdleElement | undefined;
      for (const line of lines) {
        if (line.el === own || !segmentHits(line.a, line.b, { x: box.x - 2, y: box.y - 2, width: box.width + 4, height: box.height + 4 }, 0)) continue;
        // A sibling branch through the label would make it read as that branch's, and a line through a
        // gateway's question cuts it: worse than anything else.
        total += (source && line.el.sourceRef === source) || /Gateway$/.test(own.$type) ? 40 : 10;
      }
      // A name over a shape hides one of them: worse than a line from elsewhere through it.
      for (const solid of solids) if (solid !== ownShape && boxesOverlap(box, solid, 2)) total += 30;
      for (const other of placed) if (boxesOverlap(box, other, 2)) total += 30;
      return total;
    };
    const choose = (d: Drawn, candidates: Box[]) => {
      let best = candidates[0] as Box;
      let lowest = Infinity;
      for (const c of candidates) {
        const s = score(c, d.el, d.box);
        if (s < lowest) [best, lowest] = [c, s];
      }
      placed.push(best);
      d.di.label = this.f.create('bpmndi:BPMNLabel', { bounds: this.bounds(best) });
    };
    for (const d of this.drawn) {
      const name = nameOf(d.el);
      const [a, b] = d.points ?? [];
      if (!name || !a || !b) continue;
      // Near the start of the first segment, else further along it (every 12 px): always beside its own line.
      const along = (from: number, to: number) => {
        const steps = Math.max(0, Math.floor((to - from) / 12));
        return [from, ...Array.from({ length: Math.min(steps, 12) }, (_, i) => from + ((i + 1) * (to - from)) / Math.min(steps, 12)), to];
      };
      // The name on one or two lines, or wrapped as narrow as its longest word: a short segment between two shapes has room for that.
      const candidates = labelSizes(d.el, name).flatMap(({ width: w, height: h }) => {
        if (a.y === b.y) {
          // A label longer than a short segment may also hang back over its start, ending before the next bend.
          const xs = b.x >= a.x ? [...along(a.x + 6, Math.max(a.x + 6, b.x - w - 6)), b.x - w - 6] : [...along(a.x - w - 6, Math.min(a.x - w - 6, b.x + 6)), b.x + 6];
          return xs.flatMap((x) => [{ x, y: a.y - h - 3, width: w, height: h }, { x, y: a.y + 3, width: w, height: h }]);
        }
        const ys = b.y >= a.y ? along(a.y + 6, Math.max(a.y + 6, b.y - h - 6)) : along(a.y - h - 6, Math.min(a.y - h - 6, b.y + 6));
        return ys.flatMap((y) => [{ x: a.x + 4, y, width: w, height: h }, { x: a.x - w - 4, y, width: w, height: h }]);
      });
      choose(d, candidates);
    }
    // Gateways first: a question must sit by its diamond, an event's name can move further round its circle.
    const gatewaysFirst = [...this.drawn].sort((p, q) => Number(!/Gateway$/.test(p.el.$type)) - Number(!/Gateway$/.test(q.el.$type)));
    for (const d of gatewaysFirst) {
      const name = nameOf(d.el);
      if (!name || !d.box || !(/Event$|Gateway$/.test(d.el.$type) || /^bpmn:Data/.test(d.el.$type))) continue;
      const { width: w, height: h } = labelSize(d.el, name);
      const { x, y, width, height } = d.box;
      const cx = x + width / 2;
      const cy = y + height / 2;
      choose(d, [
        { x: cx - w / 2, y: y + height + 5, width: w, height: h },
        { x: cx - w / 2, y: y - h - 5, width: w, height: h },
        { x: x - w + 4, y: y - h - 2, width: w, height: h },
        { x: x - w + 4, y: y + height + 2, width: w, height: h },
        { x: x + width - 4, y: y - h - 2, width: w, height: h },
        { x: x + width - 4, y: y + height + 2, width: w, height: h },
        { x: x - w - 6, y: cy - h / 2, width: w, height: h },
        { x: x + width + 6, y: cy - h / 2, width: w, height: h },
        { x: x - w - 6, y: y - h - 20, width: w, height: h },
        { x: x + width + 6, y: y - h - 20, width: w, height: h },
        { x: x - w - 6, y: y + height + 20, width: w, height: h },
        { x: x + width + 6, y: y + height + 20, width: w, height: h },
        // Further out, when every near place is crossed.
        ...[40, 70].flatMap((gap) => [
          { x: cx - w / 2, y: y - h - gap, width: w, height: h },
          { x: cx - w / 2, y: y + height + gap, width: w, height: h },
          { x: x - w - gap, y: cy - h / 2, width: w, height: h },
          { x: x + width + gap, y: cy - h / 2, width: w, height: h },
        ]),
      ]);
    }
  }

  private bounds(b: Box): ModdleElement {
    return this.f.create('dc:Bounds', { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) });
  }
}

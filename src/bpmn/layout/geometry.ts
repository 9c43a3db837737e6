/** The shared geometry of the lane-aware layout: sizes, grid constants, boxes and segments. */
import type { ModdleElement } from '../moddleElement.ts';

export interface Box { x: number; y: number; width: number; height: number }
export interface Point { x: number; y: number }
export interface Segment { a: Point; b: Point; source: ModdleElement; target: ModdleElement; back: boolean; flow?: ModdleElement }
export type Factory = { create(type: string, attrs?: Record<string, unknown>): ModdleElement };

export const COLUMN = 160;
export const ROW = 130;
export const POOL_HEADER = 30;
export const LANE_HEADER = 30;
export const ORIGIN = { x: 100, y: 60 };
export const POOL_GAP = 60;
/**
 * The widest a pool's content may grow before its columns wrap into a further tier below: a pool
 * of this width fits a 1366 px screen at zoom 0.8 (1366 / 0.8 ≈ 1707, less margins).
 */
export const MAX_POOL_WIDTH = 1600;
/** The most nodes one lane stacks in one column; more (a wide parallel fan-out) spill into a further column. */
export const MAX_ROWS_PER_CELL = 4;
export const FLOW_NODE = /Task$|Event$|Gateway$|SubProcess$|^bpmn:Transaction$|^bpmn:CallActivity$/;
export const SCOPE = /SubProcess$|^bpmn:Transaction$/;
export const ARTIFACT = /^bpmn:(?:TextAnnotation|DataObjectReference|DataStoreReference)$/;

/** How many lines bpmn-js wraps a name into at about `perLine` characters a line, breaking between words. */
export function wrappedLines(name: string, perLine: number): number {
  let lines = 1;
  let used = 0;
  for (const word of name.split(/\s+/).filter(Boolean)) {
    const wanted = used === 0 ? word.length : used + 1 + word.length;
    if (used > 0 && wanted > perLine) {
      lines += 1 + Math.floor((word.length - 1) / perLine);
      used = word.length % perLine || perLine;
    } else used = wanted;
  }
  return lines;
}

export function sizeOf(el: ModdleElement): { width: number; height: number } {
  if (/Event$/.test(el.$type)) return { width: 36, height: 36 };
  if (/Gateway$/.test(el.$type)) return { width: 50, height: 50 };
  if (el.$type === 'bpmn:TextAnnotation') return { width: 100, height: 30 };
  if (/^bpmn:Data(?:Object|Store)Reference$/.test(el.$type)) return { width: 36, height: 50 };
  // A task is as tall as its name needs (bpmn-js wraps it at about 14 characters a line inside the
  // box), so a long book row does not spill over the edges: 80 px up to four lines, then 14 px a line.
  const name = typeof el.name === 'string' ? el.name.trim() : '';
  return { width: 100, height: Math.min(ROW - 20, Math.max(80, 14 * wrappedLines(name, 14) + 24)) };
}

export const mid = (b: Box): Point => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
export const side = {
  left: (b: Box): Point => ({ x: b.x, y: b.y + b.height / 2 }),
  right: (b: Box): Point => ({ x: b.x + b.width, y: b.y + b.height / 2 }),
  top: (b: Box): Point => ({ x: b.x + b.width / 2, y: b.y }),
  bottom: (b: Box): Point => ({ x: b.x + b.width / 2, y: b.y + b.height }),
};

/** Whether a segment passes through a box (touching its border within `inset` does not count). */
export function segmentHits(a: Point, b: Point, box: Box, inset = 2): boolean {
  const [x1, x2] = [Math.min(a.x, b.x), Math.max(a.x, b.x)];
  const [y1, y2] = [Math.min(a.y, b.y), Math.max(a.y, b.y)];
  return x2 > box.x + inset && x1 < box.x + box.width - inset && y2 > box.y + inset && y1 < box.y + box.height - inset;
}

/** Whether two axis-parallel segments run along each other for more than a couple of pixels. */
export function overlaps(a: { a: Point; b: Point }, b: { a: Point; b: Point }): boolean {
  const vertical = (s: { a: Point; b: Point }) => s.a.x === s.b.x;
  if (vertical(a) !== vertical(b)) return false;
  const [fixed, lo, hi] = vertical(a) ? ['x', 'y', 'y'] as const : ['y', 'x', 'x'] as const;
  if (Math.abs(a.a[fixed] - b.a[fixed]) > 1) return false;
  const overlap = Math.min(Math.max(a.a[hi], a.b[hi]), Math.max(b.a[hi], b.b[hi])) - Math.max(Math.min(a.a[lo], a.b[lo]), Math.min(b.a[lo], b.b[lo]));
  return overlap > 2;
}

export function boxesOverlap(a: Box, b: Box, margin = 0): boolean {
  return a.x < b.x + b.width + margin && b.x < a.x + a.width + margin && a.y < b.y + b.height + margin && b.y < a.y + a.height + margin;
}

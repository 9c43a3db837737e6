/**
 * The arrows of the flowchart: each link drawn as right-angled lines between symbols on one
 * page, or to an off-page connector at the bottom of its page and from the matching connector
 * at the top of the page where its target stands. Vertical runs that would cross a symbol go
 * along the edge of the column instead.
 */
import type { FlowTable } from './flowRows.ts';
import type { FlowLayout, FlowPage } from './flowchartLayout.ts';
import { PAGE, STRIP } from './flowchartLayout.ts';

/** A symbol's box: centre, half width, half height, column. */
export interface Box { x: number; y: number; hw: number; hh: number; column: number; /** A height below the symbol, inside its row, where a bottom exit turns. */ gap: number }

export interface Arrow { page: number; points: [number, number][]; label?: string; labelAt?: { x: number; y: number; anchor: 'start' | 'end' } }
export interface Connector { page: number; x: number; y: number; edge: 'top' | 'bottom'; mark: string }

export interface Routes { boxes: (Box & { page: number })[]; arrows: Arrow[]; connectors: Connector[] }

const CONNECTOR = 3;

/** The symbol box of each row on its first segment's page. */
export function symbolBoxes(table: FlowTable, layout: FlowLayout): (Box & { page: number })[] {
  const boxes: (Box & { page: number })[] = [];
  layout.pages.forEach((page, p) => {
    for (const segment of page.segments) {
      if (!segment.first) continue;
      const row = table.rows[segment.row];
      if (!row) continue;
      const left = layout.columns.x.lanes[row.column] as number;
      const width = layout.columns.lanes[row.column] as number;
      const hw = row.symbol === 'decision' ? Math.min(width - 5, 14) / 2 : Math.min(width - 5, 20) / 2;
      const hh = row.symbol === 'decision' ? 4.5 : row.symbol === 'terminator' ? 3.5 : 4;
      const y = segment.y + Math.min(segment.height / 2, 9);
      boxes[segment.row] = { page: p, x: left + width / 2, y, hw, hh, column: row.column, gap: Math.min(y + hh + 3, segment.y + segment.height - 1) };
    }
  });
  return boxes;
}

/** Builds every arrow and connector. */
export function route(table: FlowTable, layout: FlowLayout): Routes {
  const boxes = symbolBoxes(table, layout);
  const arrows: Arrow[] = [];
  const connectors: Connector[] = [];
  const lanes = layout.columns;
  const channels = new Map<string, number>();
  const usedPorts = new Map<number, Set<string>>();
  let marks = 0;
  const pairs = new Map<string, { mark: string; out: Box }>();

  /** The x of a free run along the edge of a column. */
  const channel = (page: number, column: number, side: 'left' | 'right') => {
    const key = `${page}:${column}:${side}`;
    const k = channels.get(key) ?? 0;
    channels.set(key, k + 1);
    const offset = 1.2 + (k % 3) * 0.9;
    const left = lanes.x.lanes[column] as number;
    return side === 'left' ? left + offset : left + (lanes.lanes[column] as number) - offset;
  };
  /** Whether a symbol other than the two ends stands in the column between two heights on the page. */
  const blocked = (page: number, column: number, y1: number, y2: number, ends: Box[]) =>
    boxes.some((b) => b && b.page === page && b.column === column && !ends.includes(b) && b.y > Math.min(y1, y2) && b.y < Math.max(y1, y2));
  const takePort = (row: number | undefined, port: string) => {
    if (row === undefined) return true;
    const used = usedPorts.get(row) ?? new Set<string>();
    usedPorts.set(row, used);
    if (used.has(port)) return false;
    used.add(port);
    return true;
  };

  /** Right-angled lines from one box to another on the same page, leaving by a port not yet used. */
  const path = (page: number, from: Box, to: Box, fromRow?: number): Omit<Arrow, 'page' | 'label'> & { port: string } => {
    const down = to.y > from.y;
    const side = to.x > from.x ? 'right' : to.x < from.x ? 'left' : 'right';
    const clear = down && !blocked(page, to.column, from.y, to.y, [from, to]);
    if (from.column === to.column && clear && takePort(fromRow, 'bottom')) {
      if (Math.abs(from.x - to.x) < 0.1) return { port: 'bottom', points: [[from.x, from.y + from.hh], [to.x, to.y - to.hh]] };
      const turn = to.y - to.hh - 2;
      return { port: 'bottom', points: [[from.x, from.y + from.hh], [from.x, turn], [to.x, turn], [to.x, to.y - to.hh]] };
    }
    // Leave by the side facing the target, else by the bottom into the gap under the symbol, else the other side.
    const other = side === 'right' ? 'left' : 'right';
    const port = from.column !== to.column && takePort(fromRow, side) ? side
      : takePort(fromRow, 'bottom') ? 'bottom' : takePort(fromRow, side) ? side : (takePort(fromRow, other), other);
    const start: [number, number][] = port === 'bottom'
      ? [[from.x, from.y + from.hh], [from.x, from.gap]]
      : [[port === 'right' ? from.x + from.hw : from.x - from.hw, from.y]];
    const y = (start.at(-1) as [number, number])[1];
    if (from.column !== to.column && clear) return { port, points: [...start, [to.x, y], [to.x, to.y - to.hh]] };
    // Along the edge of the target's column facing the way in, then into the target's side.
    const facing = from.column === to.column ? (port === 'left' ? 'left' : 'right') : side === 'right' ? 'left' : 'right';
    const cx = channel(page, to.column, facing);
    const tx = facing === 'left' ? to.x - to.hw : to.x + to.hw;
    return { port, points: [...start, [cx, y], [cx, to.y], [tx, to.y]] };
  };

  const labelFor = (points: [number, number][], port: string, label: string | undefined) => {
    if (!label) return {};
    const [x, y] = points[0] as [number, number];
    if (port === 'bottom') return { label, labelAt: { x: x + 1.2, y: y + 2.6, anchor: 'start' as const } };
    return { label, labelAt: { x: port === 'right' ? x + 1 : x - 1, y: y - 1, anchor: port === 'right' ? 'start' as const : 'end' as const } };
  };

  const connectorBox = (page: FlowPage, p: number, column: number, edge: 'top' | 'bottom', mark: string): Box => {
    const y = edge === 'top' ? page.bodyTop + STRIP / 2 : PAGE.height - STRIP / 2;
    const siblings = connectors.filter((c) => c.page === p && c.edge === edge && c.x >= (lanes.x.lanes[column] as number) && c.x < (lanes.x.lanes[column] as number) + (lanes.lanes[column] as number)).length;
    const x = (lanes.x.lanes[column] as number) + (lanes.lanes[column] as number) / 2 + (siblings % 2 === 0 ? 1 : -1) * Math.ceil(siblings / 2) * 7;
    connectors.push({ page: p, x, y, edge, mark });
    return { x, y, hw: CONNECTOR, hh: CONNECTOR, column, gap: y + CONNECTOR + 2 };
  };

  for (const link of table.links) {
    const from = boxes[link.from];
    const to = boxes[link.to];
    if (!from || !to || link.from === link.to) continue;
    if (from.page === to.page) {
      const { port, points } = path(from.page, from, to, link.from);
      arrows.push({ page: from.page, points, ...labelFor(points, port, link.label) });
      continue;
    }
    // Arrows from one page and column to the same row share one pair of connectors.
    const key = `${from.page}:${from.column}>${link.to}`;
    const shared = pairs.get(key);
    const mark = shared?.mark ?? markOf(marks++);
    const out = shared?.out ?? connectorBox(layout.pages[from.page] as FlowPage, from.page, from.column, 'bottom', mark);
    const first = path(from.page, from, out, link.from);
    arrows.push({ page: from.page, points: first.points, ...labelFor(first.points, first.port, link.label) });
    if (shared) continue;
    pairs.set(key, { mark, out });
    const into = connectorBox(layout.pages[to.page] as FlowPage, to.page, to.column, 'top', mark);
    arrows.push({ page: to.page, points: path(to.page, into, to).points });
  }
  return { boxes, arrows, connectors };
}

/** A, B, … Z, AA, AB …: the mark pairing an off-page connector with its other half. */
function markOf(n: number): string {
  const letter = String.fromCharCode(65 + (n % 26));
  return n < 26 ? letter : markOf(Math.floor(n / 26) - 1) + letter;
}

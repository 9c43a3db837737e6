/**
 * Lays the flowchart table out on A4 landscape pages (millimetres): column widths from the
 * number of pelaksana, each row as tall as its longest wrapped text, rows placed page by page.
 * A row too tall for a page continues on the next with the rest of its text. Deterministic, so
 * the HTML a browser prints and the PDF are the same pages, and tests can read them.
 */
import type { FlowTable } from './flowRows.ts';
import { wrapText } from './textLines.ts';

export const PAGE = { width: 277, height: 190 };
export const FONT = { body: 2.6, line: 3.2, header: 2.5, headerLine: 3.0, title: 3.4 };
export const TITLE_HEIGHT = 8;
export const NUMBER_ROW = 4.5;
export const GROUP_ROW = 6;
/** The band at the top or bottom of a page where off-page connectors stand. */
export const STRIP = 11;
const MIN_ROW = 15;
const PAD = 1.3;

export type TextColumn = 'no' | 'kegiatan' | 'kelengkapan' | 'waktu' | 'output' | 'keterangan';
export interface Line { text: string; italic?: boolean }

export interface Columns {
  no: number; kegiatan: number; lanes: number[]; kelengkapan: number; waktu: number; output: number; keterangan: number;
  /** Left edge of each column, in print order. */
  x: { no: number; kegiatan: number; lanes: number[]; kelengkapan: number; waktu: number; output: number; keterangan: number; end: number };
}

export interface Segment {
  row: number;
  /** The row's first (or only) part: the one that carries its symbol. */
  first: boolean;
  y: number;
  height: number;
  lines: Record<TextColumn, Line[]>;
}

export interface FlowPage {
  segments: Segment[];
  /** Whether the page has a connector band above its rows (pages after the first) or below (pages before the last). */
  top: boolean;
  bottom: boolean;
  /** Where the rows begin and the body ends. */
  bodyTop: number;
  bodyBottom: number;
}

export interface FlowLayout {
  columns: Columns;
  headerHeight: number;
  laneNames: Line[][];
  pages: FlowPage[];
}

const BASE = { kegiatan: 55, kelengkapan: 30, waktu: 20, output: 30, keterangan: 44 };
const NO_WIDTH = 8;
const LANE_MIN = 20;
const LANE_MAX = 40;

/** Column widths: the pelaksana share what the text columns leave, between 20 and 40 mm each. */
export function columnsFor(laneCount: number): Columns {
  const baseTotal = Object.values(BASE).reduce((a, b) => a + b, 0);
  const room = PAGE.width - NO_WIDTH;
  let lane = Math.min(LANE_MAX, (room - baseTotal) / laneCount);
  if (lane < LANE_MIN) lane = Math.max(14, Math.min(LANE_MIN, room * 0.6 / laneCount));
  const scale = (room - lane * laneCount) / baseTotal;
  const w = { kegiatan: BASE.kegiatan * scale, kelengkapan: BASE.kelengkapan * scale, waktu: BASE.waktu * scale, output: BASE.output * scale, keterangan: BASE.keterangan * scale };
  const lanes = Array.from({ length: laneCount }, () => lane);
  let x = 0;
  const at = (width: number) => { const left = x; x += width; return left; };
  const xs = {
    no: at(NO_WIDTH), kegiatan: at(w.kegiatan), lanes: lanes.map((width) => at(width)),
    kelengkapan: at(w.kelengkapan), waktu: at(w.waktu), output: at(w.output), keterangan: at(w.keterangan), end: 0,
  };
  xs.end = x;
  return { no: NO_WIDTH, ...w, lanes, x: xs };
}

const plain = (lines: string[]): Line[] => lines.map((text) => ({ text }));

/** Every text column of a row, wrapped to its width. */
function rowLines(table: FlowTable, index: number, columns: Columns): Record<TextColumn, Line[]> {
  const row = table.rows[index];
  if (!row) throw new Error(`baris ${index} tidak ada`);
  const width = (w: number) => w - 2 * PAD;
  const wrap = (text: string, w: number) => plain(wrapText(text, width(w), FONT.body));
  return {
    no: wrap(row.no, columns.no),
    kegiatan: [...wrap(row.kegiatan, columns.kegiatan),
      ...wrapText(row.question, width(columns.kegiatan), FONT.body).map((text) => ({ text, italic: true }))],
    kelengkapan: wrap(row.kelengkapan, columns.kelengkapan),
    waktu: wrap(row.waktu, columns.waktu),
    output: wrap(row.output, columns.output),
    keterangan: wrap(row.keterangan, columns.keterangan),
  };
}

const heightOf = (lineCount: number) => Math.max(MIN_ROW, lineCount * FONT.line + 2 * PAD + 0.8);
const mostLines = (lines: Record<TextColumn, Line[]>) => Math.max(0, ...Object.values(lines).map((l) => l.length));

/** Lays the table out: header height from the wrapped lane names, rows page by page. */
export function layOut(table: FlowTable): FlowLayout {
  const columns = columnsFor(table.columns.length);
  const laneNames = table.columns.map((column, i) => plain(wrapText(column.name, (columns.lanes[i] as number) - 2, FONT.header, true)));
  const headerLines = Math.max(2, ...laneNames.map((l) => l.length));
  const headerHeight = GROUP_ROW + Math.max(7, headerLines * FONT.headerLine + 2) + NUMBER_ROW;
  const bodyTop = TITLE_HEIGHT + headerHeight;
  const pages: FlowPage[] = [];
  let page: FlowPage = { segments: [], top: false, bottom: false, bodyTop, bodyBottom: PAGE.height };
  pages.push(page);
  // Room is judged with a bottom band reserved: the last page gives it back afterwards.
  const roomOn = (p: FlowPage) => PAGE.height - STRIP - (p.segments.length ? p.segments.at(-1)!.y + p.segments.at(-1)!.height : p.bodyTop + (p.top ? STRIP : 0));
  const newPage = () => {
    page.bottom = true;
    page = { segments: [], top: true, bottom: false, bodyTop, bodyBottom: PAGE.height };
    pages.push(page);
  };
  for (let index = 0; index < table.rows.length; index++) {
    let lines = rowLines(table, index, columns);
    let first = true;
    for (;;) {
      const height = heightOf(mostLines(lines));
      if (height > roomOn(page) && page.segments.length > 0) newPage();
      const room = roomOn(page);
      const y = PAGE.height - STRIP - room;
      if (height <= room) {
        page.segments.push({ row: index, first, y, height, lines });
        break;
      }
      // Taller than a whole page: what fits here, the rest on the next page.
      const fit = Math.max(1, Math.floor((room - 2 * PAD - 0.8) / FONT.line));
      const head = Object.fromEntries(Object.entries(lines).map(([k, l]) => [k, l.slice(0, fit)])) as Record<TextColumn, Line[]>;
      page.segments.push({ row: index, first, y, height: room, lines: head });
      lines = Object.fromEntries(Object.entries(lines).map(([k, l]) => [k, l.slice(fit)])) as Record<TextColumn, Line[]>;
      first = false;
      newPage();
    }
  }
  // Pages that continue end above their bottom band; the last page's rows may use it.
  for (const p of pages) {
    const last = p.segments.at(-1);
    p.bodyBottom = p.bottom ? PAGE.height : last ? last.y + last.height : p.bodyTop;
  }
  return { columns, headerHeight, laneNames, pages };
}

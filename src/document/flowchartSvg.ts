/**
 * Draws each page of the flowchart table as one SVG in millimetres: the title line, the
 * two-level header (Pelaksana over the lanes, Mutu Baku over Kelengkapan, Waktu and Output), the
 * column-number row, the rows with their text, and in the pelaksana columns the standard's
 * symbols — terminator capsule, activity rectangle, decision diamond — joined by arrows, with
 * off-page connectors (a pentagon pointing down, the same letter at both ends) where an arrow
 * leaves its page.
 */
import { escapeXml, mm } from './escape.ts';
import type { FlowTable } from './flowRows.ts';
import { FONT, GROUP_ROW, NUMBER_ROW, PAGE, STRIP, TITLE_HEIGHT, layOut, type FlowLayout, type Line, type TextColumn } from './flowchartLayout.ts';
import { route, type Arrow, type Box, type Connector } from './flowchartRoutes.ts';

const PAD = 1.3;

function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${mm(x)}" y="${mm(y)}"${attrs ? ` ${attrs}` : ''}>${escapeXml(content)}</text>`;
}

/** Lines of text from a top edge, left-aligned or centred in a cell. */
function lines(list: Line[], left: number, width: number, top: number, size: number, step: number, centre = false): string {
  return list.map((line, i) => text(centre ? left + width / 2 : left + PAD, top + PAD + size * 0.85 + i * step, line.text,
    `${centre ? 'text-anchor="middle" ' : ''}${line.italic ? 'font-style="italic" ' : ''}font-size="${size}"`.trim())).join('');
}

const line = (x1: number, y1: number, x2: number, y2: number, cls = 'garis') => `<line class="${cls}" x1="${mm(x1)}" y1="${mm(y1)}" x2="${mm(x2)}" y2="${mm(y2)}"/>`;
const rect = (x: number, y: number, w: number, h: number, cls: string) => `<rect class="${cls}" x="${mm(x)}" y="${mm(y)}" width="${mm(w)}" height="${mm(h)}"/>`;

/** The header: group row, sub-header row with lane names and the mutu baku parts, number row. */
function header(table: FlowTable, layout: FlowLayout): string {
  const { columns: c, laneNames, headerHeight } = layout;
  const top = TITLE_HEIGHT;
  const subTop = top + GROUP_ROW;
  const numberTop = top + headerHeight - NUMBER_ROW;
  const parts: string[] = [rect(0, top, c.x.end, headerHeight, 'kepala')];
  const whole = (x: number, w: number, label: string) => [line(x, top, x, top + headerHeight),
    lines([{ text: label }], x, w, top + (headerHeight - NUMBER_ROW) / 2 - FONT.header, FONT.header, FONT.headerLine, true)].join('');
  parts.push(whole(c.x.no, c.no, 'No'), whole(c.x.kegiatan, c.kegiatan, 'Kegiatan'), whole(c.x.keterangan, c.keterangan, 'Keterangan'));
  const laneLeft = c.x.lanes[0] ?? c.x.kelengkapan;
  parts.push(line(laneLeft, top, laneLeft, top + headerHeight), line(laneLeft, subTop, c.x.keterangan, subTop));
  parts.push(lines([{ text: 'Pelaksana' }], laneLeft, c.x.kelengkapan - laneLeft, top + 0.6, FONT.header, FONT.headerLine, true));
  parts.push(line(c.x.kelengkapan, top, c.x.kelengkapan, top + headerHeight));
  parts.push(lines([{ text: 'Mutu Baku' }], c.x.kelengkapan, c.x.keterangan - c.x.kelengkapan, top + 0.6, FONT.header, FONT.headerLine, true));
  table.columns.forEach((_, i) => {
    const x = c.x.lanes[i] as number;
    parts.push(line(x, subTop, x, top + headerHeight), lines(laneNames[i] as Line[], x, c.lanes[i] as number, subTop, FONT.header, FONT.headerLine, true));
  });
  for (const [key, label] of [['kelengkapan', 'Kelengkapan'], ['waktu', 'Waktu'], ['output', 'Output']] as const) {
    parts.push(line(c.x[key], subTop, c.x[key], top + headerHeight), lines([{ text: label }], c.x[key], c[key], subTop, FONT.header, FONT.headerLine, true));
  }
  parts.push(line(0, numberTop, c.x.end, numberTop));
  const lefts = [c.x.no, c.x.kegiatan, ...c.x.lanes, c.x.kelengkapan, c.x.waktu, c.x.output, c.x.keterangan, c.x.end];
  for (let i = 0; i < lefts.length - 1; i++) {
    parts.push(text(((lefts[i] as number) + (lefts[i + 1] as number)) / 2, numberTop + NUMBER_ROW - 1.2, String(i + 1), `text-anchor="middle" font-size="${FONT.header - 0.3}"`));
  }
  return `<g class="kepala-tabel">${parts.join('')}</g>`;
}

function symbol(box: Box, kind: string, label?: string): string {
  const { x, y, hw, hh } = box;
  if (kind === 'decision') {
    return `<polygon class="simbol keputusan" points="${mm(x)},${mm(y - hh)} ${mm(x + hw)},${mm(y)} ${mm(x)},${mm(y + hh)} ${mm(x - hw)},${mm(y)}"/>`;
  }
  if (kind === 'terminator') {
    return `<rect class="simbol terminator" x="${mm(x - hw)}" y="${mm(y - hh)}" width="${mm(2 * hw)}" height="${mm(2 * hh)}" rx="${mm(hh)}"/>`
      + (label ? text(x, y + 0.9, label, `text-anchor="middle" font-size="${FONT.header}"`) : '');
  }
  return `<rect class="simbol kegiatan" x="${mm(x - hw)}" y="${mm(y - hh)}" width="${mm(2 * hw)}" height="${mm(2 * hh)}"/>`;
}

function connector(c: Connector): string {
  const s = 3;
  return `<g class="penghubung" data-tanda="${escapeXml(c.mark)}"><polygon class="simbol penghubung-halaman" points="${mm(c.x - s)},${mm(c.y - s)} ${mm(c.x + s)},${mm(c.y - s)} ${mm(c.x + s)},${mm(c.y + 0.8)} ${mm(c.x)},${mm(c.y + s)} ${mm(c.x - s)},${mm(c.y + 0.8)}"/>`
    + `${text(c.x, c.y + 0.3, c.mark, `text-anchor="middle" font-size="${FONT.header}" font-weight="bold"`)}</g>`;
}

function arrow(a: Arrow, marker: string): string {
  const points = a.points.map(([x, y]) => `${mm(x)},${mm(y)}`).join(' ');
  const label = a.label && a.labelAt ? text(a.labelAt.x, a.labelAt.y, a.label, `class="cabang" text-anchor="${a.labelAt.anchor}" font-size="${FONT.header}"`) : '';
  return `<polyline class="panah" points="${points}" marker-end="url(#${marker})"/>${label}`;
}

/** The SVG of every page of the flowchart table. */
export function flowchartPages(table: FlowTable, title: string): string[] {
  const layout = layOut(table);
  const routes = route(table, layout);
  const c = layout.columns;
  const total = layout.pages.length;
  return layout.pages.map((page, p) => {
    const marker = `panah-${p + 1}`;
    const parts: string[] = [
      `<defs><marker id="${marker}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="2.2" markerHeight="2.2" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" class="ujung-panah"/></marker></defs>`,
      text(0, TITLE_HEIGHT - 3, title, `font-size="${FONT.title}" font-weight="bold"`),
      text(c.x.end, TITLE_HEIGHT - 3, `Halaman ${p + 1} dari ${total}`, `font-size="${FONT.header}" text-anchor="end"`),
      header(table, layout),
    ];
    const top = page.bodyTop;
    const bottom = page.bodyBottom;
    const lefts = [c.x.no, c.x.kegiatan, ...c.x.lanes, c.x.kelengkapan, c.x.waktu, c.x.output, c.x.keterangan, c.x.end];
    parts.push(rect(0, top, c.x.end, bottom - top, 'badan'));
    for (const x of lefts.slice(1, -1)) parts.push(line(x, top, x, bottom));
    if (page.top) parts.push(line(0, top + STRIP, c.x.end, top + STRIP, 'garis tipis'));
    if (page.bottom) parts.push(line(0, PAGE.height - STRIP, c.x.end, PAGE.height - STRIP, 'garis tipis'));
    for (const segment of page.segments) {
      const end = segment.y + segment.height;
      if (end < bottom - 0.01) parts.push(line(0, end, c.x.end, end));
      const cells: [TextColumn, number, number, boolean][] = [
        ['no', c.x.no, c.no, true], ['kegiatan', c.x.kegiatan, c.kegiatan, false], ['kelengkapan', c.x.kelengkapan, c.kelengkapan, false],
        ['waktu', c.x.waktu, c.waktu, true], ['output', c.x.output, c.output, false], ['keterangan', c.x.keterangan, c.keterangan, false],
      ];
      const row = table.rows[segment.row];
      parts.push(`<g class="baris" data-baris="${segment.row + 1}" data-node="${escapeXml(row?.node ?? '')}"${segment.first ? '' : ' data-lanjutan="ya"'}>`
        + cells.map(([key, x, w, centre]) => `<g data-kolom="${key}">${lines(segment.lines[key], x, w, segment.y, FONT.body, FONT.line, centre)}</g>`).join('')
        + '</g>');
    }
    routes.boxes.forEach((box, index) => {
      if (!box || box.page !== p) return;
      const row = table.rows[index];
      if (row) parts.push(`<g class="langkah" data-baris="${index + 1}" data-simbol="${row.symbol}" data-kolom-pelaksana="${row.column + 1}">${symbol(box, row.symbol, row.label)}</g>`);
    });
    for (const a of routes.arrows) if (a.page === p) parts.push(arrow(a, marker));
    for (const k of routes.connectors) if (k.page === p) parts.push(connector(k));
    // A hair wider than the page, so the outer lines of the table are not cut at the printable edge.
    return `<svg class="bagan" overflow="visible" xmlns="http://www.w3.org/2000/svg" width="${PAGE.width}mm" height="${PAGE.height}mm" viewBox="-0.4 -0.4 ${PAGE.width + 0.8} ${PAGE.height + 0.8}" role="img" aria-label="${escapeXml(`Bagan alir ${title}, halaman ${p + 1} dari ${total}`)}">${parts.join('')}</svg>`;
  });
}

/**
 * The official SOP document (Permenpan RB 35/2012) of one process, as one self-contained HTML
 * page: the identity page, then the flowchart table on as many A4 landscape pages as it needs.
 * No script, no outside resource: it prints the same from any browser and from Chromium to PDF.
 */
import type { ProcessModel } from '../model/processModel.ts';
import { escapeXml } from './escape.ts';
import { flowTable, type RelatedSop } from './flowRows.ts';
import { flowchartPages } from './flowchartSvg.ts';
import { identityPage } from './identityPage.ts';

export interface SopDocumentInput {
  process: ProcessModel;
  /** The SOPs its call activities run, and those whose call activities run it. */
  calls: RelatedSop[];
  calledBy: RelatedSop[];
  /** The deployed version the document shows, when it comes from the server. */
  version?: number;
}

/** One SOP as the keterkaitan of another sees it. */
export interface SopSummary extends RelatedSop {
  /** Process ids its call activities run. */
  calls: string[];
}

/** A process's summary for relations: id, name, book code and the SOPs it calls. */
export function summaryOf(process: ProcessModel): SopSummary {
  const calls = [...new Set([...process.nodes.values()].flatMap((n) => (n.type === 'callActivity' && n.calledElement ? [n.calledElement] : [])))];
  return {
    processId: process.id,
    ...(process.identity?.nama ?? process.name ? { name: process.identity?.nama ?? process.name } : {}),
    ...(process.identity?.kodeBuku ? { kodeBuku: process.identity.kodeBuku } : {}),
    calls,
  };
}

/** The SOPs a process runs and those that run it, read from the other SOPs known. */
export function relatedSops(process: ProcessModel, known: SopSummary[]): { calls: RelatedSop[]; calledBy: RelatedSop[] } {
  const byId = new Map(known.map((s) => [s.processId, s]));
  const strip = ({ calls: _calls, ...sop }: SopSummary): RelatedSop => sop;
  const own = summaryOf(process);
  return {
    calls: own.calls.map((id) => (byId.has(id) ? strip(byId.get(id) as SopSummary) : { processId: id })),
    calledBy: known.filter((s) => s.processId !== process.id && s.calls.includes(process.id)).map(strip),
  };
}

const STYLE = `
@page { size: A4 landscape; margin: 9.5mm 10mm; }
* { box-sizing: border-box; }
body { margin: 0; background: #d9dde3; color: #111; font-family: Arial, "Liberation Sans", Helvetica, "DejaVu Sans", sans-serif; font-size: 9pt; }
.halaman { width: 297mm; min-height: 210mm; margin: 6mm auto; padding: 9.5mm 10mm; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.25); break-after: page; }
.halaman:last-child { break-after: auto; }
svg.bagan { display: block; width: 277mm; height: 190mm; overflow: visible; }
svg.bagan text { fill: #111; font-family: Arial, "Liberation Sans", Helvetica, "DejaVu Sans", sans-serif; }
svg.bagan .garis, svg.bagan .badan, svg.bagan .kepala { stroke: #222; stroke-width: .25; fill: none; }
svg.bagan .kepala { fill: #eef1f5; }
svg.bagan .garis.tipis { stroke-dasharray: 1 1; stroke: #888; }
svg.bagan .simbol { fill: #fff; stroke: #111; stroke-width: .35; }
svg.bagan .panah { fill: none; stroke: #111; stroke-width: .3; }
svg.bagan .ujung-panah { fill: #111; }
svg.bagan text.cabang { font-style: italic; }
table { border-collapse: collapse; width: 100%; }
.kepala-identitas td, .kepala-identitas th, .muatan td, .muatan th { border: .25mm solid #222; padding: 1.6mm 2.4mm; vertical-align: top; text-align: left; }
.kepala-identitas th { width: 42mm; font-weight: normal; }
.kepala-identitas .kop { width: 110mm; text-align: center; vertical-align: middle; }
.kop .instansi { font-size: 13pt; font-weight: bold; line-height: 1.3; }
.kop .unit { font-size: 11pt; font-weight: bold; margin-top: 3mm; }
.nama-sop { font-size: 11pt; }
.ttd { height: 14mm; }
.nama-pengesah { font-weight: bold; text-decoration: underline; }
.muatan { margin-top: 4mm; }
.muatan th { width: 50%; background: #eef1f5; }
.muatan ol { margin: 0; padding-left: 5mm; }
.kosong { color: #555; margin: 0; }
.versi { margin: 2mm 0 0; font-size: 7.5pt; color: #555; text-align: right; }
@media print {
  body { background: none; }
  .halaman { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
}`;

/** The whole document as HTML. */
export function sopDocumentHtml(input: SopDocumentInput): string {
  const { process } = input;
  const name = process.identity?.nama ?? process.name ?? process.id;
  const names = new Map(input.calls.map((sop) => [sop.processId, sop.name ?? sop.processId]));
  const pages = flowchartPages(flowTable(process, names), name);
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>SOP ${escapeXml(name)}</title>
<style>${STYLE}</style>
</head>
<body>
${identityPage({ identity: process.identity, name, calls: input.calls, calledBy: input.calledBy, ...(input.version ? { version: input.version } : {}) })}
${pages.map((svg, i) => `<section class="halaman bagan-alir" aria-label="Bagian flowchart, halaman ${i + 1}">${svg}</section>`).join('\n')}
</body>
</html>
`;
}

/**
 * The official SOP document of every catalogue SOP (issue 16): the flowchart table's rows are the
 * model's steps in flow order, its pelaksana columns are the lanes, each row's waktu is its
 * step's phrase, decisions are diamonds with their branches, and the keterkaitan names the SOPs
 * that really call and are called.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { flowTable, type FlowTable } from '../../src/document/flowRows.ts';
import { relatedSops, sopDocumentHtml, summaryOf, type SopSummary } from '../../src/document/sopDocument.ts';
import type { FlowNode, ProcessModel } from '../../src/model/processModel.ts';
import { catalogueFiles, type CatalogueFile } from '../catalogue/catalogueFiles.ts';

const STEP = /Task$|^callActivity$|^subProcess$/;
const DECIDING = /^(exclusive|inclusive|eventBased)Gateway$/;

/** Whether row `to` can reach row `from` along the links: a link going up must close a loop. */
function reaches(table: FlowTable, start: number, goal: number): boolean {
  const seen = new Set<number>([start]);
  const queue = [start];
  while (queue.length > 0) {
    const at = queue.shift() as number;
    if (at === goal) return true;
    for (const link of table.links) if (link.from === at && !seen.has(link.to)) { seen.add(link.to); queue.push(link.to); }
  }
  return false;
}

/** The label a flow out of a decision must carry in the document. */
function answerOf(model: ProcessModel, gateway: FlowNode, flowId: string): string | undefined {
  const flow = model.flows.get(flowId);
  if (!flow) return undefined;
  if (gateway.type === 'eventBasedGateway') return flow.answer?.label ?? flow.name ?? model.nodes.get(flow.target)?.name;
  return flow.answer?.label ?? flow.name ?? (gateway.defaultFlow === flowId ? 'Lainnya' : undefined);
}

/** The `langkah` groups of the document's SVG: row number, symbol, pelaksana column (1-based). */
function drawnSymbols(html: string): { row: number; symbol: string; column: number }[] {
  return [...html.matchAll(/<g class="langkah" data-baris="(\d+)" data-simbol="(\w+)" data-kolom-pelaksana="(\d+)">/g)]
    .map((m) => ({ row: Number(m[1]), symbol: m[2] as string, column: Number(m[3]) }));
}

describe('the SOP document of every catalogue SOP', () => {
  let files: CatalogueFile[];
  let known: SopSummary[];
  beforeAll(async () => {
    files = await catalogueFiles();
    known = files.map((f) => summaryOf(f.model));
  }, 60_000);

  it('has one pelaksana column per lane, in the diagram order, named as the lane', () => {
    // 75: issue 19 removed makro-laporan-bulanan and makro-penggajian (their micro SOPs start themselves).
    expect(files.length).toBe(75);
    for (const { entry, model } of files) {
      const table = flowTable(model);
      expect(table.columns.map((c) => c.name), entry.file).toEqual(model.lanes.map((l) => l.name ?? l.pelaksana));
    }
  });

  it('has each step once, in its lane\'s column, with its waktu phrase, and rows follow the flow', () => {
    let rows = 0;
    for (const { entry, model } of files) {
      const table = flowTable(model);
      const steps = [...model.nodes.values()].filter((n) => STEP.test(n.type) && n.scope === model.id);
      for (const step of steps) {
        const found = table.rows.filter((r) => r.node === step.id);
        expect(found, `${entry.file} ${step.id}`).toHaveLength(1);
        const row = found[0];
        expect(row?.waktu, `${entry.file} ${step.id}`).toBe(step.sop.waktu ?? '');
        expect(row?.column, `${entry.file} ${step.id}`).toBe(model.lanes.findIndex((l) => l.id === step.lane?.id));
        expect(row?.kegiatan).toBe(step.name);
      }
      // A start event heads the table; every link going up closes a loop of the flow.
      expect(table.rows[0]?.symbol, entry.file).toBe('terminator');
      for (const link of table.links) {
        if (link.to <= link.from) expect(reaches(table, link.to, link.from), `${entry.file}: ${table.rows[link.from]?.node} → ${table.rows[link.to]?.node}`).toBe(true);
      }
      rows += table.rows.length;
    }
    expect(rows).toBeGreaterThan(400);
  });

  it('draws each decision as a diamond whose branches carry its answers', () => {
    let decisions = 0;
    for (const { entry, model } of files) {
      const table = flowTable(model);
      for (const gateway of [...model.nodes.values()].filter((n) => DECIDING.test(n.type) && n.outgoing.length >= 2)) {
        const source = model.nodes.get(model.flows.get(gateway.incoming[0] as string)?.source ?? '');
        const index = table.rows.findIndex((r) => r.node === gateway.id || (gateway.incoming.length === 1 && r.node === source?.id && r.question !== undefined));
        expect(index, `${entry.file} ${gateway.id}`).toBeGreaterThanOrEqual(0);
        expect(table.rows[index]?.symbol).toBe('decision');
        const labels = table.links.filter((l) => l.from === index).map((l) => l.label);
        const answers = gateway.outgoing.map((flow) => answerOf(model, gateway, flow));
        for (const answer of answers) expect(labels, `${entry.file} ${gateway.id}`).toContain(answer);
        decisions++;
      }
    }
    expect(decisions).toBeGreaterThanOrEqual(35);
  });

  it('draws every row\'s symbol in its pelaksana column, and pairs each off-page connector with one on another page', () => {
    let paired = 0;
    for (const { entry, model } of files) {
      const table = flowTable(model);
      const html = sopDocumentHtml({ process: model, ...relatedSops(model, known) });
      const symbols = drawnSymbols(html);
      expect(symbols.map((s) => s.row), entry.file).toEqual(table.rows.map((_, i) => i + 1));
      table.rows.forEach((row, i) => expect(symbols[i], `${entry.file} ${row.node}`).toMatchObject({ symbol: row.symbol, column: row.column + 1 }));
      const pages = html.split('<section class="halaman bagan-alir"').slice(1);
      const marks = pages.flatMap((page, p) => [...page.matchAll(/data-tanda="([A-Z]+)"/g)].map((m) => ({ mark: m[1], page: p })));
      for (const { mark, page } of marks) {
        const pair = marks.filter((m) => m.mark === mark);
        expect(pair, `${entry.file} ${mark}`).toHaveLength(2);
        expect(pair.some((m) => m.page !== page)).toBe(true);
      }
      paired += marks.length / 2;
    }
    expect(paired).toBeGreaterThan(10);
  });

  it('names in keterkaitan the micro SOPs a macro SOP runs and the macro SOPs that run a micro SOP', () => {
    const macros = files.filter((f) => f.entry.cakupan === 'makro');
    expect(macros.length).toBe(4); // issue 19: the monthly report and payroll macros are gone
    for (const macro of macros) {
      const html = sopDocumentHtml({ process: macro.model, ...relatedSops(macro.model, known) });
      const cell = /data-isian="Keterkaitan">([\s\S]*?)<\/td>/.exec(html)?.[1] ?? '';
      for (const callee of macro.entry.calledElements) {
        const name = files.find((f) => f.entry.processId === callee)?.entry.nama as string;
        expect(cell, `${macro.entry.file} → ${callee}`).toContain(`Menjalankan SOP ${name.replace(/&/g, '&amp;')}`);
      }
    }
    const calledOnce = files.find((f) => macros.some((m) => m.entry.calledElements.includes(f.entry.processId))) as CatalogueFile;
    const callers = macros.filter((m) => m.entry.calledElements.includes(calledOnce.entry.processId));
    const html = sopDocumentHtml({ process: calledOnce.model, ...relatedSops(calledOnce.model, known) });
    const cell = /data-isian="Keterkaitan">([\s\S]*?)<\/td>/.exec(html)?.[1] ?? '';
    for (const caller of callers) expect(cell).toContain(`Dijalankan dalam SOP ${caller.entry.nama}`);
    const alone = files.find((f) => f.entry.cakupan === 'mikro' && !macros.some((m) => m.entry.calledElements.includes(f.entry.processId))) as CatalogueFile;
    expect(relatedSops(alone.model, known)).toEqual({ calls: [], calledBy: [] });
  });

  it('prints the identity the book gives: the signatory, the dates in words, the dasar hukum', () => {
    const pidana = files.find((f) => f.entry.processId === 'pidana-A') as CatalogueFile;
    const html = sopDocumentHtml({ process: pidana.model, calls: [], calledBy: [] });
    expect(html).toContain('Ketua Pengadilan Tinggi Bandung');
    expect(html).toMatch(/data-isian="Tanggal Efektif">4 April 2011</);
    expect(html).toMatch(/data-isian="Tanggal Revisi"><span class="kosong">-</);
    for (const law of pidana.model.identity?.dasarHukum ?? []) expect(html).toContain(`<li>${law}</li>`);
    expect(pidana.model.identity?.dasarHukum.length).toBeGreaterThan(0);
  });
});

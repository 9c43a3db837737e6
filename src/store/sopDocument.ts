/**
 * The official SOP document of a deployed version, or of a diagram not yet deployed (the
 * modeler's preview): the model read from its BPMN, the keterkaitan from the newest deployed
 * version of every SOP (which ones it runs, which run it).
 */
import { readBpmn } from '../bpmn/readBpmn.ts';
import { printPdf } from '../document/printPdf.ts';
import { relatedSops, sopDocumentHtml, type SopSummary } from '../document/sopDocument.ts';
import type { ProcessModel } from '../model/processModel.ts';
import { ProtapError } from '../runtime/protapError.ts';
import { definitionXml } from './definitionHistory.ts';
import type { DurableEngine } from './durableEngine.ts';

export type DocumentFormat = 'html' | 'pdf';

export interface SopDocument {
  processId: string;
  version?: number;
  format: DocumentFormat;
  body: string | Buffer;
}

/** The newest deployed version of each SOP, as the keterkaitan names them. */
async function deployedSummaries(engine: DurableEngine): Promise<SopSummary[]> {
  await engine.refreshDefinitions();
  const newest = new Map<string, (ReturnType<DurableEngine['definitions']>)[number]>();
  for (const d of engine.definitions()) if ((newest.get(d.processId)?.version ?? 0) < d.version) newest.set(d.processId, d);
  return [...newest.values()].map((d) => ({
    processId: d.processId,
    ...(d.identity?.nama ?? d.name ? { name: d.identity?.nama ?? d.name } : {}),
    ...(d.identity?.kodeBuku ? { kodeBuku: d.identity.kodeBuku } : {}),
    calls: [...new Set([...d.steps.values()].flatMap((s) => (s.call?.calledElement ? [s.call.calledElement] : [])))],
  }));
}

/** The process of a BPMN document: the one named, or the only (first drawn) one. */
async function processOf(xml: string, processId?: string): Promise<ProcessModel> {
  const read = await readBpmn(xml);
  const processes = read.model?.processes.filter((p) => p.nodes.size > 0) ?? [];
  if (processes.length === 0) {
    const why = read.problems[0]?.message ?? 'diagram tidak berisi proses dengan langkah';
    throw new ProtapError('DEFINITION_INVALID', `Dokumen SOP tidak dapat dibuat: ${why}`, { problems: read.problems });
  }
  if (!processId) return processes[0] as ProcessModel;
  const found = processes.find((p) => p.id === processId);
  if (!found) throw new ProtapError('BAD_INPUT', `Diagram tidak berisi proses "${processId}". Yang ada: ${processes.map((p) => p.id).join(', ')}.`, { field: 'process' });
  return found;
}

async function render(engine: DurableEngine, process: ProcessModel, format: DocumentFormat, version?: number): Promise<SopDocument> {
  const html = sopDocumentHtml({ process, ...relatedSops(process, await deployedSummaries(engine)), ...(version ? { version } : {}) });
  return { processId: process.id, ...(version ? { version } : {}), format, body: format === 'pdf' ? await printPdf(html) : html };
}

/** The document of a deployed version (the newest by default). */
export async function deployedSopDocument(engine: DurableEngine, processId: string, format: DocumentFormat, version?: number): Promise<SopDocument> {
  const found = await definitionXml(engine, processId, version);
  return render(engine, await processOf(found.xml, processId), format, found.version);
}

/** The document of a diagram as it stands in the modeler, deployed or not. */
export async function draftSopDocument(engine: DurableEngine, xml: string, format: DocumentFormat, processId?: string): Promise<SopDocument> {
  return render(engine, await processOf(xml, processId), format);
}

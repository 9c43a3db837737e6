/** Test support: the catalogue's files read once per spec file, with their models and definitions. */
import { readFile } from 'node:fs/promises';
import { readBpmn } from '../../src/bpmn/readBpmn.ts';
import { readCatalogue, type CatalogueEntry } from '../../src/catalogue/readCatalogue.ts';
import type { ProcessModel } from '../../src/model/processModel.ts';
import type { Definition } from '../../src/runtime/definition.ts';
import { loadDefinitions } from '../../src/runtime/loadDefinitions.ts';

export interface CatalogueFile {
  entry: CatalogueEntry;
  model: ProcessModel;
  definition: Definition;
}

/** Every catalogue SOP with its process model and compiled definition (compiled knowing every process id). */
export async function catalogueFiles(): Promise<CatalogueFile[]> {
  const entries = await readCatalogue();
  const known = new Set(entries.map((e) => e.processId));
  return Promise.all(entries.map(async (entry) => {
    const xml = await readFile(entry.path, 'utf8');
    const model = (await readBpmn(xml)).model?.processes.find((p) => p.id === entry.processId);
    const loaded = await loadDefinitions(xml, known);
    const definition = loaded.definitions.find((d) => d.processId === entry.processId);
    if (!model || !definition) throw new Error(`${entry.file}: ${loaded.problems.map((p) => `${p.code} ${p.id} ${p.message}`).join('; ')}`);
    return { entry, model, definition };
  }));
}

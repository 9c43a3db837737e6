/**
 * Deploys the whole catalogue into an engine. A macro SOP can be deployed only once the micro
 * SOPs it calls are (the engine checks every `calledElement`), so files go in dependency order.
 */
import { readFile } from 'node:fs/promises';
import type { Definition } from '../runtime/definition.ts';
import { ProtapError } from '../runtime/protapError.ts';
import { CATALOGUE_DIR, readCatalogue, type CatalogueEntry } from './readCatalogue.ts';

/** Orders entries so that every called process comes before its callers; throws on a cycle or an unknown callee. */
export function dependencyOrder(entries: CatalogueEntry[]): CatalogueEntry[] {
  const known = new Set(entries.map((e) => e.processId));
  const missing = entries.flatMap((e) => e.calledElements.filter((c) => !known.has(c)).map((c) => `${e.processId} → ${c}`));
  if (missing.length > 0) throw new ProtapError('DEFINITION_INVALID', `SOP yang dipanggil tidak ada di katalog: ${missing.join(', ')}.`, { missing });
  const ordered: CatalogueEntry[] = [];
  const placed = new Set<string>();
  let pending = entries;
  while (pending.length > 0) {
    const ready = pending.filter((e) => e.calledElements.every((c) => placed.has(c) || c === e.processId));
    if (ready.length === 0) {
      throw new ProtapError('DEFINITION_INVALID', `SOP saling memanggil (siklus): ${pending.map((e) => e.processId).join(', ')}.`);
    }
    for (const entry of ready) placed.add(entry.processId);
    ordered.push(...ready);
    pending = pending.filter((e) => !placed.has(e.processId));
  }
  return ordered;
}

/** What the catalogue is deployed into: the in-memory engine or the durable one. */
export interface DeployTarget {
  deployXml(xml: string, options?: { ifChanged?: boolean; actor?: string }): Promise<Definition[]>;
}

/**
 * Reads the catalogue folder and deploys every file, micro SOPs before the macro SOPs that call
 * them. With `ifChanged` (server start), a process whose latest version is the same machine is
 * left as it is.
 */
export async function deployCatalogue(engine: DeployTarget, dir: string = CATALOGUE_DIR, options: { ifChanged?: boolean; actor?: string } = {}): Promise<Definition[]> {
  const entries = dependencyOrder(await readCatalogue(dir));
  const deployed: Definition[] = [];
  // One file may hold several processes; each file is deployed once, at its first entry's turn.
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.path)) continue;
    seen.add(entry.path);
    try {
      deployed.push(...(await engine.deployXml(await readFile(entry.path, 'utf8'), options)));
    } catch (error) {
      if (error instanceof ProtapError) throw new ProtapError(error.code, `${entry.file}: ${error.message}`, { ...error.details, file: entry.file });
      throw error;
    }
  }
  return deployed;
}

/**
 * The deployed definitions of one process as the API shows them: its versions, newest first, and
 * the BPMN document a version was deployed from (the browser editor loads diagrams from it).
 */
import { ProtapError } from '../runtime/protapError.ts';
import type { DurableEngine } from './durableEngine.ts';

export interface DefinitionHistory {
  processId: string;
  /** The name of the latest version. */
  name?: string;
  versions: { version: number; deployedAt: string; deployedBy: string; kodeBuku?: string }[];
}

function notDeployed(processId: string, version?: number): ProtapError {
  return new ProtapError('DEFINITION_NOT_FOUND', `SOP "${processId}"${version === undefined ? '' : ` versi ${version}`} belum di-deploy.`, {
    processId, ...(version === undefined ? {} : { version }),
  });
}

/** Every deployed version of a process, newest first, with the book's code where its identity block gives one. */
export async function definitionHistory(engine: DurableEngine, processId: string): Promise<DefinitionHistory> {
  const rows = await engine.store.definitionVersions(processId);
  const latest = rows[0];
  if (!latest) throw notDeployed(processId);
  await engine.refreshDefinitions();
  const compiled = new Map(engine.definitions().filter((d) => d.processId === processId).map((d) => [d.version, d]));
  const name = compiled.get(latest.version)?.name ?? latest.name;
  return {
    processId,
    ...(name ? { name } : {}),
    versions: rows.map((row) => {
      const kodeBuku = compiled.get(row.version)?.identity?.kodeBuku;
      return { version: row.version, deployedAt: row.deployedAt, deployedBy: row.deployedBy, ...(kodeBuku ? { kodeBuku } : {}) };
    }),
  };
}

/** The BPMN document a version of a process (the latest by default) was deployed from. */
export async function definitionXml(engine: DurableEngine, processId: string, version?: number): Promise<{ version: number; xml: string }> {
  const found = await engine.store.definitionXml(processId, version);
  if (!found) throw notDeployed(processId, version);
  return found;
}

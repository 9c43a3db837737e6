/** The deployed versions of every process: version n of a process is the n-th one deployed. */
import type { Definition } from './definition.ts';
import { loadDefinitions, type LoadResult } from './loadDefinitions.ts';
import { ProtapError } from './protapError.ts';

export class DefinitionRegistry {
  private readonly versions = new Map<string, Definition[]>();

  /** Adds the next version of a process (or the version it names, when loaded back from a store). */
  add(definition: Definition, version?: number): Definition {
    const versions = this.versions.get(definition.processId) ?? [];
    const deployed = { ...definition, version: version ?? versions.length + 1 };
    versions[deployed.version - 1] = deployed;
    this.versions.set(definition.processId, versions);
    return deployed;
  }

  /** The latest (or the given) version of a deployed process. */
  get(processId: string, version?: number): Definition {
    const versions = this.versions.get(processId);
    const found = versions && (version === undefined ? versions[versions.length - 1] : versions[version - 1]);
    if (!found) throw new ProtapError('DEFINITION_NOT_FOUND', `SOP "${processId}"${version ? ` versi ${version}` : ''} belum di-deploy.`);
    return found;
  }

  has(processId: string): boolean {
    return this.versions.has(processId);
  }

  /** The next version number a deployment of this process gets. */
  nextVersion(processId: string): number {
    return (this.versions.get(processId)?.length ?? 0) + 1;
  }

  /** Every deployed version, by process id then version. */
  all(): Definition[] {
    return [...this.versions.values()].flatMap((versions) => versions.filter(Boolean));
  }

  /**
   * Reads, validates and compiles a BPMN document against what is deployed (call activities may
   * name deployed processes); throws DEFINITION_INVALID with every problem found.
   */
  async compile(xml: string, load: (xml: string, known: Set<string>) => Promise<LoadResult> = loadDefinitions): Promise<Definition[]> {
    const loaded = await load(xml, new Set(this.versions.keys()));
    if (loaded.problems.length > 0) {
      throw new ProtapError('DEFINITION_INVALID', `Diagram tidak valid: ${loaded.problems.map((p) => `${p.id}: ${p.message}`).join(' ')}`, { problems: loaded.problems });
    }
    return loaded.definitions;
  }
}

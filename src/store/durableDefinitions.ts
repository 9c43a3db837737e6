/**
 * The durable runtime's definitions: every deployed version read from the store and compiled (in
 * this thread or the BPMN worker), new documents validated and deployed with their next versions,
 * and the versions another server process deployed loaded when a case needs them.
 */
import type { Definition } from '../runtime/definition.ts';
import { DefinitionRegistry } from '../runtime/definitionRegistry.ts';
import type { BpmnChecker } from '../runtime/bpmnChecker.ts';
import type { Validation } from '../runtime/validateBpmn.ts';
import type { CaseStore, StoredCase } from './caseStore.ts';

export interface DeployOptions {
  actor?: string;
  at: string;
  /** A process whose latest version compiles to the same machine is left as it is (restarts do not pile up versions). */
  ifChanged?: boolean;
}

export class DurableDefinitions {
  private readonly registry = new DefinitionRegistry();
  /** Definitions whose stored compile hash differs from what this Protap compiles now. */
  private readonly recompiled = new Set<string>();

  constructor(
    private readonly store: CaseStore,
    readonly bpmn: BpmnChecker,
    private readonly onError: (error: unknown, context: string) => void,
  ) {}

  /** The latest (or the given) version of a deployed process. */
  get(processId: string, version?: number): Definition {
    return this.registry.get(processId, version);
  }

  all(): Definition[] {
    return this.registry.all();
  }

  /** Whether a definition version compiles today to another machine than when it was deployed. */
  isRecompiled(processId: string, version: number): boolean {
    return this.recompiled.has(`${processId}@${version}`);
  }

  /** Loads the definition versions deployed since this process last looked (by any server process). */
  async refresh(): Promise<void> {
    const rows = (await this.store.definitions()).filter((row) => !this.hasVersion(row.processId, row.version));
    if (rows.length === 0) return;
    const known = new Set([...rows.map((row) => row.processId), ...this.registry.all().map((d) => d.processId)]);
    const byXml = new Map<string, typeof rows>();
    for (const row of rows) byXml.set(row.xml, [...(byXml.get(row.xml) ?? []), row]);
    for (const [xml, group] of byXml) {
      const loaded = await this.bpmn.load(xml, known);
      for (const row of group) {
        const definition = loaded.definitions.find((d) => d.processId === row.processId);
        if (!definition) {
          this.onError(new Error(loaded.problems.map((p) => `${p.id}: ${p.message}`).join(' ')), `definisi ${row.processId} versi ${row.version} tidak dapat dikompilasi ulang`);
          continue;
        }
        this.registry.add(definition, row.version);
        if (definition.hash !== row.hash) this.recompiled.add(`${row.processId}@${row.version}`);
      }
    }
  }

  /** Makes sure the definition versions of these stored cases are loaded (another process may have deployed them). */
  async ensure(cases: readonly StoredCase[]): Promise<void> {
    const missing = cases.filter((c) => !this.hasVersion(c.processId, c.definitionVersion));
    if (missing.length === 0) return;
    await this.refresh();
    for (const c of missing) this.get(c.processId, c.definitionVersion);
  }

  /**
   * Loads the definitions another server process deployed when the store's latest version of this
   * process is not known here: a version deployed on one node is used by the others for their next
   * start (issue 21; before, only once something asked for the list). One indexed read per start.
   */
  async ensureLatest(processId: string): Promise<void> {
    const latest = (await this.store.definitionVersions(processId))[0]?.version;
    if (latest === undefined ? !this.registry.has(processId) : !this.hasVersion(processId, latest)) await this.refresh();
  }

  /** Says what deploying a document would find (call activities may name every deployed process); deploys nothing. */
  async validate(xml: string): Promise<Validation> {
    await this.refresh();
    return this.bpmn.validate(xml, new Set(this.registry.all().map((d) => d.processId)));
  }

  /**
   * Validates, compiles and stores a BPMN document: each process gets its next version and running
   * cases stay on theirs. Returns each process's definition and whether it is a new version.
   */
  async deploy(xml: string, options: DeployOptions): Promise<{ definition: Definition; added: boolean }[]> {
    await this.refresh();
    const compiled = await this.registry.compile(xml, (text, known) => this.bpmn.load(text, known));
    const deployed: { definition: Definition; added: boolean }[] = [];
    const unchanged = (definition: Definition) => options.ifChanged && this.registry.has(definition.processId) && this.registry.get(definition.processId).hash === definition.hash;
    for (const definition of compiled) {
      if (unchanged(definition)) {
        deployed.push({ definition: this.registry.get(definition.processId), added: false });
        continue;
      }
      const save = (version: number) => this.store.saveDefinition({
        processId: definition.processId, version, ...(definition.name ? { name: definition.name } : {}), hash: definition.hash, xml,
        deployedAt: options.at, deployedBy: options.actor ?? 'sistem',
      });
      let version = this.registry.nextVersion(definition.processId);
      try {
        await save(version);
      } catch (error) {
        // Another server process deployed this process at the same moment (two nodes starting together).
        await this.refresh();
        if (this.registry.nextVersion(definition.processId) === version) throw error;
        if (unchanged(definition)) {
          deployed.push({ definition: this.registry.get(definition.processId), added: false });
          continue;
        }
        version = this.registry.nextVersion(definition.processId);
        await save(version);
      }
      deployed.push({ definition: this.registry.add(definition, version), added: true });
    }
    return deployed;
  }

  private hasVersion(processId: string, version: number): boolean {
    try {
      return this.registry.get(processId, version).version === version;
    } catch {
      return false;
    }
  }
}

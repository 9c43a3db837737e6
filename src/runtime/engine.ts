/**
 * One interface for the two runtimes (issue 20): the durable engine (src/store/durableEngine.ts)
 * implements it as it is; the in-memory CaseEngine, synchronous for tests and simulation, through
 * InMemoryEngine below. A contract suite (test/runtime/engineContract.spec.ts) runs the same cases
 * on both and compares what they show.
 *
 * A command answers the case as it is after the command. Two differences remain, both checked by
 * the contract suite: its `history` is the whole history in memory and the entries this command
 * added durably (`getCase` answers the whole history in both); and the in-memory answer is a live
 * view of the engine's record, which goes on changing with the case, where the durable one is a copy.
 */
import type { CaseView } from './caseView.ts';
import type { CaseEngine } from './caseEngine.ts';
import type { CommandOptions, StartOptions } from './caseWork.ts';
import type { Definition } from './definition.ts';

export interface Engine {
  /** Reads, validates, compiles and deploys a BPMN document; each process gets its next version. */
  deployXml(xml: string): Promise<Definition[]>;
  /** The latest (or the given) version of a deployed process. */
  definition(processId: string, version?: number): Definition;
  startCase(processId: string, options?: StartOptions): Promise<CaseView>;
  completeStep(caseId: string, stepId: string, options?: CommandOptions): Promise<CaseView>;
  failStep(caseId: string, stepId: string, code: string, options?: CommandOptions): Promise<CaseView>;
  claimStep(caseId: string, stepId: string, options?: CommandOptions): Promise<CaseView>;
  releaseStep(caseId: string, stepId: string, options?: CommandOptions): Promise<CaseView>;
  correlateMessage(name: string, target: { caseId?: string; businessKey?: string }, options?: CommandOptions): Promise<CaseView>;
  /** Returns the ids of the cases the signal reached. */
  sendSignal(name: string, options?: CommandOptions): Promise<string[]>;
  /** Delivers the timers due at or before `now`; returns how many fired. */
  fireDueTimers(now: string): Promise<number>;
  /** One case with its whole history. */
  getCase(caseId: string): Promise<CaseView>;
}

/** The in-memory engine behind the one interface: each call is the CaseEngine's, answered as a settled promise (a refusal as a rejected one). */
export class InMemoryEngine implements Engine {
  constructor(readonly engine: CaseEngine) {}

  private static settle<T>(run: () => T): Promise<T> {
    try {
      return Promise.resolve(run());
    } catch (error) {
      return Promise.reject(error);
    }
  }

  deployXml(xml: string): Promise<Definition[]> {
    return this.engine.deployXml(xml);
  }

  definition(processId: string, version?: number): Definition {
    return this.engine.definition(processId, version);
  }

  startCase(processId: string, options: StartOptions = {}): Promise<CaseView> {
    return InMemoryEngine.settle(() => this.engine.startCase(processId, options));
  }

  completeStep(caseId: string, stepId: string, options: CommandOptions = {}): Promise<CaseView> {
    return InMemoryEngine.settle(() => this.engine.completeStep(caseId, stepId, options));
  }

  failStep(caseId: string, stepId: string, code: string, options: CommandOptions = {}): Promise<CaseView> {
    return InMemoryEngine.settle(() => this.engine.failStep(caseId, stepId, code, options));
  }

  claimStep(caseId: string, stepId: string, options: CommandOptions = {}): Promise<CaseView> {
    return InMemoryEngine.settle(() => this.engine.claimStep(caseId, stepId, options));
  }

  releaseStep(caseId: string, stepId: string, options: CommandOptions = {}): Promise<CaseView> {
    return InMemoryEngine.settle(() => this.engine.releaseStep(caseId, stepId, options));
  }

  correlateMessage(name: string, target: { caseId?: string; businessKey?: string }, options: CommandOptions = {}): Promise<CaseView> {
    return InMemoryEngine.settle(() => this.engine.correlateMessage(name, target, options));
  }

  sendSignal(name: string, options: CommandOptions = {}): Promise<string[]> {
    return InMemoryEngine.settle(() => this.engine.sendSignal(name, options));
  }

  fireDueTimers(now: string): Promise<number> {
    return InMemoryEngine.settle(() => this.engine.fireDueTimers(now));
  }

  getCase(caseId: string): Promise<CaseView> {
    return InMemoryEngine.settle(() => this.engine.getCase(caseId));
  }
}

/**
 * One interface for the two runtimes (issue 20): the durable engine (src/store/durableEngine.ts)
 * implements it as it is; the in-memory CaseEngine, synchronous for tests and simulation, through
 * InMemoryEngine below. A contract suite (test/runtime/engineContract.spec.ts) runs the same cases
 * on both and compares what they show.
 *
 * A `CaseView` is a case with its whole history, wherever it is read (`getCase`, and the in-memory
 * CaseEngine's synchronous answers). A command answered through this interface is a
 * `CommandAnswer`: the case as it is after the command, with the history entries it added in a
 * field of their own (`entries`) — the same in both runtimes, checked by the contract suite. What
 * either answers stays as it was read (the CaseEngine's own synchronous views are live: cheaper).
 *
 * What both do is written once: a command's effect on cases in CaseWork (caseWork.ts) — a
 * message's correlation among candidate cases, who may send it, its refusal; a signal's event and
 * the processes it can reach — and a recurring SOP's schedule as timer rows (startSchedule.ts),
 * kept in the in-memory timer queue or the durable timer table.
 */
import type { CaseView, CommandAnswer } from './caseView.ts';
import type { CaseEngine } from './caseEngine.ts';
import { revisionOf, type CaseRecord } from './caseRecord.ts';
import type { CommandOptions, MessageOptions, StartOptions } from './caseWork.ts';
import type { ScheduledStart } from './startSchedule.ts';
import type { Definition } from './definition.ts';

export interface Engine {
  /** Reads, validates, compiles and deploys a BPMN document; each process gets its next version. */
  deployXml(xml: string): Promise<Definition[]>;
  /** The latest (or the given) version of a deployed process. */
  definition(processId: string, version?: number): Definition;
  startCase(processId: string, options?: StartOptions): Promise<CommandAnswer>;
  completeStep(caseId: string, stepId: string, options?: CommandOptions): Promise<CommandAnswer>;
  failStep(caseId: string, stepId: string, code: string, options?: CommandOptions): Promise<CommandAnswer>;
  claimStep(caseId: string, stepId: string, options?: CommandOptions): Promise<CommandAnswer>;
  releaseStep(caseId: string, stepId: string, options?: CommandOptions): Promise<CommandAnswer>;
  correlateMessage(name: string, target: { caseId?: string; businessKey?: string }, options?: MessageOptions): Promise<CommandAnswer>;
  /** Returns the ids of the cases the signal reached. */
  sendSignal(name: string, options?: CommandOptions): Promise<string[]>;
  /** Delivers the timers due at or before `now`, the starts of recurring SOPs among them; returns how many fired. */
  fireDueTimers(now: string): Promise<number>;
  /** The next starts of recurring SOPs (timer start events), earliest first. */
  scheduledStarts(): Promise<ScheduledStart[]>;
  /** One case with its whole history. */
  getCase(caseId: string): Promise<CaseView>;
}

/** The in-memory engine behind the one interface: each call is the CaseEngine's (whose synchronous answers carry the whole history), answered as the durable engine answers: a settled promise (a refusal as a rejected one) with the command's own entries. */
export class InMemoryEngine implements Engine {
  constructor(readonly engine: CaseEngine) {}

  private static settle<T>(run: () => T): Promise<T> {
    try {
      return Promise.resolve(run());
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Runs a command on cases whose revisions before it are read first; answers with the entries it added to the case it reached. */
  private command(caseIds: () => string[], run: () => CaseView): Promise<CommandAnswer> {
    return InMemoryEngine.settle(() => {
      const before = new Map(caseIds().map((id) => [id, this.engine.record(id)]).filter(([, record]) => record).map(([id, record]) => [id as string, revisionOf(record as CaseRecord)]));
      const { history, ...view } = run();
      const since = before.get(view.id) ?? 0;
      // A copy of what goes on changing, as the durable engine's answer is read from its store.
      return { ...view, escalations: view.escalations.slice(), entries: history.filter((entry) => entry.seq > since) };
    });
  }

  deployXml(xml: string): Promise<Definition[]> {
    return this.engine.deployXml(xml);
  }

  definition(processId: string, version?: number): Definition {
    return this.engine.definition(processId, version);
  }

  startCase(processId: string, options: StartOptions = {}): Promise<CommandAnswer> {
    return this.command(() => [], () => this.engine.startCase(processId, options));
  }

  completeStep(caseId: string, stepId: string, options: CommandOptions = {}): Promise<CommandAnswer> {
    return this.command(() => [caseId], () => this.engine.completeStep(caseId, stepId, options));
  }

  failStep(caseId: string, stepId: string, code: string, options: CommandOptions = {}): Promise<CommandAnswer> {
    return this.command(() => [caseId], () => this.engine.failStep(caseId, stepId, code, options));
  }

  claimStep(caseId: string, stepId: string, options: CommandOptions = {}): Promise<CommandAnswer> {
    return this.command(() => [caseId], () => this.engine.claimStep(caseId, stepId, options));
  }

  releaseStep(caseId: string, stepId: string, options: CommandOptions = {}): Promise<CommandAnswer> {
    return this.command(() => [caseId], () => this.engine.releaseStep(caseId, stepId, options));
  }

  correlateMessage(name: string, target: { caseId?: string; businessKey?: string }, options: MessageOptions = {}): Promise<CommandAnswer> {
    const ids = () => (target.caseId ? [target.caseId] : this.engine.listCases().filter((c) => c.businessKey === target.businessKey).map((c) => c.id));
    return this.command(ids, () => this.engine.correlateMessage(name, target, options));
  }

  sendSignal(name: string, options: CommandOptions = {}): Promise<string[]> {
    return InMemoryEngine.settle(() => this.engine.sendSignal(name, options));
  }

  fireDueTimers(now: string): Promise<number> {
    return InMemoryEngine.settle(() => this.engine.fireDueTimers(now));
  }

  scheduledStarts(): Promise<ScheduledStart[]> {
    return InMemoryEngine.settle(() => this.engine.scheduledStarts());
  }

  getCase(caseId: string): Promise<CaseView> {
    return InMemoryEngine.settle(() => {
      const view = this.engine.getCase(caseId);
      return { ...view, escalations: view.escalations.slice(), history: view.history.slice() };
    });
  }
}

/**
 * The in-process case runtime: starts cases of deployed definitions, applies commands (complete
 * a step, correlate a message, deliver a due timer), and carries out what each pure decision
 * asks for — deadlines on the working-day calendar, timer rows, child cases of call activities,
 * escalation of breaches. Time enters only through events (`at`), so a run can be replayed.
 */
import { randomUUID } from 'node:crypto';
import { loadCalendar } from '../calendar/loadCalendar.ts';
import type { WorkingCalendar } from '../calendar/workingCalendar.ts';
import type { CaseRecord } from './caseRecord.ts';
import { caseView, type CaseView } from './caseView.ts';
import { activeCase, CaseWork, signalReaches, signalSent, type CommandOptions, type MessageOptions, type StartOptions } from './caseWork.ts';
import type { Definition } from './definition.ts';
import { DefinitionRegistry } from './definitionRegistry.ts';
import { ProtapError } from './protapError.ts';
import { TimerQueue } from './timerQueue.ts';
import { scheduleDue, scheduledProcess, scheduledStarts, scheduleId, scheduleRows, type ScheduledStart } from './startSchedule.ts';
import type { DeadlineChange } from './recomputeDeadlines.ts';

export type { CommandOptions, MessageOptions, StartOptions } from './caseWork.ts';

export interface EngineOptions {
  calendar?: WorkingCalendar;
  /** The current instant as ISO 8601; used only when a command does not say `at`. */
  clock?: () => string;
  newId?: () => string;
  /**
   * Called once when a case ends (completed, failed, terminated), with its full record: the
   * hand-off to a durable store. With `keepEnded: false` the engine then forgets the case, so
   * memory holds only open cases (DESIGN.md decision 9); by default ended cases stay readable.
   */
  onCaseEnded?: (record: CaseRecord) => void;
  keepEnded?: boolean;
  /** Start cases by themselves on the schedule of timer start events (default true; a simulation turns it off). */
  scheduleStarts?: boolean;
}

/** The in-memory runtime: cases in a Map, timer rows in a queue; for simulation, tests and the bench. */
export class CaseEngine {
  private workingCalendar: WorkingCalendar;
  readonly timers = new TimerQueue();
  private readonly registry = new DefinitionRegistry();
  private readonly cases = new Map<string, CaseRecord>();
  private readonly clock: () => string;
  private readonly scheduleStarts: boolean;
  private readonly work: CaseWork;

  constructor(options: EngineOptions = {}) {
    const keepEnded = options.keepEnded ?? true;
    this.scheduleStarts = options.scheduleStarts ?? true;
    this.workingCalendar = options.calendar ?? loadCalendar();
    this.clock = options.clock ?? (() => new Date().toISOString());
    const cases = this.cases;
    const engine = this;
    this.work = new CaseWork({
      definition: (processId, version) => this.registry.get(processId, version),
      get calendar() { return engine.workingCalendar; },
      newId: options.newId ?? (() => randomUUID()),
      timers: this.timers,
      cases: {
        get: (id) => cases.get(id),
        add: (record) => { cases.set(record.id, record); },
        ended: (record) => {
          options.onCaseEnded?.(record);
          if (!keepEnded) cases.delete(record.id);
        },
      },
    });
  }

  /** The working-day calendar deadlines are counted on. */
  get calendar(): WorkingCalendar {
    return this.workingCalendar;
  }

  /**
   * Switches to a corrected calendar (a year published anew) and recomputes the deadlines of
   * open steps that have not been missed yet; a recorded breach is never reopened. Each move is
   * written into the case's history with both due times and the calendar version.
   */
  useCalendar(calendar: WorkingCalendar, options: { at?: string; actor?: string } = {}): DeadlineChange[] {
    this.workingCalendar = calendar;
    const at = this.at(options);
    const changes: DeadlineChange[] = [];
    for (const record of this.cases.values()) {
      if (record.status === 'active') changes.push(...this.work.recompute(record, calendar, { at, actor: options.actor }));
    }
    return changes;
  }

  /** Deploys definitions; a process id deployed again gets the next version. */
  deploy(definitions: Definition[]): Definition[] {
    return definitions.map((definition) => {
      const deployed = this.registry.add(definition);
      if (this.scheduleStarts) this.scheduleFor(deployed);
      return deployed;
    });
  }

  /** Reads, validates, compiles and deploys a BPMN document; throws DEFINITION_INVALID with the problems. */
  async deployXml(xml: string): Promise<Definition[]> {
    return this.deploy(await this.registry.compile(xml));
  }

  /** The latest (or the given) version of a deployed process. */
  definition(processId: string, version?: number): Definition {
    return this.registry.get(processId, version);
  }

  /** Starts a case of a process and runs it to its first waiting point. */
  startCase(processId: string, options: StartOptions = {}): CaseView {
    return this.view(this.work.start(processId, { ...options, at: this.at(options) }));
  }

  /** A person completes an open step (or one instance of a multi-instance step). */
  completeStep(caseId: string, stepId: string, options: CommandOptions = {}): CaseView {
    const record = activeCase(this.cases.get(caseId), caseId);
    this.work.complete(record, stepId, { ...options, at: this.at(options) });
    return this.view(record);
  }

  /** A step fails with a business error code; an error boundary on it (or around it) catches it. */
  failStep(caseId: string, stepId: string, code: string, options: CommandOptions = {}): CaseView {
    const record = activeCase(this.cases.get(caseId), caseId);
    this.work.fail(record, stepId, code, { ...options, at: this.at(options) });
    return this.view(record);
  }

  /** Someone claims an open step: until it ends or is released, only they complete it. */
  claimStep(caseId: string, stepId: string, options: { actor?: string; at?: string } = {}): CaseView {
    const record = activeCase(this.cases.get(caseId), caseId);
    this.work.claim(record, stepId, { ...options, at: this.at(options) });
    return this.view(record);
  }

  /** The claim on an open step ends. */
  releaseStep(caseId: string, stepId: string, options: { actor?: string; at?: string } = {}): CaseView {
    const record = activeCase(this.cases.get(caseId), caseId);
    this.work.release(record, stepId, { ...options, at: this.at(options) });
    return this.view(record);
  }

  /** Delivers a message to the case it is meant for (by case id, or to the active cases with a business key). */
  correlateMessage(name: string, target: { caseId?: string; businessKey?: string }, options: MessageOptions = {}): CaseView {
    // By business key, the most recently started case first, as the durable engine reads them.
    const candidates = target.caseId ? [activeCase(this.cases.get(target.caseId), target.caseId)]
      : [...this.cases.values()].reverse().filter((c) => c.businessKey === target.businessKey);
    return this.view(this.work.correlate(candidates, name, target, { ...options, at: this.at(options) }));
  }

  /** The next starts of recurring SOPs (timer start events), earliest first. */
  scheduledStarts(): ScheduledStart[] {
    return scheduledStarts(this.timers.all());
  }

  /** Broadcasts a signal to every active case that waits for it, the most recently started first; returns the ids of the cases it reached. */
  sendSignal(name: string, options: CommandOptions = {}): string[] {
    const event = signalSent(name, { ...options, at: this.at(options) });
    const processes = signalReaches(this.registry.all(), name);
    return [...this.cases.values()].reverse().filter((record) => record.status === 'active' && processes.has(record.processId) && this.work.deliver(record, event)).map((record) => record.id);
  }

  /** Delivers every timer due at or before `now`, earliest first, the starts of recurring SOPs among them; returns how many fired. */
  fireDueTimers(now: string): number {
    let fired = 0;
    for (let row = this.timers.nextDue(now); row; row = this.timers.nextDue(now)) {
      const processId = scheduledProcess(row);
      if (processId !== undefined) {
        this.timers.remove(row.caseId, row.key);
        const { start, next } = scheduleDue(row, this.definition(processId), this.calendar);
        if (next) this.timers.upsert(next);
        if (start) this.work.start(processId, start);
        fired++;
        continue;
      }
      const record = this.cases.get(row.caseId);
      if (!record || record.status !== 'active') {
        this.timers.remove(row.caseId, row.key);
        continue;
      }
      this.work.fire(record, row);
      fired++;
    }
    return fired;
  }

  /** One case as the worklist, monitor and API show it. */
  getCase(caseId: string): CaseView {
    const record = this.cases.get(caseId);
    if (!record) throw new ProtapError('CASE_NOT_FOUND', `Kasus "${caseId}" tidak ditemukan.`);
    return this.view(record);
  }

  /** Every case, most recent first. */
  listCases(): CaseView[] {
    return [...this.cases.values()].reverse().map((r) => this.view(r));
  }

  /** The raw record of a case (for replay and tests). */
  record(caseId: string): CaseRecord | undefined {
    return this.cases.get(caseId);
  }

  private view(record: CaseRecord): CaseView {
    return caseView(this.definition(record.processId, record.version), record);
  }

  private at(options: { at?: string }): string {
    return options.at ?? this.clock();
  }

  /** Writes the schedule of a newly deployed version's timer start events, replacing an earlier version's. */
  private scheduleFor(definition: Definition): void {
    this.timers.removeCase(scheduleId(definition.processId));
    for (const row of scheduleRows(definition, this.calendar, this.clock())) this.timers.upsert(row);
  }
}

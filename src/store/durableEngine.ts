/**
 * The durable runtime (DESIGN.md decisions 4, 5 and 9): stateless over a CaseStore. Each command
 * opens one transaction, loads the family of cases it touches (a case, its parent and children
 * share a root), runs the same CaseWork as the in-memory engine, and writes back the changed
 * cases at the revisions they were loaded at, their hash-chained log entries, open steps and
 * timer rows — then answers, after commit. Memory holds definitions, not cases.
 *
 * Here: the commands and the reads. The parts: durableDefinitions.ts (deployed versions, loaded
 * and compiled), commandRunner.ts with commandUnit.ts (one transaction per command, idempotency,
 * the cache of recently written cases), durableTimers.ts (due timers and recurring schedules).
 */
import { v7 as timeOrderedId } from 'uuid';
import type { CalendarYear } from '../calendar/calendarYear.ts';
import { draftYear } from '../calendar/draftYear.ts';
import { zoneFor } from '../calendar/loadCalendar.ts';
import type { DateChange } from '../calendar/publishYear.ts';
import { createWorkingCalendar, type WorkingCalendar } from '../calendar/workingCalendar.ts';
import type { CaseRecord, HistoryEntry } from '../runtime/caseRecord.ts';
import { caseView, type CaseView, type CommandAnswer } from '../runtime/caseView.ts';
import { signalReaches, signalSent, type CaseWork, type CommandOptions, type MessageOptions } from '../runtime/caseWork.ts';
import type { Definition } from '../runtime/definition.ts';
import type { Engine } from '../runtime/engine.ts';
import { inPlaceChecker, type BpmnChecker } from '../runtime/bpmnChecker.ts';
import type { Validation } from '../runtime/validateBpmn.ts';
import { ProtapError } from '../runtime/protapError.ts';
import { scheduledStarts, scheduleId, type ScheduledStart } from '../runtime/startSchedule.ts';
import { publishCorrectedYear, yearsInForce } from './calendarYears.ts';
import { decodeCase } from './caseCodec.ts';
import type { CaseStore, StoredCase } from './caseStore.ts';
import { CommandRunner } from './commandRunner.ts';
import { DurableDefinitions } from './durableDefinitions.ts';
import { DurableTimers } from './durableTimers.ts';
import type { DurableCommandOptions, DurableEngineOptions, DurableStartOptions } from './durableOptions.ts';
import { runTimerService, type TimerService, type TimerServiceOptions } from './timerService.ts';

export type { CaseInspector } from './inspection.ts';
export type { CachedCase } from './commandUnit.ts';
export type { DurableCommandOptions, DurableEngineOptions, DurableStartOptions } from './durableOptions.ts';

export class DurableEngine implements Engine {
  readonly store: CaseStore;
  private workingCalendar: WorkingCalendar;
  /** The year data the calendar was built from (empty when a calendar was given ready-made). */
  private years: CalendarYear[] = [];
  private readonly zone: string;
  readonly clock: () => string;
  readonly newId: () => string;
  readonly bpmn: BpmnChecker;
  private readonly deployed: DurableDefinitions;
  private readonly runner: CommandRunner;
  private readonly timers: DurableTimers;
  private readonly onError: (error: unknown, context: string) => void;

  private constructor(options: DurableEngineOptions) {
    this.store = options.store;
    this.zone = zoneFor(options.zone ?? 'WIB');
    this.workingCalendar = options.calendar ?? this.calendarOf([]);
    this.clock = options.clock ?? (() => new Date().toISOString());
    // Time-ordered ids (UUIDv7): cases started together sit together in the tables' B-trees, so a
    // commit of many commands writes few pages (half the commit time of random UUIDs, measured).
    this.newId = options.newId ?? (() => timeOrderedId());
    const onError = options.onError ?? (() => {});
    this.onError = onError;
    this.bpmn = options.bpmn ?? inPlaceChecker;
    this.deployed = new DurableDefinitions(this.store, this.bpmn, onError);
    const calendar = () => this.workingCalendar;
    this.runner = new CommandRunner({
      store: this.store, definitions: this.deployed, calendar, clock: this.clock, newId: this.newId, onError,
      cachedCases: options.cachedCases ?? 1_000, ...(options.inspector ? { inspector: options.inspector } : {}),
      current: (caseId) => this.getCase(caseId),
    });
    this.timers = new DurableTimers(this.store, this.runner, this.deployed, calendar, this.clock, onError, options.onNote);
  }

  /** Migrates the store and loads every deployed definition version from it. */
  static async open(options: DurableEngineOptions): Promise<DurableEngine> {
    const engine = new DurableEngine(options);
    await engine.store.migrate();
    if (!options.calendar) await engine.loadYears();
    await engine.refreshDefinitions();
    // Another server process's deployment or calendar year is known here as it commits (PostgreSQL).
    await engine.store.onChange?.((change) => {
      const reload = change.kind === 'definitions' ? engine.refreshDefinitions() : change.kind === 'calendar' && !options.calendar ? engine.loadYears() : undefined;
      reload?.catch((error: unknown) => engine.onError(error, `perubahan dari server lain (${change.kind}) tidak dapat dibaca`));
    });
    return engine;
  }

  get calendar(): WorkingCalendar {
    return this.workingCalendar;
  }

  /** The calendar years in force: the files of processes/calendar, each replaced by a later version published through the server. */
  private async loadYears(): Promise<void> {
    this.years = await yearsInForce(this.store);
    this.workingCalendar = this.calendarOf(this.years);
  }

  private calendarOf(years: CalendarYear[]): WorkingCalendar {
    return createWorkingCalendar({ zone: this.zone, years, draft: draftYear });
  }

  /** The calendar year data in force, by year. */
  calendarYears(): readonly CalendarYear[] {
    return this.years;
  }

  /**
   * Publishes a corrected calendar year (a new SKB): it becomes the next version of that year,
   * is stored, and the open deadlines not yet missed are recomputed on it — each move logged in
   * its case with both due times and the calendar version (a recorded breach is never reopened).
   */
  async publishCalendarYear(data: unknown, options: { actor: string; at?: string }): Promise<{ year: CalendarYear; changes: DateChange[]; moved: number }> {
    const at = options.at ?? this.clock();
    const published = await publishCorrectedYear(this.store, this.years, data, { actor: options.actor, at });
    this.years = published.years;
    const moved = await this.useCalendar(this.calendarOf(this.years), { at, actor: options.actor });
    return { year: published.year, changes: published.changes, moved };
  }

  /** The latest (or the given) version of a deployed process. */
  definition(processId: string, version?: number): Definition {
    return this.deployed.get(processId, version);
  }

  definitions(): Definition[] {
    return this.deployed.all();
  }

  /** Whether a definition version compiles today to another machine than when it was deployed. */
  isRecompiled(processId: string, version: number): boolean {
    return this.deployed.isRecompiled(processId, version);
  }

  /** Loads the definition versions deployed since this engine last looked (by any server process). */
  refreshDefinitions(): Promise<void> {
    return this.deployed.refresh();
  }

  /** Makes sure the definition versions of these stored cases are loaded (another process may have deployed them). */
  ensureDefinitions(cases: readonly StoredCase[]): Promise<void> {
    return this.deployed.ensure(cases);
  }

  /** Loads the definitions another server process deployed, when the store's latest version of this process is not known here yet. */
  ensureLatest(processId: string): Promise<void> {
    return this.deployed.ensureLatest(processId);
  }

  /** Says what deploying a document would find (call activities may name every deployed process); deploys nothing. */
  validateXml(xml: string): Promise<Validation> {
    return this.deployed.validate(xml);
  }

  /**
   * Validates, compiles and deploys a BPMN document: each process gets its next version and
   * running cases stay on theirs, and a recurring SOP's schedule is written. With `ifChanged`, a
   * process whose latest version compiles to the same machine is left as it is.
   */
  async deployXml(xml: string, options: { actor?: string; at?: string; ifChanged?: boolean } = {}): Promise<Definition[]> {
    const at = options.at ?? this.clock();
    const deployed = await this.deployed.deploy(xml, { ...options, at });
    for (const { definition, added } of deployed) if (added) await this.timers.schedule(definition, at);
    return deployed.map((d) => d.definition);
  }

  /** Starts a case of a process and runs it to its first waiting point. */
  async startCase(processId: string, options: DurableStartOptions = {}): Promise<CommandAnswer> {
    const { idempotencyKey, ...start } = options;
    return this.runner.run('start', { processId, ...start }, idempotencyKey, async (unit) => {
      const record = unit.work.start(processId, { ...start, at: start.at ?? this.clock() });
      return unit.answer(record);
    });
  }

  /** A person completes an open step (or one instance of a multi-instance step). */
  async completeStep(caseId: string, stepId: string, options: DurableCommandOptions = {}): Promise<CommandAnswer> {
    return this.onStep('complete', caseId, stepId, options, (work, record, command) => work.complete(record, stepId, command));
  }

  /** A step fails with a business error code; an error boundary on it (or around it) catches it. */
  async failStep(caseId: string, stepId: string, code: string, options: DurableCommandOptions = {}): Promise<CommandAnswer> {
    return this.onStep('fail', caseId, stepId, options, (work, record, command) => work.fail(record, stepId, code, command), { code });
  }

  /** Someone claims an open step, logged with its actor: until the step ends or is released, only they complete it. */
  async claimStep(caseId: string, stepId: string, options: DurableCommandOptions = {}): Promise<CommandAnswer> {
    return this.onStep('claim', caseId, stepId, options, (work, record, command) => work.claim(record, stepId, command));
  }

  /** The claim on an open step ends, logged with who ended it (`authorize` decides who may). */
  async releaseStep(caseId: string, stepId: string, options: DurableCommandOptions = {}): Promise<CommandAnswer> {
    return this.onStep('release', caseId, stepId, options, (work, record, command) => work.release(record, stepId, command));
  }

  /** One command on an open step: the case at the revision the caller saw, the step authorized inside the transaction. */
  private onStep(
    op: string, caseId: string, stepId: string, options: DurableCommandOptions,
    act: (work: CaseWork, record: CaseRecord, command: CommandOptions & { at: string }) => void, args: Record<string, unknown> = {},
  ): Promise<CommandAnswer> {
    const { idempotencyKey, expectedRevision, authorize, ...command } = options;
    return this.runner.run(op, { caseId, stepId, ...args, ...command, expectedRevision }, idempotencyKey, async (unit) => {
      const record = await unit.loadActive(caseId, expectedRevision);
      const step = record.steps.get(stepId);
      if (step && authorize) authorize(step);
      act(unit.work, record, { ...command, at: command.at ?? this.clock() });
      return unit.answer(record);
    });
  }

  /** Delivers a message to the case it is meant for (by case id, or to the first active case with a business key that takes it, the most recently started first). */
  async correlateMessage(name: string, target: { caseId?: string; businessKey?: string }, options: DurableCommandOptions & Pick<MessageOptions, 'mayDeliver'> = {}): Promise<CommandAnswer> {
    const { idempotencyKey, mayDeliver, ...command } = options;
    return this.runner.run('message', { name, target, ...command }, idempotencyKey, async (unit, tx) => {
      const candidates = [];
      if (target.caseId) candidates.push(await unit.loadActive(target.caseId));
      else for (const { id } of await tx.findCases({ businessKey: target.businessKey ?? '', status: 'active' })) candidates.push(await unit.load(id));
      // `mayDeliver` is checked inside the transaction, against the SOP of the case that would take the message (e.g. the catcher's lane role).
      const record = unit.work.correlate(candidates, name, target, { ...command, at: command.at ?? this.clock(), ...(mayDeliver ? { mayDeliver } : {}) });
      return unit.answer(record);
    });
  }

  /** Broadcasts a signal to every active case that waits for it, the most recently started first; returns the ids of the cases it reached. */
  async sendSignal(name: string, options: DurableCommandOptions = {}): Promise<string[]> {
    const { idempotencyKey, ...command } = options;
    const processIds = [...signalReaches(this.deployed.all(), name)];
    return this.runner.run('signal', { name, ...command }, idempotencyKey, async (unit, tx) => {
      const event = signalSent(name, { ...command, at: command.at ?? this.clock() });
      const reached: string[] = [];
      for (const { id } of await tx.findCases({ status: 'active', processIds })) {
        const record = await unit.load(id);
        if (record && record.status === 'active' && unit.work.deliver(record, event)) reached.push(id);
      }
      return reached;
    });
  }

  /**
   * Delivers every timer due at or before `now`, earliest first, the starts of recurring SOPs among
   * them — also those that came due by `now` through this delivery (the deadline of a case a
   * schedule started, the next start) — in rounds of one transaction each; returns how many fired.
   */
  async fireDueTimers(now: string = this.clock()): Promise<number> {
    let fired = 0;
    for (let round = await this.fireDueBatch(now); round > 0; round = await this.fireDueBatch(now)) fired += round;
    return fired;
  }

  /**
   * One round: the timers due at or before `now` (at most `limit`, earliest first) delivered in one
   * transaction; returns how many rows were taken. On PostgreSQL the rows are locked with
   * SKIP LOCKED, so several server processes deliver each timer exactly once.
   */
  fireDueBatch(now: string = this.clock(), limit = 256): Promise<number> {
    return this.timers.fire(now, limit);
  }

  /**
   * Delivers due timers on its own until stopped, one round after another: at once for those that
   * came due while the server was down, then every `pollMs` (default 200 ms).
   */
  startTimerService(options: TimerServiceOptions = {}): TimerService {
    return runTimerService(() => this.fireDueBatch(this.clock(), options.batch ?? 256), this.onError, options);
  }

  /** The next starts of recurring SOPs (timer start events), earliest first. */
  async scheduledStarts(): Promise<ScheduledStart[]> {
    const ids = [...new Set(this.deployed.all().filter((d) => d.startTimers.length > 0).map((d) => scheduleId(d.processId)))];
    return scheduledStarts([...(await this.store.timersOf(ids)).values()].flat());
  }

  /** Switches to a corrected calendar and recomputes the open deadlines of every active case, one transaction per case. */
  async useCalendar(calendar: WorkingCalendar, options: { at?: string; actor?: string } = {}): Promise<number> {
    this.workingCalendar = calendar;
    const at = options.at ?? this.clock();
    let moved = 0;
    for (let afterId = ''; ;) {
      const page = await this.store.listCases({ status: 'active', afterId, limit: 500 });
      if (page.length === 0) return moved;
      for (const stored of page) {
        moved += await this.runner.run('calendar', {}, undefined, async (unit) => {
          const record = await unit.load(stored.id);
          return record && record.status === 'active' ? unit.work.recompute(record, calendar, { at, actor: options.actor }).length : 0;
        });
      }
      afterId = (page[page.length - 1] as StoredCase).id;
    }
  }

  /** One case as the worklist, monitor and API show it, with its whole history. */
  async getCase(caseId: string): Promise<CaseView> {
    const stored = await this.store.getCase(caseId);
    if (!stored) throw new ProtapError('CASE_NOT_FOUND', `Kasus "${caseId}" tidak ditemukan.`);
    await this.ensureDefinitions([stored]);
    const definition = this.definition(stored.processId, stored.definitionVersion);
    const record = decodeCase(definition, stored);
    record.history = (await this.store.log(caseId)).filter((row) => row.seq <= stored.revision).map((row) => JSON.parse(row.entry) as HistoryEntry);
    record.logged = 0;
    return caseView(definition, record);
  }
}

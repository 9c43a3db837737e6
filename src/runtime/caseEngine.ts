/**
 * The in-process case runtime: starts cases of deployed definitions, applies commands (complete
 * a step, correlate a message, deliver a due timer), and carries out what each pure decision
 * asks for — deadlines on the working-day calendar, timer rows, child cases of call activities,
 * escalation of breaches. Time enters only through events (`at`), so a run can be replayed.
 */
import { randomUUID } from 'node:crypto';
import { completeEvent, errorEvent, messageEvent, signalEvent, type CaseEvent } from '../compile/eventTypes.ts';
import { loadCalendar } from '../calendar/loadCalendar.ts';
import type { WorkingCalendar } from '../calendar/workingCalendar.ts';
import type { CaseRecord } from './caseRecord.ts';
import { applyDecision, type Effects } from './applyDecision.ts';
import { caseView, type CaseView } from './caseView.ts';
import { contextOf, decide, decideStart, type Decision } from './decide.ts';
import type { Definition } from './definition.ts';
import { loadDefinitions } from './loadDefinitions.ts';
import { ProtapError } from './protapError.ts';
import { TimerQueue } from './timerQueue.ts';
import { nextStart, type ScheduledStart } from './startSchedule.ts';
import { recomputeDeadlines, type DeadlineChange } from './recomputeDeadlines.ts';

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

export interface StartOptions {
  vars?: Record<string, unknown>;
  businessKey?: string;
  at?: string;
  actor?: string;
  /** Start at this start event (message or timer start); the none start by default. */
  startEvent?: string;
  parent?: CaseRecord['parent'];
}

export interface CommandOptions {
  data?: Record<string, unknown>;
  instance?: number;
  at?: string;
  actor?: string;
}

export class CaseEngine {
  private workingCalendar: WorkingCalendar;
  readonly timers = new TimerQueue();
  private readonly definitions = new Map<string, Definition[]>();
  private readonly cases = new Map<string, CaseRecord>();
  private readonly clock: () => string;
  private readonly newId: () => string;
  private readonly onCaseEnded?: (record: CaseRecord) => void;
  private readonly keepEnded: boolean;
  private readonly scheduleStarts: boolean;
  private schedule: ScheduledStart[] = [];

  constructor(options: EngineOptions = {}) {
    this.onCaseEnded = options.onCaseEnded;
    this.keepEnded = options.keepEnded ?? true;
    this.scheduleStarts = options.scheduleStarts ?? true;
    this.workingCalendar = options.calendar ?? loadCalendar();
    this.clock = options.clock ?? (() => new Date().toISOString());
    this.newId = options.newId ?? (() => randomUUID());
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
      if (record.status !== 'active') continue;
      const moved = recomputeDeadlines(record, this.definition(record.processId, record.version), calendar, this.timers, at);
      if (moved.length === 0) continue;
      changes.push(...moved);
      record.history.push({
        seq: record.history.length + 1, at, actor: options.actor ?? 'sistem', event: 'CALENDAR', visited: [], stepsStarted: [], stepsEnded: [],
        deadlines: moved.map((m) => ({ step: m.step, due: m.after, explanation: m.explanation })), status: record.status,
        notes: moved.map((m) => `Tenggat ${m.step} dihitung ulang dengan kalender ${calendar.version}: ${m.before} → ${m.after}.`),
      });
    }
    return changes;
  }

  /** Deploys definitions; a process id deployed again gets the next version. */
  deploy(definitions: Definition[]): Definition[] {
    return definitions.map((definition) => {
      const versions = this.definitions.get(definition.processId) ?? [];
      const deployed = { ...definition, version: versions.length + 1 };
      this.definitions.set(definition.processId, [...versions, deployed]);
      if (this.scheduleStarts) this.scheduleFor(deployed);
      return deployed;
    });
  }

  /** Reads, validates, compiles and deploys a BPMN document; throws DEFINITION_INVALID with the problems. */
  async deployXml(xml: string): Promise<Definition[]> {
    const loaded = await loadDefinitions(xml, new Set(this.definitions.keys()));
    if (loaded.problems.length > 0) {
      throw new ProtapError('DEFINITION_INVALID', `Diagram tidak valid: ${loaded.problems.map((p) => `${p.id}: ${p.message}`).join(' ')}`, { problems: loaded.problems });
    }
    return this.deploy(loaded.definitions);
  }

  /** The latest (or the given) version of a deployed process. */
  definition(processId: string, version?: number): Definition {
    const versions = this.definitions.get(processId);
    const found = versions && (version === undefined ? versions[versions.length - 1] : versions[version - 1]);
    if (!found) throw new ProtapError('DEFINITION_NOT_FOUND', `SOP "${processId}"${version ? ` versi ${version}` : ''} belum di-deploy.`);
    return found;
  }

  /** Starts a case of a process and runs it to its first waiting point. */
  startCase(processId: string, options: StartOptions = {}): CaseView {
    const record = this.start(processId, options);
    return caseView(this.definition(record.processId, record.version), record);
  }

  /** A person completes an open step (or one instance of a multi-instance step). */
  completeStep(caseId: string, stepId: string, options: CommandOptions = {}): CaseView {
    const record = this.activeCase(caseId);
    const step = record.steps.get(stepId);
    if (!step || step.completion !== 'person') {
      throw new ProtapError('STEP_NOT_ACTIVE', `Langkah "${stepId}" tidak sedang terbuka pada kasus ${caseId}.`, { openSteps: [...record.steps.keys()] });
    }
    const at = this.at(options);
    if (step.notBefore && Date.parse(at) < Date.parse(step.notBefore)) {
      // A minimum gap (e.g. "tenggang waktu pemanggilan … 7 Hari"): the step may not happen earlier.
      throw new ProtapError('STEP_TOO_EARLY', `Langkah "${step.name ?? stepId}" baru boleh diselesaikan mulai ${step.notBefore}: ${step.dueExplanation ?? ''}`, { notBefore: step.notBefore });
    }
    const event: CaseEvent = { type: completeEvent(stepId), at, actor: options.actor ?? 'sistem', ...(options.data ? { data: options.data } : {}), ...(options.instance !== undefined ? { instance: options.instance } : {}) };
    const definition = this.definition(record.processId, record.version);
    const decision = decide(definition, record.snapshot, event);
    if (!decision.handled) {
      throw new ProtapError('INSTANCE_NOT_OPEN', `Instans ${options.instance ?? '(berikutnya)'} dari langkah "${stepId}" tidak terbuka pada kasus ${caseId}.`);
    }
    this.commit(record, definition, decision, event);
    return caseView(definition, record);
  }

  /** A step fails with a business error code; an error boundary on it (or around it) catches it. */
  failStep(caseId: string, stepId: string, code: string, options: CommandOptions = {}): CaseView {
    const record = this.activeCase(caseId);
    if (!record.steps.has(stepId)) throw new ProtapError('STEP_NOT_ACTIVE', `Langkah "${stepId}" tidak sedang terbuka pada kasus ${caseId}.`);
    this.apply(record, { type: errorEvent(code), at: this.at(options), actor: options.actor ?? 'sistem', message: `langkah ${stepId} gagal`, source: stepId });
    return caseView(this.definition(record.processId, record.version), record);
  }

  /** Delivers a message to the case it is meant for (by case id, or by business key). */
  correlateMessage(name: string, target: { caseId?: string; businessKey?: string }, options: CommandOptions = {}): CaseView {
    const event: CaseEvent = { type: messageEvent(name), at: this.at(options), actor: options.actor ?? 'sistem', ...(options.data ? { data: options.data } : {}) };
    const candidates = target.caseId ? [this.activeCase(target.caseId)] : [...this.cases.values()].filter((c) => c.status === 'active' && c.businessKey === target.businessKey);
    // decide is pure: trying a candidate changes nothing until its decision is committed.
    for (const record of candidates) {
      const definition = this.definition(record.processId, record.version);
      const decision = decide(definition, record.snapshot, event);
      if (!decision.handled) continue;
      this.commit(record, definition, decision, event);
      return caseView(definition, record);
    }
    throw new ProtapError('MESSAGE_NOT_EXPECTED', `Tidak ada kasus${target.caseId ? ` ${target.caseId}` : target.businessKey ? ` dengan nomor "${target.businessKey}"` : ''} yang sedang menunggu pesan "${name}".`);
  }

  /** The scheduled starts of recurring SOPs (timer start events), earliest first. */
  scheduledStarts(): readonly ScheduledStart[] {
    return [...this.schedule].sort((a, b) => Date.parse(a.due) - Date.parse(b.due));
  }

  /** Broadcasts a signal to every active case that waits for it; returns the ids of the cases it reached. */
  sendSignal(name: string, options: CommandOptions = {}): string[] {
    const event: CaseEvent = { type: signalEvent(name), at: this.at(options), actor: options.actor ?? 'sistem', ...(options.data ? { data: options.data } : {}) };
    const reached: string[] = [];
    for (const record of [...this.cases.values()]) {
      if (record.status !== 'active') continue;
      const definition = this.definition(record.processId, record.version);
      const decision = decide(definition, record.snapshot, event);
      if (!decision.handled) continue;
      this.commit(record, definition, decision, event);
      reached.push(record.id);
    }
    return reached;
  }

  /** Delivers every timer due at or before `now`, earliest first, and starts the scheduled cases due by then; returns how many fired. */
  fireDueTimers(now: string): number {
    let fired = 0;
    for (let row = this.timers.nextDue(now); ; row = this.timers.nextDue(now)) {
      const start = this.scheduledStarts()[0];
      if (start && Date.parse(start.due) <= Date.parse(now) && (!row || Date.parse(start.due) <= Date.parse(row.due))) {
        this.startScheduled(start);
        fired++;
        continue;
      }
      if (!row) break;
      this.timers.remove(row.caseId, row.key);
      const record = this.cases.get(row.caseId);
      if (!record || record.status !== 'active') continue;
      if (row.every && row.remaining !== 0) {
        this.timers.rearm(row);
      }
      this.apply(record, { type: row.event, at: row.due, actor: 'sistem' });
      fired++;
    }
    return fired;
  }

  /** One case as the worklist, monitor and API show it. */
  getCase(caseId: string): CaseView {
    const record = this.cases.get(caseId);
    if (!record) throw new ProtapError('CASE_NOT_FOUND', `Kasus "${caseId}" tidak ditemukan.`);
    return caseView(this.definition(record.processId, record.version), record);
  }

  /** Every case, most recent first. */
  listCases(): CaseView[] {
    return [...this.cases.values()].reverse().map((r) => caseView(this.definition(r.processId, r.version), r));
  }

  /** The raw record of a case (for replay and tests). */
  record(caseId: string): CaseRecord | undefined {
    return this.cases.get(caseId);
  }

  private at(options: { at?: string }): string {
    return options.at ?? this.clock();
  }

  private activeCase(caseId: string): CaseRecord {
    const record = this.cases.get(caseId);
    if (!record) throw new ProtapError('CASE_NOT_FOUND', `Kasus "${caseId}" tidak ditemukan.`);
    if (record.status !== 'active') throw new ProtapError('CASE_NOT_ACTIVE', `Kasus ${caseId} sudah ${record.status === 'completed' ? 'selesai' : `berstatus ${record.status}`}.`);
    return record;
  }

  private start(processId: string, options: StartOptions & { id?: string }): CaseRecord {
    const definition = this.definition(processId);
    if (options.startEvent && !definition.startEvents.includes(options.startEvent)) {
      throw new ProtapError('BAD_INPUT', `Start event "${options.startEvent}" tidak ada dalam SOP ${processId}; pilih salah satu: ${definition.startEvents.join(', ')}.`);
    }
    const at = this.at(options);
    const decision = decideStart(definition, { vars: options.vars ?? {}, ...(options.startEvent ? { start: options.startEvent } : {}) });
    const record: CaseRecord = {
      id: options.id ?? this.newId(),
      processId,
      version: definition.version,
      definitionHash: definition.hash,
      ...(options.businessKey ? { businessKey: options.businessKey } : {}),
      ...(options.parent ? { parent: options.parent } : {}),
      status: 'active',
      snapshot: decision.snapshot,
      steps: new Map(),
      children: new Map(),
      completed: {},
      escalations: [],
      history: [],
      startedAt: at,
      events: [],
    };
    this.cases.set(record.id, record);
    const startEvent: CaseEvent = { type: 'START', at, actor: options.actor ?? 'sistem', ...(options.vars ? { data: options.vars } : {}) };
    this.carryOut(record, definition, decision, startEvent);
    return record;
  }

  private apply(record: CaseRecord, event: CaseEvent): void {
    const definition = this.definition(record.processId, record.version);
    this.commit(record, definition, decide(definition, record.snapshot, event), event);
  }

  private commit(record: CaseRecord, definition: Definition, decision: Decision, event: CaseEvent): void {
    record.events.push(event);
    this.carryOut(record, definition, decision, event);
  }

  private carryOut(record: CaseRecord, definition: Definition, decision: Decision, event: CaseEvent): void {
    const effects: Effects = applyDecision(record, definition, decision, event, { calendar: this.calendar, timers: this.timers });
    // Link every child before any runs: a child that finishes at once notifies this case re-entrantly.
    const planned = effects.startChildren.map((child) => {
      const id = this.newId();
      const byInstance = record.children.get(child.node) ?? new Map<number, string>();
      byInstance.set(child.instance, id);
      record.children.set(child.node, byInstance);
      return { ...child, id };
    });
    for (const child of planned) {
      this.start(child.processId, { id: child.id, vars: child.vars, at: event.at, actor: event.actor, parent: { caseId: record.id, node: child.node, instance: child.instance } });
    }
    for (const childId of effects.cancelChildren) this.cancel(childId, event.at);
    if (record.status !== 'active' && record.parent) this.notifyParent(record, event.at);
    // A case ends once: later commands on it are refused by activeCase.
    if (record.status !== 'active' && record.status !== 'incident') this.ended(record);
  }

  private cancel(caseId: string, at: string): void {
    const record = this.cases.get(caseId);
    if (!record || record.status !== 'active') return;
    record.status = 'terminated';
    record.endedAt = at;
    record.history.push({ seq: record.history.length + 1, at, actor: 'sistem', event: 'CANCEL', visited: [], stepsStarted: [], stepsEnded: [...record.steps.keys()], deadlines: [], status: 'terminated', notes: ['Dibatalkan karena langkah pemanggil di kasus induk berakhir.'] });
    record.steps.clear();
    this.timers.removeCase(caseId);
    for (const byInstance of record.children.values()) for (const child of byInstance.values()) this.cancel(child, at);
    this.ended(record);
  }

  private scheduleFor(definition: Definition): void {
    this.schedule = this.schedule.filter((s) => s.processId !== definition.processId);
    for (const { node, timer } of definition.startTimers) {
      const next = nextStart(timer, this.calendar, this.clock());
      if (next) this.schedule.push({ processId: definition.processId, version: definition.version, node, timer, ...next });
    }
  }

  private startScheduled(start: ScheduledStart): void {
    this.schedule = this.schedule.filter((s) => s !== start);
    const next = nextStart(start.timer, this.calendar, start.due, start);
    if (next) this.schedule.push({ ...start, ...next });
    this.start(start.processId, { at: start.due, actor: 'jadwal', startEvent: start.node });
  }

  private ended(record: CaseRecord): void {
    this.onCaseEnded?.(record);
    if (!this.keepEnded) this.cases.delete(record.id);
  }

  private notifyParent(record: CaseRecord, at: string): void {
    const link = record.parent;
    const parent = link && this.cases.get(link.caseId);
    if (!link || !parent || parent.status !== 'active' || !parent.steps.has(link.node)) return;
    const context = contextOf(record.snapshot);
    if (record.status === 'failed') {
      this.apply(parent, { type: errorEvent(context.error?.code || '_'), at, actor: 'sistem', message: `kasus anak ${record.id} gagal`, source: link.node });
    } else if (record.status === 'completed' || record.status === 'terminated') {
      this.apply(parent, { type: `CALL.DONE.${link.node}`, at, actor: 'sistem', output: context.vars, instance: link.instance });
    }
  }
}

/**
 * What a command does to cases, wherever they live: start a case and run it to its first wait,
 * complete, fail, claim or release a step, deliver an event or a due timer, cancel a child, tell
 * a parent that its child ended, recompute deadlines on a corrected calendar. The in-memory
 * engine runs it over a Map and a timer queue; the durable engine over the family of cases one
 * command loads, whose changes it then writes in one transaction (DESIGN.md decisions 4 and 9).
 */
import { completeEvent, errorEvent, escalationEvent, messageEvent, signalEvent, type CaseEvent } from '../compile/eventTypes.ts';
import type { WorkingCalendar } from '../calendar/workingCalendar.ts';
import { applyDecision, type Effects, type TimerRows } from './applyDecision.ts';
import { revisionOf, type CaseRecord, type Command, type OpenStep, type TimerRow } from './caseRecord.ts';
import { contextOf, decide, decideStart, type Decision } from './decide.ts';
import type { Definition } from './definition.ts';
import { ProtapError } from './protapError.ts';
import { checkStepData } from './checkStepData.ts';
import { recomputeDeadlines, type DeadlineChange } from './recomputeDeadlines.ts';
import { claimEvent, releaseEvent, stepClaimed } from './stepClaims.ts';
import { nextCycle } from './timerQueue.ts';

/** The cases a command can reach. */
export interface CaseSpace {
  get(caseId: string): CaseRecord | undefined;
  add(record: CaseRecord): void;
  /** Called once when a case ends (completed, failed, terminated). */
  ended(record: CaseRecord): void;
}

export interface WorkEnvironment {
  definition(processId: string, version?: number): Definition;
  readonly calendar: WorkingCalendar;
  newId(): string;
  readonly timers: TimerRows;
  readonly cases: CaseSpace;
  /** Called after each history entry a case gets, while its snapshot is the one the entry led to. */
  entered?(record: CaseRecord): void;
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

/** A message's options: `mayDeliver` refuses (throws) when the sender may not send it to the SOP of the case that would take it. */
export interface MessageOptions extends CommandOptions {
  mayDeliver?: (definition: Definition) => void;
}

type At = { at: string };

/** The event a message sent to a case stands for. */
export function messageSent(name: string, options: CommandOptions & At): CaseEvent {
  return { type: messageEvent(name), at: options.at, actor: options.actor ?? 'sistem', ...(options.data ? { data: options.data } : {}) };
}

/** The event a broadcast signal stands for. */
export function signalSent(name: string, options: CommandOptions & At): CaseEvent {
  return { type: signalEvent(name), at: options.at, actor: options.actor ?? 'sistem', ...(options.data ? { data: options.data } : {}) };
}

/** The processes a signal can reach: those whose machines wait for it somewhere; no other case is looked at. */
export function signalReaches(definitions: Iterable<Definition>, name: string): Set<string> {
  const type = signalEvent(name);
  const reached = new Set<string>();
  for (const definition of definitions) if (definition.awaits.includes(type)) reached.add(definition.processId);
  return reached;
}

/** The refusal of a message no case waits for. */
export function messageNotExpected(name: string, target: { caseId?: string; businessKey?: string }): ProtapError {
  return new ProtapError('MESSAGE_NOT_EXPECTED', `Tidak ada kasus${target.caseId ? ` ${target.caseId}` : target.businessKey ? ` dengan nomor "${target.businessKey}"` : ''} yang sedang menunggu pesan "${name}".`);
}

/** The case of a command: it must exist and still be running. */
export function activeCase(record: CaseRecord | undefined, caseId: string): CaseRecord {
  if (!record) throw new ProtapError('CASE_NOT_FOUND', `Kasus "${caseId}" tidak ditemukan.`);
  if (record.status !== 'active') throw new ProtapError('CASE_NOT_ACTIVE', `Kasus ${caseId} sudah ${record.status === 'completed' ? 'selesai' : `berstatus ${record.status}`}.`);
  return record;
}

/** The open step a person acts on: it must be open and be completed by a person. */
function personStep(record: CaseRecord, stepId: string): OpenStep {
  const step = record.steps.get(stepId);
  if (!step || step.completion !== 'person') {
    throw new ProtapError('STEP_NOT_ACTIVE', `Langkah "${stepId}" tidak sedang terbuka pada kasus ${record.id}.`, { openSteps: [...record.steps.keys()] });
  }
  return step;
}

export class CaseWork {
  constructor(private readonly env: WorkEnvironment) {}

  /** Starts a case of the latest version of a process and runs it to its first waiting point. */
  start(processId: string, options: StartOptions & At & { id?: string }): CaseRecord {
    const definition = this.env.definition(processId);
    if (options.startEvent && !definition.startEvents.includes(options.startEvent)) {
      throw new ProtapError('BAD_INPUT', `Start event "${options.startEvent}" tidak ada dalam SOP ${processId}; pilih salah satu: ${definition.startEvents.join(', ')}.`);
    }
    const start = options.startEvent ?? definition.startEvents[0];
    if (!options.parent && start && !definition.startTimers.some((t) => t.node === start)) {
      // A person starting a case answers the start form (the decisions right after the start); other variables are case data.
      checkStepData(definition.forms[start], options.vars, 'awal kasus', true);
    }
    const decision = decideStart(definition, { vars: options.vars ?? {}, ...(options.startEvent ? { start: options.startEvent } : {}) });
    const record: CaseRecord = {
      id: options.id ?? this.env.newId(),
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
      startedAt: options.at,
      logged: 0,
    };
    this.env.cases.add(record);
    const command: Command = {
      type: 'START', at: options.at, actor: options.actor ?? 'sistem',
      ...(options.vars ? { data: options.vars } : {}), ...(options.startEvent ? { start: options.startEvent } : {}),
      ...(definition.sourceHash ? { source: definition.sourceHash } : {}), ...(options.businessKey ? { businessKey: options.businessKey } : {}),
      ...(definition.sourceHash && options.parent ? { parentCase: options.parent.caseId } : {}),
    };
    this.carryOut(record, definition, decision, command);
    return record;
  }

  /** A person completes an open step (or one instance of a multi-instance step); a step claimed by another is refused. */
  complete(record: CaseRecord, stepId: string, options: CommandOptions & At): void {
    const step = personStep(record, stepId);
    if (step.claimedBy && step.claimedBy !== (options.actor ?? 'sistem')) throw stepClaimed(record.id, step);
    if (step.notBefore && Date.parse(options.at) < Date.parse(step.notBefore)) {
      // A minimum gap (e.g. "tenggang waktu pemanggilan … 7 Hari"): the step may not happen earlier.
      throw new ProtapError('STEP_TOO_EARLY', `Langkah "${step.name ?? stepId}" baru boleh diselesaikan mulai ${step.notBefore}: ${step.dueExplanation ?? ''}`, { notBefore: step.notBefore });
    }
    // The data must fit the step's form before anything happens: a refusal changes nothing and logs nothing.
    checkStepData(this.env.definition(record.processId, record.version).steps.get(stepId)?.form, options.data, `langkah "${step.name ?? stepId}"`);
    const event: CaseEvent = {
      type: completeEvent(stepId), at: options.at, actor: options.actor ?? 'sistem',
      ...(options.data ? { data: options.data } : {}), ...(options.instance !== undefined ? { instance: options.instance } : {}),
    };
    if (!this.deliver(record, event)) {
      throw new ProtapError('INSTANCE_NOT_OPEN', `Instans ${options.instance ?? '(berikutnya)'} dari langkah "${stepId}" tidak terbuka pada kasus ${record.id}.`);
    }
  }

  /** Someone claims an open step (src/runtime/stepClaims.ts); claiming one's own claim again changes nothing. */
  claim(record: CaseRecord, stepId: string, options: { actor?: string } & At): void {
    const step = personStep(record, stepId);
    const actor = options.actor ?? 'sistem';
    if (step.claimedBy === actor) return;
    if (step.claimedBy) throw stepClaimed(record.id, step);
    // Open steps are shared read-only with every view of the case: replace, never mutate.
    record.steps.set(stepId, Object.freeze({ ...step, claimedBy: actor, claimedAt: options.at }));
    this.recordClaim(record, claimEvent(stepId), options.at, actor, `Langkah ${step.name ?? stepId} diambil oleh ${actor}.`);
  }

  /** The claim on an open step ends (who may end it is the caller's rule); a step without claim stays as it is. */
  release(record: CaseRecord, stepId: string, options: { actor?: string } & At): void {
    const step = personStep(record, stepId);
    if (!step.claimedBy) return;
    const released: OpenStep = { ...step };
    delete released.claimedBy;
    delete released.claimedAt;
    record.steps.set(stepId, Object.freeze(released));
    const actor = options.actor ?? 'sistem';
    this.recordClaim(record, releaseEvent(stepId), options.at, actor, `Klaim ${step.claimedBy} atas langkah ${step.name ?? stepId} dilepas oleh ${actor}.`);
  }

  /** A step fails with a business error code; an error boundary on it (or around it) catches it. */
  fail(record: CaseRecord, stepId: string, code: string, options: CommandOptions & At): void {
    if (!record.steps.has(stepId)) throw new ProtapError('STEP_NOT_ACTIVE', `Langkah "${stepId}" tidak sedang terbuka pada kasus ${record.id}.`);
    this.apply(record, { type: errorEvent(code), at: options.at, actor: options.actor ?? 'sistem', message: `langkah ${stepId} gagal`, source: stepId });
  }

  /** Feeds an event to a case if its machine takes it; decide is pure, so a refusal changes nothing. */
  deliver(record: CaseRecord, event: CaseEvent): boolean {
    const definition = this.env.definition(record.processId, record.version);
    const decision = decide(definition, record.snapshot, event);
    if (!decision.handled) return false;
    if (event.type.startsWith('MESSAGE.')) {
      // A message's data must fit the form of what catches it, as a step's data must (issue 15).
      const name = event.type.slice('MESSAGE.'.length);
      checkStepData(definition.messageForms[name], event.data, `pesan "${name}"`);
    }
    this.carryOut(record, definition, decision, event);
    return true;
  }

  /**
   * Delivers a message to the first of the candidate cases that takes it, checking first that the
   * sender may send it to that case's SOP; refused when none takes it. Candidates that are not
   * active are passed over.
   */
  correlate(candidates: Iterable<CaseRecord | undefined>, name: string, target: { caseId?: string; businessKey?: string }, options: MessageOptions & At): CaseRecord {
    const event = messageSent(name, options);
    for (const record of candidates) {
      if (!record || record.status !== 'active') continue;
      options.mayDeliver?.(this.env.definition(record.processId, record.version));
      if (this.deliver(record, event)) return record;
    }
    throw messageNotExpected(name, target);
  }

  /** A timer row came due: it is removed (a cycle re-armed) and its event delivered. */
  fire(record: CaseRecord, row: TimerRow): void {
    this.env.timers.remove(row.caseId, row.key);
    if (record.status !== 'active') return;
    const next = nextCycle(row);
    if (next) this.env.timers.upsert(next);
    this.apply(record, { type: row.event, at: row.due, actor: 'sistem' });
  }

  /** Recomputes the open deadlines of a case on a corrected calendar and records the moves. */
  recompute(record: CaseRecord, calendar: WorkingCalendar, options: { at: string; actor?: string }): DeadlineChange[] {
    const moved = recomputeDeadlines(record, this.env.definition(record.processId, record.version), calendar, this.env.timers, options.at);
    if (moved.length === 0) return moved;
    record.history.push({
      seq: revisionOf(record) + 1, at: options.at, actor: options.actor ?? 'sistem', event: 'CALENDAR', visited: [], stepsStarted: [], stepsEnded: [],
      deadlines: moved.map((m) => ({ step: m.step, due: m.after, explanation: m.explanation })), status: record.status,
      notes: moved.map((m) => `Tenggat ${m.step} dihitung ulang dengan kalender ${calendar.version}: ${m.before} → ${m.after}.`),
      command: { type: 'CALENDAR', at: options.at, actor: options.actor ?? 'sistem', calendarVersion: calendar.version },
    });
    this.env.entered?.(record);
    return moved;
  }

  /** The log entry of a claim or release: the record changes, the machine does not. */
  private recordClaim(record: CaseRecord, type: string, at: string, actor: string, note: string): void {
    record.history.push({
      seq: revisionOf(record) + 1, at, actor, event: type, visited: [], stepsStarted: [], stepsEnded: [], deadlines: [],
      status: record.status, notes: [note], command: { type, at, actor },
    });
    this.env.entered?.(record);
  }

  private apply(record: CaseRecord, event: CaseEvent): void {
    const definition = this.env.definition(record.processId, record.version);
    this.carryOut(record, definition, decide(definition, record.snapshot, event), event);
  }

  private carryOut(record: CaseRecord, definition: Definition, decision: Decision, command: Command): void {
    const effects: Effects = applyDecision(record, definition, decision, command, { calendar: this.env.calendar, timers: this.env.timers });
    this.env.entered?.(record);
    // Link every child before any runs: a child that finishes at once notifies this case re-entrantly.
    const planned = effects.startChildren.map((child) => {
      const id = this.env.newId();
      const byInstance = record.children.get(child.node) ?? new Map<number, string>();
      byInstance.set(child.instance, id);
      record.children.set(child.node, byInstance);
      return { ...child, id };
    });
    for (const child of planned) {
      this.start(child.processId, { id: child.id, vars: child.vars, at: command.at, actor: command.actor, parent: { caseId: record.id, node: child.node, instance: child.instance } });
    }
    for (const childId of effects.cancelChildren) this.cancel(childId, command.at);
    // An escalation no boundary of this case caught goes on to the call activity that started it
    // (before the case's own end reaches it, as BPMN throws it before the end event completes).
    if (record.parent && decision.escalations.length > 0) this.escalateToParent(record, decision.escalations, command.at);
    if (record.status !== 'active' && record.parent) this.notifyParent(record, command.at);
    // A case ends once: later commands on it are refused by activeCase.
    if (record.status !== 'active' && record.status !== 'incident') this.env.cases.ended(record);
  }

  private cancel(caseId: string, at: string): void {
    const record = this.env.cases.get(caseId);
    if (!record || record.status !== 'active') return;
    record.status = 'terminated';
    record.endedAt = at;
    record.history.push({
      seq: revisionOf(record) + 1, at, actor: 'sistem', event: 'CANCEL', visited: [], stepsStarted: [], stepsEnded: [...record.steps.keys()], deadlines: [],
      status: 'terminated', notes: ['Dibatalkan karena langkah pemanggil di kasus induk berakhir.'], command: { type: 'CANCEL', at, actor: 'sistem' },
    });
    this.env.entered?.(record);
    record.steps.clear();
    this.env.timers.removeCase(caseId);
    for (const byInstance of record.children.values()) for (const child of byInstance.values()) this.cancel(child, at);
    this.env.cases.ended(record);
  }

  /**
   * Delivers a child's escalations to its parent as thrown by the call activity: a boundary on it
   * (or on a subprocess around it) catches them by code; one nobody catches there is recorded in
   * the parent and goes on to its own parent.
   */
  private escalateToParent(record: CaseRecord, codes: readonly string[], at: string): void {
    const link = record.parent;
    for (const code of codes) {
      const parent = link && this.env.cases.get(link.caseId);
      if (!link || !parent || parent.status !== 'active' || !parent.steps.has(link.node)) return;
      this.apply(parent, { type: escalationEvent(code && code !== '_' ? code : '_'), at, actor: 'sistem', message: `eskalasi dari kasus anak ${record.id}`, source: link.node });
    }
  }

  private notifyParent(record: CaseRecord, at: string): void {
    const link = record.parent;
    const parent = link && this.env.cases.get(link.caseId);
    if (!link || !parent || parent.status !== 'active' || !parent.steps.has(link.node)) return;
    const context = contextOf(record.snapshot);
    if (record.status === 'failed') {
      this.apply(parent, { type: errorEvent(context.error?.code || '_'), at, actor: 'sistem', message: `kasus anak ${record.id} gagal`, source: link.node });
    } else if (record.status === 'completed' || record.status === 'terminated') {
      this.apply(parent, { type: `CALL.DONE.${link.node}`, at, actor: 'sistem', output: context.vars, instance: link.instance });
    }
  }
}

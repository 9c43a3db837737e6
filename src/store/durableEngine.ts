/**
 * The durable runtime (DESIGN.md decisions 4, 5 and 9): stateless over a CaseStore. Each command
 * opens one transaction, loads the family of cases it touches (a case, its parent and children
 * share a root), runs the same CaseWork as the in-memory engine, and writes back the changed
 * cases at the revisions they were loaded at, their hash-chained log entries, open steps and
 * timer rows — then answers, after commit. Memory holds definitions, not cases.
 */
import { v7 as timeOrderedId } from 'uuid';
import { messageEvent, signalEvent, type CaseEvent } from '../compile/eventTypes.ts';
import { canonical, sha256 } from '../audit/hashChain.ts';
import type { CalendarYear } from '../calendar/calendarYear.ts';
import { draftYear } from '../calendar/draftYear.ts';
import { zoneFor } from '../calendar/loadCalendar.ts';
import type { DateChange } from '../calendar/publishYear.ts';
import { createWorkingCalendar } from '../calendar/workingCalendar.ts';
import type { WorkingCalendar } from '../calendar/workingCalendar.ts';
import type { CaseRecord, HistoryEntry, OpenStep, TimerRow } from '../runtime/caseRecord.ts';
import { caseView, type CaseView } from '../runtime/caseView.ts';
import type { CaseWork, CommandOptions, StartOptions } from '../runtime/caseWork.ts';
import { messageNotExpected } from '../runtime/caseEngine.ts';
import { calendarOf, type Definition } from '../runtime/definition.ts';
import { DefinitionRegistry } from '../runtime/definitionRegistry.ts';
import { inPlaceChecker, type BpmnChecker } from '../runtime/bpmnChecker.ts';
import type { Validation } from '../runtime/validateBpmn.ts';
import { ProtapError } from '../runtime/protapError.ts';
import { nextStart } from '../runtime/startSchedule.ts';
import { publishCorrectedYear, yearsInForce } from './calendarYears.ts';
import { decodeCase } from './caseCodec.ts';
import { timerKey, Unit } from './commandUnit.ts';
import { showCommitted, type CaseInspector } from './inspection.ts';
import { runTimerService, type TimerService, type TimerServiceOptions } from './timerService.ts';

export type { CaseInspector } from './inspection.ts';
import { StoreConflict, type CaseStore, type StoreTransaction, type StoredCase } from './caseStore.ts';

export interface DurableEngineOptions {
  store: CaseStore;
  /** A calendar to use as it is; by default the year files of processes/calendar overlaid with the years published through the server. */
  calendar?: WorkingCalendar;
  /** The satker's zone for the default calendar: WIB (default), WITA, WIT or an IANA name. */
  zone?: string;
  /** The current instant as ISO 8601; used only when a command does not say `at`. */
  clock?: () => string;
  newId?: () => string;
  /** Told of a timer that could not be delivered (it stays in the store and is reported once). */
  onError?: (error: unknown, context: string) => void;
  /**
   * How many recently written cases stay decoded in memory (default 1,000; 0 turns the cache off).
   * Every case that leaves the cache is garbage of the old generation, and V8 lets that grow to a
   * few times the live heap before collecting it: at 5,000 the server's heap peaked at 150 MB while
   * starting 100,000 cases, at 1,000 at 85 MB (live heap 36 and 29 MB).
   */
  cachedCases?: number;
  /**
   * Live inspection (opt-in): told of every committed command — a new case as an actor with its
   * machine, then each event and the snapshot it led to. `@statelyai/inspect`'s inspectors fit.
   */
  inspector?: CaseInspector;
  /** Where BPMN documents are read and compiled: in this thread by default; the server passes a worker thread (src/runtime/bpmnWorker.ts). */
  bpmn?: BpmnChecker;
}

/** A case as this process last wrote it. */
export interface CachedCase {
  record: CaseRecord;
  revision: number;
  headHash: string;
}

export interface DurableCommandOptions extends CommandOptions {
  /** A repeated command with the same key returns the first answer and changes nothing. */
  idempotencyKey?: string;
  /** Checked against the open step inside the command's transaction (e.g. the caller holds its lane's role); throws to refuse. */
  authorize?: (step: OpenStep) => void;
  /** The revision the caller last saw: if the case has moved on since, the command is a conflict. */
  expectedRevision?: number;
}

export interface DurableStartOptions extends StartOptions {
  idempotencyKey?: string;
}

/** Scheduled starts of recurring SOPs live in the timer table under this case id prefix. */
const SCHEDULE_PREFIX = 'jadwal:';
const SCHEDULE_EVENT = 'START';

export class DurableEngine {
  readonly store: CaseStore;
  private workingCalendar: WorkingCalendar;
  /** The year data the calendar was built from (empty when a calendar was given ready-made). */
  private years: CalendarYear[] = [];
  private readonly zone: string;
  private readonly registry = new DefinitionRegistry();
  /** Definitions whose stored compile hash differs from what this Protap compiles now. */
  private readonly recompiled = new Set<string>();
  readonly clock: () => string;
  readonly newId: () => string;
  private readonly onError: (error: unknown, context: string) => void;
  /** Timer rows that failed on their own: left in the store, skipped by this process. */
  private readonly poisoned = new Set<string>();
  /**
   * Cases this process wrote last, decoded, by id (least recently used first). Only cases without
   * parent or children: a family is always read whole. A cached case is trusted at its revision;
   * the revision guard of every write catches one that another process moved on, and the command
   * is then run again from the store.
   */
  private readonly recent = new Map<string, CachedCase>();
  private readonly recentLimit: number;
  private readonly inspector?: CaseInspector;
  readonly bpmn: BpmnChecker;

  private constructor(options: DurableEngineOptions) {
    this.store = options.store;
    this.zone = zoneFor(options.zone ?? 'WIB');
    this.workingCalendar = options.calendar ?? createWorkingCalendar({ zone: this.zone, years: [], draft: draftYear });
    this.clock = options.clock ?? (() => new Date().toISOString());
    // Time-ordered ids (UUIDv7): cases started together sit together in the tables' B-trees, so a
    // commit of many commands writes few pages (half the commit time of random UUIDs, measured).
    this.newId = options.newId ?? (() => timeOrderedId());
    this.onError = options.onError ?? (() => {});
    this.recentLimit = options.cachedCases ?? 1_000;
    this.inspector = options.inspector;
    this.bpmn = options.bpmn ?? inPlaceChecker;
  }

  /** Migrates the store and loads every deployed definition version from it. */
  static async open(options: DurableEngineOptions): Promise<DurableEngine> {
    const engine = new DurableEngine(options);
    await engine.store.migrate();
    if (!options.calendar) await engine.loadYears();
    await engine.refreshDefinitions();
    return engine;
  }

  get calendar(): WorkingCalendar {
    return this.workingCalendar;
  }

  /** The calendar years in force: the files of processes/calendar, each replaced by a later version published through the server. */
  private async loadYears(): Promise<void> {
    this.years = await yearsInForce(this.store);
    this.workingCalendar = createWorkingCalendar({ zone: this.zone, years: this.years, draft: draftYear });
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
    const moved = await this.useCalendar(createWorkingCalendar({ zone: this.zone, years: this.years, draft: draftYear }), { at, actor: options.actor });
    return { year: published.year, changes: published.changes, moved };
  }

  /** The latest (or the given) version of a deployed process. */
  definition(processId: string, version?: number): Definition {
    return this.registry.get(processId, version);
  }

  definitions(): Definition[] {
    return this.registry.all();
  }

  /** Whether a definition version compiles today to another machine than when it was deployed. */
  isRecompiled(processId: string, version: number): boolean {
    return this.recompiled.has(`${processId}@${version}`);
  }

  /** Loads the definition versions deployed since this engine last looked (by any server process). */
  async refreshDefinitions(): Promise<void> {
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

  /** Says what deploying a document would find (call activities may name every deployed process); deploys nothing. */
  async validateXml(xml: string): Promise<Validation> {
    await this.refreshDefinitions();
    return this.bpmn.validate(xml, new Set(this.registry.all().map((d) => d.processId)));
  }

  /**
   * Validates, compiles and deploys a BPMN document: each process gets its next version and
   * running cases stay on theirs. With `ifChanged`, a process whose latest version compiles to
   * the same machine is left as it is (restarts do not pile up versions).
   */
  async deployXml(xml: string, options: { actor?: string; at?: string; ifChanged?: boolean } = {}): Promise<Definition[]> {
    await this.refreshDefinitions();
    const compiled = await this.registry.compile(xml, (text, known) => this.bpmn.load(text, known));
    const at = options.at ?? this.clock();
    const deployed: Definition[] = [];
    for (const definition of compiled) {
      if (options.ifChanged && this.registry.has(definition.processId) && this.registry.get(definition.processId).hash === definition.hash) {
        deployed.push(this.registry.get(definition.processId));
        continue;
      }
      const save = (version: number) => this.store.saveDefinition({
        processId: definition.processId, version, ...(definition.name ? { name: definition.name } : {}), hash: definition.hash, xml,
        deployedAt: at, deployedBy: options.actor ?? 'sistem',
      });
      let version = this.registry.nextVersion(definition.processId);
      try {
        await save(version);
      } catch (error) {
        // Another server process deployed this process at the same moment (two nodes starting together).
        await this.refreshDefinitions();
        if (this.registry.nextVersion(definition.processId) === version) throw error;
        if (options.ifChanged && this.registry.get(definition.processId).hash === definition.hash) {
          deployed.push(this.registry.get(definition.processId));
          continue;
        }
        version = this.registry.nextVersion(definition.processId);
        await save(version);
      }
      const added = this.registry.add(definition, version);
      deployed.push(added);
      await this.schedule(added, at);
    }
    return deployed;
  }

  /** Starts a case of a process and runs it to its first waiting point. */
  async startCase(processId: string, options: DurableStartOptions = {}): Promise<CaseView> {
    const { idempotencyKey, ...start } = options;
    return this.run('start', { processId, ...start }, idempotencyKey, async (unit) => {
      const record = unit.work.start(processId, { ...start, at: start.at ?? this.clock() });
      return unit.view(record);
    });
  }

  /** A person completes an open step (or one instance of a multi-instance step). */
  async completeStep(caseId: string, stepId: string, options: DurableCommandOptions = {}): Promise<CaseView> {
    return this.onStep('complete', caseId, stepId, options, (work, record, command) => work.complete(record, stepId, command));
  }

  /** A step fails with a business error code; an error boundary on it (or around it) catches it. */
  async failStep(caseId: string, stepId: string, code: string, options: DurableCommandOptions = {}): Promise<CaseView> {
    return this.onStep('fail', caseId, stepId, options, (work, record, command) => work.fail(record, stepId, code, command), { code });
  }

  /** Someone claims an open step, logged with its actor: until the step ends or is released, only they complete it. */
  async claimStep(caseId: string, stepId: string, options: DurableCommandOptions = {}): Promise<CaseView> {
    return this.onStep('claim', caseId, stepId, options, (work, record, command) => work.claim(record, stepId, command));
  }

  /** The claim on an open step ends, logged with who ended it (`authorize` decides who may). */
  async releaseStep(caseId: string, stepId: string, options: DurableCommandOptions = {}): Promise<CaseView> {
    return this.onStep('release', caseId, stepId, options, (work, record, command) => work.release(record, stepId, command));
  }

  /** One command on an open step: the case at the revision the caller saw, the step authorized inside the transaction. */
  private onStep(
    op: string, caseId: string, stepId: string, options: DurableCommandOptions,
    act: (work: CaseWork, record: CaseRecord, command: CommandOptions & { at: string }) => void, args: Record<string, unknown> = {},
  ): Promise<CaseView> {
    const { idempotencyKey, expectedRevision, authorize, ...command } = options;
    return this.run(op, { caseId, stepId, ...args, ...command, expectedRevision }, idempotencyKey, async (unit) => {
      const record = await unit.loadActive(caseId, expectedRevision);
      const step = record.steps.get(stepId);
      if (step && authorize) authorize(step);
      act(unit.work, record, { ...command, at: command.at ?? this.clock() });
      return unit.view(record);
    });
  }

  /** Delivers a message to the case it is meant for (by case id, or to the active cases with a business key). */
  async correlateMessage(name: string, target: { caseId?: string; businessKey?: string }, options: DurableCommandOptions & { mayDeliver?: (definition: Definition) => void } = {}): Promise<CaseView> {
    const { idempotencyKey, mayDeliver, ...command } = options;
    return this.run('message', { name, target, ...command }, idempotencyKey, async (unit, tx) => {
      const event: CaseEvent = { type: messageEvent(name), at: command.at ?? this.clock(), actor: command.actor ?? 'sistem', ...(command.data ? { data: command.data } : {}) };
      const ids = target.caseId ? [target.caseId] : (await tx.findCases({ businessKey: target.businessKey ?? '', status: 'active' })).map((c) => c.id);
      for (const id of ids) {
        const record = target.caseId ? await unit.loadActive(id) : await unit.load(id);
        if (!record || record.status !== 'active') continue;
        // Checked inside the transaction, against the SOP of the case that would take the message (e.g. the catcher's lane role).
        mayDeliver?.(this.definition(record.processId, record.version));
        if (unit.work.deliver(record, event)) return unit.view(record);
      }
      throw messageNotExpected(name, target);
    });
  }

  /** Broadcasts a signal to every active case that waits for it; returns the ids of the cases it reached. */
  async sendSignal(name: string, options: DurableCommandOptions = {}): Promise<string[]> {
    const { idempotencyKey, ...command } = options;
    const type = signalEvent(name);
    const processIds = [...new Set(this.registry.all().filter((d) => d.awaits.includes(type)).map((d) => d.processId))];
    return this.run('signal', { name, ...command }, idempotencyKey, async (unit, tx) => {
      const event: CaseEvent = { type, at: command.at ?? this.clock(), actor: command.actor ?? 'sistem', ...(command.data ? { data: command.data } : {}) };
      const reached: string[] = [];
      for (const { id } of await tx.findCases({ status: 'active', processIds })) {
        const record = await unit.load(id);
        if (record && record.status === 'active' && unit.work.deliver(record, event)) reached.push(id);
      }
      return reached;
    });
  }

  /**
   * Delivers the timers due at or before `now` (at most `limit`, earliest first) in one
   * transaction; returns how many rows were taken. On PostgreSQL the rows are locked with
   * SKIP LOCKED, so several server processes deliver each timer exactly once.
   */
  async fireDueTimers(now: string = this.clock(), limit = 256): Promise<number> {
    let current: TimerRow | undefined;
    let unit: Unit | undefined;
    try {
      const fired = await this.store.transaction(async (tx) => {
        const rows = (await tx.claimDueTimers(now, limit + this.poisoned.size)).filter((row) => !this.poisoned.has(timerKey(row))).slice(0, limit);
        unit = new Unit(tx, this, true);
        for (const row of rows) {
          current = row;
          await this.deliverTimer(unit, row);
        }
        current = undefined;
        await unit.flush(this.clock());
        return rows.length;
      });
      if (unit) this.keepRecent(unit);
      return fired;
    } catch (error) {
      // Another command changed one of the cases first: the rows are still there for the next round.
      if (error instanceof StoreConflict) return 0;
      if (!current) throw error;
      this.poisoned.add(timerKey(current));
      this.onError(error, `timer ${current.key} kasus ${current.caseId} gagal dijalankan dan dilewati sampai server dimulai ulang`);
      return 0;
    }
  }

  /**
   * Delivers due timers on its own until stopped: at once for those that came due while the
   * server was down, then every `pollMs` (default 200 ms).
   */
  startTimerService(options: TimerServiceOptions = {}): TimerService {
    return runTimerService(() => this.fireDueTimers(this.clock(), options.batch ?? 256), this.onError, options);
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
        moved += await this.run('calendar', {}, undefined, async (unit) => {
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

  /** Makes sure the definition versions of these stored cases are loaded (another process may have deployed them). */
  async ensureDefinitions(cases: readonly StoredCase[]): Promise<void> {
    const missing = cases.filter((c) => !this.hasVersion(c.processId, c.definitionVersion));
    if (missing.length === 0) return;
    await this.refreshDefinitions();
    for (const c of missing) this.definition(c.processId, c.definitionVersion);
  }

  /** Whether committed commands are shown to an inspector (which needs each command's state texts after the commit). */
  get inspecting(): boolean {
    return this.inspector !== undefined;
  }

  /** Takes a case out of the cache for one command (it comes back only if the command commits). */
  takeRecent(caseId: string): CachedCase | undefined {
    const cached = this.recent.get(caseId);
    if (cached) this.recent.delete(caseId);
    return cached;
  }

  /** After a commit: the unit's running cases without family stay decoded for the next command. */
  private keepRecent(unit: Unit): void {
    if (this.inspector) {
      try {
        showCommitted(unit, this.inspector, (processId, version) => this.definition(processId, version));
      } catch (error) {
        // A developer's tool: it must never fail a command that has committed.
        this.onError(error, 'inspektor');
      }
    }
    if (this.recentLimit === 0) return;
    for (const kept of unit.written()) {
      const { record } = kept;
      // Commands committed together settle in order; never let an older revision replace a newer one.
      if ((this.recent.get(record.id)?.revision ?? 0) > kept.revision) continue;
      this.recent.delete(record.id);
      if (record.status !== 'active' || record.parent || record.children.size > 0) continue;
      record.logged = kept.revision;
      record.history = [];
      this.recent.set(record.id, kept);
      if (this.recent.size > this.recentLimit) this.recent.delete(this.recent.keys().next().value as string);
    }
  }

  /** Loads the definitions another server process deployed, when this one does not know the process yet. */
  async ensureLatest(processId: string): Promise<void> {
    if (!this.registry.has(processId)) await this.refreshDefinitions();
  }

  private hasVersion(processId: string, version: number): boolean {
    try {
      return this.registry.get(processId, version).version === version;
    } catch {
      return false;
    }
  }

  /**
   * Runs one command in one transaction. With an idempotency key, a key seen before returns the
   * answer it gave then (a key reused for another command is refused); a lost race on a case is
   * a CONFLICT error carrying the case as it now is.
   */
  private async run<T>(op: string, args: unknown, key: string | undefined, body: (unit: Unit, tx: StoreTransaction) => Promise<T>, fresh = false): Promise<T> {
    const fingerprint = key ? sha256(canonical({ op, args })) : '';
    let unit: Unit | undefined;
    try {
      const result = await this.store.transaction(async (tx) => {
        if (key) {
          const seen = await tx.recall(key);
          if (seen) return repeated<T>(key, seen, fingerprint);
        }
        unit = new Unit(tx, this, fresh);
        const answer = await body(unit, tx);
        await unit.flush(this.clock());
        if (key) await tx.remember(key, { fingerprint, response: JSON.stringify(answer) }, this.clock());
        return answer;
      });
      if (unit) this.keepRecent(unit);
      return result;
    } catch (error) {
      // A refusal or a lost race may come from a cached case another process has moved on since:
      // the command runs once more, reading everything from the store, before anyone is told.
      if (unit?.usedCache && !fresh) return this.run(op, args, key, body, true);
      if (key && !(error instanceof ProtapError)) {
        // The same key raced itself: the first command committed, this one answers with its result.
        const seen = await this.store.transaction(async (tx) => tx.recall(key));
        if (seen) return repeated<T>(key, seen, fingerprint);
      }
      if (error instanceof StoreConflict) {
        const current = error.expectedRevision === null ? undefined : await this.getCase(error.caseId);
        throw new ProtapError('CONFLICT', `Kasus ${error.caseId} baru saja diubah oleh perintah lain; muat ulang kasus lalu ulangi.`, { current });
      }
      throw error;
    }
  }

  private async deliverTimer(unit: Unit, row: TimerRow): Promise<void> {
    if (row.caseId.startsWith(SCHEDULE_PREFIX)) {
      const processId = row.caseId.slice(SCHEDULE_PREFIX.length);
      const definition = this.definition(processId);
      const start = definition.startTimers.find((s) => s.node === row.key);
      const next = start && nextStart(start.timer, calendarOf(definition, this.calendar), row.due, { due: row.due, remaining: row.remaining ?? null });
      if (next) unit.upsert({ ...row, due: next.due, remaining: next.remaining });
      else unit.remove(row.caseId, row.key);
      if (start) unit.work.start(processId, { at: row.due, actor: 'jadwal', startEvent: row.key });
      return;
    }
    const record = await unit.load(row.caseId);
    if (!record || record.status !== 'active') unit.remove(row.caseId, row.key);
    else unit.work.fire(record, row);
  }

  /** Writes the schedule of a definition's timer start events as timer rows (replacing an earlier version's). */
  private async schedule(definition: Definition, at: string): Promise<void> {
    const caseId = `${SCHEDULE_PREFIX}${definition.processId}`;
    const set: TimerRow[] = [];
    for (const { node, timer } of definition.startTimers) {
      const next = nextStart(timer, calendarOf(definition, this.calendar), at);
      if (next) set.push({ caseId, key: node, due: next.due, event: SCHEDULE_EVENT, every: 'jadwal', remaining: next.remaining });
    }
    await this.store.transaction(async (tx) => tx.write([], { clearedCases: [caseId], set, removed: [] }));
  }
}


function repeated<T>(key: string, seen: { fingerprint: string; response: string }, fingerprint: string): T {
  if (seen.fingerprint !== fingerprint) {
    throw new ProtapError('IDEMPOTENCY_KEY_REUSED', `Kunci idempotensi "${key}" sudah dipakai untuk perintah lain; gunakan kunci baru untuk perintah baru.`);
  }
  return JSON.parse(seen.response) as T;
}

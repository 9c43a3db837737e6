/**
 * The cases and timer rows of one durable command (run by commandRunner.ts): the families it loaded
 * (or took from the runner's cache), the cases it created, the state each new log entry led to,
 * and the timer changes — written by `flush`, in the command's transaction, with the log entries
 * chained to each case's stored head.
 */
import { entryHash, GENESIS_HASH, sha256 } from '../chain/hashChain.ts';
import type { TimerRows } from '../runtime/applyDecision.ts';
import { revisionOf, type CaseRecord, type HistoryEntry, type TimerRow } from '../runtime/caseRecord.ts';
import { commandAnswer, type CommandAnswer } from '../runtime/caseView.ts';
import { activeCase, CaseWork, type CaseSpace, type WorkEnvironment } from '../runtime/caseWork.ts';
import type { WorkingCalendar } from '../calendar/workingCalendar.ts';
import type { Definition } from '../runtime/definition.ts';
import { decodeCase, openStepRows, snapshotText, stateText } from './caseCodec.ts';
import { StoreConflict, type CaseWrite, type StoreTransaction, type StoredCase } from './caseStore.ts';

/** A case as this process last wrote it. */
export interface CachedCase {
  record: CaseRecord;
  revision: number;
  headHash: string;
}

/** What a unit needs of the runtime that runs it (the command runner): definitions, calendar, ids and its case cache. */
export interface UnitHost {
  definition(processId: string, version?: number): Definition;
  readonly calendar: WorkingCalendar;
  newId(): string;
  /** Takes a case out of the cache for one command (it comes back only if the command commits). */
  takeRecent(caseId: string): CachedCase | undefined;
  ensureDefinitions(cases: readonly StoredCase[]): Promise<void>;
  /** Whether committed commands are shown to an inspector (which needs each command's state texts after the commit). */
  readonly inspecting: boolean;
}

/** The key of a timer row within one command's changes. */
export function timerKey(row: { caseId: string; key: string }): string {
  return `${row.caseId}\u0000${row.key}`;
}

/**
 * The cases and timer rows of one command: loaded families, new cases, the state each new log
 * entry led to, and the timer changes, written by `flush` in the command's transaction.
 */
export class Unit implements CaseSpace, TimerRows, WorkEnvironment {
  readonly work: CaseWork;
  readonly timers: TimerRows = this;
  readonly cases: CaseSpace = this;
  private readonly records = new Map<string, CaseRecord>();
  /** Revision, head hash and root of each case as it was before this command. */
  private readonly loaded = new Map<string, { revision: number; headHash: string; rootId: string }>();
  /** Head hash of each case this command wrote. */
  private readonly heads = new Map<string, string>();
  usedCache = false;
  private readonly states = new Map<string, string[]>();
  private readonly cleared = new Set<string>();
  private readonly rows = new Map<string, TimerRow | { caseId: string; key: string; removed: true }>();

  /** `fresh`: read every case from the store, never from the engine's cache. */
  constructor(private readonly tx: StoreTransaction, private readonly host: UnitHost, private readonly fresh = false) {
    // The unit is the work's environment itself: no closures to make per command.
    this.work = new CaseWork(this);
  }

  definition(processId: string, version?: number): Definition {
    return this.host.definition(processId, version);
  }

  get calendar(): WorkingCalendar {
    return this.host.calendar;
  }

  newId(): string {
    return this.host.newId();
  }

  /** A case and its family, loaded once per command. */
  async load(caseId: string): Promise<CaseRecord | undefined> {
    const known = this.records.get(caseId);
    if (known) return known;
    const cached = this.fresh ? undefined : this.host.takeRecent(caseId);
    if (cached) {
      this.usedCache = true;
      this.loaded.set(caseId, { revision: cached.revision, headHash: cached.headHash, rootId: caseId });
      this.records.set(caseId, cached.record);
      return cached.record;
    }
    const family = await this.tx.loadFamily(caseId);
    await this.host.ensureDefinitions(family);
    for (const stored of family) {
      if (this.records.has(stored.id)) continue;
      this.loaded.set(stored.id, stored);
      this.records.set(stored.id, decodeCase(this.host.definition(stored.processId, stored.definitionVersion), stored));
    }
    return this.records.get(caseId);
  }

  /** The case of a command on one case: it must exist, run, and be at the revision the caller saw. */
  async loadActive(caseId: string, expectedRevision?: number): Promise<CaseRecord> {
    const record = activeCase(await this.load(caseId), caseId);
    if (expectedRevision !== undefined && revisionOf(record) !== expectedRevision) {
      // From the cache, the case may be behind another process: say conflict only from the store.
      throw new StoreConflict(caseId, expectedRevision);
    }
    return record;
  }

  /** What a command answers about a case: the case now, and the entries this command added (the unit holds no others). */
  answer(record: CaseRecord): CommandAnswer {
    return commandAnswer(this.host.definition(record.processId, record.version), record, record.logged);
  }

  get(caseId: string): CaseRecord | undefined {
    return this.records.get(caseId);
  }

  add(record: CaseRecord): void {
    this.records.set(record.id, record);
  }

  ended(): void {
    // An ended case stays in the store with its final status; nothing to let go of here.
  }

  /** After each new history entry: the canonical state it led to, for the log's state hash. */
  entered(record: CaseRecord): void {
    const texts = this.states.get(record.id) ?? [];
    texts.push(snapshotText(this.host.definition(record.processId, record.version), record));
    this.states.set(record.id, texts);
  }

  upsert(row: TimerRow): void {
    this.rows.set(timerKey(row), row);
  }

  remove(caseId: string, key: string): void {
    this.rows.set(timerKey({ caseId, key }), { caseId, key, removed: true });
  }

  removeCase(caseId: string): void {
    for (const [key, row] of this.rows) if (row.caseId === caseId) this.rows.delete(key);
    this.cleared.add(caseId);
  }

  /** The cases this command wrote, with the revision and head hash they now have. */
  written(): CachedCase[] {
    return [...this.heads].map(([id, headHash]) => {
      const record = this.records.get(id) as CaseRecord;
      return { record, revision: revisionOf(record), headHash };
    });
  }

  /** The new history entries of a case this command wrote, each with the canonical state it led to. */
  entriesOf(caseId: string): { entry: HistoryEntry; state: string }[] {
    const record = this.records.get(caseId);
    const states = this.states.get(caseId) ?? [];
    return record ? record.history.map((entry, i) => ({ entry, state: states[i] as string })) : [];
  }

  private rootOf(record: CaseRecord): string {
    const loaded = this.loaded.get(record.id);
    if (loaded) return loaded.rootId;
    const parent = record.parent && this.records.get(record.parent.caseId);
    return parent ? this.rootOf(parent) : record.id;
  }

  /** Writes every case this command changed, with its log entries chained to the stored head. */
  async flush(now: string): Promise<void> {
    const writes: CaseWrite[] = [];
    for (const record of this.records.values()) {
      if (record.history.length === 0) continue;
      const loaded = this.loaded.get(record.id);
      const states = this.states.get(record.id) ?? [];
      let prevHash = loaded?.headHash ?? GENESIS_HASH;
      const log = record.history.map((entry, i) => {
        // Stored as written and hashed as stored: a verifier needs the bytes, not a re-encoding.
        const text = JSON.stringify(entry);
        const stateHash = sha256(states[i] as string);
        const hash = entryHash(record.id, entry.seq, prevHash, stateHash, text);
        const row = { caseId: record.id, seq: entry.seq, at: entry.at, actor: entry.actor, event: entry.event, entry: text, stateHash, prevHash, hash };
        prevHash = hash;
        return row;
      });
      this.heads.set(record.id, prevHash);
      const row: StoredCase = {
        id: record.id, rootId: this.rootOf(record), processId: record.processId, definitionVersion: record.version, status: record.status,
        revision: revisionOf(record), headHash: prevHash, startedAt: record.startedAt, updatedAt: now,
        snapshot: states[states.length - 1] as string, state: stateText(record),
      };
      if (record.parent) row.parentId = record.parent.caseId;
      if (record.businessKey) row.businessKey = record.businessKey;
      if (record.endedAt) row.endedAt = record.endedAt;
      writes.push({ row, expectedRevision: loaded ? loaded.revision : null, log, steps: openStepRows(record) });
    }
    const set: TimerRow[] = [];
    const removed: { caseId: string; key: string }[] = [];
    for (const row of this.rows.values()) {
      if ('removed' in row) removed.push({ caseId: row.caseId, key: row.key });
      else set.push(row);
    }
    if (writes.length > 0 || set.length > 0 || removed.length > 0 || this.cleared.size > 0) {
      await this.tx.write(writes, { clearedCases: [...this.cleared], set, removed });
    }
    // The unit lives until the commit: let the state texts go now unless an inspector will show them.
    if (!this.host.inspecting) this.states.clear();
  }
}

/**
 * The durable store behind the runtime (DESIGN.md decisions 4–6): one interface, two
 * implementations (SQLite through better-sqlite3, PostgreSQL through pg), one shared test suite.
 * A command runs inside `transaction`: it loads the cases it needs, and writes back in one go the
 * new case rows (with the revision each was loaded at, for optimistic concurrency), the log
 * entries appended, the open steps and the timer rows. Nothing here knows about XState.
 */
import type { CaseStatus } from '../runtime/decide.ts';
import type { TimerRow } from '../runtime/caseRecord.ts';
import type { UserRow } from './userRow.ts';

export type { UserRow } from './userRow.ts';

/** One case as stored: its row with the machine snapshot and the runtime's own state as JSON text. */
export interface StoredCase {
  id: string;
  /** The top-most ancestor (the case itself for a case without parent): a family loads together. */
  rootId: string;
  parentId?: string;
  processId: string;
  definitionVersion: number;
  businessKey?: string;
  status: CaseStatus;
  /** The sequence number of the latest log entry: the case's version for optimistic concurrency. */
  revision: number;
  /** The hash of the latest log entry. */
  headHash: string;
  startedAt: string;
  endedAt?: string;
  updatedAt: string;
  /** Canonical JSON (RFC 8785) of XState's persisted snapshot. */
  snapshot: string;
  /** JSON of the runtime's record: open steps, child links, completion times, escalations. */
  state: string;
}

/** One entry of a case's event log: append-only, hash-chained. */
export interface LogRow {
  caseId: string;
  seq: number;
  at: string;
  actor: string;
  /** The event type (COMPLETE.Task_1, START, TIMER.x …), for reading without parsing the entry. */
  event: string;
  /** JSON of the history entry, with the command that produced it; hashed as stored. */
  entry: string;
  /** SHA-256 of the canonical snapshot the entry led to. */
  stateHash: string;
  prevHash: string;
  hash: string;
}

/** Rows grouped by their case id, every id asked for present (an empty list when it has none). */
export function byCase<T extends { caseId: string }>(caseIds: readonly string[], rows: T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>(caseIds.map((id) => [id, []]));
  for (const row of rows) grouped.get(row.caseId)?.push(row);
  return grouped;
}

// An open step row (the open_steps table): its shape is in worklistRow.ts, which the web app reads too.
import type { OpenStepRow } from './worklistRow.ts';

export type { OpenStepRow };

/** What one command writes for one case. */
export interface CaseWrite {
  row: StoredCase;
  /** The revision the case had when loaded; null for a case this command created. */
  expectedRevision: number | null;
  /** Entries appended, in order; their seq follow expectedRevision. */
  log: LogRow[];
  /** The case's open steps after the command (they replace the stored ones). */
  steps: OpenStepRow[];
}

/** The timer rows a command changes: whole cases cleared first, then rows set or removed by key. */
export interface TimerChanges {
  clearedCases: string[];
  set: TimerRow[];
  removed: { caseId: string; key: string }[];
}

export interface DefinitionRow {
  processId: string;
  version: number;
  name?: string;
  /** SHA-256 of the compiled machine config. */
  hash: string;
  /** The BPMN document it was deployed from (a document may hold several processes). */
  xml: string;
  deployedAt: string;
  deployedBy: string;
}

/** A deployed version of a process, without its BPMN XML. */
export type DefinitionVersion = Omit<DefinitionRow, 'xml'>;

export interface CaseFilter {
  processId?: string;
  status?: CaseStatus;
  businessKey?: string;
  /** Only cases of these processes (e.g. those that wait for a signal). */
  processIds?: string[];
  /** Started at or after this instant. */
  startedFrom?: string;
  /** Started at or before this instant. */
  startedTo?: string;
  /** Cases with (`value` true) or without (false) an open step whose due time is at or before `at`. */
  overdue?: { at: string; value: boolean };
  /** Cases with an open step of this pelaksana role. */
  pelaksana?: string;
  limit?: number;
  /** Keyset paging: cases whose id sorts after this one (the list is then in id order). */
  afterId?: string;
  /** Keyset paging in the list's own order (most recent start first, then id): the cases after this one. */
  after?: { startedMs: number; id: string };
}

export interface StepFilter {
  pelaksana?: string[];
  processId?: string;
  /** Only steps whose due time is at or before this instant. */
  dueBefore?: string;
  late?: boolean;
  limit?: number;
  /** Keyset paging in the list's order (due time, those without one last; then case and step): the steps after this one. */
  after?: { dueMs: number | null; caseId: string; stepId: string };
}

/** What a repeated command (same idempotency key) gets back instead of running again. */
export interface RememberedCommand {
  fingerprint: string;
  response: string;
}

/** The operations of one transaction. */
export interface StoreTransaction {
  /** The case and every case of its family (same root); empty when the case is unknown. */
  loadFamily(caseId: string): Promise<StoredCase[]>;
  /** Cases by filter, read inside the transaction. */
  findCases(filter: CaseFilter): Promise<StoredCase[]>;
  /**
   * Writes case rows, log entries, open steps and timer changes. A case whose stored revision is
   * not the expected one (another command won the race) raises StoreConflict; the transaction
   * is then rolled back whole by `transaction`.
   */
  write(cases: CaseWrite[], timers: TimerChanges): Promise<void>;
  /**
   * Timer rows due at or before `now`, earliest first, locked for this transaction: on
   * PostgreSQL `FOR UPDATE SKIP LOCKED`, so several server processes never take the same row.
   */
  claimDueTimers(now: string, limit: number): Promise<TimerRow[]>;
  recall(idempotencyKey: string): Promise<RememberedCommand | undefined>;
  remember(idempotencyKey: string, command: RememberedCommand, at: string): Promise<void>;
}

/**
 * What one server process changed that the others keep in memory: a session ended, a person
 * changed (disabled, password, roles), a definition version deployed, a calendar year published.
 */
export type StoreChange =
  | { kind: 'session'; tokenHash: string }
  | { kind: 'user'; userId: string }
  | { kind: 'definitions' }
  | { kind: 'calendar' };

export interface CaseStore {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Tells `listener` of the changes other server processes make, as they commit (PostgreSQL:
   * LISTEN/NOTIFY). Absent where one process owns the store (SQLite). Ends when the store closes.
   */
  onChange?(listener: (change: StoreChange) => void): Promise<void>;
  /** Applies the migrations not yet applied; returns the schema version. */
  migrate(): Promise<number>;
  /**
   * Runs `work` in one transaction and commits before the promise resolves: a command's answer
   * is never given before its changes are durable. A throw rolls everything back.
   */
  transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T>;
  saveDefinition(row: DefinitionRow): Promise<void>;
  definitions(): Promise<DefinitionRow[]>;
  /** The deployed versions of one process, newest first (empty when it was never deployed). */
  definitionVersions(processId: string): Promise<DefinitionVersion[]>;
  /** The BPMN document a version of a process (the latest by default) was deployed from. */
  definitionXml(processId: string, version?: number): Promise<{ version: number; xml: string } | undefined>;
  getCase(caseId: string): Promise<StoredCase | undefined>;
  listCases(filter?: CaseFilter): Promise<StoredCase[]>;
  /** A case's log, in sequence order, from `fromSeq` (default 1). */
  log(caseId: string, fromSeq?: number): Promise<LogRow[]>;
  /** The whole logs of several cases in one query, each in sequence order, by case id (a case without entries is absent). */
  logsOf(caseIds: readonly string[]): Promise<Map<string, LogRow[]>>;
  openSteps(filter?: StepFilter): Promise<OpenStepRow[]>;
  /** The open-step rows of these cases, by case id, in one query (replay compares them with the log). */
  openStepsOf(caseIds: readonly string[]): Promise<Map<string, OpenStepRow[]>>;
  timers(caseId: string): Promise<TimerRow[]>;
  /** The timer rows of these cases, by case id, in one query. */
  timersOf(caseIds: readonly string[]): Promise<Map<string, TimerRow[]>>;
  /** The earliest due time of all timer rows. */
  nextTimerDue(): Promise<string | undefined>;
  countTimers(): Promise<number>;
  /** Creates or replaces a user (by id). */
  saveUser(user: UserRow): Promise<void>;
  getUser(id: string): Promise<UserRow | undefined>;
  /** Every user, by id. */
  listUsers(): Promise<UserRow[]>;
  countUsers(): Promise<number>;
  saveSession(session: SessionRow): Promise<void>;
  /** Stores a published calendar year (replacing an earlier version of that year). */
  saveCalendarYear(row: CalendarYearRow): Promise<void>;
  /** Every calendar year published through the server, by year. */
  calendarYears(): Promise<CalendarYearRow[]>;
  /** The session of a token hash, if it exists and has not expired at `now`. */
  getSession(tokenHash: string, now: string): Promise<SessionRow | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Ends every session of a user (password changed, user disabled). */
  deleteSessionsOf(userId: string): Promise<void>;
  close(): Promise<void>;
}

/** Another command changed the case first (optimistic concurrency). */
export class StoreConflict extends Error {
  constructor(readonly caseId: string, readonly expectedRevision: number | null) {
    super(`Kasus ${caseId} sudah diubah oleh perintah lain (revisi yang diharapkan ${expectedRevision ?? 'baru'}).`);
    this.name = 'StoreConflict';
  }
}


/** A calendar year published through the server (it overrides the year file of processes/calendar). */
export interface CalendarYearRow {
  year: number;
  version: number;
  /** The year's data as JSON (src/calendar/calendarYear.ts). */
  data: string;
  publishedAt: string;
  publishedBy: string;
}

/** A login session: only the SHA-256 of its bearer token is stored. */
export interface SessionRow {
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}

/**
 * Runs each durable command as one unit of work (commandUnit.ts) in one store transaction:
 * idempotency keys recalled and remembered there, a lost race answered as a CONFLICT with the case
 * as it now is, and after the commit the written cases kept decoded for the next command (a case
 * without parent or children; a family is always read whole) and shown to a live inspector.
 */
import { canonical, sha256 } from '../chain/hashChain.ts';
import type { WorkingCalendar } from '../calendar/workingCalendar.ts';
import type { CaseView } from '../runtime/caseView.ts';
import type { Definition } from '../runtime/definition.ts';
import { ProtapError } from '../runtime/protapError.ts';
import { StoreConflict, type CaseStore, type StoreTransaction, type StoredCase } from './caseStore.ts';
import { Unit, type CachedCase, type UnitHost } from './commandUnit.ts';
import type { DurableDefinitions } from './durableDefinitions.ts';
import { showCommitted, type CaseInspector } from './inspection.ts';

export type { CachedCase } from './commandUnit.ts';

export interface RunnerOptions {
  store: CaseStore;
  definitions: DurableDefinitions;
  calendar: () => WorkingCalendar;
  clock: () => string;
  newId: () => string;
  onError: (error: unknown, context: string) => void;
  /** How many recently written cases stay decoded in memory (0 turns the cache off). */
  cachedCases: number;
  inspector?: CaseInspector;
  /** The case as it now is, for a CONFLICT answer. */
  current: (caseId: string) => Promise<CaseView>;
}

export class CommandRunner implements UnitHost {
  /**
   * Cases this process wrote last, decoded, by id (least recently used first). A cached case is
   * trusted at its revision; the revision guard of every write catches one that another process
   * moved on, and the command is then run again from the store.
   */
  private readonly recent = new Map<string, CachedCase>();

  constructor(private readonly options: RunnerOptions) {}

  definition(processId: string, version?: number): Definition {
    return this.options.definitions.get(processId, version);
  }

  get calendar(): WorkingCalendar {
    return this.options.calendar();
  }

  newId(): string {
    return this.options.newId();
  }

  ensureDefinitions(cases: readonly StoredCase[]): Promise<void> {
    return this.options.definitions.ensure(cases);
  }

  /** Whether committed commands are shown to an inspector (which needs each command's state texts after the commit). */
  get inspecting(): boolean {
    return this.options.inspector !== undefined;
  }

  /** Takes a case out of the cache for one command (it comes back only if the command commits). */
  takeRecent(caseId: string): CachedCase | undefined {
    const cached = this.recent.get(caseId);
    if (cached) this.recent.delete(caseId);
    return cached;
  }

  /**
   * Runs one command in one transaction. With an idempotency key, a key seen before returns the
   * answer it gave then (a key reused for another command is refused); a lost race on a case is
   * a CONFLICT error carrying the case as it now is.
   */
  async run<T>(op: string, args: unknown, key: string | undefined, body: (unit: Unit, tx: StoreTransaction) => Promise<T>, fresh = false): Promise<T> {
    const { store, clock } = this.options;
    const fingerprint = key ? sha256(canonical({ op, args })) : '';
    let unit: Unit | undefined;
    try {
      const result = await store.transaction(async (tx) => {
        if (key) {
          const seen = await tx.recall(key);
          if (seen) return repeated<T>(key, seen, fingerprint);
        }
        unit = new Unit(tx, this, fresh);
        const answer = await body(unit, tx);
        await unit.flush(clock());
        if (key) await tx.remember(key, { fingerprint, response: JSON.stringify(answer) }, clock());
        return answer;
      });
      if (unit) this.committed(unit);
      return result;
    } catch (error) {
      // A refusal or a lost race may come from a cached case another process has moved on since:
      // the command runs once more, reading everything from the store, before anyone is told.
      if (unit?.usedCache && !fresh) return this.run(op, args, key, body, true);
      if (key && !(error instanceof ProtapError)) {
        // The same key raced itself: the first command committed, this one answers with its result.
        const seen = await store.transaction(async (tx) => tx.recall(key));
        if (seen) return repeated<T>(key, seen, fingerprint);
      }
      if (error instanceof StoreConflict) {
        const current = error.expectedRevision === null ? undefined : await this.options.current(error.caseId);
        throw new ProtapError('CONFLICT', `Kasus ${error.caseId} baru saja diubah oleh perintah lain; muat ulang kasus lalu ulangi.`, { current });
      }
      throw error;
    }
  }

  /** After a commit: shown to the inspector; the unit's running cases without family stay decoded for the next command. */
  committed(unit: Unit): void {
    const { inspector, onError, cachedCases } = this.options;
    if (inspector) {
      try {
        showCommitted(unit, inspector, (processId, version) => this.definition(processId, version));
      } catch (error) {
        // A developer's tool: it must never fail a command that has committed.
        onError(error, 'inspektor');
      }
    }
    if (cachedCases === 0) return;
    for (const kept of unit.written()) {
      const { record } = kept;
      // Commands committed together settle in order; never let an older revision replace a newer one.
      if ((this.recent.get(record.id)?.revision ?? 0) > kept.revision) continue;
      this.recent.delete(record.id);
      if (record.status !== 'active' || record.parent || record.children.size > 0) continue;
      record.logged = kept.revision;
      record.history = [];
      this.recent.set(record.id, kept);
      if (this.recent.size > cachedCases) this.recent.delete(this.recent.keys().next().value as string);
    }
  }
}

function repeated<T>(key: string, seen: { fingerprint: string; response: string }, fingerprint: string): T {
  if (seen.fingerprint !== fingerprint) {
    throw new ProtapError('IDEMPOTENCY_KEY_REUSED', `Kunci idempotensi "${key}" sudah dipakai untuk perintah lain; gunakan kunci baru untuk perintah baru.`);
  }
  return JSON.parse(seen.response) as T;
}

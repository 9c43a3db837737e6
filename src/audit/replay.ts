/**
 * Replay for auditors (DESIGN.md decision 6): re-runs a case's logged commands through the same
 * definition version, compares every state they lead to with the state hash recorded in the log,
 * checks the hash chain link by link, and checks that the stored case row is where the log ends
 * — its snapshot, status, and the claims on its open steps. The verdict is `intact` ("utuh" to
 * people) or the first bad sequence number with the reason.
 */
import type { Command, HistoryEntry, OpenStep, TimerRow } from '../runtime/caseRecord.ts';
import { claimsAfter, claimsOf, isClaimCommand, type StepClaim } from '../runtime/stepClaims.ts';
import { decideStart, nextSnapshot as transitionOnce, persistSnapshot, type CaseSnapshot } from '../runtime/decide.ts';
import type { Definition } from '../runtime/definition.ts';
import type { CaseStore, LogRow, OpenStepRow, StoredCase } from '../store/caseStore.ts';
import { endAtOdds, openStepsAfter, openStepsAtOdds, startAtOdds, tablesAtOdds } from './caseRowCheck.ts';
import { canonical, entryHash, GENESIS_HASH, sha256 } from '../chain/hashChain.ts';

import type { ReplayReport } from './auditShapes.ts';

export type { ReplayReport };

export interface ReplaySource {
  store: CaseStore;
  ensureDefinitions(cases: readonly StoredCase[]): Promise<void>;
  definition(processId: string, version: number): Definition;
  isRecompiled?(processId: string, version: number): boolean;
}

/** Replays one case from its log and reports whether everything recorded holds. */
export async function replayCase(source: ReplaySource, caseId: string, row?: StoredCase): Promise<ReplayReport> {
  const stored = row ?? (await source.store.getCase(caseId));
  if (!stored) return { caseId, events: 0, intact: false, reason: `Kasus "${caseId}" tidak ditemukan.`, notes: [] };
  const rows = await source.store.log(caseId);
  await source.ensureDefinitions([stored]);
  return checkSafely(source, stored, rows, await sideTables(source.store, [stored]));
}

/**
 * Replays stored cases (a page of them), their logs read in one query; the reports come in the order
 * of the cases. `documents` carries the stored BPMN hashes from page to page of one run, so each
 * definition version's XML is read and hashed once a run rather than once a page.
 */
export async function replayCases(source: ReplaySource, cases: readonly StoredCase[], documents = new Map<string, string>()): Promise<ReplayReport[]> {
  const logs = await source.store.logsOf(cases.map((stored) => stored.id));
  await source.ensureDefinitions(cases);
  const tables = await sideTables(source.store, cases, documents);
  return cases.map((stored) => checkSafely(source, stored, logs.get(stored.id) ?? [], tables));
}

/** What replay compares with the log besides the case row, read afresh from the store for a page of cases. */
interface SideTables {
  /** The SHA-256 of the BPMN document stored for each definition version (`process@version`) the cases run. */
  sources: Map<string, string>;
  steps: Map<string, OpenStepRow[]>;
  timers: Map<string, TimerRow[]>;
}

async function sideTables(store: CaseStore, cases: readonly StoredCase[], sources = new Map<string, string>()): Promise<SideTables> {
  for (const stored of cases) {
    const key = `${stored.processId}@${stored.definitionVersion}`;
    if (sources.has(key)) continue;
    const found = await store.definitionXml(stored.processId, stored.definitionVersion);
    sources.set(key, found ? sha256(found.xml) : '');
  }
  const ids = cases.map((stored) => stored.id);
  return { sources, steps: await store.openStepsOf(ids), timers: await store.timersOf(ids) };
}

/**
 * Checks one case; whatever its rows hold (JSON that does not parse, data nested past any stack),
 * the fault becomes this case's verdict, "tidak terbaca", and the cases after it are still checked.
 */
function checkSafely(source: ReplaySource, stored: StoredCase, rows: readonly LogRow[], tables: SideTables): ReplayReport {
  try {
    return checkCase(source, stored, rows, tables);
  } catch (error) {
    const why = error instanceof RangeError ? 'datanya bersarang terlalu dalam untuk diperiksa' : (error as Error).message;
    return {
      caseId: stored.id, processId: stored.processId, version: stored.definitionVersion, events: 0, intact: false,
      badSeq: 1, reason: `Kasus tidak terbaca saat replay (${why}); kasus lain tetap diperiksa.`, notes: [],
    };
  }
}

/** Re-runs a stored case's log and checks every link, every state and the case row against it. */
function checkCase(source: ReplaySource, stored: StoredCase, rows: readonly LogRow[], tables: SideTables): ReplayReport {
  const definition = source.definition(stored.processId, stored.definitionVersion);
  const report: ReplayReport = { caseId: stored.id, processId: stored.processId, version: stored.definitionVersion, events: 0, intact: true, notes: [] };
  if (source.isRecompiled?.(stored.processId, stored.definitionVersion)) {
    report.notes.push(`Definisi ${stored.processId} versi ${stored.definitionVersion} dikompilasi ulang oleh versi Protap ini menjadi mesin yang berbeda dari saat di-deploy; keadaan tetap dibandingkan satu per satu.`);
  }
  const bad = (seq: number, reason: string): ReplayReport => ({ ...report, intact: false, badSeq: seq, reason });

  const entries: HistoryEntry[] = [];
  let prevHash = GENESIS_HASH;
  let snapshot: CaseSnapshot | undefined;
  let lastStateHash = '';
  let lastEntry: HistoryEntry | undefined;
  const claims = new Map<string, StepClaim>();
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index] as LogRow;
    const problem = checkLink(row, index + 1, prevHash);
    if (problem) return bad(row.seq, problem);
    const entry = JSON.parse(row.entry) as HistoryEntry;
    const column = columnAtOdds(row, entry) ?? (index === 0 ? startAtOdds(stored, entry, tables.sources.get(`${stored.processId}@${stored.definitionVersion}`) ?? '') : undefined);
    if (column) return bad(row.seq, column);
    entries.push(entry);
    const before = snapshot;
    try {
      snapshot = nextSnapshot(definition, snapshot, entry.command);
    } catch (error) {
      return bad(row.seq, `Perintah ${entry.command?.type ?? row.event} tidak dapat dijalankan ulang: ${(error as Error).message}`);
    }
    // A command that leaves the machine as it was (a claim, a cancellation) leads to the state already hashed.
    const stateHash = snapshot === before ? lastStateHash : sha256(canonical(persistSnapshot(definition, snapshot)));
    if (stateHash !== row.stateHash) return bad(row.seq, `Keadaan hasil replay setelah ${row.event} berbeda dari keadaan yang tercatat.`);
    claimsAfter(claims, entry);
    prevHash = row.hash;
    lastStateHash = stateHash;
    lastEntry = entry;
    report.events++;
  }
  if (stored.revision !== rows.length) return bad(Math.min(stored.revision, rows.length + 1), `Revisi kasus ${stored.revision} tidak sama dengan jumlah catatan log (${rows.length}).`);
  if (stored.headHash !== prevHash) return bad(stored.revision, 'Hash terakhir pada data kasus tidak sama dengan ujung rantai log.');
  if (sha256(stored.snapshot) !== lastStateHash) return bad(stored.revision, 'Snapshot kasus yang tersimpan tidak sama dengan keadaan hasil replay.');
  if (lastEntry && lastEntry.status !== stored.status) return bad(stored.revision, `Status kasus tersimpan "${stored.status}" tidak sama dengan status di log "${lastEntry.status}".`);
  const ending = endAtOdds(stored, lastEntry);
  if (ending) return bad(stored.revision, ending);
  const open = openStepsAfter(entries);
  const heldSteps = (JSON.parse(stored.state) as { steps?: OpenStep[] }).steps ?? [];
  const rowProblem = differentClaim(claims, heldSteps) ?? openStepsAtOdds(heldSteps, open, definition)
    ?? tablesAtOdds(open, claims, definition, tables.steps.get(stored.id) ?? [], tables.timers.get(stored.id) ?? []);
  if (rowProblem) return bad(stored.revision, rowProblem);
  return report;
}

/** How the claims on the stored case's open steps differ from the claims its log leads to, if they do. */
function differentClaim(logged: Map<string, StepClaim>, steps: readonly OpenStep[]): string | undefined {
  const held = claimsOf(steps);
  for (const stepId of new Set([...logged.keys(), ...held.keys()])) {
    const fromLog = logged.get(stepId);
    const inRow = held.get(stepId);
    if (fromLog?.claimedBy !== inRow?.claimedBy || fromLog?.claimedAt !== inRow?.claimedAt) {
      return `Klaim langkah ${stepId} pada data kasus (${inRow?.claimedBy ?? 'tidak ada'}) tidak sama dengan klaim menurut log (${fromLog?.claimedBy ?? 'tidak ada'}).`;
    }
  }
  return undefined;
}

/** Replays every case of the store, a page at a time; `onReport` sees each verdict. */
export async function replayAll(source: ReplaySource, onReport: (report: ReplayReport) => void = () => {}): Promise<{ cases: number; events: number; bad: ReplayReport[] }> {
  const summary = { cases: 0, events: 0, bad: [] as ReplayReport[] };
  const documents = new Map<string, string>();
  for (let afterId = ''; ;) {
    const page = await source.store.listCases({ afterId, limit: 500 });
    if (page.length === 0) return summary;
    for (const report of await replayCases(source, page, documents)) {
      summary.cases++;
      summary.events += report.events;
      if (!report.intact) summary.bad.push(report);
      onReport(report);
    }
    afterId = (page[page.length - 1] as StoredCase).id;
  }
}

/** Which of the row's side columns (read without parsing the entry) says other than its hashed entry, if any. */
function columnAtOdds(row: LogRow, entry: HistoryEntry): string | undefined {
  for (const column of ['actor', 'at', 'event'] as const) {
    if (row[column] !== entry[column]) return `Kolom ${column} catatan #${row.seq} ("${row[column]}") tidak sama dengan isi catatan yang di-hash ("${String(entry[column])}").`;
  }
  return undefined;
}

/** What is wrong with one log row's place in the chain, if anything. */
function checkLink(row: LogRow, expectedSeq: number, prevHash: string): string | undefined {
  if (row.seq !== expectedSeq) return `Catatan nomor ${expectedSeq} hilang dari log.`;
  if (row.prevHash !== prevHash) return 'Rantai hash putus: hash sebelumnya tidak sama dengan hash catatan sebelumnya.';
  if (entryHash(row.caseId, row.seq, row.prevHash, row.stateHash, row.entry) !== row.hash) return 'Isi catatan log telah berubah (hash tidak cocok).';
  return undefined;
}

/** The snapshot a logged command leads to. */
function nextSnapshot(definition: Definition, snapshot: CaseSnapshot | undefined, command: Command): CaseSnapshot {
  if (command.type === 'START') {
    if (snapshot) throw new Error('START kedua dalam satu kasus');
    return decideStart(definition, { vars: command.data ?? {}, ...(command.start ? { start: command.start } : {}) }).snapshot;
  }
  if (!snapshot) throw new Error('log tidak diawali START');
  // Cancellation by the parent, calendar corrections and claims change records, not the machine.
  if (command.type === 'CANCEL' || command.type === 'CALENDAR' || isClaimCommand(command.type)) return snapshot;
  return transitionOnce(definition, snapshot, command);
}

/**
 * A case record to its stored row and back. The machine snapshot is stored as canonical JSON of
 * XState's persisted form; the runtime's own record (open steps with their deadlines, child
 * links, completion anchors, escalations) as plain JSON beside it. The history is not in the row:
 * it is the case's log.
 */
import { canonical } from '../chain/hashChain.ts';
import type { CaseRecord, Escalation, OpenStep } from '../runtime/caseRecord.ts';
import { persistSnapshot, restoreSnapshot } from '../runtime/decide.ts';
import type { Definition } from '../runtime/definition.ts';
import type { OpenStepRow, StoredCase } from './caseStore.ts';

interface RecordState {
  definitionHash: string;
  parent?: CaseRecord['parent'];
  steps: OpenStep[];
  children: [string, [number, string][]][];
  completed: Record<string, string>;
  escalations: Escalation[];
}

/** Canonical JSON of the record's machine snapshot: what is stored, and what the log's state hash covers. */
export function snapshotText(definition: Definition, record: CaseRecord): string {
  return canonical(persistSnapshot(definition, record.snapshot));
}

/** The runtime's record beside the snapshot, as JSON. */
export function stateText(record: CaseRecord): string {
  const state: RecordState = {
    definitionHash: record.definitionHash,
    ...(record.parent ? { parent: record.parent } : {}),
    steps: [...record.steps.values()],
    children: [...record.children].map(([node, byInstance]) => [node, [...byInstance]]),
    completed: record.completed,
    escalations: record.escalations,
  };
  return JSON.stringify(state);
}

/** A stored case as a record the runtime can work on; its history starts empty after `revision` logged entries. */
export function decodeCase(definition: Definition, stored: StoredCase): CaseRecord {
  const state = JSON.parse(stored.state) as RecordState;
  const record: CaseRecord = {
    id: stored.id,
    processId: stored.processId,
    version: stored.definitionVersion,
    definitionHash: state.definitionHash,
    status: stored.status,
    snapshot: restoreSnapshot(definition, JSON.parse(stored.snapshot)),
    steps: new Map(state.steps.map((step) => [step.id, Object.freeze(step)])),
    children: new Map(state.children.map(([node, byInstance]) => [node, new Map(byInstance)])),
    completed: state.completed,
    escalations: state.escalations,
    history: [],
    startedAt: stored.startedAt,
    logged: stored.revision,
  };
  if (stored.businessKey) record.businessKey = stored.businessKey;
  if (state.parent) record.parent = state.parent;
  if (stored.endedAt) record.endedAt = stored.endedAt;
  return record;
}

/** The open steps of a record as rows of the worklist table. */
export function openStepRows(record: CaseRecord): OpenStepRow[] {
  return [...record.steps.values()].map((step) => ({
    caseId: record.id, processId: record.processId, stepId: step.id, startedAt: step.startedAt, late: step.late,
    ...(step.name ? { name: step.name } : {}), ...(step.pelaksana ? { pelaksana: step.pelaksana } : {}), ...(step.due ? { due: step.due } : {}),
    ...(step.claimedBy ? { claimedBy: step.claimedBy, claimedAt: step.claimedAt ?? '' } : {}),
  }));
}

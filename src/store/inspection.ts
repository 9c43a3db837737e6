/**
 * Live inspection of durable cases (opt-in, a developer's tool): cases are not long-lived actors,
 * so after each commit the engine tells an inspector what the command did — a new case as an
 * actor with its machine config, then each event and the canonical snapshot it led to.
 */
import type { Definition } from '../runtime/definition.ts';
import type { Unit } from './commandUnit.ts';

/** The part of an `@statelyai/inspect` inspector the engine uses (so the engine does not depend on it). */
export interface CaseInspector {
  actor(actor: string, snapshot?: Record<string, unknown>, info?: { definition?: string; parentId?: string; rootId?: string }): void;
  event(actor: string, event: { type: string } & Record<string, unknown>, info?: { source?: string }): void;
  snapshot(actor: string, snapshot: Record<string, unknown>, info?: { event?: { type: string } & Record<string, unknown> }): void;
}

/** Shows the cases a committed command wrote, entry by entry. */
export function showCommitted(unit: Unit, inspector: CaseInspector, definitionOf: (processId: string, version: number) => Definition): void {
  for (const { record } of unit.written()) {
    for (const { entry, state } of unit.entriesOf(record.id)) {
      const snapshot = JSON.parse(state) as Record<string, unknown>;
      const event = { ...entry.command };
      if (entry.command.type === 'START') {
        const definition = definitionOf(record.processId, record.version);
        inspector.actor(record.id, snapshot, { definition: JSON.stringify(definition.config), ...(record.parent ? { parentId: record.parent.caseId } : {}) });
      } else {
        inspector.event(record.id, event, { source: entry.actor });
      }
      inspector.snapshot(record.id, snapshot, { event });
    }
  }
}

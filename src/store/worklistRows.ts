/** The worklist read: open steps from the store, each with the form of its case's definition version and how urgent it is now. */
import { endOfNextWorkingDay, urgencyOf } from '../calendar/urgency.ts';
import type { WorkingCalendar } from '../calendar/workingCalendar.ts';
import type { Definition } from '../runtime/definition.ts';
import type { CaseStore, StepFilter } from './caseStore.ts';
import type { WorklistRow } from './worklistRow.ts';

// The row's shape is in worklistRow.ts (no Node imports, the web app reads it too).
export type { WorklistRow } from './worklistRow.ts';

/** Open steps matching `filter`, each with its step's form when its definition is deployed here. */
export async function worklistRows(
  source: { store: Pick<CaseStore, 'openSteps'>; definitions(): Definition[]; definition(processId: string, version?: number): Definition; calendar: WorkingCalendar },
  filter: StepFilter,
  now: string,
): Promise<WorklistRow[]> {
  const rows = await source.store.openSteps(filter);
  const deployed = new Set(source.definitions().map((d) => d.processId));
  const soonUntil = endOfNextWorkingDay(now, source.calendar);
  return rows.map((row) => {
    const form = deployed.has(row.processId) ? source.definition(row.processId, row.version).steps.get(row.stepId)?.form : undefined;
    const urgency = urgencyOf(row, now, soonUntil);
    return form ? { ...row, form, urgency } : { ...row, urgency };
  });
}

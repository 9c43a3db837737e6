/** The worklist read: open steps from the store, each with the form of its case's definition version. */
import type { FormSchema } from '../model/formSchema.ts';
import type { Definition } from '../runtime/definition.ts';
import type { CaseStore, OpenStepRow, StepFilter } from './caseStore.ts';

export type WorklistRow = OpenStepRow & { form?: FormSchema };

/** Open steps matching `filter`, each with its step's form when its definition is deployed here. */
export async function worklistRows(
  source: { store: Pick<CaseStore, 'openSteps'>; definitions(): Definition[]; definition(processId: string, version?: number): Definition },
  filter: StepFilter,
): Promise<WorklistRow[]> {
  const rows = await source.store.openSteps(filter);
  const deployed = new Set(source.definitions().map((d) => d.processId));
  return rows.map((row) => {
    const form = deployed.has(row.processId) ? source.definition(row.processId, row.version).steps.get(row.stepId)?.form : undefined;
    return form ? { ...row, form } : row;
  });
}

/** The deployed SOPs as GET /api/definitions lists them, one entry per SOP (its latest version). */
import type { Api } from '../core/api.ts';
import type { FormSchema } from '../../src/model/formSchema.ts';

export interface DefinitionSummary {
  processId: string;
  version: number;
  name?: string;
  hari?: string;
  kodeBuku?: string;
  /** Whether the signed-in person may start a case of it (the roles of its start lane, src/auth/sopAccess.ts). */
  mayStart?: boolean;
  /** The form a person answers when starting a case, when the SOP asks anything at its start. */
  startForm?: FormSchema;
}

/** The latest version of each deployed SOP, by name. */
export async function latestDefinitions(api: Api): Promise<DefinitionSummary[]> {
  const latest = new Map<string, DefinitionSummary>();
  for (const definition of await api.get<DefinitionSummary[]>('/api/definitions')) {
    const known = latest.get(definition.processId);
    if (!known || known.version < definition.version) latest.set(definition.processId, definition);
  }
  return [...latest.values()].sort((a, b) => (a.name ?? a.processId).localeCompare(b.name ?? b.processId, 'id'));
}

/** "Pelaporan" with its id beside it, or just the id when the SOP is not (or no longer) listed. */
export function sopLabel(definition: DefinitionSummary | undefined, processId: string): string {
  return definition?.name ? `${definition.name} (${processId})` : processId;
}

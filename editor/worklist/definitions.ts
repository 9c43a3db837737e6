/** The deployed SOPs as GET /api/definitions lists them, one entry per SOP (its latest version). */
import type { Api } from '../core/api.ts';
import type { DefinitionSummary } from '../../src/runtime/definitionShapes.ts';

export type { DefinitionSummary } from '../../src/runtime/definitionShapes.ts';

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

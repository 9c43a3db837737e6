/**
 * The pelaksana roles an analyst may put on a lane: every `sop:pelaksana` of a deployed SOP and
 * every role a person of the office holds (the four office roles aside). The modeler offers them
 * and warns about a role nobody knows, which would leave the lane's steps to the admin alone.
 */
import { OFFICE_ROLES, type KnownRole } from './roles.ts';
import type { Definition } from '../runtime/definition.ts';
import type { CaseStore } from '../store/caseStore.ts';

export type { KnownRole };

/** Known pelaksana roles of the deployed SOPs' lanes and of the office's people, sorted by id. */
export async function knownRoles(source: { definitions(): Definition[]; store: Pick<CaseStore, 'listUsers'> }): Promise<KnownRole[]> {
  const lanes = source.definitions().flatMap((d) => d.lanes.map((l) => ({ pelaksana: l.pelaksana, laneName: l.name })));
  return rolesOf(lanes, await source.store.listUsers());
}

function rolesOf(steps: Iterable<{ pelaksana?: string | undefined; laneName?: string | undefined }>, people: Iterable<{ roles: readonly string[]; disabled: boolean }>): KnownRole[] {
  const roles = new Map<string, KnownRole>();
  const entry = (id: string) => {
    let role = roles.get(id);
    if (!role) roles.set(id, role = { id, lanes: [], people: 0 });
    return role;
  };
  for (const step of steps) {
    if (!step.pelaksana || (OFFICE_ROLES as readonly string[]).includes(step.pelaksana)) continue;
    const role = entry(step.pelaksana);
    if (step.laneName && step.laneName !== step.pelaksana && !role.lanes.includes(step.laneName)) role.lanes.push(step.laneName);
  }
  for (const person of people) {
    if (person.disabled) continue;
    for (const id of person.roles) if (!(OFFICE_ROLES as readonly string[]).includes(id)) entry(id).people += 1;
  }
  return [...roles.values()].sort((a, b) => a.id.localeCompare(b.id));
}

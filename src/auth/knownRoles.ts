/**
 * The pelaksana roles an analyst may put on a lane: every `sop:pelaksana` of a deployed SOP and
 * every role a person of the office holds (the four office roles aside). The modeler offers them
 * and warns about a role nobody knows, which would leave the lane's steps to the admin alone.
 */
import { OFFICE_ROLES } from './roles.ts';

export interface KnownRole {
  id: string;
  /** Lane names the role stands under in deployed SOPs, e.g. "Panitera Muda Pidana". */
  lanes: string[];
  /** How many people (not disabled) hold it. */
  people: number;
}

/** Known pelaksana roles from deployed steps and people, sorted by id. */
export function knownRoles(steps: Iterable<{ pelaksana?: string | undefined; laneName?: string | undefined }>, people: Iterable<{ roles: readonly string[]; disabled: boolean }>): KnownRole[] {
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

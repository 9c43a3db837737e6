/**
 * Who may do what (issue 5): roles are the four of the office — admin, analis, pimpinan, auditor —
 * and the pelaksana roles, which are the `sop:pelaksana` ids of the SOPs' lanes. A step may be
 * completed (or claimed) only by someone holding its lane's role; auditors read and replay but
 * change nothing.
 */
import { ProtapError } from '../runtime/protapError.ts';

export const OFFICE_ROLES = ['admin', 'analis', 'pimpinan', 'auditor'] as const;

/** A pelaksana role the office knows (GET /api/roles; src/auth/knownRoles.ts). */
export interface KnownRole {
  id: string;
  /** Lane names the role stands under in deployed SOPs, e.g. "Panitera Muda Pidana". */
  lanes: string[];
  /** How many people (not disabled) hold it. */
  people: number;
}

export type Permission =
  /** deploy and validate SOP definitions */
  | 'deploy'
  /** start cases, correlate messages, complete steps (the lane's role is checked on top) */
  | 'act'
  /** manage people and their roles */
  | 'manageUsers'
  /** publish corrected calendar years */
  | 'administer'
  /** see every worklist and case, not only one's own roles' */
  | 'oversee'
  /** sign a checkpoint of the store now */
  | 'audit';

const GRANTS: Record<Permission, readonly string[]> = {
  deploy: ['admin', 'analis'],
  manageUsers: ['admin'],
  administer: ['admin'],
  oversee: ['admin', 'pimpinan', 'auditor', 'analis'],
  audit: ['admin', 'auditor'],
  act: [],
};

export interface Person {
  id: string;
  roles: readonly string[];
}

const ROLE_PATTERN = /^[a-z0-9][a-z0-9._-]{0,79}$/;

/** Whether a role name is well formed (lowercase letters, digits, . _ -). */
export function validRole(role: string): boolean {
  return ROLE_PATTERN.test(role);
}

/** Whether a person may do something. Everyone but a pure auditor acts on cases. */
export function may(person: Person, permission: Permission): boolean {
  if (permission === 'act') return person.roles.some((role) => role !== 'auditor');
  return person.roles.some((role) => GRANTS[permission].includes(role));
}

const PERMISSION_TEXT: Record<Permission, string> = {
  deploy: 'men-deploy SOP (perlu peran analis atau admin)',
  act: 'mengubah kasus (auditor hanya membaca)',
  manageUsers: 'mengelola pengguna (perlu peran admin)',
  administer: 'menerbitkan kalender kerja (perlu peran admin)',
  oversee: 'melihat kasus, daftar kerja dan laporan semua peran (perlu peran pimpinan, auditor, analis atau admin)',
  audit: 'membuat titik periksa atau memeriksa semua kasus (perlu peran auditor atau admin)',
};

/** Refuses (FORBIDDEN, saying which roles would allow it) unless the person's roles grant the permission. */
export function requirePermission<P extends Person>(person: P, permission: Permission): P {
  if (!may(person, permission)) {
    throw new ProtapError('FORBIDDEN', `Peran ${person.roles.join(', ')} tidak mengizinkan ${PERMISSION_TEXT[permission]}.`, { roles: person.roles });
  }
  return person;
}

const PERMISSIONS: readonly Permission[] = ['deploy', 'act', 'manageUsers', 'administer', 'oversee', 'audit'];

/** Every permission the person's roles grant: what the web app shows them (the API decides each request again). */
export function permissionsOf(person: Person): Permission[] {
  return PERMISSIONS.filter((permission) => may(person, permission));
}

/** Whether a person may complete a step of a lane with this pelaksana role (a step without one: anyone who acts). */
export function mayComplete(person: Person, pelaksana: string | undefined): boolean {
  return pelaksana ? person.roles.includes(pelaksana) : may(person, 'act');
}

/** Whether a person may end a claim on a step: the one who holds it, or an admin. */
export function mayRelease(person: Person, claimedBy: string): boolean {
  return person.id === claimedBy || person.roles.includes('admin');
}

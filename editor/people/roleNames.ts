/**
 * Roles as people call them: the four office roles by their Indonesian names, a pelaksana role by
 * the name of its lane in the deployed SOPs (GET /api/roles), e.g. "panmud-pidana" → "Panitera
 * Muda Pidana". A role no SOP names yet keeps its id, the only name it has.
 */

import type { KnownRole } from '../../src/auth/roles.ts';

/** A pelaksana role as GET /api/roles answers it. */
export type { KnownRole } from '../../src/auth/roles.ts';

export interface RoleChoice {
  id: string;
  name: string;
  /** What the role may do (office roles), or the lanes it stands under. */
  keterangan?: string;
}

export const OFFICE_ROLES: readonly RoleChoice[] = [
  { id: 'admin', name: 'Administrator', keterangan: 'mengelola pengguna dan kalender kerja, dan semua yang lain' },
  { id: 'analis', name: 'Analis SOP', keterangan: 'memodelkan dan men-deploy SOP' },
  { id: 'pimpinan', name: 'Pimpinan', keterangan: 'memantau semua daftar kerja, tenggat dan laporan' },
  { id: 'auditor', name: 'Auditor', keterangan: 'membaca dan memeriksa log audit; tidak mengubah kasus' },
];

/** The roles by their lanes' names as the server knows them (GET /api/roles); a role's id when the request fails. */
export async function loadRoleNames(api: { get<T>(path: string): Promise<T> }): Promise<(role: string) => string> {
  try {
    const names = new RoleNames(await api.get<KnownRole[]>('/api/roles'));
    return (role) => names.name(role);
  } catch {
    return (role) => role;
  }
}

export class RoleNames {
  private readonly names = new Map<string, string>();
  /** The pelaksana roles to choose from, by name. */
  readonly pelaksana: RoleChoice[];

  constructor(known: readonly KnownRole[]) {
    for (const role of OFFICE_ROLES) this.names.set(role.id, role.name);
    this.pelaksana = known.filter((role) => !this.names.has(role.id)).map((role) => ({
      id: role.id, name: role.lanes[0] ?? role.id, ...(role.lanes.length > 1 ? { keterangan: `juga: ${role.lanes.slice(1).join(', ')}` } : {}),
    })).sort((a, b) => a.name.localeCompare(b.name, 'id'));
    for (const role of this.pelaksana) this.names.set(role.id, role.name);
  }

  /** A role's name; its id when no SOP names it. */
  name(id: string): string {
    return this.names.get(id) ?? id;
  }

  isOffice(id: string): boolean {
    return OFFICE_ROLES.some((role) => role.id === id);
  }
}

/**
 * Who may start which SOP, send which message and read which case (issue 18, point 7). The SOP
 * decides: its lanes name the pelaksana roles that start it and receive its messages
 * (src/compile/sopRights.ts). Pimpinan directs the whole office (a disposisi may open any SOP) and
 * admin enters work on another's behalf, so both may start any SOP and send any message.
 * Cases are read by the people of their SOP: those who hold one of its roles, or who belong to the
 * unit that owns it (`sop:unit` against the person's unit); pimpinan, auditor, analis and admin see
 * the whole office. A refusal names who may, in the SOP's own lane names.
 */
import type { Definition } from '../runtime/definition.ts';
import { ProtapError } from '../runtime/protapError.ts';
import { may, type Person } from './roles.ts';

type SopRights = Definition['rights'];
type Allowed = SopRights['start'];

/** Office roles that may start any SOP and send any message. */
export const OFFICE_WIDE = ['admin', 'pimpinan'] as const;

export interface Member extends Person {
  unit?: string;
}

function allows(person: Person, allowed: Allowed): boolean {
  if (!may(person, 'act')) return false;
  if (allowed === 'semua' || person.roles.some((role) => (OFFICE_WIDE as readonly string[]).includes(role))) return true;
  return person.roles.some((role) => allowed.includes(role));
}

/** The lane names (else role ids) of these roles in the SOP, for a refusal people can read. */
function whoMay(definition: Definition, allowed: Allowed): string {
  if (allowed === 'semua') return 'siapa saja';
  const names = allowed.map((role) => definition.lanes.find((lane) => (lane.pelaksana ?? lane.name) === role)?.name ?? role);
  return [...new Set(names)].join(', ');
}

const sopName = (definition: Definition) => `"${definition.name ?? definition.processId}"`;

/** Whether the person may start a case of this SOP. */
export function mayStart(person: Person, definition: Definition): boolean {
  return allows(person, definition.rights.start);
}

/** Refuses unless the person may start a case of this SOP. */
export function checkMayStart(person: Person, definition: Definition): void {
  const allowed = definition.rights.start;
  if (allows(person, allowed)) return;
  throw new ProtapError('FORBIDDEN', `SOP ${sopName(definition)} dimulai oleh ${whoMay(definition, allowed)}; peran Anda (${person.roles.join(', ')}) tidak termasuk.`, { roles: person.roles, allowed });
}

/** Refuses unless the person may send this message to a case of this SOP (a message the SOP never waits for is left to the engine to refuse). */
/** Whether the person may send (record) this message to cases of this SOP. */
export function maySend(person: Person, definition: Definition, message: string): boolean {
  const allowed = definition.rights.messages[message];
  return allowed === undefined || allows(person, allowed);
}

export function checkMaySend(person: Person, definition: Definition, message: string): void {
  const allowed = definition.rights.messages[message];
  if (allowed === undefined || allows(person, allowed)) return;
  throw new ProtapError('FORBIDDEN', `Pesan "${message}" pada SOP ${sopName(definition)} dikirim oleh ${whoMay(definition, allowed)}; peran Anda (${person.roles.join(', ')}) tidak termasuk.`, { roles: person.roles, allowed });
}

/** Whether the person may read cases of this SOP. */
export function mayRead(person: Member, definition: Pick<Definition, 'rights' | 'identity'>): boolean {
  if (may(person, 'oversee')) return true;
  if (person.unit && definition.identity?.unit && sameUnit(person.unit, definition.identity.unit)) return true;
  const rights: SopRights = definition.rights;
  return person.roles.some((role) => rights.lanes.includes(role) || (rights.start !== 'semua' && rights.start.includes(role)));
}

/** The SOPs whose cases the person may read; undefined: every SOP. */
export function readableProcesses(person: Member, definitions: readonly Definition[]): string[] | undefined {
  if (may(person, 'oversee')) return undefined;
  return [...new Set(definitions.filter((definition) => mayRead(person, definition)).map((d) => d.processId))];
}

/** Refuses unless the person may read this case of this SOP (version). */
export function checkMayRead(person: Member, definition: Definition): void {
  if (mayRead(person, definition)) return;
  throw new ProtapError('FORBIDDEN', `Kasus SOP ${sopName(definition)} hanya dapat dibuka oleh pelaksananya${definition.identity?.unit ? ` dan pegawai ${definition.identity.unit}` : ''}, serta pimpinan dan auditor.`, { roles: person.roles });
}

function sameUnit(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase('id') === b.trim().toLocaleLowerCase('id');
}

/** The units the deployed SOPs name (their identity's unit), in Indonesian order: what a person's unit is chosen from. */
export function sopUnits(definitions: readonly Definition[]): string[] {
  const units = new Set(definitions.flatMap((d) => (d.identity?.unit?.trim() ? [d.identity.unit.trim()] : [])));
  return [...units].sort((a, b) => a.localeCompare(b, 'id'));
}

/**
 * A lane's pelaksana (or atasan): a role id typed with the roles the server knows offered in a
 * list. A pelaksana nobody knows — in no deployed SOP and held by no person — is allowed (the
 * SOP may come before its people) but warned about: only the admin could do its steps.
 */
import { TextFieldEntry, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useEffect, useState } from '@bpmn-io/properties-panel/preact/hooks';
import { useService } from 'bpmn-js-properties-panel';
import type { EntryProps, PanelEntry } from './attributeEntry.ts';
import { textOf, type Modeling } from './sopElement.ts';
import type { KnownRole, SopRoles } from './sopRoles.ts';

export const UNKNOWN_ROLE = 'Peran ini belum dikenal: langkahnya hanya bisa dikerjakan admin sampai ada orang dengan peran ini';

export interface RoleSpec { id: string; attribute: string; label: string; description: string; warnUnknown: boolean }

/** What the analyst reads under a role: who it is known as, or the warning. */
export function roleNote(role: string, roles: KnownRole[] | undefined, spec: RoleSpec): { text: string; warning: boolean } {
  const known = roles?.find((r) => r.id === role);
  if (role === '' || roles === undefined) return { text: spec.description, warning: false };
  if (!known) return spec.warnUnknown ? { text: `${UNKNOWN_ROLE}.`, warning: true } : { text: spec.description, warning: false };
  const where = known.lanes.length > 0 ? `lajur ${known.lanes.join(', ')}` : 'belum di lajur SOP lain';
  return { text: `Dikenal: ${where}; ${known.people} orang memegang peran ini.`, warning: false };
}

/** The entry for one role attribute of a lane. */
export function roleEntry(spec: RoleSpec): PanelEntry {
  function RoleField({ element, id }: EntryProps) {
    const modeling = useService<Modeling>('modeling');
    const sopRoles = useService<SopRoles>('sopRoles');
    const debounce = useService('debounceInput');
    const [roles, setRoles] = useState<KnownRole[] | undefined>(undefined);
    useEffect(() => { void sopRoles.list().then(setRoles); }, [sopRoles]);
    const listId = `${id}-daftar`;
    // The panel's text field takes no `list` attribute; it is set on the rendered input.
    useEffect(() => { document.getElementById(`bio-properties-panel-${id}`)?.setAttribute('list', listId); });
    const bo = element.businessObject;
    const note = roleNote(textOf(bo, spec.attribute).trim(), roles, spec);
    return h('div', {},
      h(TextFieldEntry, {
        element, id, debounce, label: spec.label,
        ...(note.warning ? {} : { description: note.text }),
        getValue: () => textOf(bo, spec.attribute),
        setValue: (value: string | undefined) => modeling.updateModdleProperties(element, bo, { [spec.attribute]: value?.trim() ? value.trim() : undefined }),
      }),
      note.warning ? h('div', { class: 'bio-properties-panel-description sop-peringatan', role: 'status', style: 'color: #8a4b00; font-weight: 600; margin: -6px 12px 8px' }, note.text) : null,
      h('datalist', { id: listId }, ...(roles ?? []).map((role) =>
        h('option', { value: role.id }, role.lanes.length > 0 ? `${role.lanes.join(', ')} (${role.people} orang)` : `${role.people} orang`))));
  }
  return { id: spec.id, component: RoleField, isEdited: isTextFieldEntryEdited };
}

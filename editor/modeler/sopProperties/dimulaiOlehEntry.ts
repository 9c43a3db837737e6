/**
 * `sop:dimulaiOleh` of a process: who may start a case of the SOP (src/compile/sopRights.ts).
 * Empty: the pelaksana of the lane the start event stands in; `semua`: anyone at work in the
 * office (a public intake such as the PTSP desk); or role ids separated by commas.
 */
import { TextFieldEntry, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import type { EntryProps, PanelEntry } from './attributeEntry.ts';
import { processOf, textOf, type Modeling } from './sopElement.ts';

const ROLE = /^[a-z0-9][a-z0-9._-]{0,79}$/;

/** Why a value cannot be used, or null. */
export function checkDimulaiOleh(value: string): string | null {
  const text = value.trim();
  if (text === '' || text === 'semua') return null;
  const bad = text.split(',').map((role) => role.trim()).filter((role) => role && !ROLE.test(role));
  return bad.length > 0 ? `Bukan id peran: ${bad.join(', ')} (huruf kecil, angka, . _ -), atau tulis "semua".` : null;
}

function DimulaiOlehField({ element, id }: EntryProps) {
  const modeling = useService<Modeling>('modeling');
  const debounce = useService('debounceInput');
  const process = processOf(element);
  return TextFieldEntry({
    element, id, debounce,
    label: 'Boleh dimulai oleh',
    description: 'Kosongkan: pelaksana lajur tempat start event. "semua": siapa saja di kantor (layanan terbuka, mis. meja PTSP). Atau id peran dipisah koma. Pimpinan dan admin selalu boleh.',
    placeholder: 'pelaksana lajur awal',
    validate: (value: string | undefined) => checkDimulaiOleh(value ?? ''),
    getValue: () => textOf(process, 'sop:dimulaiOleh'),
    setValue: (value) => { if (process) modeling.updateModdleProperties(element, process, { 'sop:dimulaiOleh': value?.trim() || undefined }); },
  });
}

export const dimulaiOlehEntry: PanelEntry = { id: 'sop-dimulai-oleh', component: DimulaiOlehField, isEdited: isTextFieldEntryEdited };

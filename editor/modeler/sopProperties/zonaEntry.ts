/** `sop:zona` of a process: the zone its deadlines count in when its unit differs from the office's (PROTAP_ZONA). */
import { SelectEntry, isSelectEntryEdited } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import type { EntryProps, PanelEntry } from './attributeEntry.ts';
import { processOf, textOf, type Modeling } from './sopElement.ts';

const OPTIONS = [
  { value: '', label: 'Zona kantor (bawaan)' },
  { value: 'WIB', label: 'WIB' },
  { value: 'WITA', label: 'WITA' },
  { value: 'WIT', label: 'WIT' },
];

function ZonaField({ element, id }: EntryProps) {
  const modeling = useService<Modeling>('modeling');
  const process = processOf(element);
  return SelectEntry({
    element, id,
    label: 'Zona waktu tenggat',
    description: 'Hanya bila unit pemilik SOP berada di zona lain dari kantor: tenggat dihitung sampai akhir hari kerja di zona itu.',
    getOptions: () => OPTIONS,
    getValue: () => textOf(process, 'sop:zona').toUpperCase(),
    setValue: (value) => { if (process) modeling.updateModdleProperties(element, process, { 'sop:zona': value || undefined }); },
  });
}

export const zonaEntry: PanelEntry = { id: 'sop-zona', component: ZonaField, isEdited: isSelectEntryEdited };

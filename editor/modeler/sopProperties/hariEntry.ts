/** `sop:hari` of a process: what a bare "Hari" in its waktu phrases means (kalender unless told). */
import { SelectEntry, isSelectEntryEdited } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import type { EntryProps, PanelEntry } from './attributeEntry.ts';
import { processOf, textOf, type Modeling } from './sopElement.ts';

const OPTIONS = [
  { value: '', label: 'Kalender (bawaan)' },
  { value: 'kalender', label: 'Kalender' },
  { value: 'kerja', label: 'Kerja' },
];

function HariField({ element, id }: EntryProps) {
  const modeling = useService<Modeling>('modeling');
  const process = processOf(element);
  return SelectEntry({
    element, id,
    label: 'Arti "Hari" tanpa keterangan',
    description: 'Untuk frasa seperti "3 Hari"; "hari kerja" dan "hari kalender" selalu dibaca apa adanya.',
    getOptions: () => OPTIONS,
    getValue: () => textOf(process, 'sop:hari'),
    setValue: (value) => { if (process) modeling.updateModdleProperties(element, process, { 'sop:hari': value || undefined }); },
  });
}

export const hariEntry: PanelEntry = { id: 'sop-hari', component: HariField, isEdited: isSelectEntryEdited };

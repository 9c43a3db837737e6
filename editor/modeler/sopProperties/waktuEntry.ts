/**
 * The waktu penyelesaian of an activity, read live with the engine's own reader (`readWaktu`,
 * pure and bundled into the browser): a readable phrase shows how it was read, an unreadable one
 * the reader's message — the same the server gives when the diagram is deployed.
 */
import { TextFieldEntry, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { readWaktu } from '../../../src/sop/readWaktu.ts';
import type { EntryProps, PanelEntry } from './attributeEntry.ts';
import { describeWaktu } from './describeWaktu.ts';
import { enclosingProcess, textOf, type Modeling } from './sopElement.ts';

/** The reader's message for an unreadable phrase, nothing for a readable one. */
function unreadable(value: string | undefined): string | null {
  const read = readWaktu(value ?? '');
  return read.ok ? null : read.message;
}

function WaktuField({ element, id }: EntryProps) {
  const modeling = useService<Modeling>('modeling');
  const debounce = useService('debounceInput');
  const bo = element.businessObject;
  const phrase = textOf(bo, 'sop:waktu');
  const read = readWaktu(phrase);
  const hari = textOf(enclosingProcess(bo), 'sop:hari') === 'kerja' ? 'kerja' : 'kalender';
  const description = read.ok
    ? `Terbaca: ${describeWaktu(read.spec, hari)}`
    : 'Tulis seperti di buku SOP, mis. "5 (lima) hari kerja" atau "Setiap Jum\'at".';
  return TextFieldEntry({
    element, id, debounce, description,
    label: 'Waktu penyelesaian',
    getValue: () => phrase,
    setValue: (value) => modeling.updateModdleProperties(element, bo, { 'sop:waktu': value?.trim() ? value : undefined }),
    validate: unreadable,
  });
}

export const waktuEntry: PanelEntry = { id: 'sop-waktu', component: WaktuField, isEdited: isTextFieldEntryEdited };

/**
 * The question of a decision gateway ("Berkas lengkap?"), which is also its name on the canvas,
 * and — under "Lanjutan" — the name of the data keeping the answer (derived from the question
 * unless the analyst changes it, e.g. to match data an earlier SOP already keeps).
 */
import { CollapsibleEntry, TextFieldEntry, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { variableOf } from '../../../src/model/decisions.ts';
import type { EntryProps, PanelEntry } from './attributeEntry.ts';
import { useDecisionUpdate } from './decisionCommands.ts';
import { variableIn } from './decisionGateway.ts';
import { textOf } from './sopElement.ts';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function QuestionField({ element, id }: EntryProps) {
  const update = useDecisionUpdate();
  const debounce = useService('debounceInput');
  const bo = element.businessObject;
  return TextFieldEntry({
    element, id, debounce,
    label: 'Pertanyaan',
    description: `Dijawab pelaksana langkah sebelumnya di formulirnya; jawabannya disimpan sebagai "${variableIn(bo)}".`,
    placeholder: 'mis. Berkas lengkap?',
    getValue: () => textOf(bo, 'sop:pertanyaan'),
    setValue: (value) => update(element, { question: value ?? '' }),
    validate: (value) => (value?.trim() ? null : 'Tulis pertanyaannya, mis. "Berkas lengkap?".'),
  });
}

function VariableField({ element, id }: EntryProps) {
  const update = useDecisionUpdate();
  const debounce = useService('debounceInput');
  const bo = element.businessObject;
  const derived = variableOf(textOf(bo, 'sop:pertanyaan'));
  return TextFieldEntry({
    element, id, debounce,
    label: 'Nama data',
    description: `Kosongkan untuk memakai nama dari pertanyaan (${derived}). Syarat setiap alur ikut berubah.`,
    getValue: () => textOf(bo, 'sop:variabel'),
    setValue: (value) => update(element, { variable: value ?? '' }),
    validate: (value) => (!value?.trim() || NAME.test(value.trim()) ? null
      : 'Nama data hanya huruf, angka dan garis bawah, diawali huruf, mis. berkasLengkap.'),
  });
}

export const questionEntry: PanelEntry = { id: 'keputusan-pertanyaan', component: QuestionField, isEdited: isTextFieldEntryEdited };

/** "Lanjutan": the variable's name, collapsed because most analysts never need it. */
export const advancedDecisionEntry = {
  id: 'keputusan-lanjutan',
  component: CollapsibleEntry,
  label: 'Lanjutan',
  entries: [{ id: 'keputusan-variabel', component: VariableField, isEdited: isTextFieldEntryEdited }],
};

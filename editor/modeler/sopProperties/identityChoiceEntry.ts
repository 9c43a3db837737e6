/**
 * The four kinds of an SOP its identity states (Permenpan RB 35/2012): jenis, cakupan, sifat and
 * hasil, each a choice of two words of the regulation, or none ("—") while undecided.
 */
import { SelectEntry, isSelectEntryEdited } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import type { EntryProps, PanelEntry } from './attributeEntry.ts';
import { identityCommands, identityOf } from './identityEntry.ts';
import { executeAll, processOf, textOf, type BpmnFactory, type CommandStack } from './sopElement.ts';

export interface ChoiceSpec {
  attribute: 'jenis' | 'cakupan' | 'sifat' | 'hasil';
  label: string;
  description: string;
  options: { value: string; label: string }[];
}

const CHOICES: ChoiceSpec[] = [
  {
    attribute: 'jenis', label: 'Jenis SOP', description: 'Teknis: satu pelaksana, sangat rinci; administratif: beberapa pelaksana atau jabatan, lebih umum.',
    options: [{ value: 'teknis', label: 'Teknis' }, { value: 'administratif', label: 'Administratif' }],
  },
  {
    attribute: 'cakupan', label: 'Cakupan', description: 'Makro terdiri atas beberapa SOP mikro; mikro adalah bagian dari SOP makro.',
    options: [{ value: 'makro', label: 'Makro' }, { value: 'mikro', label: 'Mikro' }],
  },
  {
    attribute: 'sifat', label: 'Sifat', description: 'Generik: langkah dan pelaksananya sama di mana pun, hanya tempatnya berbeda; spesifik: khas satu satuan kerja.',
    options: [{ value: 'generik', label: 'Generik' }, { value: 'spesifik', label: 'Spesifik' }],
  },
  {
    attribute: 'hasil', label: 'Hasil', description: 'Final: menghasilkan produk akhir; parsial: rangkaiannya berlanjut di SOP lain.',
    options: [{ value: 'final', label: 'Final' }, { value: 'parsial', label: 'Parsial' }],
  },
];

/** The select entry of one kind (id `sop-identitas-<attribute>`). */
export function identityChoiceEntry(spec: ChoiceSpec): PanelEntry {
  const options = [{ value: '', label: '—' }, ...spec.options];
  function ChoiceField({ element, id }: EntryProps) {
    const bpmnFactory = useService<BpmnFactory>('bpmnFactory');
    const commandStack = useService<CommandStack>('commandStack');
    const process = processOf(element);
    const value = textOf(identityOf(process), spec.attribute);
    // A value the list does not know (typed by hand in the XML) is shown, not silently dropped.
    const known = options.some((option) => option.value === value) ? options : [...options, { value, label: `${value} (tidak dikenal)` }];
    return SelectEntry({
      element, id, label: spec.label, description: spec.description,
      getOptions: () => known,
      getValue: () => value,
      setValue: (chosen) => {
        if (process) executeAll(commandStack, identityCommands(element, process, { [spec.attribute]: chosen || undefined }, bpmnFactory));
      },
    });
  }
  return { id: `sop-identitas-${spec.attribute}`, component: ChoiceField, isEdited: isSelectEntryEdited };
}

/** The entries of the four kinds, in the order of the regulation's identity page. */
export const identityChoiceEntries: PanelEntry[] = CHOICES.map(identityChoiceEntry);

/**
 * Adds the "SOP" group to the properties panel, right after "Umum": the `sop:` attributes of
 * sop.moddle.json for the selected lane (who does its steps), activity (waktu, kelengkapan,
 * output, keterangan) or process/pool (sop:hari and the identity block).
 */
import { Group } from '@bpmn-io/properties-panel';
import { attributeEntry, type PanelEntry } from './attributeEntry.ts';
import { hariEntry } from './hariEntry.ts';
import { identityEntry } from './identityEntry.ts';
import { isType, processOf, type DiagramElement } from './sopElement.ts';
import { waktuEntry } from './waktuEntry.ts';

interface PanelGroup { id: string; label: string; entries: PanelEntry[]; component: unknown }
interface PropertiesPanel { registerProvider(priority: number, provider: SopPropertiesProvider): void }

/** After bpmn-js's own provider (priority 1000), so "Umum" is there to follow. */
const PRIORITY = 500;

const LANE: PanelEntry[] = [
  attributeEntry({ id: 'sop-pelaksana', attribute: 'sop:pelaksana', label: 'Pelaksana (id peran)', description: 'Peran yang mengerjakan langkah di lajur ini, mis. panitera-muda-pidana.' }),
  attributeEntry({ id: 'sop-atasan', attribute: 'sop:atasan', label: 'Atasan (id peran)', description: 'Menerima eskalasi bila tenggat terlewati.' }),
  attributeEntry({ id: 'sop-eksternal', attribute: 'sop:eksternal', label: 'Pihak di luar satker', kind: 'checkbox' }),
];

const ACTIVITY: PanelEntry[] = [
  attributeEntry({ id: 'sop-no', attribute: 'sop:no', label: 'Nomor kegiatan' }),
  waktuEntry,
  attributeEntry({ id: 'sop-kelengkapan', attribute: 'sop:kelengkapan', label: 'Kelengkapan', kind: 'area' }),
  attributeEntry({ id: 'sop-output', attribute: 'sop:output', label: 'Output', kind: 'area' }),
  attributeEntry({ id: 'sop-keterangan', attribute: 'sop:keterangan', label: 'Keterangan', kind: 'area' }),
];

const PROCESS: PanelEntry[] = [
  identityEntry('nomor', 'Nomor SOP'),
  identityEntry('nama', 'Nama SOP'),
  identityEntry('unit', 'Unit kerja'),
  identityEntry('kodeBuku', 'Kode dalam buku SOP'),
  hariEntry,
];

/** The SOP entries for an element, none for elements without `sop:` attributes. */
export function sopEntries(element: DiagramElement): PanelEntry[] {
  if (isType(element, 'bpmn:Lane')) return LANE;
  if (isType(element, 'bpmn:Activity')) return ACTIVITY;
  if (processOf(element)) return PROCESS;
  return [];
}

export class SopPropertiesProvider {
  static $inject = ['propertiesPanel'];

  constructor(propertiesPanel: PropertiesPanel) {
    propertiesPanel.registerProvider(PRIORITY, this);
  }

  getGroups(element: DiagramElement): (groups: PanelGroup[]) => PanelGroup[] {
    return (groups) => {
      const entries = sopEntries(element);
      if (entries.length === 0) return groups;
      const general = groups.findIndex((group) => group.id === 'general');
      groups.splice(general + 1, 0, { id: 'sop', label: 'SOP', entries, component: Group });
      return groups;
    };
  }
}

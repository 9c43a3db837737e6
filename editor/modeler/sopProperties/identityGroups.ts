/**
 * The groups of a process or pool: "Identitas SOP" (what the identity page of the SOP document
 * heads with, its four kinds, and sop:hari), "Pengesahan" (dates and the signing official) and the
 * six lists of the page ("Dasar hukum" … "Pencatatan dan pendataan"), every field of
 * `sop:Identitas` in sop.moddle.json.
 */
import { Group } from '@bpmn-io/properties-panel';
import type { PanelEntry } from './attributeEntry.ts';
import { documentPreviewEntry } from './documentPreviewEntry.ts';
import { dimulaiOlehEntry } from './dimulaiOlehEntry.ts';
import { zonaEntry } from './zonaEntry.ts';
import { hariEntry } from './hariEntry.ts';
import { checkDate, checkNip } from './identityChecks.ts';
import { identityChoiceEntries } from './identityChoiceEntry.ts';
import { identityEntry } from './identityEntry.ts';
import { identityListGroups, type ListServices } from './identityListGroup.ts';
import type { DiagramElement } from './sopElement.ts';

const IDENTITY: PanelEntry[] = [
  documentPreviewEntry,
  identityEntry({ attribute: 'nomor', label: 'Nomor SOP', description: 'Menurut tata naskah dinas, mis. W11.U1/1/SOP/HK/2026.' }),
  identityEntry({ attribute: 'nama', label: 'Nama SOP' }),
  identityEntry({ attribute: 'satker', label: 'Satuan kerja', placeholder: 'mis. Pengadilan Negeri Bandung' }),
  identityEntry({ attribute: 'unit', label: 'Unit kerja', placeholder: 'mis. Kepaniteraan Pidana' }),
  identityEntry({ attribute: 'kodeBuku', label: 'Kode dalam buku SOP', placeholder: 'mis. IV.C' }),
  ...identityChoiceEntries,
  hariEntry,
  dimulaiOlehEntry,
  zonaEntry,
];

const date = (attribute: string, label: string) => identityEntry({ attribute, label, placeholder: 'TTTT-BB-HH', check: checkDate });

const APPROVAL: PanelEntry[] = [
  date('tanggalPembuatan', 'Tanggal pembuatan'),
  date('tanggalRevisi', 'Tanggal revisi'),
  date('tanggalEfektif', 'Tanggal efektif'),
  identityEntry({ attribute: 'disahkanOleh', label: 'Disahkan oleh (jabatan)', placeholder: 'mis. Ketua Pengadilan Negeri Bandung' }),
  identityEntry({ attribute: 'namaPengesah', label: 'Nama pejabat', description: 'Dengan gelar, seperti di bawah tanda tangan.' }),
  identityEntry({ attribute: 'nipPengesah', label: 'NIP', placeholder: 'mis. 19650101 199003 1 001', check: checkNip }),
];

/** The groups of a process or pool, in the order of the identity page. */
export function identityGroups(element: DiagramElement, services: ListServices) {
  return [
    // "sop" as for a lane or a step, so it opens by itself (createModeler's layout).
    { id: 'sop', label: 'Identitas SOP', component: Group, entries: IDENTITY },
    { id: 'sop-pengesahan', label: 'Pengesahan', component: Group, entries: APPROVAL },
    ...identityListGroups(element, services),
  ];
}

/** Reads the `sop:identitas` block (Permenpan RB 35/2012 Bagian Identitas) of a process. */
import { child, elements, text, type ModdleElement } from './moddleElement.ts';
import type { SopIdentity } from '../model/processModel.ts';

const SCALARS = [
  'nomor', 'nama', 'satker', 'unit', 'kodeBuku', 'tanggalPembuatan', 'tanggalRevisi',
  'tanggalEfektif', 'disahkanOleh', 'namaPengesah', 'nipPengesah', 'jenis', 'cakupan', 'sifat', 'hasil',
] as const;
const LISTS = ['dasarHukum', 'kualifikasiPelaksana', 'keterkaitan', 'peralatan', 'peringatan', 'pencatatan'] as const;

/** The identity block of a process, or undefined when the process has none. */
export function readIdentity(process: ModdleElement): SopIdentity | undefined {
  const block = elements(child(process, 'extensionElements'), 'values').find((e) => e.$type === 'sop:Identitas');
  if (!block) return undefined;
  const identity: SopIdentity = {
    dasarHukum: [], kualifikasiPelaksana: [], keterkaitan: [], peralatan: [], peringatan: [], pencatatan: [],
  };
  for (const key of SCALARS) {
    const value = text(block, key);
    if (value !== undefined) identity[key] = value;
  }
  for (const key of LISTS) identity[key] = elements(block, key).map((e) => text(e, 'text') ?? '').filter(Boolean);
  return identity;
}

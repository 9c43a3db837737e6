/**
 * The pelaksana roles of a Pengadilan Negeri that SOP lanes name, with the lane title in
 * Bahasa Indonesia and whom a missed deadline escalates to (`sop:atasan`). Outside parties
 * (`eksternal`) have no atasan inside the satker.
 */
import type { UnitFolder } from './sopDraft.ts';

/** A role a lane can stand for. */
export interface PelaksanaRole {
  id: string;
  /** Lane title, e.g. "Panitera Muda Pidana". */
  name: string;
  eksternal?: boolean;
}

const INTERNAL: [string, string][] = [
  ['ketua-pn', 'Ketua PN'], ['wakil-ketua-pn', 'Wakil Ketua PN'],
  ['panitera-sekretaris', 'Panitera/Sekretaris'], ['wakil-panitera', 'Wakil Panitera'], ['wakil-sekretaris', 'Wakil Sekretaris'],
  ['panmud-pidana', 'Panitera Muda Pidana'], ['panmud-perdata', 'Panitera Muda Perdata'], ['panmud-hukum', 'Panitera Muda Hukum'],
  ['panitera-pengganti', 'Panitera Pengganti'], ['jurusita', 'Jurusita'],
  ['kasubag-umum', 'Kasubag Umum'], ['kasubag-kepegawaian', 'Kasubag Kepegawaian'], ['kasubag-keuangan', 'Kasubag Keuangan'],
  ['bendahara-pengeluaran', 'Bendahara Pengeluaran'], ['bendahara-penerimaan', 'Bendahara Penerimaan'],
  ['ppk', 'Pejabat Pembuat Komitmen'], ['kpa', 'Kuasa Pengguna Anggaran'], ['ppspm', 'Pejabat Penandatangan SPM'],
  ['majelis-hakim', 'Majelis Hakim'], ['hakim', 'Hakim'],
  ['petugas-meja-1', 'Petugas Meja I'], ['petugas-meja-2', 'Petugas Meja II'], ['petugas-meja-3', 'Petugas Meja III'],
  ['petugas-arsip', 'Petugas Arsip'], ['staf-umum', 'Staf Umum'], ['staf-kepegawaian', 'Staf Kepegawaian'], ['staf-keuangan', 'Staf Keuangan'],
  ['petugas-piket', 'Petugas Piket'], ['satpam', 'Satuan Pengamanan'], ['petugas-kebersihan', 'Petugas Kebersihan'],
  ['tim-pemeriksa', 'Tim Pemeriksa'], ['baperjakat', 'Baperjakat'],
];

const EXTERNAL: [string, string][] = [
  ['kejaksaan', 'Kejaksaan'], ['kppn', 'KPPN'], ['kpknl', 'KPKNL'], ['pengadilan-tinggi', 'Pengadilan Tinggi'],
  ['mahkamah-agung', 'Mahkamah Agung'], ['para-pihak', 'Para Pihak'], ['pemohon', 'Pemohon'], ['termohon', 'Termohon'],
  ['terdakwa', 'Terdakwa'], ['pihak-ketiga', 'Pihak Ketiga'],
];

/** Every role by id. */
export const PELAKSANA_ROLES: ReadonlyMap<string, PelaksanaRole> = new Map([
  ...INTERNAL.map(([id, name]): [string, PelaksanaRole] => [id, { id, name }]),
  ...EXTERNAL.map(([id, name]): [string, PelaksanaRole] => [id, { id, name, eksternal: true }]),
]);

/** The lane a step goes to when its text names no actor: the unit's head. */
export const DEFAULT_PELAKSANA: Readonly<Record<UnitFolder, string>> = {
  umum: 'kasubag-umum', kepegawaian: 'kasubag-kepegawaian', keuangan: 'kasubag-keuangan',
  pidana: 'panmud-pidana', perdata: 'panmud-perdata', hukum: 'panmud-hukum',
};

const FIXED_ATASAN: Record<string, string> = {
  'wakil-ketua-pn': 'ketua-pn', 'panitera-sekretaris': 'ketua-pn', 'majelis-hakim': 'ketua-pn', hakim: 'ketua-pn',
  'tim-pemeriksa': 'ketua-pn', baperjakat: 'ketua-pn', kpa: 'ketua-pn',
  'wakil-panitera': 'panitera-sekretaris', 'wakil-sekretaris': 'panitera-sekretaris',
  'panmud-pidana': 'panitera-sekretaris', 'panmud-perdata': 'panitera-sekretaris', 'panmud-hukum': 'panitera-sekretaris',
  'kasubag-umum': 'panitera-sekretaris', 'kasubag-kepegawaian': 'panitera-sekretaris', 'kasubag-keuangan': 'panitera-sekretaris',
  'staf-umum': 'kasubag-umum', 'staf-kepegawaian': 'kasubag-kepegawaian', 'staf-keuangan': 'kasubag-keuangan',
  'petugas-piket': 'kasubag-umum', satpam: 'kasubag-umum', 'petugas-kebersihan': 'kasubag-umum',
  'bendahara-pengeluaran': 'kasubag-keuangan', 'bendahara-penerimaan': 'kasubag-keuangan',
  ppk: 'kpa', ppspm: 'kpa', 'petugas-arsip': 'panmud-hukum',
};

const KEPANITERAAN: Partial<Record<UnitFolder, string>> = { pidana: 'panmud-pidana', perdata: 'panmud-perdata', hukum: 'panmud-hukum' };

/** The role a breach of this role's step escalates to, in an SOP of the given unit. */
export function atasanOf(role: string, folder: UnitFolder): string | undefined {
  if (PELAKSANA_ROLES.get(role)?.eksternal) return undefined;
  const fixed = FIXED_ATASAN[role];
  if (fixed) return fixed;
  // Jurusita, panitera pengganti and the meja officers answer to the panmud of the case's kepaniteraan.
  if (role === 'jurusita' || role === 'panitera-pengganti' || role.startsWith('petugas-meja-')) {
    return KEPANITERAAN[folder] ?? 'wakil-panitera';
  }
  return undefined;
}

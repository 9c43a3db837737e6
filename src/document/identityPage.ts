/**
 * The identity page of an SOP (Permenpan RB 35/2012 "Bagian Identitas"; Sekma MA 002/2012
 * "Muatan SOP"): the unit's header beside Nomor, the three dates, Disahkan oleh and Nama SOP;
 * below, in two columns, Dasar Hukum | Kualifikasi Pelaksana, Keterkaitan |
 * Peralatan/Perlengkapan, Peringatan | Pencatatan dan Pendataan (docs/sop-format-sources.md).
 */
import type { SopIdentity } from '../model/processModel.ts';
import { escapeXml } from './escape.ts';
import type { RelatedSop } from './flowRows.ts';

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** "2011-04-04" as the document prints it: "4 April 2011"; other text as written. */
export function tanggal(value: string | undefined): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value?.trim() ?? '');
  if (!match) return value?.trim() ?? '';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return value?.trim() ?? '';
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

const cell = (value: string | undefined) => (value?.trim() ? escapeXml(value.trim()) : '<span class="kosong">-</span>');

function list(items: string[]): string {
  if (items.length === 0) return '<p class="kosong">-</p>';
  return `<ol>${items.map((item) => `<li>${escapeXml(item)}</li>`).join('')}</ol>`;
}

const named = (sop: RelatedSop) => `SOP ${sop.name ?? sop.processId}${sop.kodeBuku ? ` (${sop.kodeBuku})` : ''}`;

/** The keterkaitan: what the analyst wrote, then the SOPs this one runs and those that run it. */
export function keterkaitan(identity: SopIdentity | undefined, calls: RelatedSop[], calledBy: RelatedSop[]): string[] {
  return [
    ...(identity?.keterkaitan ?? []),
    ...calls.map((sop) => `Menjalankan ${named(sop)}`),
    ...calledBy.map((sop) => `Dijalankan dalam ${named(sop)}`),
  ];
}

export interface IdentityInput {
  identity: SopIdentity | undefined;
  /** The SOP's name when the identity block names none. */
  name: string;
  calls: RelatedSop[];
  calledBy: RelatedSop[];
  version?: number;
}

/** The identity page as an HTML section. */
export function identityPage({ identity, name, calls, calledBy, version }: IdentityInput): string {
  const id = identity;
  const signer = [
    `<div class="jabatan">${cell(id?.disahkanOleh)}</div>`,
    '<div class="ttd" aria-hidden="true"></div>',
    id?.namaPengesah ? `<div class="nama-pengesah">${escapeXml(id.namaPengesah)}</div>` : '',
    id?.nipPengesah ? `<div class="nip">NIP. ${escapeXml(id.nipPengesah)}</div>` : '',
  ].join('');
  const rows: [string, string][] = [
    ['Nomor SOP', cell(id?.nomor)],
    ['Tanggal Pembuatan', cell(tanggal(id?.tanggalPembuatan))],
    ['Tanggal Revisi', cell(tanggal(id?.tanggalRevisi))],
    ['Tanggal Efektif', cell(tanggal(id?.tanggalEfektif))],
    ['Disahkan oleh', signer],
    ['Nama SOP', `<strong class="nama-sop">${escapeXml(id?.nama ?? name)}</strong>`],
  ];
  const head = rows.map(([label, value], i) => `<tr>${i === 0 ? `<td class="kop" rowspan="${rows.length}">${kop(id)}</td>` : ''}<th scope="row">${label}</th><td data-isian="${label}">${value}</td></tr>`).join('');
  const pairs: [string, string[], string, string[]][] = [
    ['Dasar Hukum', id?.dasarHukum ?? [], 'Kualifikasi Pelaksana', id?.kualifikasiPelaksana ?? []],
    ['Keterkaitan', keterkaitan(id, calls, calledBy), 'Peralatan/Perlengkapan', id?.peralatan ?? []],
    ['Peringatan', id?.peringatan ?? [], 'Pencatatan dan Pendataan', id?.pencatatan ?? []],
  ];
  const body = pairs.map(([a, aItems, b, bItems]) =>
    `<tr><th scope="col">${a}:</th><th scope="col">${b}:</th></tr><tr><td data-isian="${a}">${list(aItems)}</td><td data-isian="${b}">${list(bItems)}</td></tr>`).join('');
  return `<section class="halaman identitas" aria-label="Bagian identitas">
<table class="kepala-identitas">${head}</table>
<table class="muatan">${body}</table>
${version ? `<p class="versi">Versi model ${version}</p>` : ''}
</section>`;
}

/** The unit's header: the satker and the unit that made the SOP. */
function kop(identity: SopIdentity | undefined): string {
  const satker = identity?.satker?.trim();
  const unit = identity?.unit?.trim();
  if (!satker && !unit) return '<div class="instansi kosong">Satuan kerja belum diisi</div>';
  return `${satker ? `<div class="instansi">${escapeXml(satker.toUpperCase())}</div>` : ''}${unit ? `<div class="unit">${escapeXml(unit.toUpperCase())}</div>` : ''}`;
}

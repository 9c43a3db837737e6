/**
 * The lines under a verdict that say what holds beyond replay: whether the store still reaches
 * the head a signed checkpoint saw (for one case, or for the whole store after "Periksa semua
 * kasus"), and whether the BPMN document of the case's version is the one it started on.
 */
import { h } from '../core/dom.ts';
import { formatTanggal } from '../i18n/format.ts';
import type { CaseEvidence } from './evidence.ts';

/** A server's sentence with the checkpoint's instant (ISO, as the file records it) written in WIB. */
export const withTanggal = (text: string, at: string): string => text.replaceAll(at, formatTanggal(at));

/** "Diperiksa terhadap titik periksa <tanggal WIB>: sesuai", or "… TIDAK sesuai: <why>" when `why` is given. */
export function checkpointLine(at: string, why?: string): HTMLElement {
  const when = `Diperiksa terhadap titik periksa ${formatTanggal(at)}: `;
  return why === undefined
    ? h('p', { class: 'bukti-baris sesuai' }, when, h('strong', {}, 'sesuai'))
    : h('p', { class: 'bukti-baris tidak-sesuai' }, when, h('strong', {}, 'TIDAK sesuai'), `: ${withTanggal(why, at)}`);
}

/** The checkpoint line and the BPMN document line of one case's evidence. */
export function evidenceLines(evidence: CaseEvidence): HTMLElement[] {
  const checkpoint = evidence.titikPeriksa;
  const first = checkpoint?.problem ?? checkpoint?.findings[0]?.reason;
  const checkpointPart = checkpoint
    ? checkpointLine(checkpoint.at, first)
    : h('p', { class: 'bukti-baris belum' }, 'Belum ada titik periksa yang mencakup kasus ini.');
  return [checkpointPart, bpmnLine(evidence.definisi)];
}

function bpmnLine({ version, sha256, sama }: CaseEvidence['definisi']): HTMLElement {
  if (sama === true) return h('p', { class: 'bukti-baris sesuai' }, `Dokumen BPMN versi ${version} sama dengan saat kasus dimulai.`);
  if (sama === false) {
    return h('p', { class: 'bukti-baris tidak-sesuai' }, `Dokumen BPMN versi ${version} `, h('strong', {}, 'TIDAK sama'),
      sha256 === null ? ' dengan saat kasus dimulai: dokumennya tidak tersimpan lagi.' : ' dengan saat kasus dimulai: isinya diubah setelah kasus dimulai.');
  }
  return h('p', { class: 'bukti-baris belum' }, `Dokumen BPMN versi ${version} tidak dapat dibandingkan: kasus ini dimulai sebelum Protap mencatat sidik dokumennya.`);
}

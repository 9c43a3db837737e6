/** The replay verdict, prominent: "utuh" in green, or "rusak" in red with the first bad sequence number and the reason. */
import { h } from '../core/dom.ts';
import type { ReplayReport } from './logEntry.ts';

export function verdictBanner(verdict: ReplayReport): HTMLElement {
  const notes = verdict.notes.length ? h('ul', { class: 'keterangan' }, ...verdict.notes.map((note) => h('li', {}, note))) : null;
  if (verdict.intact) {
    return h('section', { class: 'putusan putusan-utuh', role: 'status', 'aria-label': 'Putusan replay' },
      h('span', { class: 'lencana utuh' }, 'utuh'),
      h('p', {}, `${verdict.events} catatan dijalankan ulang: setiap keadaan sama dengan yang tercatat, rantai hash tersambung, dan data kasus sesuai ujung log.`),
      notes);
  }
  return h('section', { class: 'putusan putusan-rusak', role: 'alert', 'aria-label': 'Putusan replay' },
    h('span', { class: 'lencana rusak' }, 'rusak'),
    h('p', {}, h('strong', {}, verdict.badSeq !== undefined ? `Catatan pertama yang bermasalah: #${verdict.badSeq}. ` : 'Catatan bermasalah. '), verdict.reason ?? ''),
    h('p', { class: 'keterangan' }, `${verdict.events} catatan sebelumnya diperiksa dan cocok.`),
    notes);
}

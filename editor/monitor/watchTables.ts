/** The deadline watch on screen: four cards, the late and due-soon steps, and the counts per SOP and per pelaksana. */
import { h } from '../core/dom.ts';
import { formatTanggal, fromNow } from '../i18n/format.ts';
import type { Router } from '../shell/router.ts';
import type { DeadlineWatch, WatchCount } from './deadlineWatch.ts';
import type { OpenWork, WatchedStep } from './openWork.ts';

/** Cards, then the tables; "due soon" is the server's "segera": by the end of the next working day on the office's calendar. */
export function watchSection(router: Router, work: OpenWork, watch: DeadlineWatch, now: number): HTMLElement {
  return h('section', { class: 'pantau', 'aria-label': 'Pantauan tenggat' },
    h('div', { class: 'kartu-kartu' },
      card('Langkah terbuka', 'langkah-terbuka', watch.open.length),
      card('Terlambat', 'terlambat', watch.late.length, 'terlambat'),
      card('Jatuh tempo ≤ 1 hari kerja', 'segera', watch.dueSoon.length, 'segera', 'hari ini sampai akhir hari kerja berikutnya'),
      card('Kasus aktif', 'kasus-aktif', work.activeCases, '', work.truncated ? 'daftar terpotong: lebih banyak dari yang dapat dibaca sekali' : undefined)),
    h('h2', { id: 'judul-terlambat' }, 'Langkah terlambat'),
    stepTable(router, watch.late, 'judul-terlambat', 'Terlambat', (step) => (step.due ? fromNow(step.due, now) : 'ditandai terlambat'), 'terlambat',
      'Tidak ada langkah yang terlambat.'),
    h('h2', { id: 'judul-segera' }, 'Jatuh tempo hari ini atau dalam 1 hari kerja'),
    stepTable(router, watch.dueSoon, 'judul-segera', 'Sisa waktu', (step) => fromNow(step.due ?? '', now), '',
      'Tidak ada langkah yang jatuh tempo dalam 1 hari kerja.'),
    h('div', { class: 'pantau-jumlah' },
      h('div', {}, h('h2', { id: 'judul-per-sop' }, 'Per SOP'), countTable(watch.bySop, 'judul-per-sop', 'SOP')),
      h('div', {}, h('h2', { id: 'judul-per-pelaksana' }, 'Per pelaksana'), countTable(watch.byPelaksana, 'judul-per-pelaksana', 'Pelaksana'))));
}

function card(title: string, key: string, value: number, tone = '', note?: string): HTMLElement {
  return h('div', { class: `kartu ${tone}`, 'data-kartu': key, role: 'group', 'aria-label': title },
    h('div', { class: 'keterangan' }, title),
    h('div', { class: 'angka' }, value),
    note ? h('small', { class: 'keterangan' }, note) : null);
}

function stepTable(router: Router, steps: WatchedStep[], labelledBy: string, howTitle: string, how: (step: WatchedStep) => string, rowClass: string, empty: string): HTMLElement {
  if (steps.length === 0) return h('p', { class: 'kosong' }, empty);
  return h('table', { 'aria-labelledby': labelledBy },
    h('thead', {}, h('tr', {}, ...['SOP', 'Kasus', 'Langkah', 'Pelaksana', 'Tenggat', howTitle].map((title) => h('th', { scope: 'col' }, title)))),
    h('tbody', {}, ...steps.map((step) => h('tr', { class: rowClass || null, 'data-kasus': step.caseId, 'data-langkah': step.stepId },
      h('td', {}, step.processName ?? step.processId, h('div', { class: 'keterangan mono' }, step.processId)),
      h('td', {}, h('a', { href: router.href('kasus', step.caseId), title: step.caseId, class: step.businessKey ? null : 'mono' }, step.businessKey ?? step.caseId)),
      h('td', {}, step.name ?? step.stepId),
      h('td', {}, step.pelaksanaName ?? step.pelaksana ?? '—'),
      h('td', {}, step.due ? formatTanggal(step.due) : '—'),
      h('td', {}, how(step))))));
}

function countTable(counts: WatchCount[], labelledBy: string, title: string): HTMLElement {
  if (counts.length === 0) return h('p', { class: 'kosong' }, 'Tidak ada langkah terbuka.');
  return h('table', { 'aria-labelledby': labelledBy },
    h('thead', {}, h('tr', {}, ...[title, 'Terbuka', 'Terlambat', 'Segera'].map((text) => h('th', { scope: 'col' }, text)))),
    h('tbody', {}, ...counts.map((row) => h('tr', { class: row.late ? 'terlambat' : null, 'data-kunci': row.key },
      h('td', {}, row.label), h('td', { class: 'bilangan' }, row.open), h('td', { class: 'bilangan' }, row.late), h('td', { class: 'bilangan' }, row.dueSoon)))));
}

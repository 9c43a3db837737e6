/**
 * The outside events a case waits for now (GET /api/cases/:id `awaiting`): what the office must
 * record for the case to go on — the putusan pronounced, a party's statement, the Pengadilan
 * Tinggi's putusan arriving — with who records it and a "Catat" button for those the server says
 * may (`mayRecord`). The server decides again on POST /api/messages.
 */
import { h } from '../core/dom.ts';
import type { CaseView } from './caseAnswers.ts';
import type { CaseContext } from './caseContext.ts';
import { openRecordEventDialog } from './recordEventDialog.ts';

export function caseEvents(detail: CaseView, context: CaseContext, changed: () => void): HTMLElement | null {
  const events = detail.awaiting;
  if (events.length === 0) return null;
  const { api, notices } = context;
  return h('section', { 'aria-labelledby': 'judul-peristiwa' },
    h('h2', { id: 'judul-peristiwa' }, 'Menunggu peristiwa'),
    h('p', { class: 'keterangan' }, 'Kasus ini berlanjut ketika salah satu peristiwa berikut dicatat.'),
    h('table', {},
      h('thead', {}, h('tr', {}, ...['Peristiwa', 'Dicatat oleh', 'Aksi'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, events.map((event) => {
        return h('tr', {},
          h('td', {}, event.label),
          h('td', {}, event.recordedBy === 'semua' ? 'siapa saja yang bertugas' : event.recordedByNames.join(', ')),
          h('td', {}, event.mayRecord
            ? h('button', { type: 'button', onclick: () => openRecordEventDialog(api, notices, detail.id, event, changed) }, 'Catat')
            : h('span', { class: 'keterangan' }, '—')));
      }))));
}

/**
 * A case's history from its hash-chained log (GET /api/cases/:id/log): number, time, actor,
 * command and data, notes; the auditor's replay view (#/audit/<id>) checks the chain itself.
 */
import { h } from '../core/dom.ts';
import { personLabel, readable } from '../core/people.ts';
import { formatTanggal } from '../i18n/format.ts';
import type { CaseLogEntry } from './caseAnswers.ts';
import type { CaseContext } from './caseContext.ts';
import { commandText, dataText } from './commandText.ts';

export function caseHistory(caseId: string, log: CaseLogEntry[], names: Map<string, string>, { router }: CaseContext): HTMLElement {
  return h('section', { 'aria-labelledby': 'judul-riwayat' },
    h('h2', { id: 'judul-riwayat' }, 'Riwayat'),
    h('p', { class: 'keterangan' }, `${log.length} catatan dalam log berantai hash. `,
      h('a', { href: router.href('audit', caseId) }, 'Periksa keutuhannya di replay audit')),
    log.length === 0 ? h('p', { class: 'kosong' }, 'Belum ada catatan.') : h('table', { class: 'riwayat' },
      h('thead', {}, h('tr', {}, ...['No.', 'Waktu', 'Pelaku', 'Perintah', 'Data', 'Catatan'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, log.map((row) => h('tr', {},
        h('td', {}, row.seq),
        h('td', {}, formatTanggal(row.at)),
        h('td', {}, personLabel(row.actor)),
        h('td', {}, commandText(row.event, names), h('br'), h('small', { class: 'mono keterangan' }, row.event)),
        h('td', {}, dataText(row.entry.command.data ?? row.entry.data)),
        h('td', {}, row.entry.notes.map((note) => h('div', {}, readable(note, formatTanggal)))))))));
}

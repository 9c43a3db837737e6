/** The state after the selected log entry: status, open steps with their due, variables, the entry's notes. */
import { readable } from '../core/people.ts';
import { h } from '../core/dom.ts';
import { formatTanggal, STATUS_TEXT, valueText } from '../i18n/format.ts';
import type { LogRow } from './logEntry.ts';
import type { StateAfter } from './stateAfter.ts';

export function statePanel(row: LogRow, state: StateAfter, names: ReadonlyMap<string, string>): HTMLElement {
  const vars = Object.entries(state.vars);
  return h('div', { class: 'keadaan', 'aria-label': `Keadaan setelah catatan ${row.seq}` },
    h('h3', {}, `Keadaan setelah catatan #${row.seq}`),
    h('p', {}, 'Status: ', h('span', { class: `lencana ${state.status === 'completed' ? 'selesai' : ''}` }, STATUS_TEXT[state.status] ?? state.status)),
    h('h4', {}, 'Langkah terbuka'),
    state.active.length
      ? h('ul', { class: 'langkah-terbuka' }, ...state.active.map(({ step, due }) =>
        h('li', {}, names.get(step) ?? step, ' ', h('span', { class: 'keterangan mono' }, step), due ? h('div', { class: 'keterangan' }, `tenggat ${formatTanggal(due)}`) : null)))
      : h('p', { class: 'kosong' }, 'Tidak ada langkah terbuka.'),
    h('h4', {}, 'Data kasus dari perintah'),
    vars.length
      ? h('dl', { class: 'variabel' }, ...vars.flatMap(([key, value]) => [h('dt', { class: 'mono' }, key), h('dd', {}, valueText(value))]))
      : h('p', { class: 'kosong' }, 'Belum ada data.'),
    state.notes.length ? h('div', {}, h('h4', {}, 'Catatan'), h('ul', {}, ...state.notes.map((note) => h('li', {}, readable(note, formatTanggal))))) : null);
}

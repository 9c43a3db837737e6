/**
 * "Kasus" (#/kasus): the cases as GET /api/cases lists them, filtered by SOP, status and nomor —
 * and by lateness, pelaksana and start dates where the server documents those parameters.
 */
import { formValues, h, show } from '../core/dom.ts';
import { formatTanggal, STATUS_TEXT } from '../i18n/format.ts';
import { latestDefinitions, sopLabel, type DefinitionSummary } from '../worklist/definitions.ts';
import { caseLabel } from '../worklist/worklistTable.ts';
import type { CaseSummary } from './caseAnswers.ts';
import { statusClass, type CaseContext } from './caseContext.ts';

const PAGE = 100;

export async function caseList(container: HTMLElement, context: CaseContext): Promise<void> {
  const { api, notices, router, routes } = context;
  show(container, h('h1', {}, 'Kasus'), h('p', { class: 'memuat' }, 'Memuat…'));
  await routes.load();
  const optional = new Set(routes.queryParams('get', '/api/cases'));
  const definitions = await latestDefinitions(api);
  const byId = new Map(definitions.map((d) => [d.processId, d]));
  const results = h('div', {});
  const form = h('form', { class: 'baris', 'aria-label': 'Saring kasus' },
    h('label', {}, 'SOP', h('select', { name: 'processId' }, h('option', { value: '' }, 'Semua SOP'),
      ...definitions.map((d) => h('option', { value: d.processId }, sopLabel(d, d.processId))))),
    h('label', {}, 'Status', h('select', { name: 'status' }, h('option', { value: '' }, 'Semua status'),
      ...Object.entries(STATUS_TEXT).map(([value, text]) => h('option', { value }, text)))),
    h('label', {}, 'Nomor perkara / surat', h('input', { name: 'businessKey', autocomplete: 'off' })),
    optional.has('pelaksana') ? h('label', {}, 'Peran pelaksana', h('input', { name: 'pelaksana', autocomplete: 'off' })) : null,
    optional.has('from') ? h('label', {}, 'Dimulai sejak', h('input', { name: 'from', type: 'date' })) : null,
    optional.has('to') ? h('label', {}, 'Dimulai sampai', h('input', { name: 'to', type: 'date' })) : null,
    optional.has('overdue') ? h('label', { class: 'centang' }, h('input', { name: 'overdue', type: 'checkbox', value: 'true' }), 'Lewat tenggat') : null,
    h('button', { type: 'submit' }, 'Cari'));
  // One page at a time; "Muat berikutnya" adds the next one (the server's cursor), the filter as it was.
  const search = () => {
    const v = formValues(form);
    const query = {
      processId: v.processId, status: v.status, businessKey: v.businessKey?.trim(), pelaksana: v.pelaksana?.trim(),
      overdue: v.overdue, from: v.from, to: v.to, limit: PAGE,
    };
    const shown: CaseSummary[] = [];
    const more = (cursor?: string) => api.page<CaseSummary>('/api/cases', { ...query, cursor }).then(({ items, next }) => {
      shown.push(...items);
      show(results, shown.length ? table(shown, byId, context, next ? () => void more(next) : undefined) : h('p', { class: 'kosong' }, 'Tidak ada kasus yang cocok.'));
    }, (error: unknown) => notices.error(error));
    void more();
  };
  form.addEventListener('submit', (event) => { event.preventDefault(); search(); });
  show(container, h('h1', {}, 'Kasus'),
    h('div', { class: 'baris' }, h('a', { class: 'tombol', href: router.href('kasus', 'mulai') }, 'Mulai kasus')),
    form, results);
  search();
}

function table(cases: CaseSummary[], definitions: Map<string, DefinitionSummary>, { router }: CaseContext, more?: () => void): HTMLElement {
  const list = h('table', {},
    h('caption', { class: 'keterangan' }, more ? `${cases.length} kasus terbaru ditampilkan; masih ada yang lebih lama` : `${cases.length} kasus, terbaru di atas`),
    h('thead', {}, h('tr', {}, ...['Kasus', 'SOP', 'Versi', 'Status', 'Dimulai', 'Berakhir'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, cases.map((c) => h('tr', {},
      h('td', {}, h('a', { href: router.href('kasus', c.id), title: c.id }, caseLabel(c.id, c.businessKey))),
      h('td', {}, sopLabel(definitions.get(c.processId), c.processId)),
      h('td', { class: 'angka-kecil' }, c.version),
      h('td', {}, h('span', { class: statusClass(c.status) }, STATUS_TEXT[c.status] ?? c.status)),
      h('td', {}, formatTanggal(c.startedAt)),
      h('td', {}, formatTanggal(c.endedAt) || '—')))));
  if (!more) return list;
  const button = h('button', { type: 'button' }, 'Muat berikutnya');
  button.addEventListener('click', () => { button.setAttribute('disabled', ''); more(); });
  return h('div', {}, list, h('p', {}, button));
}

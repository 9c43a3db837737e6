/**
 * `#/audit`: find a case by its id or business key (GET /api/cases?businessKey=, then
 * GET /api/cases/:id), or pick one of the latest; the listed cases can be checked at once, one
 * replay each (GET /api/cases/:id/replay). Every case of the store is checked by the server in
 * the background ("Periksa semua kasus", `replayAllPanel.ts`).
 */
import type { Api } from '../core/api.ts';
import { ApiError } from '../core/api.ts';
import { formValues, h, show } from '../core/dom.ts';
import type { Notices } from '../core/notices.ts';
import type { Session } from '../core/session.ts';
import { formatTanggal, STATUS_TEXT } from '../i18n/format.ts';
import type { Router } from '../shell/router.ts';
import type { ReplayReport } from './logEntry.ts';
import { replayAllPanel } from './replayAllPanel.ts';

import type { CaseSummary } from '../../src/runtime/caseShapes.ts';

const LATEST = 20;

/** Renders the search into `container`; answers the clean-up (the panel's polling stops). */
export function auditSearch(container: HTMLElement, { api, notices, router, session }: { api: Api; notices: Notices; router: Router; session: Session }): () => void {
  const everyCase = replayAllPanel({ api, notices, router, session });
  const results = h('div', { class: 'hasil-cari' });
  const form = h('form', { class: 'baris', role: 'search', 'aria-label': 'Cari kasus' },
    h('label', {}, 'ID kasus atau kunci bisnis', h('input', { name: 'q', required: true, autocomplete: 'off', size: 40 })),
    h('button', { type: 'submit' }, 'Cari'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const q = (formValues(form).q ?? '').trim();
    if (q) void find(q);
  });
  show(container,
    h('h1', {}, 'Audit kasus'),
    h('p', { class: 'keterangan' }, 'Pilih kasus untuk menjalankan ulang lognya, memeriksa rantai hash, dan menelusuri keadaannya langkah demi langkah.'),
    form, everyCase.element, results);

  const list = (title: string, cases: CaseSummary[]) => {
    const verdicts = new Map(cases.map((c) => [c.id, h('td', { class: 'putusan-sel' }, '—')]));
    const check = h('button', { type: 'button', class: 'kedua' }, `Periksa keutuhan ${cases.length} kasus ini`);
    check.addEventListener('click', () => void checkAll(cases, verdicts, check));
    show(results, h('h2', { id: 'judul-hasil' }, title),
      cases.length === 0 ? h('p', { class: 'kosong' }, 'Tidak ada kasus.') : h('div', {},
        h('table', { 'aria-labelledby': 'judul-hasil' },
          h('thead', {}, h('tr', {}, ...['Kasus', 'Kunci bisnis', 'SOP', 'Status', 'Dimulai', 'Keutuhan'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, ...cases.map((c) => h('tr', {},
            h('td', {}, h('a', { href: router.href('audit', c.id), class: 'mono' }, c.id)),
            h('td', {}, c.businessKey ?? '—'),
            h('td', {}, `${c.processId} v${c.version}`),
            h('td', {}, STATUS_TEXT[c.status] ?? c.status),
            h('td', {}, formatTanggal(c.startedAt)),
            verdicts.get(c.id) ?? null)))),
        h('p', {}, check)));
  };

  const checkAll = async (cases: CaseSummary[], cells: Map<string, HTMLElement>, button: HTMLButtonElement) => {
    button.disabled = true;
    for (const c of cases) {
      const cell = cells.get(c.id);
      if (!cell) continue;
      try {
        const verdict = await api.get<ReplayReport>(`/api/cases/${encodeURIComponent(c.id)}/replay`);
        show(cell, verdict.intact ? h('span', { class: 'lencana utuh' }, 'utuh')
          : h('span', { class: 'lencana rusak', title: verdict.reason ?? '' }, `rusak di #${verdict.badSeq ?? '?'}`));
      } catch (error) {
        show(cell, h('span', { class: 'lencana rusak' }, error instanceof ApiError ? error.code : 'galat'));
      }
    }
    button.disabled = false;
  };

  const find = async (q: string) => {
    try {
      const byKey = await api.get<CaseSummary[]>('/api/cases', { businessKey: q, limit: 100 });
      if (byKey.length === 1 && byKey[0]) return router.navigate('audit', byKey[0].id);
      if (byKey.length > 1) return list(`Kasus dengan kunci bisnis "${q}"`, byKey);
      const view = await api.get<CaseSummary>(`/api/cases/${encodeURIComponent(q)}`);
      router.navigate('audit', view.id);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) notices.show(`Tidak ada kasus dengan ID atau kunci bisnis "${q}".`, 'galat');
      else notices.error(error);
    }
  };

  api.get<CaseSummary[]>('/api/cases', { limit: LATEST }).then((cases) => list(`Kasus terbaru (paling banyak ${LATEST})`, cases), (error: unknown) => notices.error(error));
  return () => everyCase.stop();
}

/**
 * A case's active steps: pelaksana, due time with its late badge, claim, the actions shared with
 * the worklist, and under the table how each due time was derived (anchor, counting, days skipped).
 */
import { h } from '../core/dom.ts';
import { personLabel } from '../core/people.ts';
import { formatHari, formatTanggal } from '../i18n/format.ts';
import { dueCell } from '../worklist/dueCell.ts';
import type { CaseView, StepView } from './caseAnswers.ts';
import type { CaseContext } from './caseContext.ts';

/** `names`: the SOP's element names by id (lanes among them), so the pelaksana reads as its lane's name. */
export function caseSteps(detail: CaseView, context: CaseContext, changed: () => void, names: ReadonlyMap<string, string> = new Map()): HTMLElement {
  const { router, stepActions, routes } = context;
  const steps = detail.activeSteps;
  const claims = routes.claims;
  const children = steps.flatMap((step) => (step.childCases ?? []).map((id, i, all) => ({ step, id, nth: all.length > 1 ? ` (ke-${i + 1})` : '' })));
  return h('section', { 'aria-labelledby': 'judul-langkah' },
    h('h2', { id: 'judul-langkah' }, 'Langkah aktif'),
    steps.length === 0 ? h('p', { class: 'kosong' }, 'Tidak ada langkah terbuka.') : h('table', {},
      h('thead', {}, h('tr', {}, ...['Langkah', 'Pelaksana', 'Waktu', 'Mulai', 'Tenggat', ...(claims ? ['Diambil oleh'] : []), 'Aksi'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, steps.map((step) => h('tr', { class: step.late || detail.late.includes(step.id) ? 'terlambat' : null },
        h('td', {}, step.name ?? step.id, step.openInstances ? h('div', { class: 'keterangan' }, `instans terbuka: ${step.openInstances.map((i) => i + 1).join(', ')}`) : null),
        h('td', {}, (step.lane && names.get(step.lane)) || step.pelaksana || '—'),
        h('td', {}, step.waktu ?? '—'),
        h('td', {}, formatTanggal(step.startedAt)),
        h('td', {}, dueCell({ due: step.due, late: step.late || detail.late.includes(step.id) }),
          step.notBefore ? h('div', { class: 'keterangan' }, `tidak sebelum ${formatTanggal(step.notBefore)}`) : null),
        claims ? h('td', {}, personLabel(step.claimedBy)) : null,
        h('td', {}, stepActions.buttons({ caseId: detail.id, stepId: step.id, name: step.name, pelaksana: step.pelaksana, claimedBy: step.claimedBy, completion: step.completion }, changed)))))),
    ...steps.filter((step) => step.dueExplanation || step.derivation).map(derivation),
    children.length ? [h('h3', {}, 'Kasus anak'), h('ul', {}, children.map(({ step, id, nth }) =>
      h('li', {}, 'SOP yang dijalankan langkah ', h('a', { href: router.href('kasus', id) }, `${step.name ?? 'ini'}${nth}`))))] : null);
}

function derivation(step: StepView): HTMLElement {
  const d = step.derivation;
  return h('details', { class: 'derivasi' },
    h('summary', {}, `Cara tenggat "${step.name ?? step.id}" dihitung`),
    step.dueExplanation ? h('p', {}, step.dueExplanation) : null,
    d ? h('ul', {},
      h('li', {}, `Titik awal: ${d.anchor}`),
      h('li', {}, `Cara menghitung: ${d.counting}`),
      d.skipped.length ? h('li', {}, 'Hari yang dilewati: ', d.skipped.map((s) => `${formatHari(s.date)} (${s.reason})`).join('; ')) : null,
      ...d.notes.map((note) => h('li', {}, note)),
      h('li', { class: 'keterangan' }, `Kalender versi ${d.calendarVersion}`)) : null);
}

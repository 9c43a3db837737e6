/** The worklist as a table: one row per open step, overdue first, with its actions. */
import { h } from '../core/dom.ts';
import { personLabel } from '../core/people.ts';
import type { Router } from '../shell/router.ts';
import { formatTanggal } from '../i18n/format.ts';
import { sopLabel, type DefinitionSummary } from './definitions.ts';
import { dueCell } from './dueCell.ts';
import type { StepActions } from './stepActions.ts';
import { byDue, urgencyOf, type WorkItem } from './workItem.ts';

export interface WorklistContext {
  router: Router;
  stepActions: StepActions;
  definitions: Map<string, DefinitionSummary>;
  /** Whether the server keeps claims (the "Diambil oleh" column). */
  claims: boolean;
  /** A pelaksana role as people call it: its lane's name. */
  roleName: (role: string) => string;
  changed: () => void;
}

/** A case's short name: its business key, or the start of its id. */
export function caseLabel(caseId: string, businessKey: string | undefined): string {
  return businessKey ?? caseId.slice(0, 8);
}

export function worklistTable(items: WorkItem[], context: WorklistContext, now: number = Date.now()): HTMLElement {
  const { router, stepActions, definitions, claims, changed, roleName } = context;
  const rows = [...items].sort(byDue(now)).map((item) => h('tr', { class: urgencyOf(item, now) === 'terlambat' ? 'terlambat' : null },
    h('td', {}, sopLabel(definitions.get(item.processId), item.processId)),
    h('td', {}, h('a', { href: router.href('kasus', item.caseId), title: item.caseId }, caseLabel(item.caseId, item.businessKey))),
    h('td', {}, item.name ?? item.stepId),
    h('td', {}, item.pelaksana ? roleName(item.pelaksana) : h('span', { class: 'keterangan' }, 'siapa saja')),
    h('td', {}, formatTanggal(item.startedAt)),
    h('td', {}, dueCell(item, now)),
    claims ? h('td', {}, item.claimedBy ? [personLabel(item.claimedBy), h('br'), h('small', { class: 'keterangan' }, formatTanggal(item.claimedAt))] : '—') : null,
    h('td', {}, stepActions.buttons({ ...item }, changed))));
  return h('table', { class: 'daftar-kerja' },
    h('caption', { class: 'keterangan' }, `${items.length} langkah terbuka, yang lewat tenggat di atas`),
    h('thead', {}, h('tr', {}, ...['SOP', 'Kasus', 'Langkah', 'Pelaksana', 'Mulai', 'Tenggat', ...(claims ? ['Diambil oleh'] : []), 'Aksi'].map((title) => h('th', { scope: 'col' }, title)))),
    h('tbody', {}, rows));
}

/**
 * One case (#/kasus/<id>): GET /api/cases/:id for its header, active steps, escalations and
 * variables, GET /api/cases/:id/log for its history. After a command on one of its steps the
 * page reads the case again.
 */
import { readable } from '../core/people.ts';
import { h, show } from '../core/dom.ts';
import { formatTanggal, STATUS_TEXT, valueText } from '../i18n/format.ts';
import type { CaseLogEntry, CaseView } from './caseAnswers.ts';
import { statusClass, type CaseContext } from './caseContext.ts';
import { caseHistory } from './caseHistory.ts';
import { caseEvents } from './caseEvents.ts';
import { caseSteps } from './caseSteps.ts';
import { stepNames } from './stepNames.ts';
import { loadRoleNames } from '../people/roleNames.ts';

export async function caseDetail(container: HTMLElement, context: CaseContext, caseId: string): Promise<() => void> {
  let alive = true;
  const path = `/api/cases/${encodeURIComponent(caseId)}`;
  show(container, h('p', { class: 'memuat' }, 'Memuat kasus…'));
  await context.routes.load();
  let names: Map<string, string> | undefined;
  let roleName: ((role: string) => string) | undefined;
  const render = async () => {
    const [detail, log] = await Promise.all([context.api.get<CaseView>(path), context.api.get<CaseLogEntry[]>(`${path}/log`)]);
    names ??= await stepNames(context, detail.processId, detail.version);
    roleName ??= await loadRoleNames(context.api);
    if (!alive) return;
    const again = () => void render().catch((error: unknown) => context.notices.error(error));
    show(container,
      header(detail, context),
      caseSteps(detail, context, again, names),
      caseEvents(detail, context, again),
      escalations(detail, names, roleName),
      variables(detail.vars),
      caseHistory(detail.id, log, names, context));
  };
  try {
    await render();
  } catch (error) {
    show(container, h('h1', {}, 'Kasus'), h('p', { class: 'kosong' }, 'Kasus ini tidak dapat dimuat.'), h('a', { href: context.router.href('kasus') }, 'Kembali ke daftar kasus'));
    throw error;
  }
  return () => { alive = false; };
}

function header(detail: CaseView, { router }: CaseContext): HTMLElement {
  const fact = (term: string, ...value: (Node | string | number)[]) => [h('dt', {}, term), h('dd', {}, ...value)];
  return h('div', {},
    h('p', {}, h('a', { href: router.href('kasus') }, '← Semua kasus')),
    h('h1', {}, `${detail.businessKey ?? detail.id.slice(0, 8)} — ${detail.processName ?? detail.processId}`),
    h('dl', { class: 'fakta' },
      ...fact('Status', h('span', { class: statusClass(detail.status) }, STATUS_TEXT[detail.status] ?? detail.status)),
      ...fact('SOP', h('span', { class: 'mono' }, detail.processId), ` versi ${detail.version}`),
      ...fact('Nomor perkara / surat', detail.businessKey ?? '—'),
      ...fact('Dimulai', formatTanggal(detail.startedAt)),
      ...fact('Berakhir', formatTanggal(detail.endedAt) || '—'),
      ...fact('Revisi', detail.revision),
      ...fact('ID kasus', h('span', { class: 'mono' }, detail.id)),
      ...(detail.parent ? fact('Kasus induk', h('a', { href: router.href('kasus', detail.parent.caseId) }, detail.parent.caseId)) : [])),
    detail.error ? h('p', { class: 'galat' }, `Galat ${detail.error.code}${detail.error.message ? `: ${detail.error.message}` : ''}`) : null,
    detail.incident ? h('p', { class: 'galat' }, `Insiden pada ${detail.incident.node}: ${detail.incident.reason}`) : null);
}

function escalations(detail: CaseView, names: Map<string, string>, roleName: (role: string) => string): HTMLElement | null {
  if (detail.escalations.length === 0) return null;
  return h('section', {}, h('h2', {}, 'Eskalasi'), h('ul', {}, detail.escalations.map((e) =>
    h('li', {}, `${formatTanggal(e.at)} — ${names.get(e.step) ?? e.step}: ${readable(e.reason, formatTanggal)}${e.to ? ` (kepada ${roleName(e.to)})` : ''}`))));
}

function variables(vars: Record<string, unknown>): HTMLElement {
  const entries = Object.entries(vars);
  return h('section', { 'aria-labelledby': 'judul-variabel' }, h('h2', { id: 'judul-variabel' }, 'Variabel kasus'),
    entries.length === 0 ? h('p', { class: 'kosong' }, 'Belum ada variabel.') : h('table', { class: 'variabel' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Nama'), h('th', { scope: 'col' }, 'Nilai'))),
      h('tbody', {}, entries.map(([name, value]) => h('tr', {}, h('td', { class: 'mono' }, name),
        h('td', {}, typeof value === 'object' && value !== null ? h('span', { class: 'mono' }, JSON.stringify(value)) : valueText(value)))))));
}

/**
 * "Daftar Kerja": the open steps for the person's roles (GET /api/worklist), overdue first.
 * Those who oversee (pimpinan, analis, auditor, admin) may widen it to other pelaksana roles;
 * the choice lives in the address (#/daftar-kerja/<roles>) so a reload keeps it. It refreshes
 * every 30 seconds while the tab is visible, and at once when it becomes visible again.
 */
import type { Api } from '../core/api.ts';
import { h, show } from '../core/dom.ts';
import type { Notices } from '../core/notices.ts';
import type { Session } from '../core/session.ts';
import type { Router } from '../shell/router.ts';
import type { Views } from '../shell/views.ts';
import { latestDefinitions } from './definitions.ts';
import type { RouteCatalog } from './routeCatalog.ts';
import type { StepActions } from './stepActions.ts';
import type { WorkItem } from './workItem.ts';
import { worklistTable } from './worklistTable.ts';
import { officeZone, zoneLabel } from '../i18n/format.ts';
import { loadRoleNames } from '../people/roleNames.ts';

const EVERY = 30_000;

export class WorklistView {
  static $inject = ['views', 'api', 'notices', 'router', 'session', 'stepActions', 'routeCatalog'];

  constructor(
    views: Views,
    private readonly api: Api,
    private readonly notices: Notices,
    private readonly router: Router,
    private readonly session: Session,
    private readonly stepActions: StepActions,
    private readonly routes: RouteCatalog,
  ) {
    views.register({ id: 'daftar-kerja', title: 'Daftar Kerja', order: 10, mount: (container, params) => this.mount(container, params[0] ?? '') });
  }

  private mount(container: HTMLElement, widened: string): () => void {
    let alive = true;
    let lateOnly = false;
    let loading: Promise<void> | undefined;
    let again = false;
    let roleName = (role: string) => role;
    const list = h('div', {}, h('p', { class: 'memuat' }, 'Memuat daftar kerja…'));
    const stamp = h('span', { class: 'keterangan', 'aria-live': 'polite' });
    const render = (items: Awaited<ReturnType<WorklistView['load']>>) => {
      if (!alive) return;
      show(list, items.rows.length ? worklistTable(items.rows, { ...items, router: this.router, stepActions: this.stepActions, claims: this.routes.claims, roleName, changed: () => void refresh() })
        : h('p', { class: 'kosong' }, lateOnly ? 'Tidak ada langkah yang terlambat.' : 'Tidak ada langkah terbuka untuk peran ini.'));
      stamp.textContent = `Diperbarui ${new Date().toLocaleTimeString('id-ID', { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: officeZone() })} ${zoneLabel()}`;
    };
    const failed = (error: unknown) => {
      if (!alive) return;
      this.notices.error(error);
      if (!list.querySelector('table')) show(list, h('p', { class: 'kosong' }, 'Daftar kerja tidak dapat dimuat; coba "Muat ulang".'));
    };
    // One request at a time; asking again meanwhile (a click, the timer, a changed filter) reads once more after it.
    const refresh = (): Promise<void> => {
      if (loading) {
        again = true;
        return loading;
      }
      loading = this.load(widened, lateOnly).then(render, failed).finally(() => {
        loading = undefined;
        if (again && alive) {
          again = false;
          void refresh();
        }
      });
      return loading;
    };

    const roles = this.session.user?.roles ?? [];
    const widenInput = h('input', { name: 'pelaksana', value: widened, placeholder: roles.join(','), size: 40 });
    const widen = this.session.can('oversee')
      ? h('form', { class: 'baris', onsubmit: (e: Event) => { e.preventDefault(); this.widen(widenInput.value); } },
        h('label', {}, 'Peran pelaksana (pisahkan dengan koma)', widenInput), h('button', { type: 'submit', class: 'kedua' }, 'Tampilkan'))
      : null;
    const late = h('input', { type: 'checkbox', onchange: (e: Event) => { lateOnly = (e.currentTarget as HTMLInputElement).checked; void refresh(); } });
    const shownRoles = widened ? widened.split(',') : roles;
    const whose = h('p', { class: 'keterangan' }, `Langkah terbuka untuk peran ${shownRoles.join(', ')}.`);
    // The roles by their lanes' names, read before the first list is drawn.
    const rolesNamed = loadRoleNames(this.api).then((name) => {
      roleName = name;
      whose.textContent = `Langkah terbuka untuk ${shownRoles.map(name).join(', ')}.`;
    });
    show(container,
      h('h1', {}, 'Daftar Kerja'),
      whose,
      widen,
      h('div', { class: 'baris' },
        h('label', { class: 'centang' }, late, 'Hanya yang terlambat'),
        h('button', { type: 'button', class: 'kedua', onclick: () => void refresh() }, 'Muat ulang'),
        h('a', { class: 'tombol', href: this.router.href('kasus', 'mulai') }, 'Mulai kasus'),
        stamp),
      list);

    void Promise.all([this.routes.load(), rolesNamed]).then(refresh);
    const timer = setInterval(() => { if (!document.hidden) void refresh(); }, EVERY);
    const onVisible = () => { if (!document.hidden) void refresh(); };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      alive = false;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }

  private widen(roles: string): void {
    const list = roles.split(',').map((role) => role.trim()).filter(Boolean).join(',');
    this.router.navigate('daftar-kerja', ...(list ? [list] : []));
  }

  /** The rows (each with its case's business key) and the SOP names. */
  private async load(widened: string, lateOnly: boolean) {
    const [rows, definitions] = await Promise.all([
      // Every page of one's open steps (500 a page; at most 20 pages), nearest due first.
      this.api.all<WorkItem>('/api/worklist', { pelaksana: widened || undefined, late: lateOnly ? 'true' : undefined }, 20).then((all) => all.items),
      latestDefinitions(this.api),
    ]);
    return {
      rows,
      definitions: new Map(definitions.map((d) => [d.processId, d])),
    };
  }
}

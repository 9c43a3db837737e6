/**
 * The page frame: the sign-in form when nobody is signed in; otherwise a header with the
 * navigation (views for the person's roles), the person and "Keluar", the notices, and the
 * view the address names — each person's home is the first view meant for one of their roles.
 */
import type { Api } from '../core/api.ts';
import { h, show } from '../core/dom.ts';
import type { Notices } from '../core/notices.ts';
import type { Session } from '../core/session.ts';
import { loginForm } from './loginForm.ts';
import type { Router } from './router.ts';
import type { View, Views } from './views.ts';

export class Shell {
  static $inject = ['session', 'api', 'notices', 'router', 'views'];

  private root: HTMLElement | undefined;
  private cleanup: (() => void) | undefined;

  constructor(
    private readonly session: Session,
    private readonly api: Api,
    private readonly notices: Notices,
    private readonly router: Router,
    private readonly views: Views,
  ) {
    session.onChange(() => this.render());
    router.onChange(() => this.render());
  }

  start(root: HTMLElement): void {
    this.root = root;
    this.render();
  }

  private visibleViews(): View[] {
    return this.views.list().filter((view) => !view.roles || this.session.has(...view.roles));
  }

  private render(): void {
    if (!this.root) return;
    this.cleanup?.();
    this.cleanup = undefined;
    const user = this.session.user;
    if (!user) {
      show(this.root, this.notices.element(), loginForm(this.api, (error) => this.notices.error(error)));
      return;
    }
    const [id, ...params] = this.router.current();
    const view = (id && this.views.get(id)) || this.visibleViews()[0] || this.views.list()[0];
    const main = h('main', { id: 'isi' });
    const nav = h('nav', { 'aria-label': 'Menu utama' }, ...this.visibleViews().map((v) =>
      h('a', { href: this.router.href(v.id), class: v === view ? 'aktif' : null, 'aria-current': v === view ? 'page' : null }, v.title)));
    const logout = h('button', { type: 'button', class: 'keluar', onclick: () => void this.api.logout().catch(() => undefined) }, 'Keluar');
    show(this.root,
      h('header', {}, h('a', { class: 'merek', href: '#/' }, 'Protap'), nav,
        h('span', { class: 'pengguna', title: user.roles.join(', ') }, user.nama, h('small', {}, user.roles.join(', '))), logout),
      this.notices.element(), main);
    if (!view) return;
    document.title = `${view.title} — Protap`;
    Promise.resolve(view.mount(main, params)).then((done) => { if (typeof done === 'function') this.cleanup = done; }, (error: unknown) => this.notices.error(error));
  }
}

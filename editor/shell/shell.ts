/**
 * The page frame: the sign-in form when nobody is signed in; otherwise a header with the
 * navigation (views for the person's roles), the person and "Keluar", the notices, and the
 * view the address names — each person's home is the first view meant for one of their roles.
 * "Ganti kata sandi" beside the person; a person whose password an admin chose sees that dialog
 * and nothing else until they chose their own.
 */
import type { Api } from '../core/api.ts';
import { h, show } from '../core/dom.ts';
import type { Notices } from '../core/notices.ts';
import type { Session } from '../core/session.ts';
import { OFFICE_ROLES, RoleNames, type KnownRole } from '../people/roleNames.ts';
import { loginForm } from './loginForm.ts';
import { openPasswordDialog } from './passwordDialog.ts';
import type { Router } from './router.ts';
import type { View, Views } from './views.ts';

export class Shell {
  static $inject = ['session', 'api', 'notices', 'router', 'views'];

  private root: HTMLElement | undefined;
  private cleanup: (() => void) | undefined;
  private passwordDialog: { element: HTMLDialogElement; forced: boolean } | undefined;
  private names: { token: string | undefined; names: Promise<RoleNames | undefined> } | undefined;

  constructor(
    private readonly session: Session,
    private readonly api: Api,
    private readonly notices: Notices,
    private readonly router: Router,
    private readonly views: Views,
  ) {
    session.onChange(() => {
      if (!session.user) notices.clear(); // a message for the one who signed out is not the next person's
      this.render();
    });
    router.onChange(() => this.render());
  }

  start(root: HTMLElement): void {
    this.root = root;
    this.render();
  }

  private visibleViews(): View[] {
    return this.views.list().filter((view) => !view.permission || this.session.can(view.permission));
  }

  private render(): void {
    if (!this.root) return;
    this.cleanup?.();
    this.cleanup = undefined;
    const user = this.session.user;
    const forced = user?.mustChangePassword === true;
    if (this.passwordDialog && (!user || this.passwordDialog.forced !== forced)) {
      this.passwordDialog.element.close();
      this.passwordDialog = undefined;
    }
    if (!user) {
      show(this.root, this.notices.element(), loginForm(this.api, (error) => this.notices.error(error)));
      return;
    }
    const account = h('button', { type: 'button', class: 'akun', onclick: () => this.changePassword(forced) }, 'Ganti kata sandi');
    const logout = h('button', { type: 'button', class: 'keluar', onclick: () => void this.api.logout().catch(() => undefined) }, 'Keluar');
    const roleLine = h('small', {}, this.roleText(user.roles));
    const person = h('span', { class: 'pengguna', title: user.id }, user.name, roleLine);
    // Pelaksana roles by their lanes' names once the server has said them (GET /api/roles).
    if (!forced) void this.roleNames().then((names) => { roleLine.textContent = this.roleText(user.roles, names); });
    if (forced) {
      show(this.root,
        h('header', {}, h('span', { class: 'merek' }, 'Protap'), h('span', { class: 'ruang' }), person, logout),
        this.notices.element(),
        h('main', { id: 'isi' }, h('div', { class: 'wajib-ganti-sandi' },
          h('h1', {}, 'Ganti kata sandi dulu'),
          h('p', {}, 'Kata sandi Anda dibuat oleh admin. Pilih kata sandi baru yang hanya Anda ketahui; sesudah itu Protap dapat dipakai.'),
          account)));
      document.title = 'Ganti kata sandi — Protap';
      if (!this.passwordDialog) this.changePassword(true);
      return;
    }
    const [id, ...params] = this.router.current();
    const view = (id && this.views.get(id)) || this.visibleViews()[0] || this.views.list()[0];
    const main = h('main', { id: 'isi' });
    const nav = h('nav', { 'aria-label': 'Menu utama' }, ...this.visibleViews().map((v) =>
      h('a', { href: this.router.href(v.id), class: v === view ? 'aktif' : null, 'aria-current': v === view ? 'page' : null }, v.title)));
    show(this.root,
      h('header', {}, h('a', { class: 'merek', href: '#/' }, 'Protap'), nav, person, account, logout),
      this.notices.element(), main);
    if (!view) return;
    document.title = `${view.title} — Protap`;
    Promise.resolve(view.mount(main, params)).then((done) => { if (typeof done === 'function') this.cleanup = done; }, (error: unknown) => this.notices.error(error));
  }

  /** The person's roles as people call them: office roles by name, pelaksana roles by lane name when known. */
  private roleText(roles: readonly string[], names?: RoleNames): string {
    return roles.map((role) => names?.name(role) ?? OFFICE_ROLES.find((office) => office.id === role)?.name ?? role).join(', ');
  }

  /** The role names, read once per session. */
  private roleNames(): Promise<RoleNames | undefined> {
    const token = this.session.token;
    if (!this.names || this.names.token !== token) {
      this.names = { token, names: this.api.get<KnownRole[]>('/api/roles').then((known) => new RoleNames(known), () => undefined) };
    }
    return this.names.names;
  }

  /** Opens "Ganti kata sandi" (once: a second click finds it open). */
  private changePassword(forced: boolean): void {
    if (this.passwordDialog) return;
    const element = openPasswordDialog(this.api, this.session, this.notices, forced);
    this.passwordDialog = { element, forced };
    element.addEventListener('close', () => { if (this.passwordDialog?.element === element) this.passwordDialog = undefined; });
  }
}

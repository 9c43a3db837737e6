/**
 * "Pengguna" for admins (view "pengguna"): everyone who may sign in — name, login, roles by their
 * names, unit, whether active — with adding a person, changing one, disabling or enabling, and
 * resetting a password (the one-time password shown once). GET /api/users, /api/roles and
 * /api/units; every change through the API, whose refusals are shown in its own words.
 */
import { ApiError, type Api } from '../core/api.ts';
import { h, show } from '../core/dom.ts';
import type { Notices } from '../core/notices.ts';
import type { PeopleDirectory } from '../core/people.ts';
import type { Session } from '../core/session.ts';
import type { Views } from '../shell/views.ts';
import { confirmAction, showOneTimePassword } from './oneTimePassword.ts';
import { openPersonDialog, type UserView } from './personDialog.ts';
import { RoleNames, type KnownRole } from './roleNames.ts';

interface Loaded { users: UserView[]; roles: RoleNames; units: string[] }

export class PeopleView {
  static $inject = ['views', 'api', 'notices', 'session', 'people'];

  constructor(views: Views, private readonly api: Api, private readonly notices: Notices, private readonly session: Session, private readonly people: PeopleDirectory) {
    views.register({ id: 'pengguna', title: 'Pengguna', order: 60, permission: 'manageUsers', mount: (container) => this.mount(container) });
  }

  private async mount(container: HTMLElement): Promise<() => void> {
    let alive = true;
    let loaded: Loaded | undefined;
    const search = h('input', { type: 'search', placeholder: 'Cari nama, login, peran atau unit', 'aria-label': 'Cari pengguna' });
    const summary = h('p', { class: 'keterangan' });
    const list = h('div', {}, h('p', { class: 'memuat' }, 'Memuat pengguna…'));
    const add = h('button', { type: 'button' }, 'Tambah pengguna');
    show(container,
      h('div', { class: 'pengguna-kepala' }, h('h1', {}, 'Pengguna'), add),
      h('div', { class: 'baris' }, h('label', { class: 'cari' }, 'Cari', search), summary),
      list);

    const reload = async () => {
      const [users, known, units] = await Promise.all([
        this.api.get<UserView[]>('/api/users'), this.api.get<KnownRole[]>('/api/roles'), this.api.get<string[]>('/api/units'),
      ]);
      if (!alive) return;
      loaded = { users, roles: new RoleNames(known), units };
      render();
    };
    const render = () => {
      if (!loaded) return;
      const { users, roles } = loaded;
      const words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      const shown = users.filter((user) => {
        const text = [user.name, user.id, user.unit ?? '', ...user.roles.map((r) => roles.name(r))].join(' ').toLowerCase();
        return words.every((word) => text.includes(word));
      });
      const active = users.filter((user) => !user.disabled).length;
      summary.textContent = `${users.length} pengguna, ${active} aktif${shown.length < users.length ? `; ${shown.length} cocok dengan pencarian` : ''}.`;
      show(list, shown.length === 0 ? h('p', { class: 'kosong' }, 'Tidak ada pengguna yang cocok.') : this.table(shown, loaded, changed));
    };
    const changed = () => {
      this.people.forget();
      void reload().catch((error: unknown) => this.notices.error(error));
    };
    search.addEventListener('input', render);
    add.addEventListener('click', () => {
      if (!loaded) return;
      void openPersonDialog({ api: this.api, roles: loaded.roles, units: loaded.units }).then(async (saved) => {
        if (!saved) return;
        changed();
        await showOneTimePassword('Pengguna ditambahkan', saved.user.name, saved.user.id, saved.password ?? '');
      });
    });
    await reload();
    return () => { alive = false; };
  }

  private table(users: UserView[], loaded: Loaded, changed: () => void): HTMLElement {
    const me = this.session.user?.id;
    return h('table', { class: 'daftar-pengguna', 'aria-label': 'Daftar pengguna' },
      h('thead', {}, h('tr', {}, ...['Nama', 'Login', 'Peran', 'Unit kerja', 'Status', 'Aksi'].map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, users.map((user) => h('tr', { class: user.disabled ? 'nonaktif' : null },
        h('td', {}, h('strong', {}, user.name), user.id === me ? h('span', { class: 'keterangan' }, ' (Anda)') : null),
        h('td', { class: 'mono' }, user.id),
        h('td', {}, h('ul', { class: 'peran' }, user.roles.map((role) =>
          h('li', { class: loaded.roles.isOffice(role) ? 'lencana kantor' : 'lencana' }, loaded.roles.name(role))))),
        h('td', {}, user.unit ?? h('span', { class: 'keterangan' }, '—')),
        h('td', {}, user.disabled ? h('span', { class: 'lencana nonaktif' }, 'nonaktif') : h('span', { class: 'lencana selesai' }, 'aktif'),
          user.mustChangePassword && !user.disabled ? h('div', {}, h('span', { class: 'lencana segera' }, 'belum ganti kata sandi')) : null),
        h('td', {}, h('span', { class: 'aksi' },
          h('button', { type: 'button', class: 'kedua', onclick: () => this.edit(user, loaded, changed) }, 'Ubah'),
          h('button', { type: 'button', class: 'kedua', onclick: () => void this.reset(user, changed) }, 'Atur ulang kata sandi'),
          user.disabled
            ? h('button', { type: 'button', class: 'kedua', onclick: () => void this.setDisabled(user, false, changed) }, 'Aktifkan')
            : h('button', { type: 'button', class: 'kedua bahaya', onclick: () => void this.setDisabled(user, true, changed) }, 'Nonaktifkan')))))));
  }

  private edit(user: UserView, loaded: Loaded, changed: () => void): void {
    void openPersonDialog({ api: this.api, roles: loaded.roles, units: loaded.units }, user).then((saved) => {
      if (!saved) return;
      this.notices.show(`Data ${saved.user.name} disimpan.`, 'sukses');
      changed();
    });
  }

  private async reset(user: UserView, changed: () => void): Promise<void> {
    const sure = await confirmAction(`Atur ulang kata sandi ${user.name}?`,
      `${user.name} mendapat kata sandi sekali pakai yang ditampilkan sekali di sini; kata sandinya yang lama tidak berlaku lagi, semua sesinya berakhir, dan ia wajib memilih kata sandi baru saat masuk.`,
      'Ya, atur ulang');
    if (!sure) return;
    try {
      const { password } = await this.api.post<{ password: string }>(`/api/users/${encodeURIComponent(user.id)}/reset-password`);
      changed();
      await showOneTimePassword('Kata sandi diatur ulang', user.name, user.id, password);
    } catch (error) {
      this.refused(error);
    }
  }

  private async setDisabled(user: UserView, disabled: boolean, changed: () => void): Promise<void> {
    if (disabled && !(await confirmAction(`Nonaktifkan ${user.name}?`,
      `${user.name} tidak dapat masuk lagi dan semua sesinya berakhir. Riwayat kasus tetap menyebut namanya. Akun dapat diaktifkan kembali kapan saja.`, 'Ya, nonaktifkan'))) return;
    try {
      await this.api.patch(`/api/users/${encodeURIComponent(user.id)}`, { disabled });
      this.notices.show(`${user.name} ${disabled ? 'dinonaktifkan' : 'diaktifkan kembali'}.`, 'sukses');
      changed();
    } catch (error) {
      this.refused(error);
    }
  }

  /** The server's refusal in its own words (its `detail`), without the code. */
  private refused(error: unknown): void {
    if (error instanceof ApiError) this.notices.show(error.problem.detail, 'galat');
    else this.notices.error(error);
  }
}

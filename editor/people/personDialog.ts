/**
 * Adding a person, or changing one's name, roles and unit: a modal form. Roles are checkboxes in
 * two groups — the office's roles and the pelaksana roles of the SOPs' lanes, each by its name —;
 * the unit is one of the units the deployed SOPs name. A new person gets a password generated here
 * (or typed by the admin), which they must change at first sign-in. What is typed is checked
 * before it is sent; a refusal from the server is shown in its own words inside the form.
 */
import { ApiError, type Api } from '../core/api.ts';
import { formValues, h } from '../core/dom.ts';
import { generatePassword } from './oneTimePassword.ts';
import { OFFICE_ROLES, type RoleChoice, type RoleNames } from './roleNames.ts';
import type { UserRow } from '../../src/store/userRow.ts';

/** A person as GET /api/users answers (never the hash). */
/** A person as the server answers them (src/store/caseStore.ts UserRow, without the password hash). */
export type UserView = Omit<UserRow, 'passwordHash'>;

export interface PersonDialogContext {
  api: Api;
  roles: RoleNames;
  units: string[];
}

/** What was saved: the person, and the password a new one was given. */
export interface Saved { user: UserView; password?: string }

const LOGIN = /^[a-z0-9][a-z0-9._-]{1,63}$/;
const MIN_PASSWORD = 10;

/** Opens the form: `person` to change, or none to add one. Resolves with what was saved, or undefined on Batal. */
export function openPersonDialog({ api, roles, units }: PersonDialogContext, person?: UserView): Promise<Saved | undefined> {
  const adding = person === undefined;
  const error = h('p', { class: 'galat', role: 'alert', hidden: true });
  const fullName = h('input', { name: 'name', maxlength: 120, autocomplete: 'off', value: person?.name ?? '' });
  const login = h('input', { name: 'id', maxlength: 64, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'petunjuk-login' });
  const unit = h('select', { name: 'unit' },
    h('option', { value: '' }, '— tanpa unit —'),
    [...new Set([...units, ...(person?.unit ? [person.unit] : [])])].sort((a, b) => a.localeCompare(b, 'id'))
      .map((u) => h('option', { value: u, selected: u === person?.unit }, u)));
  const held = new Set(person?.roles ?? []);
  const unknown = [...held].filter((id) => !roles.isOffice(id) && !roles.pelaksana.some((r) => r.id === id)).map((id) => ({ id, name: id }));
  const pelaksana = [...roles.pelaksana, ...unknown];
  const box = (role: RoleChoice) => h('label', { class: 'centang' },
    h('input', { type: 'checkbox', name: 'peran', value: role.id, checked: held.has(role.id) }),
    h('span', {}, role.name, role.keterangan ? h('small', { class: 'keterangan' }, ` — ${role.keterangan}`) : null));
  const typed = h('input', { name: 'sandi', type: 'text', autocomplete: 'off', spellcheck: 'false', disabled: true, 'aria-label': 'Kata sandi awal yang diketik' });
  const save = h('button', { type: 'submit' }, adding ? 'Tambah pengguna' : 'Simpan perubahan');

  const form = h('form', { novalidate: true, class: 'formulir-pengguna' },
    h('label', {}, 'Nama lengkap', fullName),
    adding
      ? h('div', { class: 'isian' }, h('label', {}, 'Nama login', login),
        h('small', { id: 'petunjuk-login', class: 'keterangan' }, '2–64 huruf kecil, angka, titik, garis bawah atau tanda hubung, mis. budi.santoso'))
      : h('div', { class: 'login-tetap' }, h('span', { class: 'keterangan' }, 'Nama login'), h('span', { class: 'mono' }, person.id)),
    h('label', {}, 'Unit kerja', unit),
    h('fieldset', { class: 'pilihan-peran' }, h('legend', {}, 'Peran kantor'), OFFICE_ROLES.map(box)),
    h('fieldset', { class: 'pilihan-peran' }, h('legend', {}, 'Peran pelaksana (lajur SOP)'),
      pelaksana.length ? pelaksana.map(box) : h('p', { class: 'keterangan' }, 'Belum ada SOP yang di-deploy; peran pelaksana muncul di sini dari lajur SOP.')),
    adding ? h('fieldset', { class: 'sandi-awal' }, h('legend', {}, 'Kata sandi awal'),
      h('label', { class: 'centang' }, h('input', { type: 'radio', name: 'cara', value: 'buat', checked: true }), 'Buat otomatis (ditampilkan sekali sesudah disimpan)'),
      h('label', { class: 'centang' }, h('input', { type: 'radio', name: 'cara', value: 'ketik' }), 'Ketik sendiri (paling sedikit 10 karakter)'),
      typed,
      h('p', { class: 'keterangan' }, 'Pengguna baru wajib mengganti kata sandi ini saat pertama kali masuk.')) : null,
    error,
    h('div', { class: 'tombol-dialog' }, h('button', { type: 'button', class: 'kedua', onclick: () => dialog.close() }, 'Batal'), save));
  const titleId = 'judul-formulir-pengguna';
  const dialog = h('dialog', { class: 'pengguna-dialog formulir', 'aria-labelledby': titleId },
    h('h2', { id: titleId }, adding ? 'Tambah pengguna' : `Ubah pengguna: ${person.name}`), form);
  form.addEventListener('change', (event) => {
    typed.disabled = formValues(form).cara !== 'ketik';
    // "Pilih paling sedikit satu peran" no longer holds once a role is ticked.
    if ((event.target as HTMLInputElement).name === 'peran' && form.querySelector('input[name="peran"]:checked')) error.hidden = true;
  });

  const refuse = (message: string, field?: HTMLElement) => {
    error.textContent = message;
    error.hidden = false;
    field?.focus();
  };

  return new Promise((resolve) => {
    let saved: Saved | undefined;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const values = formValues(form);
      const chosen = [...form.querySelectorAll<HTMLInputElement>('input[name="peran"]:checked')].map((input) => input.value);
      const name = (values.name ?? '').trim();
      const id = (values.id ?? '').trim();
      if (!name) return refuse('Isi nama lengkap.', fullName);
      if (adding && !LOGIN.test(id)) return refuse('Nama login 2–64 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung, diawali huruf atau angka.', login);
      if (chosen.length === 0) return refuse('Pilih paling sedikit satu peran.');
      const password = values.cara === 'ketik' ? values.sandi ?? '' : generatePassword();
      if (adding && password.length < MIN_PASSWORD) return refuse(`Kata sandi awal paling sedikit ${MIN_PASSWORD} karakter.`, typed);
      error.hidden = true;
      save.disabled = true;
      const request = adding
        ? api.post<UserView>('/api/users', { id, name, roles: chosen, password, ...(values.unit ? { unit: values.unit } : {}) })
        : api.patch<UserView>(`/api/users/${encodeURIComponent(person.id)}`, { name, roles: chosen, unit: values.unit ?? '' });
      request.then((user) => {
        saved = adding ? { user, password } : { user };
        dialog.close();
      }, (failure: unknown) => refuse(failure instanceof ApiError ? failure.problem.detail : String(failure))).finally(() => { save.disabled = false; });
      return undefined;
    });
    dialog.addEventListener('close', () => { dialog.remove(); resolve(saved); });
    document.body.append(dialog);
    dialog.showModal();
    fullName.focus();
  });
}

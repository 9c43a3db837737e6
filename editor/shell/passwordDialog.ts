/**
 * "Ganti kata sandi" (POST /api/me/password): the current password, the new one and the new one
 * again, checked here (length, the same twice, not the old one) before anything is sent; the
 * server's refusal is shown in its own words inside the dialog. `forced`: the password was chosen
 * by an admin, so the dialog cannot be dismissed — only completed, or left by signing out.
 */
import { ApiError, type Api } from '../core/api.ts';
import { formValues, h } from '../core/dom.ts';
import type { Notices } from '../core/notices.ts';
import type { Session } from '../core/session.ts';

/** As the server demands (src/auth/people.ts MIN_PASSWORD). */
export const MIN_PASSWORD = 10;

/** The first thing wrong with what was typed, as a sentence; undefined when it may be sent. */
export function passwordProblem(current: string, password: string, repeat: string): { field: string; message: string } | undefined {
  if (!current) return { field: 'current', message: 'Isi kata sandi Anda sekarang.' };
  if (password.length < MIN_PASSWORD) return { field: 'password', message: `Kata sandi baru paling sedikit ${MIN_PASSWORD} karakter.` };
  if (repeat !== password) return { field: 'repeat', message: 'Ulangan kata sandi baru tidak sama dengan kata sandi baru.' };
  if (password === current) return { field: 'password', message: 'Kata sandi baru harus berbeda dari kata sandi sekarang.' };
  return undefined;
}

export function openPasswordDialog(api: Api, session: Session, notices: Notices, forced: boolean): HTMLDialogElement {
  const error = h('p', { class: 'galat', role: 'alert', hidden: true });
  const input = (name: string, autocomplete: string) => h('input', { name, type: 'password', autocomplete, maxlength: 200 });
  const fields = { current: input('current', 'current-password'), password: input('password', 'new-password'), repeat: input('repeat', 'new-password') };
  fields.password.setAttribute('aria-describedby', 'petunjuk-sandi-baru');
  const save = h('button', { type: 'submit' }, 'Simpan kata sandi');
  const leave = forced
    ? h('button', { type: 'button', class: 'kedua', onclick: () => void api.logout().catch(() => undefined) }, 'Batal dan keluar')
    : h('button', { type: 'button', class: 'kedua', onclick: () => dialog.close() }, 'Batal');
  const form = h('form', { novalidate: true },
    forced ? h('p', { class: 'wajib-ganti' }, 'Kata sandi Anda dibuat oleh admin. Pilih kata sandi baru yang hanya Anda ketahui sebelum memakai Protap.') : null,
    h('label', {}, 'Kata sandi sekarang', fields.current),
    h('div', { class: 'isian' }, h('label', {}, 'Kata sandi baru', fields.password),
      h('small', { id: 'petunjuk-sandi-baru', class: 'keterangan' }, `Paling sedikit ${MIN_PASSWORD} karakter; lebih panjang lebih aman.`)),
    h('label', {}, 'Ulangi kata sandi baru', fields.repeat),
    error,
    h('div', { class: 'tombol-dialog' }, leave, save));
  const dialog = h('dialog', { class: 'ganti-sandi', 'aria-labelledby': 'judul-ganti-sandi' },
    h('h2', { id: 'judul-ganti-sandi' }, 'Ganti kata sandi'), form);

  const refuse = (field: string, message: string) => {
    error.textContent = message;
    error.hidden = false;
    fields[field as keyof typeof fields]?.focus();
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { current = '', password = '', repeat = '' } = formValues(form);
    const problem = passwordProblem(current, password, repeat);
    if (problem) {
      refuse(problem.field, problem.message);
      return;
    }
    error.hidden = true;
    save.disabled = true;
    api.post('/api/me/password', { current, password }).then(() => {
      session.update({ mustChangePassword: false });
      notices.show('Kata sandi sudah diganti. Sesi Anda di perangkat lain sudah diakhiri.', 'sukses');
      dialog.close();
    }, (failure: unknown) => {
      if (failure instanceof ApiError) refuse(String(failure.problem.field ?? 'current'), failure.problem.detail);
      else refuse('current', failure instanceof Error ? failure.message : String(failure));
    }).finally(() => { save.disabled = false; });
  });
  // Escape closes an ordinary dialog; a forced one stays until done.
  dialog.addEventListener('cancel', (event) => { if (forced) event.preventDefault(); });
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  fields.current.focus();
  return dialog;
}

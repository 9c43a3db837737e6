/**
 * A password the person did not choose, shown once: after adding them or resetting their password.
 * A copy button, and the reminder that it is to be handed over and changed at the first sign-in.
 */
import { h } from '../core/dom.ts';

/** An easy-to-read password made here: four groups of four from letters and digits that are not mistaken for one another (about 79 bits). */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const chars: string[] = [];
  while (chars.length < 16) {
    for (const byte of crypto.getRandomValues(new Uint8Array(32))) {
      // Bytes past the last whole multiple of the alphabet would favour its first letters.
      if (byte < 248 && chars.length < 16) chars.push(alphabet[byte % alphabet.length] as string);
    }
  }
  return [0, 4, 8, 12].map((at) => chars.slice(at, at + 4).join('')).join('-');
}

/** Shows `password` for the person `name` (login `id`); resolves when closed. */
export function showOneTimePassword(title: string, name: string, id: string, password: string): Promise<void> {
  const value = h('output', { class: 'sandi-sekali mono', 'aria-label': 'Kata sandi sekali pakai' }, password);
  const copy = h('button', { type: 'button', class: 'kedua' }, 'Salin');
  copy.addEventListener('click', () => {
    void navigator.clipboard?.writeText(password).then(() => { copy.textContent = 'Disalin ✓'; }, () => { copy.textContent = 'Salin manual'; });
  });
  const dialog = h('dialog', { class: 'pengguna-dialog sandi', 'aria-labelledby': 'judul-sandi-sekali' },
    h('h2', { id: 'judul-sandi-sekali' }, title),
    h('p', {}, 'Kata sandi sekali pakai untuk ', h('strong', {}, name), ' (login ', h('span', { class: 'mono' }, id), '):'),
    h('div', { class: 'sandi-baris' }, value, copy),
    h('p', { class: 'catatan-sandi' }, `Kata sandi ini hanya ditampilkan sekali. Berikan langsung kepada ${name}; ia wajib menggantinya dengan kata sandinya sendiri saat pertama kali masuk.`),
    h('div', { class: 'tombol-dialog' }, h('button', { type: 'button', autofocus: true, onclick: () => dialog.close() }, 'Selesai')));
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => { dialog.remove(); resolve(); });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** Asks before an action on a person; Batal first and focused. Resolves true on confirming. */
export function confirmAction(title: string, message: string, confirm: string): Promise<boolean> {
  const dialog = h('dialog', { class: 'pengguna-dialog', 'aria-labelledby': 'judul-konfirmasi-pengguna' },
    h('h2', { id: 'judul-konfirmasi-pengguna' }, title),
    h('p', {}, message),
    h('div', { class: 'tombol-dialog' },
      h('button', { type: 'button', class: 'kedua', autofocus: true, onclick: () => dialog.close('batal') }, 'Batal'),
      h('button', { type: 'button', onclick: () => dialog.close('ya') }, confirm)));
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => { dialog.remove(); resolve(dialog.returnValue === 'ya'); });
    document.body.append(dialog);
    dialog.showModal();
  });
}

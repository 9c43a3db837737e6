/** The sign-in form (POST /api/login); the server's message is shown as it is when it refuses. */
import type { Api } from '../core/api.ts';
import { formValues, h } from '../core/dom.ts';

export function loginForm(api: Api, onError: (error: unknown) => void): HTMLElement {
  const submit = h('button', { type: 'submit' }, 'Masuk');
  const form = h('form', { class: 'masuk', 'aria-label': 'Masuk' },
    h('h1', {}, 'Protap'),
    h('p', { class: 'keterangan' }, 'Standar Operasional Prosedur yang dijalankan: daftar kerja, tenggat, pemantauan dan audit.'),
    h('label', {}, 'ID pengguna', h('input', { name: 'id', autocomplete: 'username', required: true, autofocus: true })),
    h('label', {}, 'Kata sandi', h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { id = '', password = '' } = formValues(form);
    submit.disabled = true;
    api.login(id.trim(), password).catch(onError).finally(() => { submit.disabled = false; });
  });
  return form;
}

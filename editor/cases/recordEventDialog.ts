/**
 * Records an outside event a case waits for — the putusan pronounced, a party's statement received,
 * the Pengadilan Tinggi's putusan arriving — as the office learns of it: POST /api/messages with the
 * event's form (form-js), the same as a step's. One Idempotency-Key per opened dialog, so a double
 * click records it once; a 422 BAD_STEP_DATA goes under its field; a 409 (the case moved on, the
 * event no longer awaited) closes the dialog with the server's words.
 */
import type { Api } from '../core/api.ts';
import { h, show } from '../core/dom.ts';
import type { Notices } from '../core/notices.ts';
import { newIdempotencyKey } from '../worklist/idempotencyKey.ts';
import { hasInputs } from '../worklist/stepForm/stepData.ts';
import { createStepForm, holdFocus, type StepForm } from '../worklist/stepForm/stepForm.ts';
import { formSender } from '../worklist/stepForm/formSubmission.ts';
import type { AwaitedMessage } from './caseAnswers.ts';

export function openRecordEventDialog(api: Api, notices: Notices, caseId: string, event: AwaitedMessage, changed: () => void): void {
  const titleId = `catat-${newIdempotencyKey()}`;
  const body = h('div', {}, h('p', { class: 'memuat' }, 'Memuat isian…'));
  const dialog = h('dialog', { class: 'selesaikan', 'aria-labelledby': titleId }, h('h2', { id: titleId }, `Catat peristiwa: ${event.label}`), body);
  let stepForm: StepForm | undefined;
  dialog.addEventListener('close', () => { stepForm?.destroy(); dialog.remove(); });
  document.body.append(dialog);
  dialog.showModal();

  const key = newIdempotencyKey();
  const problem = h('p', { class: 'galat', role: 'alert', hidden: true });
  const submit = h('button', { type: 'button' }, 'Catat');
  const cancel = h('button', { type: 'button', class: 'kedua', onclick: () => dialog.close() }, 'Batal');
  const send = formSender({
    dialog, submit, problem, notices, changed, form: () => stepForm,
    done: () => `Peristiwa "${event.label}" dicatat.`, again: 'Isian ditolak: perbaiki kolom yang ditandai, lalu catat lagi.',
  }, (data) => api.post('/api/messages', { name: event.message, caseId, ...(data ? { data } : {}) }, { idempotencyKey: key }));

  void (async () => {
    if (hasInputs(event.form)) {
      stepForm = await createStepForm(event.form, send);
      holdFocus(submit);
      submit.addEventListener('click', () => stepForm?.submit());
    } else {
      submit.addEventListener('click', () => send(undefined));
    }
    show(body,
      h('p', {}, 'Catat peristiwa ini ketika kantor menerimanya; kasus berlanjut dari sini dan tenggat yang bergantung padanya dihitung dari tanggal yang diisi.'),
      stepForm ? stepForm.element : h('p', { class: 'tanpa-isian' }, 'Peristiwa ini tidak memerlukan isian.'),
      problem,
      h('div', { class: 'baris tombol-dialog' }, submit, cancel));
  })().catch((error: unknown) => { notices.error(error); dialog.close(); });
}

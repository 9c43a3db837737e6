/**
 * The form that completes one open step: it reads the case afresh (its revision guards against
 * completing on a stale view), takes data as name/value rows, and sends them once — one
 * Idempotency-Key per opened form, and the button stays dead while the request runs, so a double
 * click completes the step once. A 409 (case moved on, step claimed or no longer open) closes the
 * form with the server's words and refreshes the list; other refusals stay in the form to fix.
 */
import { ApiError, type Api } from '../core/api.ts';
import { h, show } from '../core/dom.ts';
import type { Notices } from '../core/notices.ts';
import { formatTanggal } from '../i18n/format.ts';
import { newIdempotencyKey } from './idempotencyKey.ts';
import { keyValueRows } from './keyValueRows.ts';

/** What the actions need to know of an open step, from a worklist row or a case's active step. */
export interface StepTarget {
  caseId: string;
  stepId: string;
  name?: string | undefined;
  pelaksana?: string | undefined;
  claimedBy?: string | undefined;
  claimedAt?: string | undefined;
  /** person | message | child | inner; unknown in a worklist row. */
  completion?: string | undefined;
}

interface OpenStepNow { id: string; completion?: string; openInstances?: number[]; notBefore?: string }
interface CaseNow { revision: number; status: string; processId: string; processName?: string; businessKey?: string; activeSteps: OpenStepNow[] }

export function openCompleteDialog(api: Api, notices: Notices, target: StepTarget, changed: () => void): void {
  const label = target.name ?? target.stepId;
  const titleId = `selesaikan-${newIdempotencyKey()}`;
  const body = h('div', {}, h('p', { class: 'memuat' }, 'Memuat kasus…'));
  const dialog = h('dialog', { class: 'selesaikan', 'aria-labelledby': titleId }, h('h2', { id: titleId }, `Selesaikan langkah: ${label}`), body);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  const cancel = () => h('button', { type: 'button', class: 'kedua', onclick: () => dialog.close() }, 'Batal');

  api.get<CaseNow>(`/api/cases/${encodeURIComponent(target.caseId)}`).then((current) => {
    const step = current.activeSteps.find((s) => s.id === target.stepId);
    if (current.status !== 'active' || !step) {
      notices.show(`Langkah "${label}" sudah tidak terbuka pada kasus ini.`, 'info');
      dialog.close();
      changed();
    } else if (step.completion && step.completion !== 'person') {
      show(body, h('p', {}, `Langkah ini tidak diselesaikan oleh orang: ia selesai sendiri ketika ${COMPLETION_TEXT[step.completion] ?? step.completion}.`), cancel());
    } else {
      show(body, form(current, step));
    }
  }, (error: unknown) => { notices.error(error); dialog.close(); });

  function form(current: CaseNow, step: OpenStepNow): HTMLFormElement {
    const key = newIdempotencyKey();
    const rows = keyValueRows('Data hasil langkah', 'Mis. nomor surat, tanggal, jumlah; angka dan true/false disimpan sebagai angka dan nilai benar/salah. Kosongkan bila tidak ada.');
    const instances = step.openInstances ?? [];
    const instance = instances.length > 1
      ? h('select', { name: 'instance' }, ...instances.map((i) => h('option', { value: i }, `Instans ${i + 1}`)))
      : undefined;
    const problem = h('p', { class: 'galat', role: 'alert', hidden: true });
    const submit = h('button', { type: 'submit' }, 'Selesaikan langkah');
    const element = h('form', {},
      h('p', { class: 'keterangan' }, `Kasus ${current.businessKey ?? current.processName ?? current.processId} · revisi ${current.revision}`),
      step.notBefore && Date.parse(step.notBefore) > Date.now() ? h('p', { class: 'lencana segera' }, `Belum boleh diselesaikan sebelum ${formatTanggal(step.notBefore)}`) : null,
      rows.element,
      instance ? h('label', {}, 'Instans yang diselesaikan', instance) : null,
      problem,
      h('div', { class: 'baris' }, submit, cancel()));
    let busy = false;
    element.addEventListener('submit', (event) => {
      event.preventDefault();
      if (busy) return;
      let data: Record<string, unknown>;
      try {
        data = rows.read();
      } catch (error) {
        return refuse(error);
      }
      const chosen = instance ? Number(instance.value) : instances[0];
      busy = true;
      submit.disabled = true;
      problem.hidden = true;
      api.post(`/api/cases/${encodeURIComponent(target.caseId)}/steps/${encodeURIComponent(target.stepId)}/complete`,
        { data, expectedRevision: current.revision, ...(chosen !== undefined ? { instance: chosen } : {}) }, { idempotencyKey: key })
        .then(() => {
          notices.show(`Langkah "${label}" selesai.`, 'sukses');
          dialog.close();
          changed();
        }, (error: unknown) => {
          if (error instanceof ApiError && error.status === 409) {
            notices.error(error);
            dialog.close();
            changed();
          } else refuse(error);
        })
        .finally(() => { busy = false; submit.disabled = false; });
    });
    function refuse(error: unknown): void {
      problem.textContent = error instanceof ApiError ? `${error.problem.detail} (${error.code})` : error instanceof Error ? error.message : String(error);
      problem.hidden = false;
    }
    return element;
  }
}

const COMPLETION_TEXT: Record<string, string> = {
  message: 'pesan yang ditunggunya tiba',
  child: 'kasus anaknya selesai',
  inner: 'langkah-langkah di dalamnya selesai',
};

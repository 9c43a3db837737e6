/**
 * The dialog that completes one open step: it reads the case afresh (its revision guards against
 * completing on a stale view), says what the step is — its keterangan, kelengkapan and keluaran
 * from the SOP — and shows the step's form (form-js), whose decision questions say under them
 * where each answer leads. The data is sent once: one Idempotency-Key per opened dialog, and the
 * button stays dead while the request runs, so a double click completes the step once. A 409
 * (case moved on, step claimed or no longer open) closes the dialog with the server's words and
 * refreshes the list; a 422 BAD_STEP_DATA puts the server's words under the field at fault.
 */
import type { Api } from '../core/api.ts';
import { h, show } from '../core/dom.ts';
import type { Notices } from '../core/notices.ts';
import { formatTanggal } from '../i18n/format.ts';
import type { CaseView, StepView } from '../../src/runtime/caseShapes.ts';
import { newIdempotencyKey } from './idempotencyKey.ts';
import { hasInputs } from './stepForm/stepData.ts';
import { createStepForm, holdFocus, type StepForm } from './stepForm/stepForm.ts';
import { formSender } from './stepForm/formSubmission.ts';

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

/** What the dialog reads of the case as GET /api/cases/:id answers it now, and of the step. */
type OpenStepNow = Pick<StepView, 'id' | 'name' | 'completion' | 'openInstances' | 'notBefore' | 'no' | 'waktu' | 'keterangan' | 'kelengkapan' | 'output' | 'form'>;
type CaseNow = Pick<CaseView, 'revision' | 'status' | 'processName' | 'businessKey'> & { activeSteps: OpenStepNow[] };

export function openCompleteDialog(api: Api, notices: Notices, target: StepTarget, changed: () => void): void {
  let label = target.name;
  const heading = () => (label ? `Selesaikan langkah: ${label}` : 'Selesaikan langkah');
  const quoted = () => (label ? `Langkah "${label}"` : 'Langkah ini');
  const titleId = `selesaikan-${newIdempotencyKey()}`;
  const title = h('h2', { id: titleId }, heading());
  const body = h('div', {}, h('p', { class: 'memuat' }, 'Memuat kasus…'));
  const dialog = h('dialog', { class: 'selesaikan', 'aria-labelledby': titleId }, title, body);
  let stepForm: StepForm | undefined;
  dialog.addEventListener('close', () => { stepForm?.destroy(); dialog.remove(); });
  document.body.append(dialog);
  dialog.showModal();
  const cancel = () => h('button', { type: 'button', class: 'kedua', onclick: () => dialog.close() }, 'Batal');

  api.get<CaseNow>(`/api/cases/${encodeURIComponent(target.caseId)}`).then(async (current) => {
    const step = current.activeSteps.find((s) => s.id === target.stepId);
    if (step?.name) {
      label = step.name;
      title.textContent = heading();
    }
    if (current.status !== 'active' || !step) {
      notices.show(`${quoted()} sudah tidak terbuka pada kasus ini.`, 'info');
      dialog.close();
      changed();
    } else if (step.completion !== 'person') {
      show(body, h('p', {}, `Langkah ini tidak diselesaikan oleh orang: ia selesai sendiri ketika ${COMPLETION_TEXT[step.completion]}.`), cancel());
    } else {
      show(body, ...await completion(current, step));
    }
  }).catch((error: unknown) => { notices.error(error); dialog.close(); });

  /** What the step is, its form and the buttons. */
  async function completion(current: CaseNow, step: OpenStepNow): Promise<HTMLElement[]> {
    const key = newIdempotencyKey();
    const instances = step.openInstances ?? [];
    const instance = instances.length > 1
      ? h('select', { name: 'instance' }, ...instances.map((i) => h('option', { value: i }, `Instans ${i + 1}`)))
      : undefined;
    const problem = h('p', { class: 'galat', role: 'alert', hidden: true });
    const submit = h('button', { type: 'button' }, 'Selesaikan langkah');
    const send = formSender({
      dialog, submit, problem, notices, changed, form: () => stepForm,
      done: () => `${quoted()} selesai.`, again: 'Isian ditolak: perbaiki kolom yang ditandai, lalu selesaikan lagi.',
    }, (data) => {
      const chosen = instance ? Number(instance.value) : instances[0];
      return api.post(`/api/cases/${encodeURIComponent(target.caseId)}/steps/${encodeURIComponent(target.stepId)}/complete`,
        { ...(data ? { data } : {}), expectedRevision: current.revision, ...(chosen !== undefined ? { instance: chosen } : {}) }, { idempotencyKey: key });
    });
    const form = step.form;
    if (hasInputs(form)) {
      stepForm = await createStepForm(form, send);
      holdFocus(submit);
      submit.addEventListener('click', () => stepForm?.submit());
    } else {
      submit.addEventListener('click', () => send(undefined));
    }


    return [
      h('p', { class: 'kasus-langkah' }, caseLine(current)),
      step.notBefore && Date.parse(step.notBefore) > Date.now() ? h('p', { class: 'lencana segera' }, `Belum boleh diselesaikan sebelum ${formatTanggal(step.notBefore)}`) : null,
      facts(step),
      stepForm ? stepForm.element : h('p', { class: 'tanpa-isian' }, 'Langkah ini tidak memerlukan isian.'),
      instance ? h('label', { class: 'instans' }, 'Instans yang diselesaikan', instance) : null,
      problem,
      h('div', { class: 'baris tombol-dialog' }, submit, cancel()),
    ].filter((element): element is HTMLElement => element !== null && element !== undefined);
  }
}

/** "Kasus W10.U1/123/2026 · Pelaporan": the business key and SOP name, never the case id. */
function caseLine(current: CaseNow): string {
  const parts = [current.businessKey ? `Kasus ${current.businessKey}` : 'Kasus tanpa nomor', current.processName].filter(Boolean);
  return parts.join(' · ');
}

/** The step as the SOP describes it: keterangan, kelengkapan, keluaran, waktu. */
function facts(step: OpenStepNow): HTMLElement | null {
  const rows: [string, string | undefined][] = [
    ['Langkah ke', step.no],
    ['Keterangan', step.keterangan],
    ['Kelengkapan', step.kelengkapan],
    ['Keluaran', step.output],
    ['Waktu', step.waktu],
  ];
  const present = rows.filter((row): row is [string, string] => Boolean(row[1]?.trim()));
  if (present.length === 0) return null;
  return h('dl', { class: 'rincian-langkah' }, ...present.flatMap(([term, text]) => [h('dt', {}, term), h('dd', {}, text)]));
}

const COMPLETION_TEXT: Record<Exclude<StepView['completion'], 'person'>, string> = {
  message: 'pesan yang ditunggunya tiba',
  child: 'kasus anaknya selesai',
  inner: 'langkah-langkah di dalamnya selesai',
};

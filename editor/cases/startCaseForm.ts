/**
 * "Mulai kasus" (#/kasus/mulai[/<processId>]): choose a deployed SOP, give the nomor perkara or
 * nomor surat and, when the SOP asks something at its start (a decision right after the start
 * event, or fields on the start event), answer its start form — the same form-js form a step's
 * completion shows, drawn again whenever another SOP is chosen. POST /api/cases with the answers
 * as `vars` and one Idempotency-Key per form, so a double click starts one case; a 422
 * BAD_STEP_DATA puts the server's words under the field at fault; then the new case's page.
 */
import { ApiError } from '../core/api.ts';
import { formValues, h, show } from '../core/dom.ts';
import { latestDefinitions, sopLabel, type DefinitionSummary } from '../worklist/definitions.ts';
import { newIdempotencyKey } from '../worklist/idempotencyKey.ts';
import { hasInputs } from '../worklist/stepForm/stepData.ts';
import { createStepForm, holdFocus, type StepForm } from '../worklist/stepForm/stepForm.ts';
import { placeRefusal } from '../worklist/stepForm/refusal.ts';
import type { CaseContext } from './caseContext.ts';
import type { CommandAnswer } from './caseAnswers.ts';


export async function startCaseForm(container: HTMLElement, context: CaseContext, preselect: string | undefined): Promise<void | (() => void)> {
  const { api, notices, router, session } = context;
  show(container, h('h1', {}, 'Mulai kasus'), h('p', { class: 'memuat' }, 'Memuat daftar SOP…'));
  if (!session.user?.roles.some((role) => role !== 'auditor')) {
    show(container, h('h1', {}, 'Mulai kasus'), h('p', { class: 'kosong' }, 'Peran auditor hanya membaca kasus; memulai kasus perlu peran lain.'));
    return;
  }
  const deployed = await latestDefinitions(api);
  if (deployed.length === 0) {
    show(container, h('h1', {}, 'Mulai kasus'), h('p', { class: 'kosong' }, 'Belum ada SOP yang di-deploy; analis men-deploy SOP lebih dulu.'));
    return;
  }
  // Only the SOPs this person may start (their lanes' roles; the server decides and checks again).
  const definitions = deployed.filter((d) => d.mayStart);
  if (definitions.length === 0) {
    show(container, h('h1', {}, 'Mulai kasus'), h('p', { class: 'kosong' }, 'Peran Anda tidak memulai SOP mana pun: kasus dimulai oleh pelaksana lajur awal SOP-nya. Hubungi admin bila peran Anda kurang.'));
    return;
  }
  const sop = h('select', { name: 'processId', required: true },
    h('option', { value: '' }, '— pilih SOP —'),
    ...definitions.map((d) => h('option', { value: d.processId, selected: d.processId === preselect }, optionLabel(d, definitions))));
  const questions = h('section', { class: 'isian-awal', 'aria-label': 'Isian awal kasus', hidden: true });
  const problem = h('p', { class: 'galat', role: 'alert', hidden: true });
  const formId = `mulai-kasus-${newIdempotencyKey()}`;
  const submit = h('button', { type: 'submit', form: formId }, 'Mulai kasus');
  // The start form is form-js's own <form>: it stands beside this one, not inside it.
  const form = h('form', { id: formId, class: 'mulai-kasus', 'aria-label': 'Mulai kasus' },
    h('label', {}, 'SOP', sop),
    h('label', {}, 'Nomor perkara / nomor surat', h('input', { name: 'businessKey', maxlength: 200, autocomplete: 'off', placeholder: 'mis. 123/Pid.B/2026/PN Bdg' })));
  const key = newIdempotencyKey();
  let busy = false;
  let startForm: StepForm | undefined;
  /** Counts the SOP choices, so a form drawn for an SOP chosen before is thrown away. */
  let drawn = 0;

  async function drawStartForm(): Promise<void> {
    const turn = ++drawn;
    startForm?.destroy();
    startForm = undefined;
    problem.hidden = true;
    const schema = definitions.find((d) => d.processId === sop.value)?.startForm;
    if (!hasInputs(schema)) {
      show(questions);
      questions.hidden = true;
      return;
    }
    const created = await createStepForm(schema, send);
    if (turn !== drawn) {
      created.destroy();
      return;
    }
    startForm = created;
    show(questions, h('h2', {}, 'Isian awal'), h('p', { class: 'keterangan' }, 'SOP ini meminta data berikut saat kasus dimulai.'), created.element);
    questions.hidden = false;
  }

  function send(data: Record<string, unknown> | undefined): void {
    if (busy) return;
    const { processId = '', businessKey = '' } = formValues(form);
    if (!processId) return;
    busy = true;
    submit.disabled = true;
    problem.hidden = true;
    const body = { processId, ...(businessKey.trim() ? { businessKey: businessKey.trim() } : {}), ...(data && Object.keys(data).length ? { vars: data } : {}) };
    api.post<CommandAnswer>('/api/cases', body, { idempotencyKey: key }).then((started) => {
      notices.show(`Kasus ${started.businessKey ?? 'tanpa nomor'} dimulai.`, 'sukses');
      router.navigate('kasus', started.id);
    }, (error: unknown) => {
      if (error instanceof ApiError && error.code === 'BAD_STEP_DATA') badData(error);
      else refuse(error instanceof Error ? error.message : String(error));
    }).finally(() => { busy = false; submit.disabled = false; });
  }
  /** The server's faults under their fields; those no field holds, named by label, in the alert. */
  function badData(error: ApiError): void {
    refuse(placeRefusal(startForm, error, 'Isian ditolak: perbaiki kolom yang ditandai, lalu mulai lagi.'));
  }
  function refuse(message: string): void {
    problem.textContent = message;
    problem.hidden = false;
  }

  sop.addEventListener('change', () => { void drawStartForm().catch((error: unknown) => notices.error(error)); });
  holdFocus(submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy) return;
    if (!startForm) {
      send(undefined);
      return;
    }
    // form-js checks its fields first and calls `send` only when all is well.
    startForm.submit();
  });
  await drawStartForm();
  show(container, h('h1', {}, 'Mulai kasus'), h('div', { class: 'halaman-mulai' }, form, questions, problem,
    h('div', { class: 'baris' }, submit, h('a', { href: router.href('kasus') }, 'Batal'))));
  return () => { drawn += 1; startForm?.destroy(); };
}

/** "Penerimaan Berkas · W.1 · versi 2": the SOP's name, with its id only when nameless or when two share the name. */
function optionLabel(definition: DefinitionSummary, all: DefinitionSummary[]): string {
  const shared = all.filter((d) => d.name !== undefined && d.name === definition.name).length > 1;
  const name = definition.name && !shared ? definition.name : sopLabel(definition, definition.processId);
  return `${name}${definition.kodeBuku ? ` · ${definition.kodeBuku}` : ''} · versi ${definition.version}`;
}

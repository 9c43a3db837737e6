/**
 * "Mulai kasus" (#/kasus/mulai[/<processId>]): choose a deployed SOP, give the nomor perkara or
 * nomor surat and any variables known at the start; POST /api/cases with one Idempotency-Key per
 * form, so a double click starts one case; then the new case's page.
 */
import { ApiError } from '../core/api.ts';
import { formValues, h, show } from '../core/dom.ts';
import { latestDefinitions, sopLabel } from '../worklist/definitions.ts';
import { newIdempotencyKey } from '../worklist/idempotencyKey.ts';
import { keyValueRows } from '../worklist/keyValueRows.ts';
import type { CaseContext } from './caseContext.ts';
import type { CaseDetail } from './caseAnswers.ts';

export async function startCaseForm(container: HTMLElement, context: CaseContext, preselect: string | undefined): Promise<void> {
  const { api, notices, router, session } = context;
  show(container, h('h1', {}, 'Mulai kasus'), h('p', { class: 'memuat' }, 'Memuat daftar SOP…'));
  if (!session.user?.roles.some((role) => role !== 'auditor')) {
    show(container, h('h1', {}, 'Mulai kasus'), h('p', { class: 'kosong' }, 'Peran auditor hanya membaca kasus; memulai kasus perlu peran lain.'));
    return;
  }
  const definitions = await latestDefinitions(api);
  if (definitions.length === 0) {
    show(container, h('h1', {}, 'Mulai kasus'), h('p', { class: 'kosong' }, 'Belum ada SOP yang di-deploy; analis men-deploy SOP lebih dulu.'));
    return;
  }
  const sop = h('select', { name: 'processId', required: true },
    h('option', { value: '' }, '— pilih SOP —'),
    ...definitions.map((d) => h('option', { value: d.processId, selected: d.processId === preselect },
      `${sopLabel(d, d.processId)}${d.kodeBuku ? ` · ${d.kodeBuku}` : ''} · versi ${d.version}`)));
  const vars = keyValueRows('Variabel awal (opsional)', 'Data yang sudah diketahui saat kasus dimulai, mis. jenis perkara atau nama pihak.');
  const problem = h('p', { class: 'galat', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit' }, 'Mulai kasus');
  const form = h('form', { class: 'mulai-kasus', 'aria-label': 'Mulai kasus' },
    h('label', {}, 'SOP', sop),
    h('label', {}, 'Nomor perkara / nomor surat', h('input', { name: 'businessKey', maxlength: 200, autocomplete: 'off', placeholder: 'mis. 123/Pid.B/2026/PN Bdg' })),
    vars.element, problem,
    h('div', { class: 'baris' }, submit, h('a', { href: router.href('kasus') }, 'Batal')));
  const key = newIdempotencyKey();
  let busy = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy) return;
    const { processId = '', businessKey = '' } = formValues(form);
    let data: Record<string, unknown>;
    try {
      data = vars.read();
    } catch (error) {
      problem.textContent = (error as Error).message;
      problem.hidden = false;
      return;
    }
    busy = true;
    submit.disabled = true;
    problem.hidden = true;
    const body = { processId, ...(businessKey.trim() ? { businessKey: businessKey.trim() } : {}), ...(Object.keys(data).length ? { vars: data } : {}) };
    api.post<CaseDetail>('/api/cases', body, { idempotencyKey: key }).then((started) => {
      notices.show(`Kasus ${started.businessKey ?? started.id} dimulai.`, 'sukses');
      router.navigate('kasus', started.id);
    }, (error: unknown) => {
      problem.textContent = error instanceof ApiError ? `${error.problem.detail} (${error.code})` : String(error);
      problem.hidden = false;
    }).finally(() => { busy = false; submit.disabled = false; });
  });
  show(container, h('h1', {}, 'Mulai kasus'), form);
}

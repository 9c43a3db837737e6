/**
 * "Periksa semua kasus": the server replays every case in the background (POST
 * /api/audit/replay-all, auditor or admin) and then checks the store against the newest signed
 * checkpoint; this panel reads the job every second (GET) while it runs — a progress bar, "N dari
 * M kasus diperiksa" — then shows the result: every case intact, or the broken ones, each a link
 * to its audit. A job already running or finished is shown on arrival. Polling ends with the view.
 */
import type { Api } from '../core/api.ts';
import { ApiError } from '../core/api.ts';
import { h, show } from '../core/dom.ts';
import type { Notices } from '../core/notices.ts';
import type { Session } from '../core/session.ts';
import { formatTanggal } from '../i18n/format.ts';
import type { Router } from '../shell/router.ts';
import { may } from '../../src/auth/roles.ts';
import { checkpointLine, withTanggal } from './evidenceLines.ts';
import type { ReplayJob } from '../../src/audit/auditShapes.ts';

const PATH = '/api/audit/replay-all';
/** "40.000": counts as an Indonesian reader writes them. */
const count = (n: number) => n.toLocaleString('id-ID');
const POLL_MS = 1000;
/** Longer lists are cut here: the rest is one line, and `protap replay --all` lists them all. */
const SHOWN = 100;

interface Services { api: Api; notices: Notices; router: Router; session: Session }

/** The panel; answers it and the clean-up that stops its polling. */
export function replayAllPanel({ api, notices, router, session }: Services): { element: HTMLElement; stop(): void } {
  const result = h('div', { class: 'hasil-semua', 'aria-live': 'polite' });
  const mayStart = session.user !== undefined && may(session.user, 'audit');
  const button = h('button', { type: 'button' }, 'Periksa semua kasus');
  const element = h('section', { class: 'periksa-semua', 'aria-labelledby': 'judul-semua' },
    h('h2', { id: 'judul-semua' }, 'Semua kasus'),
    h('p', { class: 'keterangan' }, 'Server menjalankan ulang log setiap kasus di latar belakang, lalu membandingkan penyimpanan dengan titik periksa bertanda tangan terbaru.'),
    mayStart ? h('p', {}, button) : null,
    result);
  let live = true;
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** Shows the job, and reads it again in a second while it runs. */
  const follow = (job: ReplayJob | null) => {
    if (!live || !job) return;
    button.disabled = job.status === 'berjalan';
    show(result, ...jobView(job, router));
    if (job.status === 'berjalan') poll();
  };
  // One reading scheduled at a time, whoever asks (the first look and a click may both find a job running).
  const poll = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!live) return;
      api.get<ReplayJob | null>(PATH).then(follow, (error: unknown) => {
        if (!live) return;
        notices.error(error);
        button.disabled = false;
      });
    }, POLL_MS);
  };
  button.addEventListener('click', () => {
    button.disabled = true;
    api.post<ReplayJob>(PATH).then(follow, (error: unknown) => {
      notices.error(error);
      button.disabled = false;
    });
  });
  // A job started earlier (by anyone) is shown, and followed while it runs; those who may not read it see nothing of it.
  api.get<ReplayJob | null>(PATH).then(follow, (error: unknown) => { if (!(error instanceof ApiError && error.status === 403)) notices.error(error); });

  return {
    element,
    stop() {
      live = false;
      clearTimeout(timer);
    },
  };
}

/** The job in words: progress while it runs, then the verdict on every case and on the checkpoint. */
function jobView(job: ReplayJob, router: Router): HTMLElement[] {
  if (job.status === 'berjalan') {
    // Until the cases are counted the bar has no value (it moves without measuring).
    return job.total === 0
      ? [h('progress', { 'aria-label': 'Kemajuan pemeriksaan' }), h('p', { role: 'status' }, 'Menghitung kasus…')]
      : [h('progress', { max: job.total, value: job.checked, 'aria-label': 'Kemajuan pemeriksaan' }), h('p', { role: 'status' }, `${count(job.checked)} dari ${count(job.total)} kasus diperiksa…`)];
  }
  const when = job.finishedAt ? h('p', { class: 'keterangan' }, `Dimulai ${formatTanggal(job.startedAt)}, selesai ${formatTanggal(job.finishedAt)}.`) : null;
  if (job.status === 'gagal') {
    return [h('p', { class: 'bukti-baris tidak-sesuai', role: 'alert' }, job.error ?? 'Pemeriksaan berhenti karena galat.', ` (${count(job.checked)} dari ${count(job.total)} kasus sempat diperiksa.)`), ...(when ? [when] : [])];
  }
  const cases = job.bad.length === 0
    ? h('p', { class: 'bukti-baris sesuai', role: 'status' }, h('strong', {}, `Semua ${count(job.checked)} kasus utuh.`))
    : h('div', { role: 'alert' },
      h('p', { class: 'bukti-baris tidak-sesuai' }, h('strong', {}, `${count(job.bad.length)} dari ${count(job.checked)} kasus rusak:`)),
      h('ul', { class: 'kasus-rusak' }, ...job.bad.slice(0, SHOWN).map((bad) => h('li', {},
        // People know a case by its nomor; the id stays beside it, small, for the record.
        h('a', { href: router.href('audit', bad.caseId) }, bad.businessKey ?? bad.caseId),
        bad.businessKey ? h('span', { class: 'keterangan mono' }, ` (${bad.caseId})`) : null,
        bad.badSeq !== undefined ? ` — catatan #${bad.badSeq}: ` : ' — ', bad.reason))),
      job.bad.length > SHOWN ? h('p', { class: 'keterangan' }, `… dan ${count(job.bad.length - SHOWN)} kasus rusak lainnya.`) : null);
  return [cases, checkpointPart(job.checkpoint, router), ...(when ? [when] : [])];
}

function checkpointPart(checkpoint: ReplayJob['checkpoint'], router: Router): HTMLElement {
  if (!checkpoint) return h('p', { class: 'bukti-baris belum' }, 'Belum ada titik periksa untuk dibandingkan dengan penyimpanan.');
  if (checkpoint.problem) return checkpointLine(checkpoint.at, checkpoint.problem);
  const { findings, at } = checkpoint;
  if (findings.length === 0) return checkpointLine(at);
  return h('div', {},
    checkpointLine(at, `${count(findings.length)} kasus tidak lagi sama dengan saat titik periksa.`),
    h('ul', { class: 'kasus-rusak' }, ...findings.slice(0, SHOWN).map((finding) => h('li', {}, ...linkedReason(withTanggal(finding.reason, at), finding.caseId, router)))),
    findings.length > SHOWN ? h('p', { class: 'keterangan' }, `… dan ${count(findings.length - SHOWN)} kasus lainnya.`) : null);
}

/** The server's sentence with the case id it names made a link to the case's audit (the id ahead of it when the sentence does not name it). */
function linkedReason(reason: string, caseId: string, router: Router): (string | HTMLElement)[] {
  const link = h('a', { href: router.href('audit', caseId), class: 'mono' }, caseId);
  const at = reason.indexOf(caseId);
  return at < 0 ? [link, ` — ${reason}`] : [reason.slice(0, at), link, reason.slice(at + caseId.length)];
}

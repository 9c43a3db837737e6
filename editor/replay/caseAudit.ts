/**
 * `#/audit/<caseId>`: the replay verdict first ("utuh", or the first bad entry and why), then the
 * step-through — the case's definition version on a diagram and the state after the selected
 * log entry, ◀ ▶ to move — and the log itself. Under the verdict, from the case's signed evidence
 * (GET /api/cases/:id/evidence): the checkpoint that saw the case and whether the store still
 * reaches it, and whether the BPMN document is the one the case started on. "Unduh bukti (JSON)"
 * saves that evidence as the server signed it.
 */
import type { Api } from '../core/api.ts';
import { h, show } from '../core/dom.ts';
import type { Notices } from '../core/notices.ts';
import { formatTanggal, STATUS_TEXT } from '../i18n/format.ts';
import type { Router } from '../shell/router.ts';
import { CaseDiagram } from './caseDiagram.ts';
import { downloadEvidence, readEvidence } from './evidence.ts';
import { evidenceLines } from './evidenceLines.ts';
import type { LogRow, ReplayReport } from './logEntry.ts';
import { logTable } from './logTable.ts';
import { statesAfter } from './stateAfter.ts';
import { statePanel } from './statePanel.ts';
import { verdictBanner } from './verdictBanner.ts';

import type { CaseView } from '../../src/runtime/caseShapes.ts';

interface Services { api: Api; notices: Notices; router: Router }

/** Renders the audit of one case into `container`; answers the clean-up. */
export function caseAudit(container: HTMLElement, caseId: string, { api, notices, router }: Services): () => void {
  show(container, h('p', { class: 'memuat' }, 'Memeriksa kasus…'));
  const path = `/api/cases/${encodeURIComponent(caseId)}`;
  let diagram: CaseDiagram | undefined;
  let live = true;
  void Promise.all([api.get<CaseView>(path), api.get<LogRow[]>(`${path}/log`), api.get<ReplayReport>(`${path}/replay`)]).then(async ([view, log, verdict]) => {
    if (!live) return;
    const canvas = h('div', { class: 'diagram-audit', 'aria-label': 'Diagram SOP kasus' });
    const stateArea = h('div', { class: 'keadaan-area' });
    const position = h('span', { class: 'posisi', 'aria-live': 'polite' });
    const previous = h('button', { type: 'button', class: 'kedua', 'aria-label': 'Catatan sebelumnya' }, '◀');
    const next = h('button', { type: 'button', class: 'kedua', 'aria-label': 'Catatan berikutnya' }, '▶');
    const download = h('button', { type: 'button' }, 'Unduh bukti (JSON)');
    download.addEventListener('click', () => {
      download.disabled = true;
      downloadEvidence(api, caseId).catch((error: unknown) => notices.error(error)).finally(() => { download.disabled = false; });
    });
    const evidence = h('div', { class: 'bukti', 'aria-label': 'Titik periksa dan dokumen BPMN', 'aria-live': 'polite' },
      h('p', { class: 'bukti-baris belum' }, 'Memeriksa titik periksa dan dokumen BPMN…'));
    readEvidence(api, caseId).then((answer) => { if (live) show(evidence, ...evidenceLines(answer)); }, (error: unknown) => {
      if (live) show(evidence, h('p', { class: 'bukti-baris belum' }, `Titik periksa dan dokumen BPMN tidak dapat diperiksa: ${error instanceof Error ? error.message : String(error)}`));
    });
    // Nomor, start and status as the hashed log says them (the case row's columns are what replay checks against it).
    const start = log[0]?.entry;
    const pinned = start?.command.source !== undefined;
    const businessKey = pinned ? start?.command.businessKey : view.businessKey;
    const status = log.at(-1)?.entry.status ?? view.status;
    const startedAt = start?.at ?? view.startedAt;
    show(container,
      h('p', {}, h('a', { href: router.href('audit') }, '← Cari kasus lain')),
      h('h1', {}, `Audit kasus ${businessKey ?? view.id}`),
      verdictBanner(verdict),
      evidence,
      h('p', { class: 'keterangan' }, `${view.processName ?? view.processId} (${view.processId}) versi ${view.version} · ${STATUS_TEXT[status] ?? status} · dimulai ${formatTanggal(startedAt)} · `,
        h('span', { class: 'mono' }, view.id)),
      h('div', { class: 'baris' }, previous, position, next, download),
      h('div', { class: 'audit-langkah' }, canvas, stateArea));
    // The diagram names the steps; without it (no such version, route missing) the log shows ids.
    const names = new Map(view.activeSteps.filter((s) => s.name).map((s) => [s.id, s.name as string]));
    try {
      const xml = await api.text(`/api/definitions/${encodeURIComponent(view.processId)}/xml`, { version: view.version });
      if (!live) return;
      diagram = new CaseDiagram(canvas);
      await diagram.open(xml);
      for (const [id, name] of diagram.names()) names.set(id, name);
    } catch (error) {
      show(canvas, h('p', { class: 'kosong' }, `Diagram ${view.processId} versi ${view.version} tidak dapat ditampilkan: ${error instanceof Error ? error.message : String(error)}`));
    }
    if (!live) return;
    const states = statesAfter(log);
    let current = 0;
    const table = logTable(log, names, verdict.badSeq, (index) => select(index), (what) => notices.show(`${what} disalin.`, 'info'));
    container.append(h('h2', {}, `Log kasus (${log.length} catatan)`), table.element);
    const select = (index: number) => {
      const row = log[index];
      const state = states[index];
      if (!row || !state) return;
      current = index;
      table.select(index);
      diagram?.show(state);
      show(stateArea, statePanel(row, state, names));
      position.textContent = `Catatan #${row.seq} dari ${log.length}`;
      previous.disabled = index === 0;
      next.disabled = index === log.length - 1;
    };
    previous.addEventListener('click', () => select(current - 1));
    next.addEventListener('click', () => select(current + 1));
    // A broken record opens at its first bad entry; an intact one at the start.
    const bad = log.findIndex((row) => row.seq === verdict.badSeq);
    if (log.length) select(bad >= 0 ? bad : 0);
    else show(stateArea, h('p', { class: 'kosong' }, 'Log kasus ini kosong.'));
  }).catch((error: unknown) => {
    if (!live) return;
    notices.error(error);
    show(container, h('p', {}, h('a', { href: router.href('audit') }, '← Cari kasus lain')), h('p', { class: 'kosong' }, `Kasus ${caseId} tidak dapat diperiksa.`));
  });
  return () => {
    live = false;
    diagram?.destroy();
  };
}

/** The deployed SOPs (GET /api/definitions lists every version; the newest of each is shown), each with its document. */
import type { Api } from '../core/api.ts';
import { h } from '../core/dom.ts';
import { showDocumentDialog } from './documentDialog.ts';
import type { Router } from '../shell/router.ts';
import { latestDefinitions as newestOfEach, type DefinitionSummary } from '../worklist/definitions.ts';

/** The newest version of each SOP, in book order (by kode buku, then id), as an analyst looks for them. */
export async function latestDefinitions(api: Api): Promise<DefinitionSummary[]> {
  return (await newestOfEach(api)).sort((a, b) => (a.kodeBuku ?? '~').localeCompare(b.kodeBuku ?? '~', 'id', { numeric: true }) || a.processId.localeCompare(b.processId));
}

/** "Dokumen" of a row: the document of the version listed, in the document dialog. */
export function showDeployedDocument(api: Api, row: DefinitionSummary): void {
  void showDocumentDialog(api, { kind: 'deployed', processId: row.processId, version: row.version, ...(row.name ? { name: row.name } : {}) });
}

export interface SopTableActions {
  /** Called when a name is followed (the "Buka" dialog closes). */
  onOpen?: () => void;
  /** "Dokumen" of a row: the official document of that version. */
  onDocument?: (row: DefinitionSummary) => void;
}

/** A table of SOPs, each name a link that opens it in the modeler, with a "Dokumen" button when asked. */
export function sopTable(rows: DefinitionSummary[], router: Router, { onOpen, onDocument }: SopTableActions = {}): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'kosong' }, 'Belum ada SOP yang di-deploy. Mulai dengan "Baru" atau "Unggah".');
  return h('table', { class: 'pemodel-daftar' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Kode'), h('th', {}, 'SOP'), h('th', {}, 'ID proses'), h('th', {}, 'Versi terbaru'), onDocument ? h('th', {}, 'Dokumen') : null)),
    h('tbody', {}, ...rows.map((row) => h('tr', {},
      h('td', {}, row.kodeBuku ?? '—'),
      h('td', {}, h('a', { href: router.href('pemodel', row.processId), onclick: () => onOpen?.() }, row.name ?? row.processId)),
      h('td', { class: 'mono' }, row.processId),
      h('td', {}, String(row.version)),
      onDocument ? h('td', {}, h('button', {
        type: 'button', class: 'kedua', onclick: () => onDocument(row),
        title: `Dokumen SOP resmi versi ${row.version}`, 'aria-label': `Dokumen ${row.name ?? row.processId}`,
      }, 'Dokumen')) : null))));
}

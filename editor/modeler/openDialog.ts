/** "Buka": a dialog listing the deployed SOPs; choosing one opens it at #/pemodel/<processId>, "Dokumen" shows its document. */
import type { Api } from '../core/api.ts';
import { h } from '../core/dom.ts';
import type { Notices } from '../core/notices.ts';
import type { Router } from '../shell/router.ts';
import { latestDefinitions, showDeployedDocument, sopTable } from './sopList.ts';

export async function showOpenDialog(api: Api, router: Router, notices: Notices): Promise<void> {
  let rows;
  try {
    rows = await latestDefinitions(api);
  } catch (error) {
    notices.error(error);
    return;
  }
  const dialog = h('dialog', { class: 'pemodel-buka', 'aria-label': 'Buka SOP' });
  const close = () => { dialog.close(); dialog.remove(); };
  dialog.append(
    h('div', { class: 'pemodel-masalah-kepala' }, h('h2', {}, 'Buka SOP'), h('button', { type: 'button', class: 'kedua', onclick: close }, 'Tutup')),
    sopTable(rows, router, {
      onOpen: close,
      onDocument: (row) => showDeployedDocument(api, row),
    }));
  dialog.addEventListener('cancel', close);
  document.body.append(dialog);
  dialog.showModal();
}

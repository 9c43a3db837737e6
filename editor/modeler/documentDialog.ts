/**
 * "Dokumen SOP": the official document in a modal dialog, as the server wrote it, in a sandboxed
 * <iframe srcdoc>. The sandbox runs no script of the document; `allow-same-origin` lets this page
 * print the frame and hear Escape in it, `allow-modals` lets the frame open the print dialog.
 * Cetak, Unduh HTML, Unduh PDF (the server's own words when it cannot make one), Tutup or Escape.
 */
import { ApiError, type Api } from '../core/api.ts';
import { h } from '../core/dom.ts';
import { download } from './localFile.ts';
import { describeSource, documentHtml, documentPdf, type DocumentSource } from './sopDocument.ts';

let dialogs = 0;

/** The error as the analyst reads it: the server's detail (with its code for a fault), or the message. */
function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.code === 'PDF_UNAVAILABLE' ? error.problem.detail : `${error.problem.detail} (${error.code})`;
  return error instanceof Error ? error.message : String(error);
}

/** Opens the dialog and loads the document into it; resolves when the dialog is closed. */
export function showDocumentDialog(api: Api, source: DocumentSource): Promise<void> {
  const titleId = `pemodel-dokumen-${++dialogs}`;
  const frame = h('iframe', { title: 'Dokumen SOP', sandbox: 'allow-same-origin allow-modals', hidden: true });
  const loading = h('p', { class: 'memuat' }, 'Menyusun dokumen SOP…');
  const failure = h('p', { class: 'pemodel-dokumen-galat', role: 'alert', hidden: true });
  const fail = (error: unknown) => { failure.textContent = messageOf(error); failure.hidden = false; };
  let html: string | undefined;

  const button = (label: string, title: string, action: () => void, primary = false) =>
    h('button', { type: 'button', class: primary ? '' : 'kedua', title, onclick: action }, label);
  const print = button('Cetak', 'Cetak dokumen ini', () => frame.contentWindow?.print(), true);
  const saveHtml = button('Unduh HTML', `Simpan sebagai ${source.processId}.html`, () => {
    if (html !== undefined) download(`${source.processId}.html`, html, 'text/html;charset=utf-8');
  });
  const savePdf = button('Unduh PDF', `Simpan sebagai ${source.processId}.pdf`, () => {
    savePdf.disabled = true;
    failure.hidden = true;
    documentPdf(api, source)
      .then((pdf) => download(`${source.processId}.pdf`, pdf))
      .catch(fail)
      .finally(() => { savePdf.disabled = false; });
  });
  const dialog = h('dialog', { class: 'pemodel-dokumen', 'aria-labelledby': titleId });
  const closeButton = button('Tutup', 'Tutup (Esc)', () => dialog.close());
  print.disabled = true;
  saveHtml.disabled = true;
  dialog.append(
    h('div', { class: 'pemodel-dokumen-kepala' },
      h('div', {}, h('h2', { id: titleId }, 'Dokumen SOP'), h('p', { class: 'keterangan' }, describeSource(source))),
      h('div', { class: 'pemodel-dokumen-alat', role: 'toolbar', 'aria-label': 'Alat dokumen' }, print, saveHtml, savePdf, closeButton)),
    failure, loading, frame);

  // Escape pressed while the document has the focus reaches the frame's own document, not the dialog.
  frame.addEventListener('load', () => {
    frame.contentDocument?.addEventListener('keydown', (event) => { if (event.key === 'Escape') dialog.close(); });
  });

  return new Promise((resolve) => {
    dialog.addEventListener('close', () => { dialog.remove(); resolve(); });
    document.body.append(dialog);
    dialog.showModal();
    closeButton.focus();
    documentHtml(api, source).then((page) => {
      html = page;
      frame.srcdoc = page;
      frame.hidden = false;
      print.disabled = false;
      saveHtml.disabled = false;
    }, fail).finally(() => loading.remove());
  });
}

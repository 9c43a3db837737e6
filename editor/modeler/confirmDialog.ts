/**
 * Asks before an action that is hard to take back (discarding edits, leaving them for another
 * file, deploying a new version): a modal <dialog> with Batal first and focused, so Enter or
 * Escape out of habit never does the harm.
 */
import { h } from '../core/dom.ts';

export interface Confirmation {
  title: string;
  message: string;
  /** The confirming button's text, naming the action ("Ya, deploy"). */
  confirm: string;
}

let dialogs = 0;

/** Answers true when the analyst confirms, false on Batal, Escape or closing. */
export function confirmAction({ title, message, confirm }: Confirmation): Promise<boolean> {
  const titleId = `pemodel-konfirmasi-${++dialogs}`;
  const dialog = h('dialog', { class: 'pemodel-konfirmasi', 'aria-labelledby': titleId },
    h('h2', { id: titleId }, title),
    h('p', {}, message),
    h('div', { class: 'baris' },
      h('button', { type: 'button', class: 'kedua', autofocus: true, onclick: () => dialog.close('batal') }, 'Batal'),
      h('button', { type: 'button', onclick: () => dialog.close('ya') }, confirm)));
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'ya');
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

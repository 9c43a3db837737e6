/**
 * The few English words form-js's viewer draws itself (a select's "Select", "Search", the date
 * format hint, the number buttons' labels) and flatpickr's calendar, in Bahasa Indonesia. The
 * viewer has no translate service for them, so they are rewritten in its DOM as it renders;
 * Preact diffs against its own last render, so a rewritten word stays until the field changes,
 * and the observer catches it then. "Powered by bpmn.io" stays: its licence asks for it.
 */
import flatpickr from 'flatpickr';
import { Indonesian } from 'flatpickr/dist/l10n/id.js';

// form-js's date picker is flatpickr without a locale: month and day names follow its default.
flatpickr.localize(Indonesian);

const WORDS: Record<string, string> = { Select: 'Pilih', Search: 'Cari', Increment: 'Tambah satu', Decrement: 'Kurangi satu', 'Remove tag': 'Hapus', Month: 'Bulan', Year: 'Tahun' };

/** "dd/mm/yyyy" (the browser's date format, as form-js hints it) → "hh/bb/tttt". */
export function dateHint(format: string): string {
  return format.replace(/d/g, 'h').replace(/m/g, 'b').replace(/y/g, 't');
}

function localize(root: HTMLElement): void {
  for (const input of root.querySelectorAll<HTMLInputElement>('input[placeholder]')) {
    const hint = input.placeholder;
    if (WORDS[hint]) input.placeholder = WORDS[hint];
    else if (/^(?=.*d)(?=.*m)(?=.*y)[dmy./\- ]+$/.test(hint)) input.placeholder = dateHint(hint);
  }
  for (const display of root.querySelectorAll('.fjs-select-placeholder')) {
    // The text node itself, not textContent: Preact updates the node it made when a value is chosen.
    const text = display.firstChild;
    if (text?.nodeType === Node.TEXT_NODE && text.nodeValue === 'Select') text.nodeValue = WORDS.Select as string;
  }
  for (const labelled of root.querySelectorAll('[aria-label], [title]')) {
    for (const attribute of ['aria-label', 'title']) {
      const word = WORDS[labelled.getAttribute(attribute) ?? ''];
      if (word) labelled.setAttribute(attribute, word);
    }
  }
}

/** Keeps `root` (a form-js container) in Bahasa Indonesia; returns the function that stops it. */
export function localizeViewer(root: HTMLElement): () => void {
  let pending = false;
  const observer = new MutationObserver(() => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      localize(root);
      observer.takeRecords(); // our own rewrites are not news
    });
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['placeholder', 'aria-label', 'title', 'class'] });
  return () => observer.disconnect();
}

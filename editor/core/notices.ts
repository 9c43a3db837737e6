/** Short messages at the top of the page: what succeeded, and errors as the server named them. */
import { ApiError } from './api.ts';
import { h } from './dom.ts';
import { readable } from './people.ts';
import { formatTanggal } from '../i18n/format.ts';

export type NoticeKind = 'sukses' | 'galat' | 'info';

export class Notices {
  private readonly area = h('div', { class: 'pemberitahuan', role: 'status', 'aria-live': 'polite' });

  element(): HTMLElement { return this.area; }

  show(message: string, kind: NoticeKind = 'info', code?: string): void {
    const notice = h('div', { class: `pesan pesan-${kind}`, ...(code ? { 'data-kode': code, title: `Kode untuk petugas TI: ${code}` } : {}) }, message,
      h('button', { type: 'button', class: 'tutup', 'aria-label': 'Tutup', onclick: () => notice.remove() }, '×'));
    this.area.append(notice);
    if (kind !== 'galat') setTimeout(() => notice.remove(), 6000);
  }

  /** Forgets every message (the person signed out: the next one must not read them). */
  clear(): void {
    this.area.replaceChildren();
  }

  /** Shows an error: the server's own sentence for an ApiError (its code only as a tooltip, for IT staff), a plain message otherwise. */
  error(error: unknown): void {
    if (error instanceof ApiError) this.show(readable(error.problem.detail, formatTanggal), 'galat', error.code);
    else this.show(error instanceof Error ? error.message : String(error), 'galat');
  }
}

/** The modeler's toolbar: open, new, upload, download, undo/redo, the SOP document, check and deploy. */
import { h } from '../core/dom.ts';

export interface ToolbarActions {
  open(): void;
  create(): void;
  upload(): void;
  download(): void;
  undo(): void;
  redo(): void;
  document(): void;
  check(): void;
  deploy(): void;
  discard(): void;
}

export interface ToolbarState { dirty: boolean; canUndo: boolean; canRedo: boolean; busy: boolean; canDiscard: boolean; hasProcess: boolean }

export class EditorToolbar {
  readonly element: HTMLElement;
  private readonly buttons: Record<keyof ToolbarActions, HTMLButtonElement>;

  constructor(actions: ToolbarActions) {
    const button = (label: string, action: () => void, attributes: Record<string, string> = {}) =>
      h('button', { type: 'button', class: 'kedua', onclick: action, ...attributes }, label);
    this.buttons = {
      open: button('Buka', () => actions.open(), { title: 'Buka SOP yang sudah di-deploy' }),
      create: button('Baru', () => actions.create(), { title: 'Mulai diagram SOP baru' }),
      upload: button('Unggah', () => actions.upload(), { title: 'Buka berkas .bpmn dari komputer' }),
      download: button('Unduh .bpmn', () => actions.download(), { title: 'Simpan diagram ini sebagai berkas .bpmn' }),
      undo: button('Urungkan', () => actions.undo(), { title: 'Urungkan (Ctrl+Z)' }),
      redo: button('Ulangi', () => actions.redo(), { title: 'Ulangi (Ctrl+Y)' }),
      document: button('Dokumen SOP', () => actions.document(), { title: 'Lihat dokumen SOP resmi (Permenpan RB 35/2012) dari diagram ini' }),
      discard: button('Buang perubahan', () => actions.discard(), { title: 'Kembali ke diagram sebelum diubah' }),
      check: button('Periksa', () => actions.check(), { title: 'Periksa diagram seperti saat deploy, tanpa men-deploy' }),
      deploy: h('button', { type: 'button', onclick: () => actions.deploy(), title: 'Deploy sebagai versi baru' }, 'Deploy'),
    };
    const b = this.buttons;
    this.element = h('div', { class: 'pemodel-alat', role: 'toolbar', 'aria-label': 'Alat pemodel' },
      h('span', { class: 'pemodel-kelompok' }, b.open, b.create, b.upload, b.download),
      h('span', { class: 'pemodel-kelompok' }, b.undo, b.redo, b.discard),
      h('span', { class: 'pemodel-kelompok' }, b.document),
      h('span', { class: 'pemodel-kelompok' }, b.check, b.deploy));
  }

  update(state: ToolbarState): void {
    const b = this.buttons;
    b.undo.disabled = !state.canUndo;
    b.redo.disabled = !state.canRedo;
    b.discard.hidden = !state.canDiscard;
    b.document.disabled = !state.hasProcess;
    b.check.disabled = state.busy;
    b.deploy.disabled = state.busy;
  }
}

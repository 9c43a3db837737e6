/**
 * The "Pemodel SOP" view (analis, admin): `#/pemodel` lists the deployed SOPs, `#/pemodel/<id>`
 * opens one in the modeler, `#/pemodel/baru` starts a new one, `#/pemodel/berkas` shows the file
 * just uploaded. Unsaved diagrams are kept here per address while the app runs.
 */
import type { Api } from '../core/api.ts';
import { h, show } from '../core/dom.ts';
import type { Notices } from '../core/notices.ts';
import type { Router } from '../shell/router.ts';
import type { Views } from '../shell/views.ts';
import { pickFile } from './localFile.ts';
import { SopEditor, type EditorContext, type Source } from './sopEditor.ts';
import { latestDefinitions, showDeployedDocument, sopTable } from './sopList.ts';

export class ModelerView {
  static $inject = ['views', 'api', 'notices', 'router'];

  private readonly context: EditorContext;
  private uploaded: { name: string; xml: string } | undefined;

  constructor(views: Views, private readonly api: Api, private readonly notices: Notices, private readonly router: Router) {
    this.context = { api, notices, router, drafts: new Map(), upload: () => void this.upload() };
    views.register({ id: 'pemodel', title: 'Pemodel SOP', order: 50, permission: 'deploy', mount: (container, params) => this.mount(container, params) });
  }

  private mount(container: HTMLElement, [param]: string[]): void | (() => void) {
    const source = this.sourceFor(param);
    if (!source) {
      void this.showList(container);
      return;
    }
    const editor = new SopEditor(container, this.context, param ?? '', source);
    editor.open().catch((error: unknown) => this.notices.error(error));
    return () => editor.destroy();
  }

  private sourceFor(param: string | undefined): Source | undefined {
    if (!param) return undefined;
    if (param === 'baru') return { kind: 'new' };
    if (param !== 'berkas') return { kind: 'deployed', processId: param };
    if (this.uploaded) return { kind: 'file', ...this.uploaded };
    this.notices.show('Berkas yang diunggah tidak disimpan di peramban; unggah lagi.', 'info');
    return undefined;
  }

  private async upload(): Promise<void> {
    const file = await pickFile();
    if (!file) return;
    this.uploaded = file;
    this.context.drafts.delete('berkas');
    this.router.navigate('pemodel', 'berkas');
  }

  private async showList(container: HTMLElement): Promise<void> {
    const list = h('div', {}, h('p', { class: 'memuat' }, 'Memuat daftar SOP…'));
    show(container, h('section', { class: 'pemodel-beranda' },
      h('h1', {}, 'Pemodel SOP'),
      h('p', { class: 'keterangan' }, 'Buka SOP yang sudah di-deploy untuk diubah, mulai yang baru, atau unggah berkas .bpmn. Setiap deploy menjadi versi baru; kasus yang berjalan tetap pada versinya.'),
      h('div', { class: 'baris' },
        h('button', { type: 'button', onclick: () => this.router.navigate('pemodel', 'baru') }, 'Baru'),
        h('button', { type: 'button', class: 'kedua', onclick: () => void this.upload() }, 'Unggah')),
      h('h2', {}, 'SOP yang di-deploy'),
      list));
    try {
      show(list, sopTable(await latestDefinitions(this.api), this.router, { onDocument: (row) => showDeployedDocument(this.api, row) }));
    } catch (error) {
      show(list, h('p', { class: 'kosong' }, 'Daftar SOP tidak dapat dimuat.'));
      this.notices.error(error);
    }
  }
}

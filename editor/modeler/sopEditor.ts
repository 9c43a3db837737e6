/**
 * One diagram in the modeler: canvas, properties panel, toolbar and findings. The diagram comes
 * from the server (a deployed SOP), the "Baru" template or an uploaded file; unsaved edits are
 * kept as a draft per address so leaving the view and coming back does not lose them.
 */
import { ApiError, type Api } from '../core/api.ts';
import { h, show } from '../core/dom.ts';
import type { Notices } from '../core/notices.ts';
import type { Router } from '../shell/router.ts';
import { confirmAction } from './confirmDialog.ts';
import { createModeler, type Modeler } from './createModeler.ts';
import { showDocumentDialog } from './documentDialog.ts';
import { EditorToolbar } from './editorToolbar.ts';
import { download } from './localFile.ts';
import { newDiagram, newProcessId } from './newDiagram.ts';
import { showOpenDialog } from './openDialog.ts';
import { problemList, type DiagramProblem, type Findings } from './problemList.ts';
import { selectOnCanvas } from './selectOnCanvas.ts';
import { DOCUMENT_PREVIEW_EVENT } from './sopProperties/documentPreviewEntry.ts';
import { latestDefinitions } from './sopList.ts';
import type { DeployedVersion, Validation } from '../../src/runtime/definitionShapes.ts';

export type Source =
  | { kind: 'deployed'; processId: string }
  | { kind: 'new' }
  | { kind: 'file'; name: string; xml: string };

export interface EditorContext {
  api: Api;
  notices: Notices;
  router: Router;
  /** Unsaved diagrams by address key, kept while the app runs. */
  drafts: Map<string, string>;
  /** Asks for a local file and opens it (at #/pemodel/berkas). */
  upload(): void;
}

interface CommandStack { canUndo(): boolean; canRedo(): boolean; undo(): void; redo(): void }
interface ProcessElement { $type: string; id: string; name?: string }

export class SopEditor {
  private readonly modeler: Modeler;
  private readonly toolbar: EditorToolbar;
  private readonly heading = h('span', { class: 'pemodel-nama' });
  private readonly processId = h('code', { class: 'mono' });
  private readonly processLine = h('span', { class: 'pemodel-id', title: 'Dipakai API dan katalog SOP', hidden: true }, 'ID proses: ', this.processId);
  private readonly status = h('span', { class: 'lencana', role: 'status', 'aria-label': 'Keadaan diagram' });
  private readonly findings = h('div', { class: 'pemodel-temuan' });
  private dirty = false;
  private destroyed = false;
  private busy = false;
  private version: number | undefined;
  private readonly warnOnLeave = (event: BeforeUnloadEvent) => { if (this.dirty) event.preventDefault(); };

  constructor(container: HTMLElement, private readonly context: EditorContext, private readonly key: string, private readonly source: Source) {
    const canvas = h('div', { class: 'pemodel-kanvas', 'aria-label': 'Kanvas diagram' });
    const panel = h('aside', { class: 'pemodel-panel', 'aria-label': 'Sifat elemen' });
    this.toolbar = new EditorToolbar({
      open: () => void showOpenDialog(context.api, context.router, context.notices),
      create: () => context.router.navigate('pemodel', 'baru'),
      upload: () => void this.upload(),
      download: () => void this.download(),
      undo: () => this.commandStack().undo(),
      redo: () => this.commandStack().redo(),
      document: () => void this.showDocument(),
      discard: () => void this.discard(),
      check: () => void this.check(),
      deploy: () => void this.confirmDeploy(),
    });
    show(container, h('section', { class: 'pemodel' },
      h('div', { class: 'pemodel-kepala' },
        h('h1', {}, 'Pemodel SOP'),
        // The process id is what the API, the catalogue and case links use, so it stays in sight.
        h('p', { class: 'pemodel-judul' }, this.heading, this.processLine),
        this.status, this.toolbar.element),
      this.findings,
      h('div', { class: 'pemodel-kerja' }, canvas, panel)));
    this.modeler = createModeler(canvas, panel, this.context.api);
    this.modeler.on('commandStack.changed', (event: { trigger: string }) => {
      if (event.trigger === 'clear') return;
      this.dirty = true;
      this.refresh();
      void this.modeler.saveXML().then(({ xml }) => { if (xml && this.dirty && !this.destroyed) context.drafts.set(key, xml); });
    });
    // "Pratinjau dokumen SOP" of a process's panel: the document of that process.
    this.modeler.on(DOCUMENT_PREVIEW_EVENT, (event: { processId: string }) => void this.showDocument(event.processId));
    window.addEventListener('beforeunload', this.warnOnLeave);
    this.refresh();
  }

  /** Loads the diagram: the draft of this address if there is one, else the source. */
  async open(): Promise<void> {
    const draft = this.context.drafts.get(this.key);
    if (this.source.kind === 'deployed') {
      const { processId } = this.source;
      const rows = await latestDefinitions(this.context.api);
      this.version = rows.find((row) => row.processId === processId)?.version;
    }
    const xml = draft ?? await this.sourceXml();
    // The zoomControls module fits the view once the import is done.
    const { warnings } = await this.modeler.importXML(xml);
    this.dirty = draft !== undefined;
    if (draft) this.context.notices.show('Perubahan yang belum di-deploy dipulihkan.', 'info');
    if (warnings.length) this.context.notices.show(`Diagram dibuka dengan ${warnings.length} peringatan pembaca XML.`, 'info');
    this.refresh();
  }

  destroy(): void {
    this.destroyed = true;
    window.removeEventListener('beforeunload', this.warnOnLeave);
    this.modeler.destroy();
  }

  private async sourceXml(): Promise<string> {
    switch (this.source.kind) {
      case 'deployed': return this.context.api.text(`/api/definitions/${encodeURIComponent(this.source.processId)}/xml`);
      case 'new': return newDiagram(newProcessId());
      case 'file': return this.source.xml;
    }
  }

  private async xml(): Promise<string> {
    const { xml } = await this.modeler.saveXML({ format: true });
    return xml ?? '';
  }

  /** The processes of the diagram. */
  private processes(): ProcessElement[] {
    const definitions = this.modeler.getDefinitions() as { rootElements?: ProcessElement[] } | undefined;
    return (definitions?.rootElements ?? []).filter((element) => element.$type === 'bpmn:Process');
  }

  /** The first process of the diagram (the one a pool stands for, or the only one). */
  private process(): ProcessElement | undefined {
    return this.processes()[0];
  }

  private async download(): Promise<void> {
    download(`${this.process()?.id ?? 'sop'}.bpmn`, await this.xml());
  }

  /** "Dokumen SOP": the official document of a process (the first one unless named) as drawn now. */
  private async showDocument(processId?: string): Promise<void> {
    const process = processId === undefined ? this.process() : this.processes().find((p) => p.id === processId);
    if (!process) return;
    try {
      await showDocumentDialog(this.context.api, { kind: 'diagram', processId: process.id, name: process.name, xml: await this.xml() });
    } catch (error) {
      this.context.notices.error(error);
    }
  }

  /** "Buang perubahan": back to the source of this address, once the analyst confirms. */
  private async discard(): Promise<void> {
    const back = this.source.kind === 'deployed'
      ? this.version === undefined ? 'diagram di server' : `versi ${this.version} di server`
      : this.source.kind === 'new' ? 'diagram baru yang kosong' : `berkas ${this.source.name} seperti saat diunggah`;
    const confirmed = await confirmAction({
      title: 'Buang perubahan?',
      message: `Semua perubahan yang belum di-deploy akan hilang dan diagram kembali ke ${back}. Tindakan ini tidak dapat diurungkan.`,
      confirm: 'Ya, buang perubahan',
    });
    if (!confirmed || this.destroyed) return;
    this.context.drafts.delete(this.key);
    this.context.router.navigate('pemodel', ...this.context.router.current().slice(1));
  }

  /** "Unggah" over unsaved edits says what becomes of them first. */
  private async upload(): Promise<void> {
    if (this.dirty) {
      // A new upload replaces the draft of #/pemodel/berkas; other addresses keep theirs while the app runs.
      const fate = this.key === 'berkas'
        ? 'Perubahan itu akan hilang karena berkas yang baru menggantikannya.'
        : 'Perubahan itu disimpan sementara selama halaman ini terbuka, dan hilang bila halaman dimuat ulang atau ditutup; unduh .bpmn dulu untuk menyimpannya.';
      const confirmed = await confirmAction({
        title: 'Unggah berkas lain?',
        message: `Diagram ini punya perubahan yang belum di-deploy. ${fate}`,
        confirm: 'Ya, unggah berkas lain',
      });
      if (!confirmed || this.destroyed) return;
    }
    this.context.upload();
  }

  private async confirmDeploy(): Promise<void> {
    const process = this.process();
    const sameSop = this.source.kind === 'deployed' && process?.id === this.source.processId && this.version !== undefined;
    const version = sameSop ? `versi ${(this.version ?? 0) + 1}` : 'versi baru';
    const confirmed = await confirmAction({
      title: 'Deploy SOP ini?',
      message: `"${process?.name ?? '(tanpa nama)'}" (ID proses: ${process?.id ?? '—'}) akan di-deploy sebagai ${version}. Kasus yang sedang berjalan tetap memakai versinya; kasus baru memakai versi ini.`,
      confirm: 'Ya, deploy',
    });
    if (confirmed && !this.destroyed) await this.deploy();
  }

  private async check(): Promise<void> {
    await this.withBusy(async () => {
      const result = await this.context.api.post<Validation>('/api/definitions/validate', await this.xml());
      this.showFindings({
        title: 'Pemeriksaan', problems: result.problems, warnings: result.warnings,
        clean: `Siap di-deploy: ${result.processes.join(', ') || 'tidak ada proses'}.`,
      });
    });
  }

  private async deploy(): Promise<void> {
    await this.withBusy(async () => {
      try {
        const deployed = await this.context.api.post<DeployedVersion[]>('/api/definitions', await this.xml());
        const first = deployed[0];
        this.context.drafts.delete(this.key);
        this.dirty = false;
        this.findings.replaceChildren();
        this.context.notices.show(`Di-deploy: ${deployed.map((d) => `${d.processId} versi ${d.version}`).join(', ')}.`, 'sukses');
        if (first && (this.source.kind !== 'deployed' || first.processId !== this.source.processId)) {
          this.context.router.navigate('pemodel', first.processId);
          return;
        }
        this.version = first?.version;
        this.refresh();
      } catch (error) {
        const problems = error instanceof ApiError ? (error.problem.problems as DiagramProblem[] | undefined) : undefined;
        if (!problems) throw error;
        this.showFindings({ title: 'Deploy ditolak', problems });
      }
    });
  }

  private async withBusy(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.refresh();
    try {
      await work();
    } catch (error) {
      this.context.notices.error(error);
    } finally {
      this.busy = false;
      this.refresh();
    }
  }

  private showFindings(findings: Findings): void {
    show(this.findings, problemList(findings, (id) => this.select(id), () => this.findings.replaceChildren()));
  }

  private select(id: string): void {
    if (!selectOnCanvas(this.modeler, id)) this.context.notices.show(`Elemen "${id}" tidak ada di kanvas.`, 'info');
  }

  private refresh(): void {
    const process = this.process();
    this.heading.textContent = process ? process.name ?? '(tanpa nama)' : '';
    this.processId.textContent = process?.id ?? '';
    this.processLine.hidden = !process;
    const deployed = this.source.kind === 'deployed' && this.version !== undefined;
    this.status.className = `lencana ${this.dirty ? 'segera' : deployed ? 'utuh' : ''}`;
    this.status.textContent = this.dirty
      ? 'Ada perubahan yang belum di-deploy'
      : deployed ? `Sama dengan versi ${this.version} di server` : 'Belum di-deploy';
    const stack = this.commandStack();
    this.toolbar.update({ dirty: this.dirty, canUndo: stack.canUndo(), canRedo: stack.canRedo(), busy: this.busy, canDiscard: this.context.drafts.has(this.key) || this.dirty, hasProcess: Boolean(process) });
  }

  private commandStack(): CommandStack { return this.modeler.get<CommandStack>('commandStack'); }
}

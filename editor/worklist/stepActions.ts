/**
 * The buttons on an open step, the same on the worklist and on a case's page: "Ambil" / "Lepas"
 * (claims, where the server has them; a claim is released by its holder or an admin) and
 * "Selesaikan" for a person holding the step's role.
 * The server decides in the end; the buttons only spare people a request that must fail.
 */
import type { Api } from '../core/api.ts';
import { h } from '../core/dom.ts';
import type { Notices } from '../core/notices.ts';
import type { Session } from '../core/session.ts';
import { openCompleteDialog, type StepTarget } from './completeDialog.ts';
import type { RouteCatalog } from './routeCatalog.ts';

export class StepActions {
  static $inject = ['api', 'notices', 'session', 'routeCatalog'];

  constructor(
    private readonly api: Api,
    private readonly notices: Notices,
    private readonly session: Session,
    private readonly routes: RouteCatalog,
  ) {}

  /** The buttons for one open step; `changed` runs after a command succeeded or found the step moved on. */
  buttons(target: StepTarget, changed: () => void): HTMLElement {
    const me = this.session.user?.id;
    const acts = this.session.can('act');
    const mayDo = acts && (!target.pelaksana || this.session.has(target.pelaksana)) && (!target.completion || target.completion === 'person');
    const buttons: HTMLElement[] = [];
    if (this.routes.claims && mayDo && !target.claimedBy) {
      buttons.push(h('button', { type: 'button', class: 'kedua', onclick: (e: Event) => this.claim(target, 'ambil', e, changed) }, 'Ambil'));
    }
    if (this.routes.claims && target.claimedBy && (target.claimedBy === me || this.session.has('admin'))) {
      buttons.push(h('button', { type: 'button', class: 'kedua', onclick: (e: Event) => this.claim(target, 'lepas', e, changed) }, 'Lepas'));
    }
    if (mayDo && (!target.claimedBy || target.claimedBy === me)) {
      buttons.push(h('button', { type: 'button', onclick: () => openCompleteDialog(this.api, this.notices, target, changed) }, 'Selesaikan'));
    }
    return h('span', { class: 'aksi' }, buttons.length ? buttons : h('span', { class: 'keterangan' }, '—'));
  }

  private claim(target: StepTarget, action: 'ambil' | 'lepas', event: Event, changed: () => void): void {
    const button = event.currentTarget as HTMLButtonElement;
    button.disabled = true;
    const path = `/api/cases/${encodeURIComponent(target.caseId)}/steps/${encodeURIComponent(target.stepId)}/claim`;
    const label = target.name ?? target.stepId;
    (action === 'ambil' ? this.api.post(path) : this.api.delete(path)).then(
      () => this.notices.show(`Langkah "${label}" ${action === 'ambil' ? 'diambil' : 'dilepas'}.`, 'sukses'),
      (error: unknown) => this.notices.error(error),
    ).finally(changed);
  }
}

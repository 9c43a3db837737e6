/**
 * "Pemantauan" for pimpinan: the deadline watch over every open step, then deadline compliance
 * for a period. Read again every 60 seconds while the page is visible, and at once when it
 * becomes visible after a longer absence.
 */
import type { Api } from '../core/api.ts';
import { h, show } from '../core/dom.ts';
import type { Notices } from '../core/notices.ts';
import { formatTanggal } from '../i18n/format.ts';
import type { Router } from '../shell/router.ts';
import type { Views } from '../shell/views.ts';
import { complianceSection } from './complianceReport.ts';
import { watchDeadlines } from './deadlineWatch.ts';
import { loadOpenWork } from './openWork.ts';
import { watchSection } from './watchTables.ts';

const REFRESH_MS = 60_000;

export class MonitorView {
  static $inject = ['views', 'api', 'notices', 'router'];

  constructor(views: Views, private readonly api: Api, private readonly notices: Notices, private readonly router: Router) {
    views.register({ id: 'pemantauan', title: 'Pemantauan', order: 30, permission: 'oversee', mount: (container) => this.mount(container) });
  }

  private mount(container: HTMLElement): () => void {
    const stamp = h('span', { class: 'keterangan', 'aria-live': 'polite' }, 'Memuat…');
    const refreshButton = h('button', { type: 'button', class: 'kedua' }, 'Perbarui');
    const watchArea = h('div', { class: 'pantau-isi' });
    const compliance = complianceSection(this.api, this.notices);
    show(container,
      h('div', { class: 'pantau-kepala' }, h('h1', {}, 'Pemantauan tenggat'), stamp, refreshButton),
      watchArea, compliance.element);

    let live = true;
    let busy = false;
    let lastRead = 0;
    const refresh = async () => {
      if (busy || !live) return;
      busy = true;
      refreshButton.disabled = true;
      try {
        const [work] = await Promise.all([loadOpenWork(this.api), compliance.refresh()]);
        if (!live) return;
        const now = Date.now();
        show(watchArea, watchSection(this.router, work, watchDeadlines(work.steps, now), now));
        lastRead = now;
        stamp.textContent = `Diperbarui ${formatTanggal(new Date(now).toISOString())}; diperbarui otomatis tiap menit.`;
      } catch (error) {
        if (live) this.notices.error(error);
      } finally {
        busy = false;
        refreshButton.disabled = false;
      }
    };
    refreshButton.addEventListener('click', () => void refresh());
    const timer = setInterval(() => { if (document.visibilityState === 'visible') void refresh(); }, REFRESH_MS);
    const onVisible = () => { if (document.visibilityState === 'visible' && Date.now() - lastRead >= REFRESH_MS) void refresh(); };
    document.addEventListener('visibilitychange', onVisible);
    void refresh();
    return () => {
      live = false;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }
}

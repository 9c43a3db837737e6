import type { Permission } from '../../src/auth/roles.ts';

/**
 * The registry of screens. Each feature module registers its view at start; the shell shows
 * them in the navigation in `order` and mounts the one the address names: `#/<id>/<param>/…`.
 */
export interface View {
  /** First segment of the address, e.g. "daftar-kerja". */
  id: string;
  /** Label in the navigation. */
  title: string;
  order: number;
  /** The permission that shows it in the navigation (absent: everyone signed in). Opening the address still works; the API decides. */
  permission?: Permission;
  /** Renders into `container`; `params` are the decoded segments after the id. May answer a clean-up. */
  mount(container: HTMLElement, params: string[]): void | (() => void) | Promise<void | (() => void)>;
}

export class Views {
  private readonly all = new Map<string, View>();

  register(view: View): void {
    if (this.all.has(view.id)) throw new Error(`tampilan "${view.id}" sudah terdaftar`);
    this.all.set(view.id, view);
  }

  get(id: string): View | undefined { return this.all.get(id); }

  /** In navigation order. */
  list(): View[] { return [...this.all.values()].sort((a, b) => a.order - b.order); }
}

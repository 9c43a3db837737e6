/**
 * The pelaksana roles the server knows (GET /api/roles: roles of deployed SOPs and of people),
 * loaded once per modeler for the lane's Pelaksana entry. The modeler may be given a loader as
 * `sopProperties: { roles }` in its config (createModeler passes the app's API); without one none is known.
 */
import type { KnownRole } from '../../../src/auth/roles.ts';

export type { KnownRole };

export interface SopPropertiesConfig { roles?: () => Promise<KnownRole[]> }

interface Injector { get(name: string, strict?: boolean): unknown }

export class SopRoles {
  static $inject = ['injector'];

  private readonly load: () => Promise<KnownRole[]>;
  private loading: Promise<KnownRole[] | undefined> | undefined;

  constructor(injector: Injector) {
    const config = injector.get('config.sopProperties', false) as SopPropertiesConfig | undefined;
    this.load = config?.roles ?? (() => Promise.reject(new Error('Tidak ada sumber daftar peran.')));
  }

  /** The known roles; undefined when they cannot be loaded (then nothing is called unknown). */
  list(): Promise<KnownRole[] | undefined> {
    this.loading ??= this.load().catch(() => undefined);
    return this.loading;
  }
}

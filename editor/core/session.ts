/**
 * Who is signed in: the bearer token and the person (id, name, roles) from POST /api/login,
 * kept in sessionStorage so a reload keeps the session and closing the tab ends it.
 */
import type { Permission } from '../../src/auth/roles.ts';

export interface Person {
  id: string;
  /** Full display name. */
  name: string;
  roles: string[];
  /** What the person's roles allow, as the server says (src/auth/roles.ts permissionsOf): the screens follow it, never a role list of their own. */
  permissions?: Permission[];
  unit?: string;
  /** The password was chosen by an admin: nothing else may be done until the person chose their own. */
  mustChangePassword?: boolean;
}

interface Stored { token: string; user: Person; expiresAt: string }

const KEY = 'protap.sesi';

export class Session {
  private stored: Stored | undefined;
  private readonly listeners = new Set<() => void>();

  constructor() {
    const raw = sessionStorage.getItem(KEY);
    const stored = raw ? (JSON.parse(raw) as Stored) : undefined;
    // A session kept by an older version (no permissions, `nama` for name) is signed in again rather than shown a bare shell.
    this.stored = stored && Date.parse(stored.expiresAt) > Date.now() && Array.isArray(stored.user.permissions) && typeof stored.user.name === 'string' ? stored : undefined;
  }

  get token(): string | undefined { return this.stored?.token; }
  get user(): Person | undefined { return this.stored?.user; }

  /** Whether the server granted the signed-in person this permission (login and GET /api/me say which). */
  can(permission: Permission): boolean {
    return this.stored?.user.permissions?.includes(permission) ?? false;
  }

  has(...roles: string[]): boolean {
    return this.stored !== undefined && roles.some((role) => this.stored?.user.roles.includes(role));
  }

  begin(token: string, user: Person, expiresAt: string): void {
    this.stored = { token, user, expiresAt };
    sessionStorage.setItem(KEY, JSON.stringify(this.stored));
    this.changed();
  }

  /** The same session, the person changed (a password chosen, or one the server says must be changed). */
  update(change: Partial<Person>): void {
    if (!this.stored) return;
    this.stored = { ...this.stored, user: { ...this.stored.user, ...change } };
    sessionStorage.setItem(KEY, JSON.stringify(this.stored));
    this.changed();
  }

  /** Forgets the session (logout, or the server said it is no longer valid). */
  end(): void {
    if (!this.stored) return;
    this.stored = undefined;
    sessionStorage.removeItem(KEY);
    this.changed();
  }

  onChange(listener: () => void): void { this.listeners.add(listener); }

  private changed(): void { for (const listener of this.listeners) listener(); }
}

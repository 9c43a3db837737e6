/**
 * Who a bearer token belongs to, remembered for a few seconds: every request asks, and reading the
 * session and the person from the store each time was two queries on the hot path. This process
 * forgets at once what it changes itself (logout, a person disabled or given a new password or
 * roles), and what another server process changes as soon as the store tells it (PostgreSQL:
 * `listen()`); where nothing tells, such a change reaches this process within `ttlMs`.
 */
import type { CaseStore, StoreChange, UserRow } from '../store/caseStore.ts';
import { authenticate, tokenHash } from './people.ts';

export class SessionCache {
  private readonly known = new Map<string, { user: UserRow; until: number; hash: string }>();

  constructor(private readonly store: CaseStore, private readonly ttlMs = 10_000, private readonly limit = 10_000) {}

  /** Hears the sessions and people other server processes change (where the store can tell); resolves once listening. */
  async listen(): Promise<void> {
    await this.store.onChange?.((change) => this.changed(change));
  }

  private changed(change: StoreChange): void {
    if (change.kind === 'user') this.forgetUser(change.userId);
    if (change.kind === 'session') for (const [token, entry] of this.known) if (entry.hash === change.tokenHash) this.known.delete(token);
  }

  async authenticate(token: string, now: string): Promise<UserRow | undefined> {
    const nowMs = Date.parse(now);
    const hit = this.known.get(token);
    if (hit && hit.until > nowMs) return hit.user;
    const user = await authenticate(this.store, token, now);
    if (user) {
      if (this.known.size >= this.limit) this.known.delete(this.known.keys().next().value as string);
      // Kept with the hash another process names when it ends the session (hashed once, not on every logout for every token).
      this.known.set(token, { user, until: nowMs + this.ttlMs, hash: tokenHash(token) });
    } else {
      this.known.delete(token);
    }
    return user;
  }

  forget(token: string): void {
    this.known.delete(token);
  }

  /** After a person changed (disabled, new password, new roles): their tokens are read again. */
  forgetUser(userId: string): void {
    for (const [token, entry] of this.known) if (entry.user.id === userId) this.known.delete(token);
  }
}

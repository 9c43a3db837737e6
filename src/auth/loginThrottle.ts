/**
 * Wrong passwords per account (issue 18, point 6): after LOCK_AFTER failures in a row an account
 * is locked for a while, longer each time it locks again, whatever address the attempts come from;
 * a right password unlocks and resets it. In memory: a restart forgets, which only gives an
 * attacker back what a wait would. The per-address bound is the server's (express-rate-limit).
 */

export const LOCK_AFTER = 10;
const FIRST_LOCK_MS = 15 * 60_000;
const LONGEST_LOCK_MS = 24 * 60 * 60_000;
/** Accounts remembered at most: ids that do not exist count too, so the oldest are let go. */
const REMEMBERED = 10_000;

interface Failures { count: number; locks: number; lockedUntil?: number }

export class LoginThrottle {
  private readonly accounts = new Map<string, Failures>();

  /** Seconds until the account may try again; 0 when it may now. */
  waitSeconds(id: string, nowMs: number): number {
    const until = this.accounts.get(id)?.lockedUntil ?? 0;
    return until > nowMs ? Math.ceil((until - nowMs) / 1000) : 0;
  }

  /** Records a wrong password; answers the lock's length in seconds when this one locked the account. */
  failed(id: string, nowMs: number): number | undefined {
    const entry = this.accounts.get(id) ?? { count: 0, locks: 0 };
    entry.count++;
    this.accounts.delete(id);
    this.accounts.set(id, entry);
    if (this.accounts.size > REMEMBERED) this.accounts.delete(this.accounts.keys().next().value as string);
    if (entry.count < LOCK_AFTER) return undefined;
    const length = Math.min(LONGEST_LOCK_MS, FIRST_LOCK_MS * 2 ** entry.locks);
    entry.locks++;
    entry.count = 0;
    entry.lockedUntil = nowMs + length;
    return length / 1000;
  }

  /** A right password: the account starts afresh. */
  succeeded(id: string): void {
    this.accounts.delete(id);
  }
}

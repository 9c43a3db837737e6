/** Test support: what a CLI command prints, caught from console.log and console.error (restore with vi.restoreAllMocks). */
import { vi } from 'vitest';

export function capture(): { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { out.push(a.join(' ')); });
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => { err.push(a.join(' ')); });
  return { out: () => out.join('\n'), err: () => err.join('\n') };
}

/**
 * The one policy for a fixture the tests read from `../shared` (the SOP book, the public BPMN
 * corpus), as for PostgreSQL and Chromium: present, the suite runs; missing on a developer's
 * machine, it is skipped saying what was looked for; missing under CI=true, it fails.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'vitest';

const shared = resolve(import.meta.dirname, '../../../shared');

/** The SOP book (seed 004): its path and text, or undefined when ../shared/seeds holds none. */
export function seedBook(): { file: string; text: string } | undefined {
  const dir = join(shared, 'seeds');
  const name = existsSync(dir) ? readdirSync(dir).find((n) => n.startsWith('004_')) : undefined;
  return name ? { file: join(dir, name), text: readFileSync(join(dir, name), 'utf8') } : undefined;
}

export const SEED_BOOK = '../shared/seeds/004_*.txt';

/** `describe` when the fixture is there; otherwise skipped (a developer's machine) or failing (CI=true), naming what is missing. */
export function describeWithFixture(title: string, present: boolean, what: string, body: () => void): void {
  if (present) {
    describe(title, body);
  } else if (process.env.CI === 'true') {
    describe(title, () => {
      it(`membutuhkan ${what}`, () => { throw new Error(`${what} tidak ditemukan, padahal CI=true.`); });
    });
  } else {
    describe.skip(`${title} (${what} tidak ditemukan)`, body);
  }
}

/** `it` when the fixture is there; otherwise skipped (a developer's machine) or failing (CI=true), naming what is missing. */
export function itWithFixture(title: string, present: boolean, what: string, body: () => unknown, timeout?: number): void {
  if (present) it(title, body, timeout);
  else if (process.env.CI === 'true') it(`${title} (membutuhkan ${what})`, () => { throw new Error(`${what} tidak ditemukan, padahal CI=true.`); });
  else it.skip(`${title} (${what} tidak ditemukan)`, body);
}

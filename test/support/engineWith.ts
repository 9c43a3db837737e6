/** Test support: an engine with fixture diagrams deployed, and a fixed clock. */
import { readFileSync } from 'node:fs';
import { CaseEngine } from '../../src/runtime/caseEngine.ts';

/** Reads a fixture file relative to a spec's own folder. */
export function fixture(dir: string, name: string): string {
  return readFileSync(new URL(name, `file://${dir}/`), 'utf8');
}

/** An engine (fixed clock, numbered case ids) with the named fixtures of `dir` deployed in order. */
export async function engineWith(dir: string, ...names: string[]): Promise<CaseEngine> {
  let counter = 0;
  const engine = new CaseEngine({ clock: () => '2026-01-05T08:00:00+07:00', newId: () => `kasus-${++counter}` });
  for (const name of names) await engine.deployXml(fixture(dir, name));
  return engine;
}

/**
 * Import zones (STYLE.md "Layout"): imports point one way — cli → store → runtime → compile → model ← bpmn;
 * sop and calendar are leaves; nothing in src/ touches HTTP or the DOM; the compiler never
 * imports bpmn-moddle. A test rather than a lint plugin: it needs nothing installed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = resolve(import.meta.dirname, '../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Each src folder and the src folders (or packages) it may not import. */
const forbidden: Record<string, RegExp> = {
  sop: /^\.\.\/(?!sop\/)|^(bpmn-moddle|xstate|express|pg|better-sqlite3)$/,
  calendar: /^\.\.\/(?!sop\/waktuSpec\.ts$|calendar\/)|^(bpmn-moddle|xstate|express)$/,
  model: /^\.\.\/(?!model\/)|^(bpmn-moddle|xstate)$/,
  bpmn: /^\.\.\/(?!model\/|bpmn\/)|^(xstate|express)$/,
  compile: /^\.\.\/(bpmn|runtime|cli|store|audit)\/|^bpmn-moddle$|^express$/,
  runtime: /^\.\.\/(cli|store|audit)\/|^(express|pg|better-sqlite3)$/,
  // Audit reads a store through its interface only, never a driver.
  audit: /^\.\.\/cli\/|^\.\.\/store\/(?!caseStore\.ts$)|^(express|pg|better-sqlite3)$/,
  store: /^\.\.\/(cli|auth)\/|^express$/,
  // The SOP document: drawn from the model alone; printing to PDF raises the runtime's ProtapError.
  document: /^\.\.\/(?!model\/|document\/|runtime\/protapError\.ts$)|^(bpmn-moddle|xstate|express|pg|better-sqlite3)$/,
  // The office's config file: read by the server and the command line alike, it needs nothing of Protap's.
  config: /^\.\.\/(?!config\/)|^(express|pg|better-sqlite3|xstate|bpmn-moddle)$/,
  // People and roles: a store through its interface, never a driver or HTTP.
  auth: /^\.\.\/(cli|compile|bpmn)\/|^\.\.\/store\/(?!caseStore\.ts$)|^(express|pg|better-sqlite3)$/,
};

const importsOf = (code: string) => [...code.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1] as string);

describe('import zones', () => {
  for (const [folder, pattern] of Object.entries(forbidden)) {
    it(`src/${folder} imports only what its zone allows`, () => {
      // A relative import is read as from a file directly in its top folder (`../model/x.ts`), so a file in a subfolder is held to the same zone.
      const asFromTop = (file: string, spec: string) => (spec.startsWith('.') ? `../${relative(src, resolve(dirname(file), spec))}` : spec);
      const offending = files(join(src, folder)).flatMap((file) =>
        importsOf(readFileSync(file, 'utf8')).filter((spec) => pattern.test(asFromTop(file, spec))).map((spec) => `${relative(src, file)} → ${spec}`));
      expect(offending).toEqual([]);
    });
  }

  it('nothing in src/ touches HTTP or the DOM', () => {
    const offending = files(src).filter((file) => /from ['"](express|node:http|node:https)['"]|\bdocument\.|\bwindow\./.test(readFileSync(file, 'utf8')));
    expect(offending.map((f) => relative(src, f))).toEqual([]);
  });

  it('the pure folders read no clock and draw no random numbers', () => {
    const pure = ['sop', 'calendar', 'model', 'compile'].flatMap((folder) => files(join(src, folder)));
    const offending = pure.filter((file) => /Date\.now\(|new Date\(\s*\)|Math\.random|setTimeout|setInterval/.test(readFileSync(file, 'utf8')));
    expect(offending.map((f) => relative(src, f))).toEqual([]);
  });
});

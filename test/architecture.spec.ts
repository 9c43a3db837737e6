/**
 * Import zones (STYLE.md "Layout"): imports point one way — cli, useCases → audit, reports → store → runtime → compile → model ← bpmn;
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
  compile: /^\.\.\/(bpmn|runtime|cli|store|audit|useCases)\/|^bpmn-moddle$|^express$/,
  runtime: /^\.\.\/(cli|store|audit|useCases)\/|^(express|pg|better-sqlite3)$/,
  // Audit reads a store through its interface (and opens one from settings for parallel replay), never a driver.
  audit: /^\.\.\/(cli|useCases)\/|^\.\.\/store\/(?!caseStore\.ts$|openStore\.ts$)|^(express|pg|better-sqlite3)$/,
  // The store is below audit: it runs commands and keeps their hash chain, the auditors replay it.
  store: /^\.\.\/(cli|auth|audit|useCases)\/|^express$/,
  // The hash chain: a leaf that the store (writing) and audit (checking) both use.
  chain: /^\.\.\/(?!chain\/)|^(express|pg|better-sqlite3|xstate|bpmn-moddle)$/,
  // The SOP document: drawn from the model alone; printing to PDF raises the runtime's ProtapError.
  document: /^\.\.\/(?!model\/|document\/|runtime\/protapError\.ts$)|^(bpmn-moddle|xstate|express|pg|better-sqlite3)$/,
  // The office's config file: read by the server and the command line alike, it needs nothing of Protap's.
  config: /^\.\.\/(?!config\/)|^(express|pg|better-sqlite3|xstate|bpmn-moddle)$/,
  // The use cases the HTTP routes call (who may see and do what, decided once): over everything but the command line, never HTTP or a driver.
  useCases: /^\.\.\/cli\/|^(express|pg|better-sqlite3)$/,
  // Reports read the store through the durable engine; the use cases (and the routes) ask for them.
  reports: /^\.\.\/(cli|useCases)\/|^(express|pg|better-sqlite3)$/,
  // People and roles: a store through its interface, never a driver or HTTP.
  auth: /^\.\.\/(cli|compile|bpmn|useCases)\/|^\.\.\/store\/(?!caseStore\.ts$)|^(express|pg|better-sqlite3)$/,
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

const server = resolve(import.meta.dirname, '../server');

describe('file size and import cycles (issue 20)', () => {
  it('keeps every file of src/ and server/ under 400 lines', () => {
    const long = [...files(src), ...files(server)].map((file) => ({ file, lines: readFileSync(file, 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > 400).map(({ file, lines }) => `${relative(resolve(src, '..'), file)}: ${lines}`);
    expect(long).toEqual([]);
  });

  it('has no import cycle between files, but the compiler\'s recursive descent (compileNode and the node kinds it calls)', () => {
    const all = [...files(src), ...files(server)];
    const known = new Set(all);
    const graph = new Map(all.map((file) => {
      const code = readFileSync(file, 'utf8');
      const specs = [...code.matchAll(/^(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/gm), ...code.matchAll(/import\(\s*['"](\.[^'"]+)['"]\s*\)/g)].map((m) => m[1] as string);
      return [file, specs.map((spec) => resolve(dirname(file), spec)).filter((dep) => known.has(dep))] as const;
    }));
    // Tarjan's strongly connected components: each of more than one file is a cycle.
    let counter = 0;
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const cycles: string[][] = [];
    const visit = (file: string): void => {
      index.set(file, counter);
      low.set(file, counter++);
      stack.push(file);
      for (const dep of graph.get(file) ?? []) {
        if (!index.has(dep)) {
          visit(dep);
          low.set(file, Math.min(low.get(file) as number, low.get(dep) as number));
        } else if (stack.includes(dep)) low.set(file, Math.min(low.get(file) as number, index.get(dep) as number));
      }
      if (low.get(file) !== index.get(file)) return;
      const cycle: string[] = [];
      let top: string;
      do {
        top = stack.pop() as string;
        cycle.push(relative(src, top));
      } while (top !== file);
      if (cycle.length > 1) cycles.push(cycle.sort());
    };
    for (const file of all) if (!index.has(file)) visit(file);
    const descent = (cycle: string[]) => cycle.every((file) => file.startsWith('compile/')) && cycle.includes('compile/compileNode.ts');
    expect(cycles.filter((cycle) => !descent(cycle))).toEqual([]);
  });
});

/**
 * Bundles the browser app with esbuild (one ESM bundle, its CSS and the bpmn font) into
 * editor/dist. esbuild rather than a hand-made loader: it resolves bpmn-js's packages, CSS and
 * fonts in well under a second. `ensureEditorBuilt` (called by `npm start`) builds only when a
 * file that went into the last bundle — or package-lock.json — changed since: build.json keeps
 * the SHA-256 of every input.
 *
 *   node --import tsx editor/build.ts [--dev]     builds into editor/dist
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, stop } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
export const EDITOR_DIST = resolve(import.meta.dirname, 'dist');

interface BuildInfo { builtAt: string; inputs: Record<string, string> }

const digest = (path: string) => createHash('sha256').update(readFileSync(join(root, path))).digest('hex');

export async function buildEditor(options: { outdir?: string; minify?: boolean } = {}): Promise<string> {
  const outdir = options.outdir ?? EDITOR_DIST;
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { app: 'editor/app.ts' },
    outdir,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: options.minify ?? true,
    sourcemap: true,
    metafile: true,
    logLevel: 'silent',
    loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file', '.svg': 'file' },
    define: { 'process.env.NODE_ENV': '"production"' },
  }).finally(() => stop()); // esbuild's service process kept ~250 MB alive until the server stopped (issue 18); a later build starts a new one
  copyFileSync(join(import.meta.dirname, 'index.html'), join(outdir, 'index.html'));
  const inputs = Object.keys(result.metafile.inputs).filter((path) => !path.includes('node_modules/'));
  const info: BuildInfo = { builtAt: new Date().toISOString(), inputs: Object.fromEntries([...inputs, 'editor/index.html', 'package-lock.json'].map((p) => [p, digest(p)])) };
  writeFileSync(join(outdir, 'build.json'), JSON.stringify(info, null, 1));
  return outdir;
}

/** True when the bundle in `outdir` was built from exactly the files there are now. */
export function editorIsCurrent(outdir: string = EDITOR_DIST): boolean {
  const infoPath = join(outdir, 'build.json');
  if (!existsSync(infoPath) || !existsSync(join(outdir, 'app.js'))) return false;
  const info = JSON.parse(readFileSync(infoPath, 'utf8')) as BuildInfo;
  return Object.entries(info.inputs).every(([path, hash]) => existsSync(join(root, path)) && digest(path) === hash);
}

/** Builds the bundle unless it is current; answers whether it built. */
export async function ensureEditorBuilt(outdir: string = EDITOR_DIST): Promise<boolean> {
  if (editorIsCurrent(outdir)) return false;
  await buildEditor({ outdir });
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dev = process.argv.includes('--dev');
  const started = performance.now();
  const outdir = await buildEditor({ minify: !dev });
  process.stdout.write(`aplikasi web dibangun di ${outdir} (${Math.round(performance.now() - started)} ms)\n`);
}

/**
 * Prints the document's HTML to PDF with the Chromium installed on the machine (its own
 * `--print-to-pdf`): the same HTML a person prints from the browser, so the PDF cannot drift
 * from it, and no PDF layout library to keep in step (decision in docs/official-sop.md).
 * At most two prints run at once and a few wait; more are refused, so a burst of requests
 * cannot start dozens of browsers.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ProtapError } from '../runtime/protapError.ts';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const RUNNING_MAX = 2;
const WAITING_MAX = 8;
const TIME_LIMIT_MS = 60_000;

/** The Chromium to print with: PROTAP_CHROMIUM, else the first usual path that exists. */
export function chromiumPath(): string | undefined {
  const chosen = process.env.PROTAP_CHROMIUM;
  if (chosen) return existsSync(chosen) ? chosen : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

let running = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (running >= RUNNING_MAX) {
    if (waiting.length >= WAITING_MAX) throw new ProtapError('PDF_BUSY', 'Terlalu banyak dokumen PDF sedang dibuat. Coba lagi sebentar lagi, atau cetak dokumen HTML dari peramban.');
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

function run(binary: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-2000); });
    const timer = setTimeout(() => child.kill('SIGKILL'), TIME_LIMIT_MS);
    child.on('error', (error) => { clearTimeout(timer); reject(error); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(signal ? `dihentikan (${signal})` : `keluar dengan kode ${code}: ${stderr.trim().split('\n').at(-1) ?? ''}`));
    });
  });
}

/** The HTML printed to PDF; PDF_UNAVAILABLE when no Chromium is installed. */
export async function printPdf(html: string): Promise<Buffer> {
  const binary = chromiumPath();
  if (!binary) {
    throw new ProtapError('PDF_UNAVAILABLE', 'PDF tidak dapat dibuat: Chromium tidak terpasang di server. Unduh dokumen HTML lalu cetak ke PDF dari peramban, atau pasang Chromium (mis. apt-get install chromium).');
  }
  const release = await slot();
  const dir = await mkdtemp(join(tmpdir(), 'protap-pdf-'));
  try {
    const page = join(dir, 'sop.html');
    const out = join(dir, 'sop.pdf');
    await writeFile(page, html);
    const sandbox = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    await run(binary, [
      '--headless', ...sandbox, '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-extensions', `--user-data-dir=${join(dir, 'profil')}`,
      '--no-pdf-header-footer', '--run-all-compositor-stages-before-draw', `--print-to-pdf=${out}`, pathToFileURL(page).href,
    ]);
    return await readFile(out);
  } catch (error) {
    if (error instanceof ProtapError) throw error;
    throw new ProtapError('PDF_FAILED', `PDF gagal dibuat oleh Chromium (${error instanceof Error ? error.message : String(error)}). Dokumen HTML tetap dapat dicetak dari peramban.`);
  } finally {
    release();
    await rm(dir, { recursive: true, force: true });
  }
}

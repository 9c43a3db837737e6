/**
 * A server that cannot start (issue 18, point 4) says why in one Indonesian line on stderr and
 * exits 1, with no stack trace: a port already in use (found before the store is even opened), a
 * faulty config file, a certificate that cannot be read, an unknown zone, a store that cannot open.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVER_NODE_ARGS } from '../../server/spawnServer.ts';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'protap-gagal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts server/main.ts with these variables (no config file unless given) and waits for it to end. */
function startExpectingFailure(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS, '--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH, PROTAP_CONFIG: '', PORT: '0', HOST: '127.0.0.1', PROTAP_CATALOGUE: 'off', PROTAP_WEB_BUILD: 'off', PROTAP_CHECKPOINT_HOURS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  return new Promise((done, fail) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); fail(new Error(`server tidak berhenti: ${stdout}${stderr}`)); }, 30_000);
    child.once('exit', (code) => { clearTimeout(timer); done({ code, stdout, stderr }); });
  });
}

/** The failure said once on stderr, and in the JSON log at fatal level with no stack trace. */
function expectOneLine(outcome: { code: number | null; stdout: string; stderr: string }, line: string | RegExp): void {
  expect(outcome.code).toBe(1);
  expect(outcome.stderr.endsWith('\n')).toBe(true);
  expect(outcome.stderr.trimEnd().split('\n')).toHaveLength(1);
  if (typeof line === 'string') expect(outcome.stderr).toBe(`${line}\n`);
  else expect(outcome.stderr.trimEnd()).toMatch(line);
  expect(outcome.stdout).not.toContain('"stack"');
  const fatal = outcome.stdout.split('\n').filter(Boolean).map((text) => JSON.parse(text) as Record<string, unknown>).find((entry) => entry.level === 60);
  expect(fatal).toMatchObject({ msg: 'Protap tidak dapat dimulai', reason: outcome.stderr.trimEnd().replace(/^Protap tidak dapat dimulai: /, '') });
}

describe('a start that fails', () => {
  it('names a port already in use, before opening the store', async () => {
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    const port = (taken.address() as AddressInfo).port;
    const data = join(dir, 'data-port');
    try {
      const outcome = await startExpectingFailure({ PORT: String(port), PROTAP_DATA: data });
      expectOneLine(outcome, `Protap tidak dapat dimulai: port ${port} sudah dipakai program lain (ubah PORT).`);
      expect(existsSync(data)).toBe(false);
    } finally {
      taken.close();
    }
  }, 40_000);

  it('names the line of a faulty config file', async () => {
    const config = join(dir, 'protap.conf');
    writeFileSync(config, '# kantor\nHOST=0.0.0.0\nPROTAP_ZONE=WITA\n');
    expectOneLine(await startExpectingFailure({ PROTAP_CONFIG: config, PROTAP_DATA: join(dir, 'data-conf') }),
      `Protap tidak dapat dimulai: berkas konfigurasi ${config} baris 3: kunci "PROTAP_ZONE" tidak dikenal; lihat daftar kunci di docs/office.md.`);
  }, 40_000);

  it('names a certificate file that cannot be read', async () => {
    const cert = join(dir, 'tidak-ada.crt');
    expectOneLine(await startExpectingFailure({ PROTAP_TLS_CERT: cert, PROTAP_TLS_KEY: join(dir, 'tidak-ada.key'), PROTAP_DATA: join(dir, 'data-tls') }),
      `Protap tidak dapat dimulai: berkas sertifikat TLS (PROTAP_TLS_CERT) ${cert} tidak dapat dibaca: berkas tidak ada.`);
  }, 40_000);

  it('names an unknown zone', async () => {
    expectOneLine(await startExpectingFailure({ PROTAP_ZONA: 'WITB', PROTAP_DATA: join(dir, 'data-zona') }),
      /^Protap tidak dapat dimulai: PROTAP_ZONA: Zona waktu "WITB" tidak dikenal\. Gunakan WIB, WITA, WIT/);
  }, 40_000);

  it('names a store that cannot be opened', async () => {
    const file = join(dir, 'berkas-biasa');
    writeFileSync(file, '');
    expectOneLine(await startExpectingFailure({ PROTAP_DATA: join(file, 'data') }),
      `Protap tidak dapat dimulai: membuka penyimpanan SQLite ${join(file, 'data', 'protap.db')} gagal: ${join(file, 'data')}: bukan folder (ENOTDIR)`);
  }, 40_000);
});

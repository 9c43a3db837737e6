/**
 * `protap service install` (issue 18, point 5 in part): the systemd unit and config file it writes,
 * and the acceptance test — the server started exactly as systemd would start it from that unit
 * (its program and arguments, in its working directory, with only the variables of its Environment=
 * lines and its EnvironmentFile) answers GET /api/health, writes its first admin password file, and
 * writes nothing outside the service folder the unit lets it write.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../server/config.ts';
import { main } from '../../src/cli/main.ts';
import { capture } from '../support/captureConsole.ts';

const repository = resolve(import.meta.dirname, '../..');
const base = mkdtempSync(join(tmpdir(), 'protap-layanan-'));
afterEach(() => vi.restoreAllMocks());
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** A unit file's directives by section (a directive written twice keeps every value). */
function parseUnit(text: string): Record<string, Record<string, string[]>> {
  const sections: Record<string, Record<string, string[]>> = {};
  let section: Record<string, string[]> | undefined;
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) {
      section = sections[header[1] as string] = {};
      continue;
    }
    const eq = line.indexOf('=');
    if (!section || eq < 1) throw new Error(`baris unit tidak dikenal: ${line}`);
    (section[line.slice(0, eq)] ??= []).push(line.slice(eq + 1));
  }
  return sections;
}

/** ExecStart's words as systemd splits them: "quoted words", %% and $$ undoubled. */
function execWords(line: string): string[] {
  const words = [...line.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2] as string));
  return words.map((word) => word.replace(/%%/g, '%').replace(/\$\$/g, '$'));
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

describe('protap service install', () => {
  const root = join(base, 'akar');
  const folder = join(base, 'layanan', 'protap');
  const unitFile = join(root, 'etc/systemd/system/protap.service');
  const configFile = join(root, 'etc/protap/protap.conf');
  let port: number;

  it('writes a hardened unit running `npm start` from this checkout, and the config file it reads', async () => {
    port = await freePort();
    const io = capture();
    expect(await main(['service', 'install', '--root', root, '--data', folder, '--port', String(port), '--host', '127.0.0.1', '--user', 'protap'])).toBe(0);
    const unit = parseUnit(readFileSync(unitFile, 'utf8'));
    const service = unit.Service as Record<string, string[]>;
    const start = (JSON.parse(readFileSync(join(repository, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.split(' ');
    expect(execWords((service.ExecStart as string[])[0] as string)).toEqual([process.execPath, ...start.slice(1)]);
    expect(service).toMatchObject({
      User: ['protap'], Group: ['protap'], WorkingDirectory: [repository], Restart: ['on-failure'], RestartSec: ['5'],
      EnvironmentFile: ['/etc/protap/protap.conf'], Environment: ['PROTAP_CONFIG=/etc/protap/protap.conf'],
      NoNewPrivileges: ['true'], ProtectSystem: ['strict'], ReadWritePaths: [folder], PrivateTmp: ['true'],
    });
    expect(unit.Install).toEqual({ WantedBy: ['multi-user.target'] });
    expect(statSync(configFile).mode & 0o777).toBe(0o640);
    expect(Object.fromEntries(parseConfig(readFileSync(configFile, 'utf8'), configFile))).toEqual({ HOST: '127.0.0.1', PORT: String(port), PROTAP_DATA: `${folder}/data` });
    expect(readFileSync(configFile, 'utf8')).toMatch(/^#PROTAP_TLS_CERT=.*\n#PROTAP_TLS_KEY=.*\n#PROTAP_HTTP_PORT=\d+$/m);
    expect(readFileSync(configFile, 'utf8')).toMatch(/^#PROTAP_ZONA=WIB$/m);
    const steps = io.out();
    expect(steps).toContain(`useradd --system --user-group --no-create-home --home-dir ${folder} --shell /usr/sbin/nologin protap`);
    expect(steps).toContain(`install -d -o protap -g protap -m 0700 ${folder}`);
    expect(steps).toContain('chown root:protap /etc/protap/protap.conf');
    expect(steps).toMatch(/systemctl daemon-reload\n\s+systemctl enable --now protap/);
    expect(steps).toContain(`${folder}/data/admin-pertama.txt`);
  });

  it('starts the server as systemd would, which answers /api/health and keeps to its folder', async () => {
    const unit = parseUnit(readFileSync(unitFile, 'utf8'));
    const service = unit.Service as Record<string, string[]>;
    const [program, ...args] = execWords((service.ExecStart as string[])[0] as string);
    // systemd passes no caller's environment: only its own PATH, the Environment= lines and the
    // EnvironmentFile. Paths of the target system are read under the install root here.
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, PROTAP_WEB_BUILD: 'off', PROTAP_CATALOGUE: 'off' };
    for (const assignment of service.Environment ?? []) {
      const [name, value] = assignment.split(/=(.*)/s) as [string, string];
      env[name] = value.startsWith('/etc/') ? join(root, value) : value;
    }
    for (const [name, value] of parseConfig(readFileSync(join(root, (service.EnvironmentFile as string[])[0] as string), 'utf8'), configFile)) env[name] = value;
    const child = spawn(program as string, args, { cwd: (service.WorkingDirectory as string[])[0], env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const exited = new Promise<number | string | null>((done) => child.once('exit', (code, signal) => done(signal ?? code)));
    const passwordFile = join(folder, 'data', 'admin-pertama.txt');
    const seen: string[] = [];
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => { try { seen.push(String((JSON.parse(line) as { msg?: string }).msg)); } catch { /* not a log line */ } });
    const waitFor = (message: string) => new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`"${message}" tidak muncul: ${stderr}`)), 45_000);
      const check = () => { if (seen.includes(message)) { clearTimeout(timer); done(); } };
      lines.on('line', check);
      check();
      void exited.then((how) => fail(new Error(`server berhenti (${String(how)}): ${stderr}`)));
    });
    try {
      await waitFor('Protap siap');
      const health = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'siap' });
      // The first admin's password is in the file (0600), not in the journal: stderr is no terminal here.
      const password = /^kata sandi: (\S+)$/m.exec(readFileSync(passwordFile, 'utf8'))?.[1] as string;
      expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
      expect(stderr).toContain(`Kata sandinya ada di ${passwordFile}`);
      expect(stderr).not.toContain(password);
      const signedIn = await fetch(`http://127.0.0.1:${port}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'admin', password }) });
      expect(signedIn.status).toBe(200);
      await waitFor('titik periksa audit ditandatangani');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    // Everything the service wrote is in the folder ReadWritePaths names.
    expect(readdirSync(base).sort()).toEqual(['akar', 'layanan']);
    expect(readdirSync(join(base, 'layanan'))).toEqual(['protap']);
    expect(readdirSync(folder)).toEqual(expect.arrayContaining(['data', 'protap-audit-key.pem', 'protap-checkpoints']));
  }, 60_000);

  it('keeps an existing config file unless --force, and writes nothing on --dry-run', async () => {
    const io = capture();
    const before = readFileSync(configFile, 'utf8');
    expect(await main(['service', 'install', '--root', root, '--port', '3443'])).toBe(1);
    expect(io.err()).toBe(`protap service: ${configFile} sudah ada dan tidak ditimpa (pengaturan kantor Anda); pakai --force untuk menimpanya.`);
    expect(readFileSync(configFile, 'utf8')).toBe(before);
    const other = join(base, 'akar-uji');
    expect(await main(['service', 'install', '--root', other, '--dry-run'])).toBe(0);
    expect(existsSync(other)).toBe(false);
    expect(io.out()).toContain('ProtectSystem=strict');
    expect(await main(['service', 'install', '--root', root, '--port', '3443', '--force'])).toBe(0);
    expect(parseConfig(readFileSync(configFile, 'utf8'), configFile).get('PORT')).toBe('3443');
  });

  it('refuses bad options in Indonesian', async () => {
    const io = capture();
    expect(await main(['service', 'install', '--root', join(base, 'x'), '--port', '70000'])).toBe(2);
    expect(await main(['service', 'install', '--root', join(base, 'x'), '--data', 'relatif/data'])).toBe(2);
    expect(await main(['service', 'install', '--root', join(base, 'x'), '--user', 'Root Admin'])).toBe(2);
    expect(await main(['service', 'hapus'])).toBe(2);
    expect(await main(['service', 'install', '--tidak-ada'])).toBe(2);
    expect(io.err()).toContain('--port harus nomor port 1–65535, bukan "70000".');
    expect(io.err()).toContain('--data harus path absolut');
    expect(io.err()).toContain('nama pengguna "Root Admin" tidak sah');
    expect(io.err()).toContain('sebutkan "install"');
    expect(io.err()).toContain('opsi tidak dikenal: --tidak-ada');
    expect(existsSync(join(base, 'x'))).toBe(false);
  });
});

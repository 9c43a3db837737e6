/**
 * The server's config file and settings (issue 18, point 1): KEY=value lines as a systemd
 * EnvironmentFile has them, the environment winning over the file, every fault a one-line reason
 * naming the file and the line; the settings checked before any port is taken; the first admin's
 * password file readable by the service user alone.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { applyConfigFile, CONFIG_KEYS, configFile, parseConfig, serverSettings } from '../../server/config.ts';
import { createFirstAdmin, writePasswordFile } from '../../server/firstAdmin.ts';
import { DurableEngine } from '../../src/store/durableEngine.ts';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.ts';
import { StartFailure } from '../../server/startFailure.ts';

const dir = mkdtempSync(join(tmpdir(), 'protap-konfigurasi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The message of what `act` throws (a StartFailure), or a note that it did not throw. */
function failure(act: () => unknown): string {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(StartFailure);
    return (error as Error).message;
  }
  return 'tidak gagal';
}

describe('the config file', () => {
  it('reads KEY=value lines, skipping comments and blank lines, unquoting quoted values', () => {
    const values = parseConfig('# Protap\n\nHOST=0.0.0.0\n  PORT = 3443  \r\nPROTAP_DATA="/var/lib/protap/data"\nPROTAP_ZONA=\'WITA\'\nDATABASE_URL=\n', 'p.conf');
    expect([...values]).toEqual([['HOST', '0.0.0.0'], ['PORT', '3443'], ['PROTAP_DATA', '/var/lib/protap/data'], ['PROTAP_ZONA', 'WITA'], ['DATABASE_URL', '']]);
  });

  it('refuses a faulty line in one line naming the file and the line', () => {
    expect(failure(() => parseConfig('PORT=3000\nHOST 0.0.0.0\n', '/etc/protap/protap.conf')))
      .toBe('berkas konfigurasi /etc/protap/protap.conf baris 2 bukan berbentuk KUNCI=nilai: "HOST 0.0.0.0".');
    expect(failure(() => parseConfig('# x\n\nPROTAP_TLS_CRT=/a.crt\n', 'p.conf'))).toMatch(/^berkas konfigurasi p\.conf baris 3: kunci "PROTAP_TLS_CRT" tidak dikenal;/);
    expect(failure(() => parseConfig('port=3000\n', 'p.conf'))).toContain('(maksudnya PORT?)');
    expect(failure(() => parseConfig('PORT=1\nHOST=a\nPORT=2\n', 'p.conf'))).toBe('berkas konfigurasi p.conf baris 3: PORT sudah ditulis di baris 1; tulis sekali saja.');
    expect(failure(() => parseConfig('PROTAP_DATA="/srv/protap\n', 'p.conf'))).toBe('berkas konfigurasi p.conf baris 1: tanda kutip nilai PROTAP_DATA tidak ditutup.');
    expect(failure(() => parseConfig('= x\n', 'p.conf'))).toBe('berkas konfigurasi p.conf baris 1 bukan berbentuk KUNCI=nilai: "= x".');
  });

  it('applies the file under the environment: a variable already set wins, an empty value sets nothing', () => {
    const file = join(dir, 'protap.conf');
    writeFileSync(file, 'HOST=0.0.0.0\nPORT=3443\nPROTAP_ZONA=WIT\nDATABASE_URL=\n');
    const env: NodeJS.ProcessEnv = { PROTAP_CONFIG: file, PORT: '8080' };
    expect(applyConfigFile(env)).toEqual({ file, applied: ['HOST', 'PROTAP_ZONA'] });
    expect(env).toEqual({ PROTAP_CONFIG: file, PORT: '8080', HOST: '0.0.0.0', PROTAP_ZONA: 'WIT' });
  });

  it('is PROTAP_CONFIG, else protap.conf in the working directory, else the office\'s; PROTAP_CONFIG empty reads none', () => {
    const work = join(dir, 'kerja');
    mkdirSync(work);
    const office = join(dir, 'etc-protap.conf');
    expect(configFile({}, work, office)).toBeUndefined();
    writeFileSync(office, 'PORT=3002\n');
    expect(configFile({}, work, office)).toBe(office);
    writeFileSync(join(work, 'protap.conf'), 'PORT=3001\n');
    expect(configFile({}, work, office)).toBe(join(work, 'protap.conf'));
    expect(configFile({ PROTAP_CONFIG: '' }, work)).toBeUndefined();
    expect(configFile({ PROTAP_CONFIG: 'lain.conf' }, work)).toBe(join(work, 'lain.conf'));
    const env: NodeJS.ProcessEnv = {};
    applyConfigFile(env, work);
    expect(env.PORT).toBe('3001');
    expect(failure(() => applyConfigFile({ PROTAP_CONFIG: join(dir, 'tidak-ada.conf') })))
      .toBe(`berkas konfigurasi ${join(dir, 'tidak-ada.conf')} tidak dapat dibaca: berkas tidak ada (PROTAP_CONFIG).`);
  });
  it('has every key in the table of docs/office.md, and nothing more there', () => {
    const documented = [...readFileSync(join(import.meta.dirname, '../../docs/office.md'), 'utf8').matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(CONFIG_KEYS).sort());
  });
});

describe('the server settings', () => {
  it('defaults to HTTP on 127.0.0.1:3000 in WIB', () => {
    expect(serverSettings({})).toEqual({ host: '127.0.0.1', port: 3000, zone: 'Asia/Jakarta', zoneName: 'WIB', logLevel: 'info', requestTimeoutMs: 60_000, maxConnections: 1000 });
  });

  it('turns HTTPS on with both TLS files, and takes a redirect port and a zone', () => {
    const settings = serverSettings({ PORT: '3443', PROTAP_TLS_CERT: '/etc/protap/tls/protap.crt', PROTAP_TLS_KEY: '/etc/protap/tls/protap.key', PROTAP_HTTP_PORT: '3080', PROTAP_ZONA: 'wita' });
    expect(settings).toMatchObject({ port: 3443, httpPort: 3080, tls: { certFile: '/etc/protap/tls/protap.crt', keyFile: '/etc/protap/tls/protap.key' }, zone: 'Asia/Makassar' });
    expect(serverSettings({ PROTAP_ZONA: 'Asia/Jayapura' }).zone).toBe('Asia/Jayapura');
    expect(serverSettings({ PROTAP_TRUST_PROXY: 'loopback, 192.168.1.5, 10.0.0.0/8' }).trustProxy).toBe('loopback, 192.168.1.5, 10.0.0.0/8');
  });

  it('refuses a bad value in one line naming its variable', () => {
    expect(failure(() => serverSettings({ PROTAP_TLS_CERT: '/a.crt' }))).toBe('PROTAP_TLS_CERT dan PROTAP_TLS_KEY harus diisi keduanya untuk HTTPS (sekarang hanya PROTAP_TLS_CERT).');
    expect(failure(() => serverSettings({ PROTAP_HTTP_PORT: '3080' }))).toMatch(/^PROTAP_HTTP_PORT hanya dipakai bersama HTTPS/);
    expect(failure(() => serverSettings({ PROTAP_TLS_CERT: '/a', PROTAP_TLS_KEY: '/b', PORT: '3443', PROTAP_HTTP_PORT: '3443' }))).toBe('PROTAP_HTTP_PORT dan PORT tidak boleh sama (3443).');
    expect(failure(() => serverSettings({ PORT: 'tiga ribu' }))).toBe('PORT harus nomor port 0–65535, bukan "tiga ribu".');
    expect(failure(() => serverSettings({ PORT: '70000' }))).toBe('PORT harus nomor port 0–65535, bukan "70000".');
    expect(failure(() => serverSettings({ PROTAP_ZONA: 'WIBB' }))).toMatch(/^PROTAP_ZONA: Zona waktu "WIBB" tidak dikenal\. Gunakan WIB, WITA, WIT/);
    expect(failure(() => serverSettings({ LOG_LEVEL: 'verbose' }))).toMatch(/^LOG_LEVEL harus salah satu dari fatal, error/);
    expect(failure(() => serverSettings({ PROTAP_TRUST_PROXY: 'true' }))).toBe('PROTAP_TRUST_PROXY: "true" bukan alamat proksi; tulis loopback (proksi di komputer yang sama) atau alamat IP-nya, dipisah koma.');
    expect(failure(() => serverSettings({ PROTAP_MAX_CONNECTIONS: '-1' }))).toBe('PROTAP_MAX_CONNECTIONS harus bilangan bulat positif, bukan "-1".');
  });
});

describe('the first admin password file', () => {
  it('is written readable by the owner alone, replacing an older one', () => {
    const data = join(dir, 'data');
    writePasswordFile(data, 'lama-lama-lama', '2026-03-01T09:00:00+07:00');
    const file = writePasswordFile(data, 'sandi-baru-123456', '2026-03-02T09:00:00+07:00');
    expect(file).toBe(join(data, 'admin-pertama.txt'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(data).mode & 0o777).toBe(0o700);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('kata sandi: sandi-baru-123456');
    expect(text).not.toContain('lama-lama-lama');
    expect(text).toContain('HAPUS berkas ini');
  });
});

describe('the first admin account', () => {
  /** Creates the admin on a fresh store; answers what went to stderr and the password file's password. */
  async function create(terminal: boolean, dataDir: string): Promise<{ said: string; password: string | undefined }> {
    const store = new SqliteStore(join(dataDir, 'protap.db'));
    const engine = await DurableEngine.open({ store });
    const said: string[] = [];
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { said.push(String(chunk)); return true; });
    try {
      await createFirstAdmin(engine, dataDir, pino({ level: 'silent' }), undefined, terminal);
      await createFirstAdmin(engine, dataDir, pino({ level: 'silent' }), undefined, terminal);
    } finally {
      write.mockRestore();
      await store.close();
    }
    return { said: said.join(''), password: /^kata sandi: (\S+)$/m.exec(readFileSync(join(dataDir, 'admin-pertama.txt'), 'utf8'))?.[1] };
  }

  it('shows a generated password once on a terminal and keeps it in the file', async () => {
    const { said, password } = await create(true, join(dir, 'admin-terminal'));
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(said).toContain(`Kata sandinya (hanya ditampilkan sekali): ${password}\nKata sandi ini juga disimpan di ${join(dir, 'admin-terminal', 'admin-pertama.txt')}`);
    expect(said.split(password as string)).toHaveLength(2);
  });

  it('keeps it out of a service journal: says only where the file is', async () => {
    const { said, password } = await create(false, join(dir, 'admin-layanan'));
    expect(said).toContain(`Kata sandinya ada di ${join(dir, 'admin-layanan', 'admin-pertama.txt')}`);
    expect(said).not.toContain(password as string);
  });
});

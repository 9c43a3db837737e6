/**
 * HTTPS served by Protap itself (issue 18, point 2): a real server started with a self-signed
 * certificate made now by openssl (nothing secret is kept in the repository) and its settings in a
 * config file, answering over HTTPS with HSTS, a plain HTTP port redirecting with 308, and the
 * certificate files checked before the start. Without openssl the suite is skipped, except under
 * CI=true, where that is a failure.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openListeners, redirectToHttps } from '../../server/listen.ts';
import { serverSettings } from '../../server/config.ts';
import { spawnServer, type ServerProcess } from '../../server/spawnServer.ts';
import { StartFailure } from '../../server/startFailure.ts';
import { readTlsFiles } from '../../server/tls.ts';

const OPENSSL = spawnSync('openssl', ['version']).status === 0;
const WHY_SKIPPED = 'dilewati: program openssl tidak ditemukan di PATH';

if (!OPENSSL && process.env.CI === 'true') {
  it('has openssl to make a test certificate (required under CI)', () => {
    expect.fail(`openssl tidak ditemukan di PATH; uji HTTPS wajib berjalan di CI (${WHY_SKIPPED}).`);
  });
}

interface Answer { status: number; headers: IncomingHttpHeaders; body: string }

function get(url: string, options: { ca?: Buffer; host?: string } = {}): Promise<Answer> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(target, { agent: false, ...(options.ca ? { ca: options.ca } : {}), ...(options.host ? { headers: { host: options.host } } : {}) }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => { body += chunk; }).on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject).end();
  });
}

describe.skipIf(!OPENSSL)(`HTTPS served by Protap${OPENSSL ? '' : ` (${WHY_SKIPPED})`}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'protap-tls-'));
  const certFile = join(dir, 'protap.crt');
  const keyFile = join(dir, 'protap.key');
  let server: ServerProcess;
  let ca: Buffer;

  beforeAll(async () => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
    ca = readFileSync(certFile);
    const config = join(dir, 'protap.conf');
    writeFileSync(config, `# uji HTTPS\nHOST=127.0.0.1\nPROTAP_TLS_CERT=${certFile}\nPROTAP_TLS_KEY=${keyFile}\nPROTAP_HTTP_PORT=0\nPROTAP_ZONA=WITA\n`);
    server = await spawnServer({ PROTAP_CONFIG: config, PROTAP_DATA: join(dir, 'data'), PROTAP_ADMIN_PASSWORD: 'sandi-admin-uji-tls', PROTAP_CHECKPOINT_HOURS: '0', PROTAP_BACKUP_HOURS: '0' });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs the settings read from the config file, HTTPS, the redirect port and the zone', () => {
    const ready = server.logs.find((entry) => entry.msg === 'Protap siap');
    expect(ready).toMatchObject({ protocol: 'https', address: '127.0.0.1', zone: 'Asia/Makassar', zona: 'WITA' });
    expect(ready?.httpPort).toEqual(expect.any(Number));
    expect(ready?.httpPort).not.toBe(server.port);
    expect(server.logs.find((entry) => entry.msg === 'berkas konfigurasi dibaca')?.keys).toEqual(['HOST', 'PROTAP_TLS_CERT', 'PROTAP_TLS_KEY', 'PROTAP_HTTP_PORT', 'PROTAP_ZONA']);
  });

  it('answers over HTTPS with the certificate trusted, and sends HSTS', async () => {
    const answer = await get(`https://localhost:${server.port}/api/health`, { ca });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 'siap' });
    expect(answer.headers['strict-transport-security']).toBe('max-age=15552000');
    expect((await get(`https://127.0.0.1:${server.port}/api/health`, { ca })).status).toBe(200);
  });

  it('is refused by a client that does not trust the certificate, and does not speak plain HTTP on its port', async () => {
    await expect(get(`https://localhost:${server.port}/api/health`)).rejects.toThrow(/self[- ]signed/i);
    const plain = await get(`http://127.0.0.1:${server.port}/api/health`).catch((error: Error) => error);
    expect(plain instanceof Error || (plain as Answer).status === 400).toBe(true);
  });

  it('redirects plain HTTP with 308 to the same host and path on the HTTPS port', async () => {
    const httpPort = server.logs.find((entry) => entry.msg === 'Protap siap')?.httpPort as number;
    const answer = await get(`http://127.0.0.1:${httpPort}/daftar-kerja?status=active`, { host: `localhost:${httpPort}` });
    expect(answer.status).toBe(308);
    expect(answer.headers.location).toBe(`https://localhost:${server.port}/daftar-kerja?status=active`);
    const byAddress = await get(`http://127.0.0.1:${httpPort}/`);
    expect(byAddress.headers.location).toBe(`https://127.0.0.1:${server.port}/`);
    expect((await get(`http://127.0.0.1:${httpPort}/`, { host: 'evil"host' })).status).toBe(400);
  });

  it('checks the certificate and key before starting, naming the file at fault', () => {
    expect(readTlsFiles(certFile, keyFile)).toMatchObject({ expired: false, names: 'DNS:localhost, IP Address:127.0.0.1' });
    const other = join(dir, 'lain.key');
    writeFileSync(other, generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const reasons = [[certFile, other], [keyFile, keyFile], [certFile, certFile], [join(dir, 'tidak-ada.crt'), keyFile]].map(([cert, key]) => {
      try {
        readTlsFiles(cert as string, key as string);
        return 'tidak gagal';
      } catch (error) {
        expect(error).toBeInstanceOf(StartFailure);
        return (error as Error).message;
      }
    });
    expect(reasons[0]).toBe(`kunci TLS ${other} bukan pasangan sertifikat ${certFile} (periksa PROTAP_TLS_KEY dan PROTAP_TLS_CERT).`);
    expect(reasons[1]).toMatch(new RegExp(`^berkas sertifikat TLS ${keyFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} bukan sertifikat PEM yang sah`));
    expect(reasons[2]).toMatch(/^berkas kunci TLS .* bukan kunci privat PEM yang sah/);
    expect(reasons[3]).toBe(`berkas sertifikat TLS (PROTAP_TLS_CERT) ${join(dir, 'tidak-ada.crt')} tidak dapat dibaca: berkas tidak ada.`);
    for (const reason of reasons) expect(reason).not.toContain('\n');
  });

  it('stops the start in one line when the redirect port is taken', async () => {
    const taken: Server = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    const port = (taken.address() as { port: number }).port;
    const started = spawnServer({ HOST: '127.0.0.1', PROTAP_TLS_CERT: certFile, PROTAP_TLS_KEY: keyFile, PROTAP_HTTP_PORT: String(port), PROTAP_DATA: join(dir, 'data-2') }, { timeoutMs: 30_000 });
    await expect(started).rejects.toThrow(`Protap tidak dapat dimulai: port ${port} sudah dipakai program lain (ubah PROTAP_HTTP_PORT).\n`);
    taken.close();
  }, 40_000);
});

describe('the listeners', () => {
  it('take the port at once and answer 503 until the app is handed over', async () => {
    const listeners = await openListeners(serverSettings({ PORT: '0' }));
    try {
      expect(listeners).toMatchObject({ protocol: 'http', address: '127.0.0.1' });
      const early = await get(`http://127.0.0.1:${listeners.port}/api/health`);
      expect(early.status).toBe(503);
      expect(early.headers['retry-after']).toBe('5');
      expect(JSON.parse(early.body)).toMatchObject({ code: 'STARTING', detail: 'Protap sedang dimulai; coba lagi sebentar lagi.' });
      listeners.serve((_req, res) => { res.end('siap'); });
      expect((await get(`http://127.0.0.1:${listeners.port}/api/health`)).body).toBe('siap');
    } finally {
      await listeners.close();
    }
  });

  it('redirect to the standard HTTPS port without naming it', async () => {
    const listeners = await openListeners(serverSettings({ PORT: '0' }));
    listeners.serve(redirectToHttps(443));
    try {
      const answer = await get(`http://127.0.0.1:${listeners.port}/masuk`, { host: '[::1]:80' });
      expect(answer.status).toBe(308);
      expect(answer.headers.location).toBe('https://[::1]/masuk');
    } finally {
      await listeners.close();
    }
  });
});

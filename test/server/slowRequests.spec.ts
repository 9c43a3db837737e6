/**
 * The server as a court office runs it (issue 18, point 6): a sender that stalls mid-body is cut
 * off when the request time runs out instead of holding a socket for minutes, the server keeps
 * answering meanwhile, and the data folder and database are readable by the service user alone.
 */
import { mkdtempSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, type ServerProcess } from '../../server/spawnServer.ts';

describe('a running server and slow or idle senders', () => {
  let server: ServerProcess;
  const dataDir = join(mkdtempSync(join(tmpdir(), 'protap-lambat-')), 'data');
  beforeAll(async () => {
    server = await spawnServer({ PROTAP_DATA: dataDir, PROTAP_REQUEST_TIMEOUT_MS: '1500', PROTAP_ADMIN_PASSWORD: 'sandi-admin-uji-1', PROTAP_CHECKPOINT_HOURS: '0' });
  }, 60_000);
  afterAll(async () => { await server.stop(); });

  it('cuts off a body that stops coming, and answers others meanwhile', async () => {
    const socket = connect(server.port, '127.0.0.1');
    await new Promise<void>((done) => socket.once('connect', () => done()));
    socket.write('POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"id":');
    const answer = new Promise<string>((done) => {
      let text = '';
      socket.on('data', (chunk: Buffer) => { text += chunk.toString(); });
      socket.once('close', () => done(text));
    });
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    const closed = await Promise.race([answer, new Promise<string>((done) => setTimeout(() => done('masih terbuka'), 15_000))]);
    socket.destroy();
    expect(closed).toMatch(/^HTTP\/1\.1 408/);
  }, 30_000);

  it('keeps the data folder and the database to the service user', () => {
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'protap.db')).mode & 0o777).toBe(0o600);
  });
});

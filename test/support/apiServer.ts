/**
 * The API in-process on a free port, over a SQLite store in a temporary folder, with a fixed clock
 * (deadlines, sessions and calendar years do not depend on the day a suite runs) and the people
 * a suite needs, each signed in: `as[id]` holds their Authorization header.
 */
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createApp } from '../../server/app.ts';
import { call } from '../../server/spawnServer.ts';
import { ensureAdmin } from '../../src/auth/people.ts';
import type { BpmnChecker } from '../../src/runtime/bpmnChecker.ts';
import { DurableEngine } from '../../src/store/durableEngine.ts';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.ts';

export const PASSWORD = 'kata-sandi-uji-123';

export interface ApiServer {
  server: Server;
  url: string;
  store: SqliteStore;
  engine: DurableEngine;
  /** Authorization headers by person id (admin included). */
  as: Record<string, Record<string, string>>;
  /** Signs a person in again (a fresh token in `as`). */
  loginAs(id: string, password?: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts the API with these people (password PASSWORD), each signed in. */
export async function startApiServer(people: { id: string; roles: string[] }[], clock = () => '2026-03-02T09:00:00+07:00', options: { bpmn?: BpmnChecker; firstAdminFile?: string } = {}): Promise<ApiServer> {
  const dir = mkdtempSync(join(tmpdir(), 'protap-api-'));
  const store = new SqliteStore(join(dir, 'protap.db'));
  const engine = await DurableEngine.open({ store, clock, ...(options.bpmn ? { bpmn: options.bpmn } : {}) });
  await ensureAdmin(store, engine.clock(), PASSWORD);
  const checkpoints = { keyFile: join(dir, 'kunci-audit.pem'), folder: join(dir, 'titik-periksa') };
  const server: Server = createApp(engine, pino({ level: 'silent' }), { checkpoints, ...(options.firstAdminFile ? { firstAdminFile: options.firstAdminFile } : {}) }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const as: Record<string, Record<string, string>> = {};
  const loginAs = async (id: string, password = PASSWORD) => {
    const answer = await call(url, 'POST', '/api/login', { id, password });
    if (answer.status !== 200) throw new Error(`login ${id}: ${answer.status}`);
    as[id] = { authorization: `Bearer ${answer.body.token}` };
  };
  await loginAs('admin');
  for (const person of people) {
    const created = await call(url, 'POST', '/api/users', { ...person, name: person.id, password: PASSWORD, mustChangePassword: false }, as.admin);
    if (created.status !== 201) throw new Error(`user ${person.id}: ${JSON.stringify(created.body)}`);
    await loginAs(person.id);
  }
  return {
    server, url, store, engine, as, loginAs,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    },
  };
}

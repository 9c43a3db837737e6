/**
 * End-to-end support: the web app built into a temporary folder, a real server process serving
 * it (SQLite in a temporary folder, admin password known, people added through the API), and
 * Debian's Chromium driven by playwright-core. Without Chromium the suites skip on a developer's
 * machine and fail under CI=true (.ci/run installs it), like the PostgreSQL suites.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { buildEditor } from '../../../editor/build.ts';
import { call, spawnServer, type ServerProcess } from '../../../server/spawnServer.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM);
export const ADMIN_PASSWORD = 'sandi-admin-uji';
const root = resolve(import.meta.dirname, '../../..');

/** `describe` with Chromium present; otherwise skipped, or a failing test under CI=true. */
export function describeBrowser(title: string, body: () => void): void {
  if (chromiumAvailable) describe(title, body);
  else if (process.env.CI === 'true') describe(title, () => { it('membutuhkan Chromium', () => { throw new Error(`Chromium tidak ada di ${CHROMIUM}, padahal CI=true (.ci/run memasangnya).`); }); });
  else describe.skip(`${title} (Chromium tidak ada di ${CHROMIUM})`, body);
}

export interface Person { id: string; name: string; password: string; roles: string[] }

export interface AppUnderTest {
  server: ServerProcess;
  url: string;
  /** The server's PROTAP_DATA folder (its SQLite file is protap.db there). */
  dataDir: string;
  browser: Browser;
  /** A bearer token of the admin, for setting up data through the API. */
  adminToken: string;
  /** An API call as the admin. */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  addPerson(person: Person): Promise<void>;
  /** Deploys a BPMN file of the repository (path from its root), as the admin. */
  deploy(path: string): Promise<void>;
  /** A fresh page (own cookies and storage) signed in as `person`. */
  signedIn(person: { id: string; password: string }): Promise<Page>;
  close(): Promise<void>;
}

export async function startApp(): Promise<AppUnderTest> {
  const folder = mkdtempSync(join(tmpdir(), 'protap-e2e-'));
  const webRoot = await buildEditor({ outdir: join(folder, 'web'), minify: false });
  const dataDir = join(folder, 'data');
  const server = await spawnServer({ PROTAP_DATA: dataDir, PROTAP_ADMIN_PASSWORD: ADMIN_PASSWORD, PROTAP_WEB_ROOT: webRoot }, { keepLogs: false });
  const login = await call(server.url, 'POST', '/api/login', { id: 'admin', password: ADMIN_PASSWORD });
  const adminToken = login.body.token as string;
  const api = (method: string, path: string, body?: unknown) => call(server.url, method, path, body, { authorization: `Bearer ${adminToken}` });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    server, url: server.url, dataDir, browser, adminToken, api,
    async addPerson(person) {
      const answer = await api('POST', '/api/users', { ...person, mustChangePassword: false });
      if (answer.status !== 201) throw new Error(`pengguna ${person.id} tidak dibuat: ${JSON.stringify(answer.body)}`);
    },
    async deploy(path) {
      const answer = await api('POST', '/api/definitions', readFileSync(join(root, path), 'utf8'));
      if (answer.status !== 201) throw new Error(`${path} tidak di-deploy: ${JSON.stringify(answer.body)}`);
    },
    async signedIn(person) {
      const context = await browser.newContext({ locale: 'id-ID', timezoneId: 'Asia/Jakarta', viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      await page.goto(server.url);
      await page.getByLabel('ID pengguna').fill(person.id);
      await page.getByLabel('Kata sandi').fill(person.password);
      await page.getByRole('button', { name: 'Masuk' }).click();
      await page.getByRole('button', { name: 'Keluar' }).waitFor();
      return page;
    },
    async close() {
      await browser.close();
      await server.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

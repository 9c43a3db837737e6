import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { login } from '../../src/auth/people.ts';
import { main } from '../../src/cli/main.ts';
import { capture } from '../support/captureConsole.ts';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.ts';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('protap and the office config file', () => {
  it('reads the store the config file names, as the service does; a bad line is refused naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'protap-cli-conf-'));
    const config = join(dir, 'protap.conf');
    writeFileSync(config, `# seperti /etc/protap/protap.conf\nPROTAP_DATA=${join(dir, 'data')}\nPROTAP_ZONA=WITA\n`);
    vi.stubEnv('PROTAP_CONFIG', config);
    vi.stubEnv('PROTAP_DATA', undefined);
    vi.stubEnv('PROTAP_ZONA', undefined);
    vi.stubEnv('DATABASE_URL', '');
    const io = capture();
    expect(await main(['user', 'add', 'kasir-1', '--nama', 'Kasir', '--peran', 'bendahara'])).toBe(0);
    const store = new SqliteStore(join(dir, 'data', 'protap.db'));
    expect((await store.listUsers()).map((u) => u.id)).toEqual(['kasir-1']);
    await store.close();
    writeFileSync(config, 'PROTAP_DATA=/x\nPROTAP_DATA=/y\n');
    expect(await main(['user', 'list'])).toBe(2);
    expect(io.err()).toContain(`berkas konfigurasi ${config} baris 2: PROTAP_DATA sudah ditulis di baris 1`);
  });
});

describe('protap user', () => {
  it('adds a person with a generated password shown once, lists, changes roles and disables', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'protap-user-cli-'));
    vi.stubEnv('PROTAP_DATA', dir);
    vi.stubEnv('DATABASE_URL', '');
    const io = capture();
    expect(await main(['user', 'add', 'jurusita-1', '--nama', 'Budi Santoso', '--peran', 'jurusita'])).toBe(0);
    const password = /hanya ditampilkan sekali\): (\S+)/.exec(io.out())?.[1] as string;
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(await main(['user', 'set', 'jurusita-1', '--peran', 'jurusita,panitera'])).toBe(0);
    expect(await main(['user', 'list', '--json'])).toBe(0);
    const listed = JSON.parse(io.out().slice(io.out().indexOf('[')));
    expect(listed).toEqual([expect.objectContaining({ id: 'jurusita-1', name: 'Budi Santoso', roles: ['jurusita', 'panitera'], disabled: false })]);
    expect(JSON.stringify(listed)).not.toContain('argon2');
    const store = new SqliteStore(join(dir, 'protap.db'));
    expect((await login(store, 'jurusita-1', password, new Date().toISOString())).user.id).toBe('jurusita-1');
    await store.close();
    expect(await main(['user', 'set', 'jurusita-1', '--nonaktif'])).toBe(0);
    expect(await main(['user', 'add', 'jurusita-1', '--nama', 'Lagi', '--peran', 'x'])).toBe(1);
    expect(io.err()).toContain('sudah ada');
    expect(await main(['user', 'set', 'tidak-ada', '--aktif'])).toBe(1);
    expect(await main(['user', 'add', 'tanpa-peran', '--nama', 'X'])).toBe(2);
  });

  it('gives a person a unit with --unit, changes it, and clears it with --unit ""; no forced password change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'protap-user-cli-'));
    vi.stubEnv('PROTAP_DATA', dir);
    vi.stubEnv('DATABASE_URL', '');
    const io = capture();
    expect(await main(['user', 'add', 'panmud-1', '--nama', 'Sri', '--peran', 'panmud-pidana', '--unit', 'Kepaniteraan Pidana'])).toBe(0);
    const unitOf = async () => {
      const store = new SqliteStore(join(dir, 'protap.db'));
      try {
        return await store.getUser('panmud-1');
      } finally {
        await store.close();
      }
    };
    expect(await unitOf()).toMatchObject({ unit: 'Kepaniteraan Pidana', mustChangePassword: false });
    expect(await main(['user', 'list'])).toBe(0);
    expect(io.out()).toContain('[Kepaniteraan Pidana]');
    expect(await main(['user', 'set', 'panmud-1', '--unit', 'Kepaniteraan Perdata'])).toBe(0);
    expect((await unitOf())?.unit).toBe('Kepaniteraan Perdata');
    expect(await main(['user', 'set', 'panmud-1', '--unit', ''])).toBe(0);
    expect(await unitOf()).not.toHaveProperty('unit');
  });
});

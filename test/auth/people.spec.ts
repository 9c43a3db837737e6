/** People and login on a real store: hashes, sessions, refusals, the first admin. */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addUser, authenticate, ensureAdmin, login, logout, updateUser } from '../../src/auth/people.ts';
import { may, mayComplete } from '../../src/auth/roles.ts';
import { SessionCache } from '../../src/auth/sessionCache.ts';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.ts';

const NOW = '2026-03-02T09:00:00+07:00';
const later = (hours: number) => new Date(Date.parse(NOW) + hours * 3_600_000).toISOString();
const open = () => new SqliteStore(join(mkdtempSync(join(tmpdir(), 'protap-people-')), 'protap.db'));

describe('people and login', () => {
  it('keeps one active admin: the last cannot be disabled or lose the role, one of two can', async () => {
    const store = open();
    await addUser(store, { id: 'admin-1', name: 'Admin Satu', password: 'rahasia-admin-1', roles: ['admin'] }, NOW);
    await expect(updateUser(store, 'admin-1', { disabled: true }, NOW)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('satu-satunya admin aktif') });
    await expect(updateUser(store, 'admin-1', { roles: ['pimpinan'] }, NOW)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await store.getUser('admin-1'))?.disabled).toBe(false);
    await addUser(store, { id: 'admin-2', name: 'Admin Dua', password: 'rahasia-admin-2', roles: ['admin'] }, NOW);
    expect((await updateUser(store, 'admin-1', { disabled: true }, NOW)).disabled).toBe(true);
    await expect(updateUser(store, 'admin-2', { roles: ['auditor'] }, NOW)).rejects.toMatchObject({ code: 'CONFLICT' });
    await store.close();
  });

  it('stores an argon2id hash, never the password, and logs in with a token that expires after 12 hours', async () => {
    const store = open();
    await addUser(store, { id: 'jurusita-1', name: 'Budi', password: 'rahasia-budi-1', roles: ['jurusita'] }, NOW);
    const stored = await store.getUser('jurusita-1');
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(stored)).not.toContain('rahasia-budi-1');
    const session = await login(store, 'jurusita-1', 'rahasia-budi-1', NOW);
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await authenticate(store, session.token, later(11)))?.id).toBe('jurusita-1');
    expect(await authenticate(store, session.token, later(12))).toBeUndefined();
    expect(await authenticate(store, 'bukan-token', NOW)).toBeUndefined();
    await logout(store, session.token);
    expect(await authenticate(store, session.token, NOW)).toBeUndefined();
    await store.close();
  });

  it('refuses a wrong password and an unknown name alike, and a disabled account', async () => {
    const store = open();
    await addUser(store, { id: 'hakim-1', name: 'Sari', password: 'rahasia-sari-1', roles: ['majelis-hakim'] }, NOW);
    const refusals = await Promise.allSettled([login(store, 'hakim-1', 'salah-salah-1', NOW), login(store, 'tidak-ada', 'rahasia-sari-1', NOW)]);
    expect(refusals.map((r) => r.status === 'rejected' && (r.reason as { code: string }).code)).toEqual(['LOGIN_FAILED', 'LOGIN_FAILED']);
    const { token } = await login(store, 'hakim-1', 'rahasia-sari-1', NOW);
    await updateUser(store, 'hakim-1', { disabled: true }, NOW);
    expect(await authenticate(store, token, NOW)).toBeUndefined();
    await expect(login(store, 'hakim-1', 'rahasia-sari-1', NOW)).rejects.toMatchObject({ code: 'LOGIN_FAILED' });
    await store.close();
  });

  it('checks names, passwords and roles of new people', async () => {
    const store = open();
    await expect(addUser(store, { id: 'Budi Besar', name: 'B', password: 'rahasia-budi-1', roles: ['jurusita'] }, NOW)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(addUser(store, { id: 'budi', name: 'B', password: 'pendek', roles: ['jurusita'] }, NOW)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(addUser(store, { id: 'budi', name: 'B', password: 'rahasia-budi-1', roles: [] }, NOW)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(addUser(store, { id: 'budi', name: 'B', password: 'rahasia-budi-1', roles: ['Jurusita Pengganti'] }, NOW)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await store.close();
  });

  it('creates the first admin once, with a generated password when none is given', async () => {
    const store = open();
    const first = await ensureAdmin(store, NOW);
    expect(first).toMatchObject({ created: true, generated: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/) });
    expect(await ensureAdmin(store, NOW)).toEqual({ created: false });
    expect((await login(store, 'admin', first.generated as string, NOW)).user.roles).toEqual(['admin']);
    await store.close();
  });

  it('remembers a token for a few seconds, and forgets what this process changes at once', async () => {
    const store = open();
    await addUser(store, { id: 'panitera-1', name: 'Ani', password: 'rahasia-ani-12', roles: ['panitera'] }, NOW);
    const { token } = await login(store, 'panitera-1', 'rahasia-ani-12', NOW);
    const cache = new SessionCache(store, 10_000);
    expect((await cache.authenticate(token, NOW))?.id).toBe('panitera-1');
    await store.deleteSession(createHash('sha256').update(token).digest('hex'));
    // Ended elsewhere (another process): still known here until the entry is 10 s old.
    expect((await cache.authenticate(token, later(0.001)))?.id).toBe('panitera-1');
    expect(await cache.authenticate(token, later(0.003))).toBeUndefined();
    const second = await login(store, 'panitera-1', 'rahasia-ani-12', NOW);
    expect((await cache.authenticate(second.token, NOW))?.roles).toEqual(['panitera']);
    await updateUser(store, 'panitera-1', { disabled: true }, NOW);
    cache.forgetUser('panitera-1');
    expect(await cache.authenticate(second.token, NOW)).toBeUndefined();
    await store.close();
  });

  it('grants by role: lanes for steps, analis to deploy, admin to manage people, auditors nothing that changes', () => {
    const jurusita = { id: 'j', roles: ['jurusita'] };
    const auditor = { id: 'a', roles: ['auditor'] };
    expect([mayComplete(jurusita, 'jurusita'), mayComplete(jurusita, 'panitera'), mayComplete(jurusita, undefined)]).toEqual([true, false, true]);
    expect([mayComplete(auditor, undefined), may(auditor, 'act'), may(auditor, 'oversee')]).toEqual([false, false, true]);
    expect([may({ id: 'n', roles: ['analis'] }, 'deploy'), may(jurusita, 'deploy'), may({ id: 'x', roles: ['admin'] }, 'manageUsers')]).toEqual([true, false, true]);
  });
});

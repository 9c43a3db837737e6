/**
 * People managed through the API (issue 18, point 5): units, one-time passwords from a reset, a
 * password that must be changed before anything else, one's own password, the names everyone may
 * read, the units of the deployed SOPs, and who may manage people at all.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_AFTER } from '../../src/auth/loginThrottle.ts';
import { call } from '../../server/spawnServer.ts';
import { PASSWORD, startApiServer, type ApiServer } from '../support/apiServer.ts';
import { fixture } from '../support/engineWith.ts';

const PROCESSES = `${import.meta.dirname}/../../processes`;
const PEOPLE = [
  { id: 'jurusita-1', roles: ['jurusita'] },
  { id: 'jurusita-2', roles: ['jurusita'] },
  { id: 'jurusita-3', roles: ['jurusita'] },
  { id: 'analis-1', roles: ['analis'] },
  { id: 'pimpinan-1', roles: ['pimpinan'] },
];
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('HTTP API: people', () => {
  let api: ApiServer;
  let url: string;
  const as = (id: string) => api.as[id] as Record<string, string>;
  /** Signs in and answers the login's body (token and user). */
  const signIn = async (id: string, password: string) => call(url, 'POST', '/api/login', { id, password });

  beforeAll(async () => {
    api = await startApiServer(PEOPLE);
    url = api.url;
  });
  afterAll(async () => { await api.close(); });

  it('adds a person who must change the password an admin chose, with a unit that can be changed and cleared', async () => {
    const added = await call(url, 'POST', '/api/users', { id: 'panmud-1', name: 'Sri Panmud', password: 'sandi-awal-123', roles: ['panmud-pidana'], unit: 'Kepaniteraan Pidana' }, as('admin'));
    expect(added).toMatchObject({ status: 201, body: { id: 'panmud-1', unit: 'Kepaniteraan Pidana', mustChangePassword: true, disabled: false } });
    expect(JSON.stringify(added.body)).not.toMatch(/argon2|passwordHash/);
    expect((await call(url, 'GET', '/api/users', undefined, as('admin'))).body).toContainEqual(expect.objectContaining({ id: 'panmud-1', unit: 'Kepaniteraan Pidana' }));
    // The login answer says so too.
    expect((await signIn('panmud-1', 'sandi-awal-123')).body.user).toMatchObject({ id: 'panmud-1', mustChangePassword: true });

    const moved = await call(url, 'PATCH', '/api/users/panmud-1', { unit: '  Kepaniteraan Perdata ' }, as('admin'));
    expect(moved.body.unit).toBe('Kepaniteraan Perdata');
    const cleared = await call(url, 'PATCH', '/api/users/panmud-1', { unit: '' }, as('admin'));
    expect(cleared.status).toBe(200);
    expect(cleared.body).not.toHaveProperty('unit');
    expect(await api.store.getUser('panmud-1')).not.toHaveProperty('unit');
    const tooLong = await call(url, 'PATCH', '/api/users/panmud-1', { unit: 'x'.repeat(121) }, as('admin'));
    expect(tooLong).toMatchObject({ status: 400, body: { code: 'BAD_INPUT', detail: expect.stringContaining('120') } });
    // Set-up scripts may say the chosen password stands.
    const trusted = await call(url, 'POST', '/api/users', { id: 'panmud-2', name: 'Tono', password: 'sandi-awal-123', roles: ['panmud-pidana'], mustChangePassword: false }, as('admin'));
    expect(trusted.body).toMatchObject({ mustChangePassword: false });
    expect(trusted.body).not.toHaveProperty('unit');
  });

  it('resets a password: a one-time password that works, the old one and every old session no longer', async () => {
    const second = (await signIn('jurusita-1', PASSWORD)).body.token as string;
    const reset = await fetch(`${url}/api/users/jurusita-1/reset-password`, { method: 'POST', headers: as('admin') });
    expect(reset.status).toBe(200);
    expect(reset.headers.get('cache-control')).toBe('no-store');
    const { password } = (await reset.json()) as { password: string };
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect((await call(url, 'GET', '/api/me', undefined, as('jurusita-1'))).status).toBe(401);
    expect((await call(url, 'GET', '/api/me', undefined, bearer(second))).status).toBe(401);
    expect((await signIn('jurusita-1', PASSWORD)).status).toBe(401);
    const fresh = await signIn('jurusita-1', password);
    expect(fresh).toMatchObject({ status: 200, body: { user: { id: 'jurusita-1', mustChangePassword: true } } });
    expect((await call(url, 'POST', '/api/users/tidak-ada/reset-password', undefined, as('admin'))).body.code).toBe('USER_NOT_FOUND');
  });

  it('allows nothing but /api/me, changing the password and signing out until the password is changed', async () => {
    const { password: oneTime } = (await call(url, 'POST', '/api/users/jurusita-2/reset-password', undefined, as('admin'))).body as { password: string };
    const token = (await signIn('jurusita-2', oneTime)).body.token as string;
    const other = (await signIn('jurusita-2', oneTime)).body.token as string;
    for (const [method, path] of [['GET', '/api/worklist'], ['GET', '/api/people'], ['GET', '/api/definitions'], ['GET', '/api/cases'], ['POST', '/api/cases'], ['GET', '/api/tidak-ada']]) {
      const refused = await call(url, method as string, path as string, method === 'POST' ? { processId: 'x' } : undefined, bearer(token));
      expect([path, refused.status, refused.body.code]).toEqual([path, 403, 'PASSWORD_CHANGE_REQUIRED']);
      expect(refused.body.detail).toMatch(/harus diganti/);
    }
    expect((await call(url, 'GET', '/api/me', undefined, bearer(token))).body).toMatchObject({ id: 'jurusita-2', mustChangePassword: true });

    const change = (body: unknown, token_ = token) => call(url, 'POST', '/api/me/password', body, bearer(token_));
    expect(await change({ current: oneTime, password: oneTime })).toMatchObject({ status: 400, body: { code: 'BAD_INPUT', detail: expect.stringContaining('berbeda') } });
    expect(await change({ current: oneTime, password: 'pendek' })).toMatchObject({ status: 400, body: { code: 'BAD_INPUT' } });
    expect(await change({ current: oneTime })).toMatchObject({ status: 400, body: { code: 'BAD_INPUT' } });
    expect((await change({ current: oneTime, password: 'sandi-pilihan-sendiri' })).status).toBe(204);

    // This session goes on, now unhindered; the other one ended; the new password signs in.
    expect((await call(url, 'GET', '/api/worklist', undefined, bearer(token))).status).toBe(200);
    expect((await call(url, 'GET', '/api/me', undefined, bearer(token))).body).toMatchObject({ mustChangePassword: false });
    expect((await call(url, 'GET', '/api/me', undefined, bearer(other))).status).toBe(401);
    expect((await signIn('jurusita-2', oneTime)).status).toBe(401);
    expect((await signIn('jurusita-2', 'sandi-pilihan-sendiri')).body.user).toMatchObject({ mustChangePassword: false });

    // Signing out works while the change is still required.
    const { password: again } = (await call(url, 'POST', '/api/users/jurusita-2/reset-password', undefined, as('admin'))).body as { password: string };
    const blocked = (await signIn('jurusita-2', again)).body.token as string;
    expect((await call(url, 'POST', '/api/logout', undefined, bearer(blocked))).status).toBe(204);
    expect((await call(url, 'GET', '/api/me', undefined, bearer(blocked))).status).toBe(401);
  });

  it('refuses one\'s own change with a wrong current password, counting it as a failed sign-in', async () => {
    const wrong = await call(url, 'POST', '/api/me/password', { current: 'bukan-sandinya', password: 'sandi-baru-sekali' }, as('jurusita-3'));
    expect(wrong).toMatchObject({ status: 400, body: { code: 'BAD_INPUT', field: 'current', detail: 'Kata sandi sekarang salah.' } });
    expect((await signIn('jurusita-3', PASSWORD)).status).toBe(200);
    // A right sign-in started the count afresh: LOCK_AFTER wrong ones in a row lock the account, for the form and for signing in.
    for (let i = 0; i < LOCK_AFTER; i++) {
      expect((await call(url, 'POST', '/api/me/password', { current: `salah-${i}`, password: 'sandi-baru-sekali' }, as('jurusita-3'))).status).toBe(400);
    }
    const locked = await call(url, 'POST', '/api/me/password', { current: PASSWORD, password: 'sandi-baru-sekali' }, as('jurusita-3'));
    expect(locked).toMatchObject({ status: 429, body: { code: 'TOO_MANY_ATTEMPTS' } });
    expect((await signIn('jurusita-3', PASSWORD)).status).toBe(429);
    expect((await api.store.getUser('jurusita-3'))?.mustChangePassword).toBe(false);
  });

  it('gives everyone signed in the names of all people, without roles or hashes', async () => {
    const people = await call(url, 'GET', '/api/people', undefined, as('pimpinan-1'));
    expect(people.status).toBe(200);
    expect(people.body).toContainEqual({ id: 'admin', name: 'Administrator' });
    expect(people.body).toContainEqual({ id: 'pimpinan-1', name: 'pimpinan-1' });
    for (const person of people.body as Record<string, unknown>[]) expect(Object.keys(person).sort()).toEqual(['id', 'name']);
    expect(JSON.stringify(people.body)).not.toMatch(/argon2|roles|jurusita"\]/);
    expect((await call(url, 'GET', '/api/people')).status).toBe(401);
  });

  it('lists the units the deployed SOPs name, each once and sorted', async () => {
    for (const file of ['pidana/pidana-A.bpmn', 'pidana/pidana-B.bpmn', 'umum/umum-A.bpmn']) {
      expect((await call(url, 'POST', '/api/definitions', fixture(PROCESSES, file), as('analis-1'))).status).toBe(201);
    }
    expect((await call(url, 'GET', '/api/units', undefined, as('pimpinan-1'))).body).toEqual(['Kepaniteraan Pidana', 'Sub Bagian Umum']);
  });

  it('lets only admins manage people', async () => {
    for (const id of ['jurusita-3', 'analis-1', 'pimpinan-1']) {
      const attempts: [string, string, unknown][] = [
        ['GET', '/api/users', undefined],
        ['POST', '/api/users', { id: 'x-1', name: 'X', password: PASSWORD, roles: ['jurusita'] }],
        ['PATCH', '/api/users/panmud-2', { unit: 'Kepaniteraan Pidana' }],
        ['POST', '/api/users/panmud-2/reset-password', undefined],
      ];
      for (const [method, path, body] of attempts) {
        const refused = await call(url, method, path, body, as(id));
        expect([id, method, path, refused.status, refused.body.code]).toEqual([id, method, path, 403, 'FORBIDDEN']);
      }
    }
    expect(await api.store.getUser('panmud-2')).toMatchObject({ mustChangePassword: false });
    expect(await api.store.getUser('panmud-2')).not.toHaveProperty('unit');
    expect(await api.store.getUser('x-1')).toBeUndefined();
  });

  it('still keeps the last active admin: neither disabled nor stripped of the role', async () => {
    expect(await call(url, 'PATCH', '/api/users/admin', { disabled: true }, as('admin'))).toMatchObject({ status: 409, body: { code: 'CONFLICT', detail: expect.stringContaining('satu-satunya admin aktif') } });
    expect(await call(url, 'PATCH', '/api/users/admin', { roles: ['pimpinan'] }, as('admin'))).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });
    expect((await call(url, 'GET', '/api/me', undefined, as('admin'))).body).toMatchObject({ roles: ['admin'], disabled: false });
  });
});

describe('HTTP API: the first admin password file', () => {
  it('is deleted once admin chooses a password of their own, and not when someone else does', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'protap-admin-file-')), 'admin-pertama.txt');
    writeFileSync(file, 'kata sandi: …\n', { mode: 0o600 });
    const api = await startApiServer([{ id: 'staf-1', roles: ['staf-umum'] }], undefined, { firstAdminFile: file });
    try {
      const own = await call(api.url, 'POST', '/api/me/password', { current: PASSWORD, password: 'sandi-staf-baru-123' }, api.as['staf-1']);
      expect(own.status).toBe(204);
      expect(existsSync(file)).toBe(true);
      const admin = await call(api.url, 'POST', '/api/me/password', { current: PASSWORD, password: 'sandi-admin-baru-123' }, api.as.admin);
      expect(admin.status).toBe(204);
      expect(existsSync(file)).toBe(false);
    } finally {
      await api.close();
    }
  });
});

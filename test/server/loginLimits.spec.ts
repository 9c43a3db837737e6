/**
 * Wrong passwords are bounded (issue 18, point 6): an account locks after 10 in a row (429 with
 * Retry-After, whatever the address) while everyone else still signs in; one address sending 100
 * wrong passwords over many accounts is refused for a while.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startApiServer, type ApiServer } from '../support/apiServer.ts';
import { LoginThrottle } from '../../src/auth/loginThrottle.ts';

const login = (api: ApiServer, id: string, password: string) =>
  fetch(`${api.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id, password }) });

describe('login limits', () => {
  let api: ApiServer;
  beforeAll(async () => { api = await startApiServer([{ id: 'jurusita-1', roles: ['jurusita'] }, { id: 'hakim-1', roles: ['majelis-hakim'] }]); });
  afterAll(async () => { await api.close(); });

  it('locks an account before the 30th wrong password, says how long, and lets others in', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await login(api, 'jurusita-1', `salah-${i}`)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.indexOf(429)).toBe(10);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    const locked = await login(api, 'jurusita-1', PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(await locked.json()).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', detail: expect.stringContaining('dikunci sementara setelah 10 kata sandi salah') });
    expect((await login(api, 'hakim-1', PASSWORD)).status).toBe(200);
  });
});

describe('login limits per address', () => {
  let api: ApiServer;
  beforeAll(async () => { api = await startApiServer([{ id: 'jurusita-1', roles: ['jurusita'] }]); });
  afterAll(async () => { await api.close(); });

  it('refuses one address after 100 wrong passwords over many accounts', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 101; i++) last = await login(api, `orang-${i % 20}`, 'salah');
    expect(last?.status).toBe(429);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await last?.json()).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', detail: expect.stringContaining('dari alamat ini') });
  });
});

describe('LoginThrottle', () => {
  it('locks longer each time, and a right password starts afresh', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 9; i++) expect(throttle.failed('a', 0)).toBeUndefined();
    expect(throttle.failed('a', 0)).toBe(900);
    expect(throttle.waitSeconds('a', 60_000)).toBe(840);
    for (let i = 0; i < 9; i++) throttle.failed('a', 900_000);
    expect(throttle.failed('a', 900_000)).toBe(1800);
    throttle.succeeded('a');
    expect(throttle.waitSeconds('a', 900_001)).toBe(0);
  });
});

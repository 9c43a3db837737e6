/**
 * Issue 21: server processes on one PostgreSQL learn at once what another changed — a logout, a
 * version deployed — instead of after the session cache's 10 s or the next list request. Two
 * stores on one schema play two server processes.
 */
import { afterAll, expect, it } from 'vitest';
import { addUser, login, logout } from '../../src/auth/people.ts';
import { SessionCache } from '../../src/auth/sessionCache.ts';
import { DurableEngine } from '../../src/store/durableEngine.ts';
import { PostgresStore } from '../../src/store/postgres/postgresStore.ts';
import { fixture } from '../support/engineWith.ts';
import { DATABASE_URL, describePostgres, dropSchemas, freshSchema, postgresAvailable } from '../support/postgres.ts';
import { until } from '../support/until.ts';

const available = await postgresAvailable();
const runtimeDir = `${import.meta.dirname}/../runtime`;
const NOW = '2026-01-05T08:00:00+07:00';

describePostgres('changes heard across server processes (PostgreSQL LISTEN/NOTIFY)', available, () => {
  const schema = freshSchema();
  const stores: PostgresStore[] = [];
  const open = () => { const store = new PostgresStore(DATABASE_URL, { schema }); stores.push(store); return store; };
  afterAll(async () => { for (const store of stores) await store.close(); await dropSchemas([schema]); });

  it('a logout on one process ends the session on the other at once, its cache notwithstanding', async () => {
    const [a, b] = [open(), open()];
    await a.migrate();
    await addUser(a, { id: 'rina', name: 'Rina', password: 'sandi-rina-uji-1', roles: ['jurusita'], mustChangePassword: false }, NOW);
    const { token } = await login(a, 'rina', 'sandi-rina-uji-1', NOW);
    const cacheB = new SessionCache(b, 3_600_000); // an hour: only a notification can end it in time
    await cacheB.listen();
    expect((await cacheB.authenticate(token, NOW))?.id).toBe('rina');
    await logout(a, token);
    await until(async () => (await cacheB.authenticate(token, NOW)) === undefined, 'sesi berakhir di proses kedua', { timeoutMs: 5_000 });
  });

  it('a version deployed on one process is known to the other without its asking', async () => {
    const engineA = await DurableEngine.open({ store: open(), clock: () => NOW });
    const engineB = await DurableEngine.open({ store: open(), clock: () => NOW });
    const xml = fixture(runtimeDir, 'caseEngine.pemanggilan.bpmn');
    await engineA.deployXml(xml);
    await until(() => engineB.definitions().some((d) => d.processId === 'Pemanggilan'), 'versi 1 dikenal proses kedua', { timeoutMs: 5_000 });
    await engineA.deployXml(xml.replace('sop:waktu="2 Hari Kerja"', 'sop:waktu="3 Hari Kerja"'));
    await until(() => engineB.definition('Pemanggilan').version === 2, 'versi 2 dikenal proses kedua', { timeoutMs: 5_000 });
  });
});

/**
 * The worklist and cases in a real browser: a catalogue SOP with two steps in two lanes
 * (umum-F "Pelaporan": Kasubag Umum, then Staf Sub Bagian Umum), run by the people holding those
 * roles from the start form to "selesai", with the history naming who did what; a completion sent
 * twice completes once; a refusal shows the server's own words.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { call } from '../../server/spawnServer.ts';
import { describeBrowser, startApp, type AppUnderTest } from './support/browser.ts';

const SOP = 'processes/umum/umum-F.bpmn';
const STEP_1 = /Menghimpun bahan laporan/;
const STEP_2 = /Mengetik data/;
const kasubag = { id: 'rina', nama: 'Rina Kasubag Umum', password: 'sandi-rina-uji', roles: ['kasubag-umum'] };
const staf = { id: 'budi', nama: 'Budi Staf Umum', password: 'sandi-budi-uji', roles: ['staf-umum'] };
const rekan = { id: 'sari', nama: 'Sari Staf Umum', password: 'sandi-sari-uji', roles: ['staf-umum'] };

describeBrowser('aplikasi web: daftar kerja dan kasus', () => {
  let app: AppUnderTest;
  beforeAll(async () => {
    app = await startApp();
    await app.deploy(SOP);
    for (const person of [kasubag, staf, rekan]) await app.addPerson(person);
  }, 90_000);
  afterAll(async () => { await app?.close(); });

  // One signed-in page per person, shared by the tests: signing in is not what they test.
  const pages = new Map<string, Promise<Page>>();
  const pageOf = (person: { id: string; password: string }) => {
    if (!pages.has(person.id)) pages.set(person.id, app.signedIn(person));
    return pages.get(person.id) as Promise<Page>;
  };

  const worklist = async (page: Page) => {
    await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Daftar Kerja' }).click();
    await page.getByRole('heading', { name: 'Daftar Kerja' }).waitFor();
    await page.getByRole('button', { name: 'Muat ulang' }).click();
  };
  /** Submits the open completion form and waits for the success notice ("Langkah … selesai."). */
  const submitted = async (page: Page, step: RegExp, click: 'click' | 'dblclick' = 'click') => {
    const dialog = page.getByRole('dialog', { name: /Selesaikan langkah/ });
    await dialog.getByRole('button', { name: 'Selesaikan langkah' })[click]();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.locator('.pesan-sukses').last().textContent()).toMatch(new RegExp(`Langkah "${step.source}.*" selesai`));
  };
  const logOf = async (caseId: string) => (await app.api('GET', `/api/cases/${caseId}/log`)).body as { event: string; actor: string }[];
  /** A case started through the API (as admin) with step 1 open. */
  const startedCase = async (businessKey: string) => {
    const started = await app.api('POST', '/api/cases', { processId: 'umum-F', businessKey });
    expect(started.status).toBe(201);
    return started.body.id as string;
  };

  it('menjalankan kasus dari formulir mulai sampai selesai oleh dua pelaksana, dengan riwayat pelakunya', async () => {
    const nomor = 'W10.U1/123/HK.00/2026';
    const first = await pageOf(kasubag);
    await first.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Kasus', exact: true }).click();
    await first.getByRole('link', { name: 'Mulai kasus' }).click();
    await first.getByLabel('SOP').selectOption('umum-F');
    await first.getByLabel('Nomor perkara / nomor surat').fill(nomor);
    await first.getByRole('button', { name: 'Mulai kasus' }).click();
    await first.getByRole('heading', { name: new RegExp(nomor) }).waitFor();
    const caseId = decodeURIComponent(new URL(first.url()).hash.split('/')[2] ?? '');
    const opened = await app.api('GET', `/api/cases/${caseId}`);
    expect(opened.body.businessKey).toBe(nomor);
    const due = opened.body.activeSteps[0].due as string;

    // Step 1 is in Kasubag Umum's worklist with its tenggat (WIB) as the server computed it.
    await worklist(first);
    const row = first.getByRole('row', { name: STEP_1 });
    await row.waitFor();
    expect(await row.textContent()).toContain(nomor);
    expect(await row.locator('time').getAttribute('datetime')).toBe(due);
    expect(await row.locator('time').textContent()).toMatch(/WIB$/);

    // Completed with one data field, the submit button clicked twice.
    await row.getByRole('button', { name: 'Selesaikan' }).click();
    const dialog = first.getByRole('dialog', { name: /Selesaikan langkah/ });
    await dialog.getByLabel('Nama data').fill('jumlahBahan');
    await dialog.getByLabel('Nilai').fill('12');
    await submitted(first, STEP_1, 'dblclick');
    await expect.poll(() => first.getByRole('row', { name: STEP_1 }).count()).toBe(0);
    expect(await first.getByRole('row', { name: STEP_2 }).count()).toBe(0);

    // Step 2 shows for Staf Umum, who completes it.
    const second = await pageOf(staf);
    await worklist(second);
    const row2 = second.getByRole('row', { name: STEP_2 });
    await row2.waitFor();
    await row2.getByRole('button', { name: 'Selesaikan' }).click();
    await submitted(second, STEP_2);

    // The case's page: status selesai, the variable, both completions with their actors.
    await second.goto(`${app.url}/#/kasus/${encodeURIComponent(caseId)}`);
    await second.getByRole('heading', { name: 'Riwayat' }).waitFor();
    expect(await second.locator('dl.fakta').textContent()).toContain('selesai');
    expect(await second.getByRole('region', { name: 'Variabel kasus' }).textContent()).toContain('jumlahBahan12');
    const history = second.getByRole('region', { name: 'Riwayat' });
    expect(await history.getByRole('row', { name: /COMPLETE\.Langkah_1/ }).textContent()).toContain('rina');
    expect(await history.getByRole('row', { name: /COMPLETE\.Langkah_2/ }).textContent()).toContain('budi');
    expect(await history.getByRole('link', { name: /replay audit/ }).getAttribute('href')).toBe(`#/audit/${encodeURIComponent(caseId)}`);

    // The double click completed step 1 once.
    const log = await logOf(caseId);
    expect(log.filter((entry) => entry.event === 'COMPLETE.Langkah_1')).toEqual([expect.objectContaining({ actor: 'rina' })]);
  }, 45_000);

  it('menyelesaikan langkah sekali ketika permintaan yang sama terkirim dua kali', async () => {
    const caseId = await startedCase('UJI/GANDA/1');
    const page = await pageOf(kasubag);
    const keys: string[] = [];
    // The network delivers the completion twice (a retry after a lost answer): same Idempotency-Key.
    await page.route('**/steps/Langkah_1/complete', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      await route.fetch();
      await route.fulfill({ response: await route.fetch() });
    });
    await worklist(page);
    const row = page.getByRole('row', { name: /UJI\/GANDA\/1/ });
    await row.getByRole('button', { name: 'Selesaikan' }).click();
    await submitted(page, STEP_1);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect((await logOf(caseId)).filter((entry) => entry.event === 'COMPLETE.Langkah_1')).toHaveLength(1);
    await page.unroute('**/steps/Langkah_1/complete');
  }, 45_000);

  it('menampilkan pesan server ketika rekan sudah lebih dulu menyelesaikan langkah itu', async () => {
    const caseId = await startedCase('UJI/TOLAK/1');
    const rina = await call(app.url, 'POST', '/api/login', { id: kasubag.id, password: kasubag.password });
    const done = await call(app.url, 'POST', `/api/cases/${caseId}/steps/Langkah_1/complete`, {}, { authorization: `Bearer ${rina.body.token as string}` });
    expect(done.status).toBe(200);
    const [budi, sari] = await Promise.all([pageOf(staf), pageOf(rekan)]);
    for (const page of [budi, sari]) {
      await worklist(page);
      await page.getByRole('row', { name: /UJI\/TOLAK\/1/ }).getByRole('button', { name: 'Selesaikan' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Selesaikan langkah' }).waitFor();
    }
    await submitted(budi, STEP_2);
    await sari.getByRole('dialog').getByRole('button', { name: 'Selesaikan langkah' }).click();
    const refusal = sari.locator('.pesan-galat');
    await refusal.waitFor();
    // The server's detail and code, as it said them (the case has ended or moved on).
    expect(await refusal.textContent()).toMatch(new RegExp(`${caseId}.*\\((CASE_NOT_ACTIVE|CONFLICT|STEP_NOT_ACTIVE)\\)`));
    await expect.poll(() => sari.getByRole('row', { name: /UJI\/TOLAK\/1/ }).count()).toBe(0);
    expect((await logOf(caseId)).filter((entry) => entry.event === 'COMPLETE.Langkah_2').map((entry) => entry.actor)).toEqual(['budi']);
  }, 45_000);
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { capture } from '../support/captureConsole.ts';
import { DurableEngine } from '../../src/store/durableEngine.ts';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.ts';
import { fixture } from '../support/engineWith.ts';

/** A data folder with two cases of the Pemanggilan fixture in its SQLite store. */
async function dataFolder(): Promise<{ dir: string; ids: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'protap-replay-cli-'));
  const store = new SqliteStore(join(dir, 'protap.db'));
  const engine = await DurableEngine.open({ store });
  await engine.deployXml(fixture(`${import.meta.dirname}/../runtime`, 'caseEngine.pemanggilan.bpmn'));
  const ids: string[] = [];
  for (const at of ['2026-01-05T08:00:00+07:00', '2026-01-06T08:00:00+07:00']) {
    const { id } = await engine.startCase('Pemanggilan', { at });
    await engine.completeStep(id, 'Panggil', { at: '2026-01-07T08:00:00+07:00' });
    ids.push(id);
  }
  await store.close();
  return { dir, ids };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('protap replay', () => {
  it('says utuh for intact cases and exits 0', async () => {
    const { dir, ids } = await dataFolder();
    vi.stubEnv('PROTAP_DATA', dir);
    vi.stubEnv('DATABASE_URL', '');
    const io = capture();
    expect(await main(['replay', ...ids])).toBe(0);
    expect(io.out()).toContain(`${ids[0]}: utuh (2 catatan)`);
    expect(io.out()).toMatch(/2 kasus, 4 catatan diperiksa .*: semua utuh\./);
  });

  it('names the first bad entry of a tampered case and exits 1; --all --json lists only the bad ones', async () => {
    const { dir, ids } = await dataFolder();
    const db = new Database(join(dir, 'protap.db'));
    db.exec("DROP TRIGGER case_log_no_update; UPDATE case_log SET actor = 'penyusup', entry = replace(entry, '\"sistem\"', '\"penyusup\"') WHERE seq = 2 AND case_id = '" + ids[1] + "'");
    db.close();
    vi.stubEnv('PROTAP_DATA', dir);
    vi.stubEnv('DATABASE_URL', '');
    const io = capture();
    expect(await main(['replay', '--all', '--json'])).toBe(1);
    const report = JSON.parse(io.out());
    expect(report).toMatchObject({ cases: 2, bad: 1, reports: [{ caseId: ids[1], intact: false, badSeq: 2 }] });
  });

  it('writes a signed checkpoint beside the data folder and proves the store against it; a deleted case fails it', async () => {
    const { dir, ids } = await dataFolder();
    vi.stubEnv('PROTAP_DATA', dir);
    vi.stubEnv('DATABASE_URL', '');
    const places = mkdtempSync(join(tmpdir(), 'protap-titik-'));
    vi.stubEnv('PROTAP_AUDIT_KEY', join(places, 'kunci.pem'));
    vi.stubEnv('PROTAP_CHECKPOINTS', join(places, 'titik'));
    let io = capture();
    expect(await main(['checkpoint', '--json'])).toBe(0);
    const made = JSON.parse(io.out()) as { path: string; cases: number; fingerprint: string };
    expect(made).toMatchObject({ cases: 2, path: expect.stringContaining(join(places, 'titik', 'titik-periksa-')) });
    expect(await main(['replay', '--all', '--checkpoint', made.path])).toBe(0);
    expect(io.out()).toContain(`kunci ${made.fingerprint}): semua yang tercatat di dalamnya masih ada dan tidak berubah.`);
    // Someone with the database deletes a whole case: replay alone sees nothing wrong, the checkpoint does.
    const db = new Database(join(dir, 'protap.db'));
    db.exec(`DROP TRIGGER case_log_no_delete; DELETE FROM case_log WHERE case_id = '${ids[0]}'; DELETE FROM open_steps WHERE case_id = '${ids[0]}'; DELETE FROM timers WHERE case_id = '${ids[0]}'; DELETE FROM cases WHERE id = '${ids[0]}'`);
    db.close();
    vi.restoreAllMocks();
    io = capture();
    expect(await main(['replay', '--all', '--checkpoint', made.path])).toBe(1);
    expect(io.out()).toContain(`${ids[0]}: RUSAK menurut titik periksa — Kasus ${ids[0]} (2 catatan pada titik periksa`);
    expect(io.out()).toContain('1 kasus, 2 catatan diperiksa');
    // A checkpoint file altered after signing is refused before anything is checked.
    const altered = join(places, 'ubah.json');
    writeFileSync(altered, readFileSync(made.path, 'utf8').replace('"cases": 2', '"cases": 1'));
    expect(await main(['replay', '--all', '--checkpoint', altered])).toBe(2);
    expect(io.err()).toContain('Tanda tangan titik periksa tidak cocok');
  });

  it('refuses ids together with --all, or neither', async () => {
    const io = capture();
    expect(await main(['replay'])).toBe(2);
    expect(await main(['replay', 'x', '--all'])).toBe(2);
    expect(io.err()).toContain('sebutkan ID kasus atau --all');
  });
});

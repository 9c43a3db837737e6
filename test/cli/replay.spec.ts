import { mkdtempSync } from 'node:fs';
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
    expect(report).toMatchObject({ cases: 2, bad: 1, reports: [{ caseId: ids[1], utuh: false, badSeq: 2 }] });
  });

  it('refuses ids together with --all, or neither', async () => {
    const io = capture();
    expect(await main(['replay'])).toBe(2);
    expect(await main(['replay', 'x', '--all'])).toBe(2);
    expect(io.err()).toContain('sebutkan ID kasus atau --all');
  });
});

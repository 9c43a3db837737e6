/**
 * `protap backup`, `protap restore` and `protap migrate`. The acceptance test of issue 18 (points
 * 3 and 4): a real server under write load, `protap backup` run as a child process meanwhile, the
 * backup restored into a new folder and a second server started on it — every command acknowledged
 * before the backup began is there, and replay says intact.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, spawnServer } from '../../server/spawnServer.ts';
import { main } from '../../src/cli/main.ts';
import { backupSqlite } from '../../src/store/backup.ts';
import { backupFolder } from '../../src/store/backupFiles.ts';
import { sqliteMigrations } from '../../src/store/sqlite/migrations.ts';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.ts';
import { PASSWORD, startApiServer } from '../support/apiServer.ts';
import { appliedVersions, LATEST, oldStore, sha, temp } from '../support/backupFolders.ts';
import { capture } from '../support/captureConsole.ts';
import { until } from '../support/until.ts';

const root = resolve(import.meta.dirname, '../..');

const BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:sop="urn:protap:sop:1.0" id="Defs_cadangan" targetNamespace="urn:protap:test">
  <bpmn:process id="Kilat" name="Surat kilat" isExecutable="true">
    <bpmn:laneSet id="LS"><bpmn:lane id="L" name="Petugas" sop:pelaksana="petugas" sop:atasan="kasubag">
      <bpmn:flowNodeRef>S</bpmn:flowNodeRef><bpmn:flowNodeRef>A</bpmn:flowNodeRef><bpmn:flowNodeRef>B</bpmn:flowNodeRef><bpmn:flowNodeRef>E</bpmn:flowNodeRef>
    </bpmn:lane></bpmn:laneSet>
    <bpmn:startEvent id="S"/>
    <bpmn:userTask id="A" name="Mencatat" sop:waktu="1 Hari"/>
    <bpmn:userTask id="B" name="Memeriksa" sop:waktu="1 Hari"/>
    <bpmn:endEvent id="E"/>
    <bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="A"/><bpmn:sequenceFlow id="f2" sourceRef="A" targetRef="B"/><bpmn:sequenceFlow id="f3" sourceRef="B" targetRef="E"/>
  </bpmn:process>
</bpmn:definitions>`;

/** Runs `bin/protap.js` as a child process, as an office's IT person would. */
function protap(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(root, 'bin/protap.js'), ...args], { cwd: root, env: { ...process.env, DATABASE_URL: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
    child.on('close', (code) => done({ code, out, err }));
  });
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('protap backup and restore', () => {
  it('acceptance: a backup taken under write load, restored into a new folder, holds every command acknowledged before it began, and replays intact', async () => {
    const api = await startApiServer([{ id: 'petugas-1', roles: ['petugas', 'analis'] }]);
    const dataDir = dirname(api.store.path);
    const petugas = api.as['petugas-1'] as Record<string, string>;
    let second: Awaited<ReturnType<typeof spawnServer>> | undefined;
    let load = true;
    let pin: Database.Database | undefined;
    const clients: Promise<void>[] = [];
    try {
      expect((await call(api.url, 'POST', '/api/definitions', BPMN, petugas)).status).toBe(201);
      // A reader holding a snapshot from before the load: the checkpointer cannot copy any later
      // commit into the main file, so every acknowledged command is still only in the WAL when the
      // backup runs (a copy of the main file alone would miss them all).
      pin = new Database(api.store.path, { readonly: true });
      pin.exec('BEGIN');
      pin.prepare('SELECT count(*) FROM cases').get();
      // Every answer the server gave: the command is acknowledged at that revision.
      const acknowledged: { caseId: string; revision: number }[] = [];
      const client = async () => {
        while (load) {
          const started = await call(api.url, 'POST', '/api/cases', { processId: 'Kilat' }, petugas);
          if (started.status !== 201) throw new Error(`mulai: ${started.status} ${JSON.stringify(started.body)}`);
          acknowledged.push({ caseId: started.body.id, revision: started.body.revision });
          for (const step of ['A', 'B']) {
            const done = await call(api.url, 'POST', `/api/cases/${started.body.id}/steps/${step}/complete`, {}, petugas);
            if (done.status !== 200) throw new Error(`langkah ${step}: ${done.status}`);
            acknowledged.push({ caseId: started.body.id, revision: done.body.revision });
          }
        }
      };
      for (let i = 0; i < 6; i++) clients.push(client());
      // 50 cases before the backup begins, so its check replays a full sample of 50 whatever the
      // backup's own start takes (a client that fails ends the wait with its error).
      const cases = () => new Set(acknowledged.map((a) => a.caseId)).size;
      await Promise.race([until(() => cases() >= 50, '50 kasus dimulai di bawah beban', { timeoutMs: 60_000 }), ...clients]);

      const before = [...acknowledged];
      const file = join(temp('cadangan-uji'), 'protap-uji.db');
      const backup = await protap(['backup', '--out', file, '--json'], { PROTAP_DATA: dataDir });
      const whileBackingUp = acknowledged.length;
      load = false;
      await Promise.all(clients);
      expect(backup.err).toBe('');
      expect(backup.code).toBe(0);
      expect(JSON.parse(backup.out)).toMatchObject({ file, integrity: 'ok', broken: [], ok: true, replayed: 50, intact: 50 });
      expect(whileBackingUp).toBeGreaterThan(before.length); // the server went on writing while the backup ran

      const newDir = join(temp('pulih-uji'), 'data');
      const restored = await protap(['restore', file, '--data', newDir], {});
      expect(restored.code).toBe(0);
      expect(restored.out).toContain(`dipulihkan ke ${join(newDir, 'protap.db')}`);

      second = await spawnServer({ PROTAP_DATA: newDir });
      const login = await call(second.url, 'POST', '/api/login', { id: 'petugas-1', password: PASSWORD });
      expect(login.status).toBe(200);
      const headers = { authorization: `Bearer ${login.body.token}` };
      const highest = new Map<string, number>();
      for (const { caseId, revision } of before) highest.set(caseId, Math.max(revision, highest.get(caseId) ?? 0));
      const missing: string[] = [];
      for (const [caseId, revision] of highest) {
        const found = await call(second.url, 'GET', `/api/cases/${caseId}`, undefined, headers);
        if (found.status !== 200 || !(found.body.revision >= revision)) missing.push(`${caseId}@${revision}: ${found.status} ${found.body?.revision}`);
        const replay = await call(second.url, 'GET', `/api/cases/${caseId}/replay`, undefined, headers);
        if (replay.body?.intact !== true) missing.push(`${caseId}: replay ${replay.status} ${JSON.stringify(replay.body)}`);
      }
      expect(missing).toEqual([]);
      expect(highest.size).toBeGreaterThanOrEqual(20);
      await second.stop();
      second = undefined;
      const all = await protap(['replay', '--all'], { PROTAP_DATA: newDir });
      expect(all.code).toBe(0);
      expect(all.out).toMatch(/semua utuh\./);
    } finally {
      load = false;
      await Promise.allSettled(clients);
      pin?.close();
      await second?.stop();
      await api.close();
    }
  }, 120_000);

  it('refuses to restore while a server runs on the folder (another process), changing nothing', async () => {
    const api = await startApiServer([]);
    const dataDir = dirname(api.store.path);
    try {
      const file = join(temp('cadangan-tolak'), 'b.db');
      await backupSqlite(api.store.path, file);
      const listed = readdirSync(dataDir).sort();
      const result = await protap(['restore', file, '--data', dataDir], {});
      expect(result.code).toBe(1);
      expect(result.err).toMatch(/^protap restore: Server Protap \(atau perintah lain\) masih membuka .*protap\.db\. Hentikan server dulu/);
      expect(result.err).not.toMatch(/\n\s+at /); // no stack trace
      expect(readdirSync(dataDir).sort()).toEqual(listed);
    } finally {
      await api.close();
    }
  }, 30_000);

  it('restores after the server stopped, keeping the replaced store aside; a corrupted backup fails its check and is never restored', async () => {
    const api = await startApiServer([]);
    const dataDir = dirname(api.store.path);
    const file = join(temp('cadangan-simpan'), 'b.db');
    await backupSqlite(api.store.path, file);
    await api.close();
    const old = sha(api.store.path);
    vi.stubEnv('DATABASE_URL', '');
    vi.stubEnv('PROTAP_DATA', dataDir);

    // Bytes overwritten in the middle of the copy: the check says so, restore refuses it.
    const damaged = join(temp('cadangan-rusak'), 'rusak.db');
    const bytes = readFileSync(file);
    bytes.fill(0x5a, 4096, bytes.length - 4096);
    writeFileSync(damaged, bytes);
    let io = capture();
    expect(await main(['backup', '--check', damaged])).toBe(1);
    expect(io.out()).toMatch(/Integritas: RUSAK — (pemeriksaan integritas SQLite menemukan kerusakan|berkas tidak terbaca)/);
    expect(io.out()).toContain('CADANGAN TIDAK BAIK');
    vi.restoreAllMocks();
    io = capture();
    expect(await main(['restore', damaged])).toBe(1);
    expect(io.err()).toMatch(/tidak dipulihkan: .*Data yang sekarang tidak diubah\./);
    expect(sha(api.store.path)).toBe(old);

    vi.restoreAllMocks();
    io = capture();
    expect(await main(['restore', file])).toBe(0);
    const aside = readdirSync(dataDir).filter((name) => /^protap\.db\.sebelum-pulih-\d{8}-\d{6}$/.test(name));
    expect(aside).toHaveLength(1);
    expect(sha(join(dataDir, aside[0] as string))).toBe(old);
    expect(io.out()).toContain(`Penyimpanan sebelumnya dipindahkan (tidak dihapus) ke: ${join(dataDir, aside[0] as string)}`);
    vi.restoreAllMocks();
    io = capture();
    expect(await main(['backup', '--check', join(dataDir, 'protap.db')])).toBe(0);
    expect(io.out()).toContain('Cadangan baik.');
  }, 30_000);

  it('without --out writes into the backup folder beside the data folder; refuses an existing file; usage errors exit 2', async () => {
    const api = await startApiServer([]);
    await api.close();
    const dataDir = dirname(api.store.path);
    vi.stubEnv('DATABASE_URL', '');
    vi.stubEnv('PROTAP_DATA', dataDir);
    const io = capture();
    expect(await main(['backup'])).toBe(0);
    const written = readdirSync(backupFolder(dataDir));
    expect(written).toEqual([expect.stringMatching(/^protap-manual-\d{8}-\d{6}\.db$/)]);
    expect(io.out()).toMatch(/Integritas SQLite: ok \(skema v\d+, 0 kasus\)\.\nReplay: 0 kasus contoh diperiksa, 0 utuh\.\nCadangan baik\./);
    const existing = join(backupFolder(dataDir), written[0] as string);
    expect(await main(['backup', '--out', existing])).toBe(2);
    expect(io.err()).toContain('sudah ada; cadangan tidak menimpa berkas yang sudah ada. Pilih nama lain atau tambahkan --overwrite.');
    expect(await main(['backup', '--out', existing, '--overwrite'])).toBe(0);
    expect(await main(['backup', '--check', existing, '--out', 'x.db'])).toBe(2);
    expect(await main(['restore'])).toBe(2);
    expect(await main(['backup', '--sample', 'banyak'])).toBe(2);
  }, 30_000);

  it('under PostgreSQL prints the pg_dump and pg_restore commands (no password) and exits 2', async () => {
    vi.stubEnv('DATABASE_URL', 'postgres://protap:rahasia@db.kantor/protap');
    vi.stubEnv('PROTAP_PG_SCHEMA', 'pn_contoh');
    const io = capture();
    expect(await main(['backup'])).toBe(2);
    expect(io.err()).toContain('pg_dump --format=custom --no-owner --schema=pn_contoh --file=protap-$(date +%Y%m%d-%H%M%S).dump "$DATABASE_URL"');
    expect(await main(['restore', 'protap.dump'])).toBe(2);
    expect(io.err()).toContain('pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" protap.dump');
    expect(io.err()).not.toContain('rahasia');
  });
});

describe('protap migrate', () => {
  it('--dry-run on an up-to-date store says nothing is pending', async () => {
    const api = await startApiServer([]);
    await api.close();
    vi.stubEnv('DATABASE_URL', '');
    vi.stubEnv('PROTAP_DATA', dirname(api.store.path));
    const io = capture();
    expect(await main(['migrate', '--dry-run'])).toBe(0);
    expect(io.out()).toContain(`Tidak ada migrasi yang tertunda: skema sudah v${LATEST}.`);
  });

  it('--dry-run on an old store lists the rest and applies none; migrate then backs up first and says where', async () => {
    const { dir, file } = oldStore(2);
    vi.stubEnv('DATABASE_URL', '');
    vi.stubEnv('PROTAP_DATA', dir);
    const before = sha(file);
    let io = capture();
    expect(await main(['migrate', '--dry-run'])).toBe(0);
    expect(io.out()).toContain(`skema v2; Protap ini: skema v${LATEST}.`);
    expect(io.out()).toContain(`${LATEST - 2} migrasi tertunda (--dry-run: tidak ada yang dijalankan):`);
    for (const migration of sqliteMigrations.slice(2)) expect(io.out()).toContain(`  v${migration.version} ${migration.name}`);
    expect(io.out()).toContain('      CREATE TABLE calendar_years (');
    expect(sha(file)).toBe(before);
    expect(appliedVersions(file)).toEqual([1, 2]);

    vi.restoreAllMocks();
    io = capture();
    expect(await main(['migrate', '--json'])).toBe(0);
    const report = JSON.parse(io.out());
    expect(report).toMatchObject({ current: 2, latest: LATEST, applied: sqliteMigrations.slice(2).map((m) => m.version) });
    expect(report.backup).toMatch(new RegExp(`/sebelum-migrasi-v2-ke-v${LATEST}-\\d{8}-\\d{6}\\.db$`));
    expect(existsSync(report.backup)).toBe(true);
    expect(appliedVersions(report.backup)).toEqual([1, 2]);
    expect(appliedVersions(file)).toEqual(sqliteMigrations.map((m) => m.version));
  });

  it('is refused while a server has the store open', async () => {
    const { dir, file } = oldStore(3);
    const store = new SqliteStore(file, { backupBeforeMigrating: false });
    // Open at the latest schema now; take it back to v3 in the bookkeeping only, so migrate has work to refuse.
    const db = new Database(file);
    db.prepare('DELETE FROM schema_migrations WHERE version > 3').run();
    db.close();
    vi.stubEnv('DATABASE_URL', '');
    vi.stubEnv('PROTAP_DATA', dir);
    const io = capture();
    try {
      expect(await main(['migrate'])).toBe(1);
      expect(io.err()).toMatch(/masih membuka .*Hentikan server dulu/);
      expect(appliedVersions(file)).toEqual([1, 2, 3]);
    } finally {
      await store.close();
    }
  });
});

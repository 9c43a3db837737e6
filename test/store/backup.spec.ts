/**
 * Backup, check, restore and scheduled backups of the SQLite store (issue 18, point 3), on files
 * in temporary folders. The copy made before migrating and `pendingMigrations`: pendingMigrations.spec.ts.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { replayCase } from '../../src/audit/replay.ts';
import { backupScheduleSettings, backupSqlite, checkBackup, restoreSqlite, scheduleBackups, storeInUse } from '../../src/store/backup.ts';
import { backupFolder } from '../../src/store/backupFiles.ts';
import { DurableEngine } from '../../src/store/durableEngine.ts';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.ts';
import { dataFolder, LATEST, mode, sha, temp } from '../support/backupFolders.ts';
import { until } from '../support/until.ts';

/** Overwrites the first page of a table's b-tree with garbage. */
function damageTable(file: string, table: string): void {
  const db = new Database(file, { readonly: true });
  const root = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = ?").pluck().get(table) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const bytes = readFileSync(file);
  bytes.fill(0xa5, (root - 1) * pageSize, root * pageSize);
  writeFileSync(file, bytes);
}

describe('backupSqlite and checkBackup', () => {
  it('copies a store while it is being written: consistent, 0600, every case acknowledged before the copy began is in it and replays intact', async () => {
    const { file } = await dataFolder(4);
    const store = new SqliteStore(file);
    const engine = await DurableEngine.open({ store });
    const acknowledged: string[] = [];
    let writing = true;
    const writer = (async () => {
      while (writing) acknowledged.push((await engine.startCase('Pemanggilan', { at: '2026-01-05T08:00:00+07:00' })).id);
    })();
    try {
      // A writer that fails ends the wait with its error.
      await Promise.race([until(() => acknowledged.length >= 50, '50 kasus ditulis', { timeoutMs: 15_000, intervalMs: 5 }), writer]);
      const before = [...acknowledged];
      const out = join(temp('cadangan-keluar'), 'salinan.db');
      const result = await backupSqlite(file, out);
      const during = acknowledged.length;
      writing = false;
      await writer;
      expect(during).toBeGreaterThan(before.length); // the writes really went on while the copy was made
      expect(result).toMatchObject({ file: out, source: file });
      expect(mode(out)).toBe(0o600);
      expect(readdirSync(join(out, '..'))).toEqual(['salinan.db']); // no -wal, -shm or partial file left beside it
      const check = await checkBackup(out, replayCase, { sample: 10_000 });
      expect(check).toMatchObject({ integrity: 'ok', schemaVersion: LATEST, broken: [], ok: true });
      expect(check.replayed).toBe(check.cases);
      const copy = new Database(out, { readonly: true });
      const present = new Set(copy.prepare('SELECT id FROM cases').pluck().all());
      copy.close();
      expect(before.filter((id) => !present.has(id))).toEqual([]);
    } finally {
      writing = false;
      await writer;
      await store.close();
    }
  });

  it('copies commits that are still only in the WAL', async () => {
    const { file } = await dataFolder(1);
    const store = new SqliteStore(file);
    // A reader's old snapshot keeps the checkpointer from copying anything newer into the main file.
    const pin = new Database(file, { readonly: true });
    pin.exec('BEGIN');
    pin.prepare('SELECT count(*) FROM cases').get();
    try {
      const engine = await DurableEngine.open({ store });
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) ids.push((await engine.startCase('Pemanggilan', { at: '2026-01-05T08:00:00+07:00' })).id);
      const out = join(temp('cadangan-wal'), 'wal.db');
      await backupSqlite(file, out);
      const copy = new Database(out, { readonly: true });
      const present = new Set(copy.prepare('SELECT id FROM cases').pluck().all());
      copy.close();
      expect(ids.filter((id) => !present.has(id))).toEqual([]);
    } finally {
      pin.close();
      await store.close();
    }
  });

  it('refuses to overwrite an existing file unless told to, and a missing store', async () => {
    const { file } = await dataFolder(1);
    const out = join(temp('cadangan-ada'), 'ada.db');
    writeFileSync(out, 'jangan ditimpa');
    await expect(backupSqlite(file, out)).rejects.toThrow(/sudah ada/);
    expect(readFileSync(out, 'utf8')).toBe('jangan ditimpa');
    await backupSqlite(file, out, { overwrite: true });
    expect((await checkBackup(out, replayCase)).ok).toBe(true);
    await expect(backupSqlite(join(temp('kosong'), 'protap.db'), join(temp('x'), 'y.db'))).rejects.toThrow(/Tidak ada penyimpanan SQLite/);
  });

  it('samples the newest cases and some at random when there are more than the sample', async () => {
    const { file, ids } = await dataFolder(30);
    const check = await checkBackup(file, replayCase, { sample: 10 });
    expect(check).toMatchObject({ cases: 30, replayed: 10, intact: 10, ok: true });
    expect((await checkBackup(file, replayCase, { sample: 0 })).replayed).toBe(0);
    expect(ids).toHaveLength(30);
  });

  it('fails a backup whose bytes were overwritten, saying so, and one that is no Protap store', async () => {
    const { file } = await dataFolder(6);
    const out = join(temp('cadangan-rusak'), 'rusak.db');
    await backupSqlite(file, out);
    damageTable(out, 'case_log');
    const check = await checkBackup(out, replayCase);
    expect(check.ok).toBe(false);
    expect(check.integrity).toMatch(/kerusakan|tidak terbaca/);
    expect(check.replayed).toBe(0);

    const header = join(temp('cadangan-kepala'), 'kepala.db');
    await backupSqlite(file, header);
    const bytes = readFileSync(header);
    bytes.fill(0x41, 0, 100);
    writeFileSync(header, bytes);
    expect((await checkBackup(header, replayCase)).integrity).toMatch(/tidak terbaca sebagai basis data SQLite/);

    const other = join(temp('bukan-protap'), 'lain.db');
    const db = new Database(other);
    db.exec('CREATE TABLE catatan (x)');
    db.close();
    expect((await checkBackup(other, replayCase)).integrity).toBe('berkas ini basis data SQLite, tetapi bukan penyimpanan Protap.');
  });

  it('names a case whose log was tampered with in the backup', async () => {
    const { file, ids } = await dataFolder(3);
    const out = join(temp('cadangan-ubah'), 'ubah.db');
    await backupSqlite(file, out);
    const db = new Database(out);
    db.exec(`DROP TRIGGER case_log_no_update; UPDATE case_log SET actor = 'penyusup', entry = replace(entry, '"sistem"', '"penyusup"') WHERE seq = 1 AND case_id = '${ids[1]}'`);
    db.close();
    const before = sha(out);
    const check = await checkBackup(out, replayCase);
    expect(check).toMatchObject({ integrity: 'ok', replayed: 3, intact: 2, ok: false, broken: [{ caseId: ids[1] }] });
    expect(sha(out)).toBe(before); // checked on a copy: the backup itself is not touched
  });
});

describe('restoreSqlite', () => {
  it('is refused while a store is open on the folder, and changes nothing then', async () => {
    const { file } = await dataFolder(2);
    const backup = join(temp('cadangan-pulih'), 'b.db');
    await backupSqlite(file, backup);
    const target = await dataFolder(1);
    const store = new SqliteStore(target.file); // idle: it holds no lock but its connection
    try {
      expect(storeInUse(target.file)).toBe(true);
      await expect(restoreSqlite(backup, target.dir)).rejects.toThrow(/masih membuka .*Hentikan server dulu/);
      expect(readdirSync(target.dir).filter((name) => name.includes('sebelum-pulih'))).toEqual([]);
    } finally {
      await store.close();
    }
    expect(storeInUse(target.file)).toBe(false);
  });

  it('moves the current store aside, never deleting it, and puts the backup in place (0600)', async () => {
    const source = await dataFolder(3);
    const backup = join(temp('cadangan-pulih'), 'b.db');
    await backupSqlite(source.file, backup);
    const target = await dataFolder(5);
    const old = sha(target.file);
    const result = await restoreSqlite(backup, target.dir, new Date(2026, 2, 2, 9, 30, 0));
    expect(result.aside[0]).toBe(join(target.dir, 'protap.db.sebelum-pulih-20260302-093000'));
    expect(sha(result.aside[0] as string)).toBe(old);
    expect(mode(result.restored)).toBe(0o600);
    expect(result.backup).toMatchObject({ integrity: 'ok', cases: 3 });
    const store = new SqliteStore(result.restored);
    try {
      expect((await store.listCases()).map((c) => c.id).sort()).toEqual([...source.ids].sort());
    } finally {
      await store.close();
    }
    // Into a new folder: made 0700, nothing to move aside.
    const fresh = join(temp('cadangan-baru'), 'data');
    const into = await restoreSqlite(backup, fresh);
    expect(into.aside).toEqual([]);
    expect(mode(fresh)).toBe(0o700);
  });

  it('refuses a damaged backup and leaves the current store in place', async () => {
    const { file } = await dataFolder(2);
    const backup = join(temp('cadangan-pulih'), 'rusak.db');
    await backupSqlite(file, backup);
    damageTable(backup, 'cases');
    const target = await dataFolder(1);
    const old = sha(target.file);
    await expect(restoreSqlite(backup, target.dir)).rejects.toThrow(/tidak dipulihkan: .*Data yang sekarang tidak diubah/);
    expect(sha(target.file)).toBe(old);
  });
});

describe('scheduleBackups', () => {
  it('writes protap-YYYYMMDD-HHmmss.db and keeps only the newest `keep` of its own files', async () => {
    const { dir: dataDir } = await dataFolder(2);
    const dir = join(temp('cadangan-jadwal'), 'cadangan');
    mkdirSync(dir);
    for (const other of ['protap-manual-20200101-000000.db', 'catatan.txt', 'protap-20200101-000000-rusak.db']) writeFileSync(join(dir, other), 'x');
    let minute = 0;
    const logged: string[] = [];
    const log = { info: (_: object, message: string) => logged.push(message), error: (_: object, message: string) => logged.push(`GALAT ${message}`) };
    const schedule = scheduleBackups({ dataDir, dir, everyHours: 24, keep: 2, log, now: () => new Date(2026, 2, 2, 9, minute++, 0) });
    try {
      const first = await schedule?.backupNow(); // joins the one made at start
      expect(first).toBe(join(dir, 'protap-20260302-090000.db'));
      await schedule?.backupNow();
      await schedule?.backupNow();
      expect(readdirSync(dir).sort()).toEqual([
        'catatan.txt', 'protap-20200101-000000-rusak.db', 'protap-20260302-090100.db', 'protap-20260302-090200.db', 'protap-manual-20200101-000000.db',
      ]);
      expect(mode(join(dir, 'protap-20260302-090200.db'))).toBe(0o600);
      expect((await checkBackup(join(dir, 'protap-20260302-090200.db'), replayCase)).ok).toBe(true);
      expect(logged).toEqual(['cadangan terjadwal ditulis', 'cadangan terjadwal ditulis', 'cadangan terjadwal ditulis']);
      expect(schedule?.timer.hasRef()).toBe(false);
    } finally {
      schedule?.stop();
    }
    expect(scheduleBackups({ dataDir, dir, everyHours: 0, keep: 2 })).toBeUndefined();
  });

  it('reads PROTAP_BACKUP_HOURS, PROTAP_BACKUP_KEEP and PROTAP_BACKUP_DIR, refusing nonsense', () => {
    expect(backupScheduleSettings('/srv/protap/data', {})).toEqual({ everyHours: 24, keep: 14, dir: '/srv/protap/data-cadangan' });
    expect(backupScheduleSettings('/srv/protap/data', { PROTAP_BACKUP_HOURS: '0', PROTAP_BACKUP_KEEP: '3', PROTAP_BACKUP_DIR: '/mnt/nas' })).toEqual({ everyHours: 0, keep: 3, dir: '/mnt/nas' });
    expect(() => backupScheduleSettings('d', { PROTAP_BACKUP_HOURS: 'sehari' })).toThrow(/PROTAP_BACKUP_HOURS harus angka jam/);
    expect(() => backupScheduleSettings('d', { PROTAP_BACKUP_KEEP: '0' })).toThrow(/PROTAP_BACKUP_KEEP harus bilangan bulat ≥ 1/);
    expect(backupFolder('/srv/protap/data', {})).toBe('/srv/protap/data-cadangan');
  });
});

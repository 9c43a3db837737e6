import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.ts';
import { tamperContract } from './tamperContract.ts';

tamperContract('SQLite', {
  async open() {
    return new SqliteStore(join(mkdtempSync(join(tmpdir(), 'protap-tamper-')), 'protap.db'));
  },
  async raw(store, sql) {
    const db = new Database((store as SqliteStore).path);
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
  },
  unlockLog: 'DROP TRIGGER case_log_no_update; DROP TRIGGER case_log_no_delete;',
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite/sqliteStore.ts';
import { durableContract } from './durableContract.ts';

durableContract('SQLite', {
  async open() {
    return new SqliteStore(join(mkdtempSync(join(tmpdir(), 'protap-durable-')), 'protap.db'));
  },
  async reopen(store) {
    return new SqliteStore((store as SqliteStore).path);
  },
});

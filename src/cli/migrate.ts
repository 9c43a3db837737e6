/**
 * `protap migrate [--dry-run] [--json]`: brings the store (DATABASE_URL, or the SQLite file in
 * PROTAP_DATA) to this Protap's schema. With --dry-run it lists what would be applied (version,
 * name, the first line of each statement) and changes nothing. Without it, a SQLite store that
 * holds data is copied first (sebelum-migrasi-v<dari>-ke-v<ke>-<waktu>.db in the backup folder),
 * and the command says where; it is refused while a server has the store open. Exit 0 done (or
 * nothing to do), 1 refused or failed, 2 usage error.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { migrationBackupOf, storeInUse } from '../store/backup.ts';
import { openStore, storeSettings } from '../store/openStore.ts';
import { pendingMigrations, type MigrationPlan } from '../store/pendingMigrations.ts';
import { argumentError } from './argumentError.ts';
import { pgDumpCommand } from './backup.ts';

const USAGE = 'Penggunaan: protap migrate [--dry-run] [--json]';

function describePlan(plan: MigrationPlan, dryRun: boolean): string[] {
  const lines = [`${plan.store}: ${plan.fresh ? 'belum ada penyimpanan' : `skema v${plan.current}`}; Protap ini: skema v${plan.latest}.`];
  if (plan.pending.length === 0) return [...lines, `Tidak ada migrasi yang tertunda: skema sudah v${plan.current}.`];
  if (plan.fresh) lines.push('Penyimpanan baru akan dibuat dengan semua migrasi di bawah ini (tanpa cadangan: belum ada data).');
  lines.push(`${plan.pending.length} migrasi tertunda${dryRun ? ' (--dry-run: tidak ada yang dijalankan)' : ''}:`);
  for (const migration of plan.pending) {
    lines.push(`  v${migration.version} ${migration.name}`);
    for (const statement of migration.statements) lines.push(`      ${statement}`);
  }
  return lines;
}

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: false, options: { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } } });
  } catch (error) {
    console.error(`protap migrate: ${argumentError(error)}\n${USAGE}`);
    return 2;
  }
  const dryRun = parsed.values['dry-run'] === true;
  const json = parsed.values.json === true;
  const settings = storeSettings();
  const plan = await pendingMigrations(settings);
  if (dryRun || plan.pending.length === 0) {
    if (json) console.log(JSON.stringify({ ...plan, applied: [] }, null, 2));
    else for (const line of describePlan(plan, dryRun)) console.log(line);
    return 0;
  }
  const sqliteFile = settings.databaseUrl ? undefined : settings.sqliteFile ?? join(settings.dataDir, 'protap.db');
  if (sqliteFile && storeInUse(sqliteFile)) {
    console.error(`protap migrate: server Protap (atau perintah lain) masih membuka ${sqliteFile}. Hentikan server dulu, lalu ulangi.`);
    return 1;
  }
  if (!json) {
    for (const line of describePlan(plan, false)) console.log(line);
    if (settings.databaseUrl) console.log(`PostgreSQL tidak dicadangkan otomatis: pastikan sudah ada cadangan pg_dump (${pgDumpCommand(settings)}).`);
  }
  let backup: string | undefined;
  try {
    const store = await openStore(settings);
    backup = migrationBackupOf(store);
    await store.close();
  } catch (error) {
    console.error(`protap migrate: migrasi gagal: ${(error as Error).message}`);
    return 1;
  }
  const applied = plan.pending.map((m) => m.version);
  if (json) {
    console.log(JSON.stringify({ ...plan, applied, ...(backup ? { backup } : {}) }, null, 2));
  } else {
    if (backup) console.log(`Cadangan sebelum migrasi: ${backup}`);
    console.log(`Migrasi ${applied.map((v) => `v${v}`).join(', ')} dijalankan; skema sekarang v${plan.latest}.`);
  }
  return 0;
}

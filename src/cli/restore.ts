/**
 * `protap restore BERKAS [--data FOLDER] [--json]`: puts a SQLite backup in place as the store of
 * the data folder (--data, else PROTAP_DATA). Refused while a server has that store open and when
 * the backup fails its integrity check; the store it replaces is moved aside
 * (`protap.db.sebelum-pulih-<waktu>`), never deleted. Exit 0 restored, 1 refused, 2 usage error
 * or PostgreSQL (restored with pg_restore: the command is printed).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BackupError, restoreSqlite } from '../store/backup.ts';
import { storeSettings } from '../store/openStore.ts';
import { argumentError } from './argumentError.ts';

const USAGE = 'Penggunaan: protap restore BERKAS_CADANGAN [--data FOLDER_DATA] [--json]';

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { data: { type: 'string' }, json: { type: 'boolean' } } });
  } catch (error) {
    console.error(`protap restore: ${argumentError(error)}\n${USAGE}`);
    return 2;
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) {
    console.error(`protap restore: sebutkan tepat satu berkas cadangan.\n${USAGE}`);
    return 2;
  }
  const settings = storeSettings();
  if (settings.databaseUrl && !parsed.values.data) {
    console.error('protap restore: penyimpanan ini PostgreSQL (DATABASE_URL); pulihkan berkas pg_dump dengan pg_restore, misalnya:');
    console.error(`  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" ${file}`);
    console.error('Hentikan semua server Protap dulu. Lihat docs/backup.md.');
    return 2;
  }
  const dataDir = resolve(parsed.values.data ?? settings.dataDir);
  let result;
  try {
    result = await restoreSqlite(file, dataDir);
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(`protap restore: ${error.message}`);
    return 1;
  }
  if (parsed.values.json) {
    console.log(JSON.stringify(result, null, 2));
    return 0;
  }
  console.log(`Cadangan ${result.backup.file} dipulihkan ke ${result.restored} (skema v${result.backup.schemaVersion}, ${result.backup.cases} kasus).`);
  if (result.aside.length > 0) console.log(`Penyimpanan sebelumnya dipindahkan (tidak dihapus) ke: ${result.aside.join(', ')}.`);
  console.log('Mulai lagi server Protap; bila versinya lebih baru dari cadangan, migrasi berjalan otomatis dengan cadangan sebelum migrasi.');
  console.log('Disarankan: "protap replay --all" untuk memeriksa seluruh kasus yang dipulihkan.');
  return 0;
}

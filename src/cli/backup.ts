/**
 * `protap backup [--out BERKAS] [--overwrite] [--sample N] [--json]`: copies the SQLite store
 * (PROTAP_DATA) into one file while the server may go on working, then checks the copy
 * (`PRAGMA integrity_check`, and a sample of its cases replayed). `--check BERKAS` only checks a
 * backup made earlier (after copying it elsewhere, before restoring it). Exit 0 only when the copy is
 * sound and every sampled case intact; 1 when the check fails; 2 for a usage error, a refusal, or
 * PostgreSQL (DATABASE_URL), which is backed up with pg_dump: the command is printed.
 */
import { replayCase } from '../audit/replay.ts';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BackupError, backupFolder, backupSqlite, checkBackup, type BackupCheck } from '../store/backup.ts';
import { stamp } from '../store/backupFiles.ts';
import { storeSettings, type StoreSettings } from '../store/openStore.ts';
import { argumentError } from './argumentError.ts';

const USAGE = 'Penggunaan: protap backup [--out BERKAS] [--overwrite] [--sample N] [--json] | --check BERKAS [--sample N] [--json]';

/** The pg_dump command docs/backup.md gives for this database (the URL stays in the variable: no password on screen). */
export function pgDumpCommand(settings: StoreSettings): string {
  return `pg_dump --format=custom --no-owner${settings.schema ? ` --schema=${settings.schema}` : ''} --file=protap-$(date +%Y%m%d-%H%M%S).dump "$DATABASE_URL"`;
}

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1).replace('.', ',')} MB`;

function verdict(check: BackupCheck): string[] {
  if (check.integrity !== 'ok') return [`Integritas: RUSAK — ${check.integrity}`, 'CADANGAN TIDAK BAIK: jangan pakai berkas ini; periksa penyimpanan dan ulangi.'];
  const lines = [
    `Integritas SQLite: ok (skema v${check.schemaVersion}, ${check.cases} kasus).`,
    `Replay: ${check.replayed} kasus contoh diperiksa, ${check.intact} utuh${check.broken.length ? `, ${check.broken.length} RUSAK` : ''}.`,
  ];
  for (const bad of check.broken) lines.push(`  ${bad.caseId}: RUSAK — ${bad.reason}`);
  lines.push(check.ok
    ? 'Cadangan baik. Salin berkas ini ke luar mesin ini (disk lain, NAS, media lepas).'
    : 'CADANGAN TIDAK BAIK: ada kasus yang tidak utuh; jalankan "protap replay --all" pada penyimpanan untuk melihat sejak kapan.');
  return lines;
}

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: false, options: { out: { type: 'string' }, check: { type: 'string' }, overwrite: { type: 'boolean' }, sample: { type: 'string' }, json: { type: 'boolean' } } });
  } catch (error) {
    console.error(`protap backup: ${argumentError(error)}\n${USAGE}`);
    return 2;
  }
  const { out, overwrite, json } = parsed.values;
  const sample = parsed.values.sample === undefined ? 50 : Number(parsed.values.sample);
  if (!Number.isInteger(sample) || sample < 0) {
    console.error(`protap backup: --sample harus bilangan bulat ≥ 0.\n${USAGE}`);
    return 2;
  }
  if (parsed.values.check !== undefined) {
    if (out !== undefined || overwrite) {
      console.error(`protap backup: --check tidak dapat digabung dengan --out atau --overwrite.\n${USAGE}`);
      return 2;
    }
    const check = await checkBackup(parsed.values.check, replayCase, { sample });
    if (json) console.log(JSON.stringify(check, null, 2));
    else for (const line of [`Cadangan ${check.file}:`, ...verdict(check)]) console.log(line);
    return check.ok ? 0 : 1;
  }
  const settings = storeSettings();
  if (settings.databaseUrl) {
    console.error('protap backup: penyimpanan ini PostgreSQL (DATABASE_URL); cadangkan dengan pg_dump, misalnya:');
    console.error(`  ${pgDumpCommand(settings)}`);
    console.error('Lihat docs/backup.md untuk pemulihan dengan pg_restore.');
    return 2;
  }
  const source = settings.sqliteFile ?? join(settings.dataDir, 'protap.db');
  if (!existsSync(source)) {
    console.error(`protap backup: tidak ada penyimpanan SQLite di ${source} (atur PROTAP_DATA ke folder data server).`);
    return 2;
  }
  // Without --out: into the backup folder, under a name the scheduled backups never prune.
  const file = resolve(out ?? join(backupFolder(settings.dataDir), `protap-manual-${stamp()}.db`));
  let copied;
  try {
    copied = await backupSqlite(source, file, { overwrite: overwrite === true });
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(`protap backup: ${error.message}${/sudah ada/.test(error.message) ? ' Pilih nama lain atau tambahkan --overwrite.' : ''}`);
    return 2;
  }
  const check = await checkBackup(file, replayCase, { sample });
  if (json) {
    console.log(JSON.stringify({ ...check, source, bytes: copied.bytes }, null, 2));
  } else {
    console.log(`Cadangan ditulis: ${file} (${megabytes(copied.bytes)}) dari SQLite ${source}.`);
    for (const line of verdict(check)) console.log(line);
  }
  return check.ok ? 0 : 1;
}

/**
 * The office's config file (docs/office.md), read by the server at start and by the command line:
 * `KEY=value` lines with the names of the environment variables; blank lines and lines starting
 * with # are skipped; a value may be quoted ("…" or '…'); an empty value leaves the key unset. The
 * same file is a systemd EnvironmentFile. A variable already in the environment wins over the
 * file. An unknown key, a key written twice or a line that is not `KEY=value` is a ConfigError
 * naming the file and the line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** A config file that cannot be used; the message names the file and the line. */
export class ConfigError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

/** Every key the config file may hold, with what it sets (the table of docs/office.md). */
export const CONFIG_KEYS: Readonly<Record<string, string>> = {
  HOST: 'alamat yang didengarkan (bawaan 127.0.0.1; 0.0.0.0 untuk seluruh jaringan kantor)',
  PORT: 'port HTTP, atau HTTPS bila TLS aktif (bawaan 3000)',
  PROTAP_DATA: 'folder data SQLite (bawaan ./data)',
  DATABASE_URL: 'PostgreSQL sebagai ganti SQLite, mis. postgres://protap:…@localhost/protap',
  PROTAP_PG_SCHEMA: 'skema PostgreSQL',
  PROTAP_SQLITE_SYNC: 'mode sinkron SQLite: FULL (bawaan) atau NORMAL',
  PROTAP_TLS_CERT: 'berkas sertifikat TLS (PEM); bersama PROTAP_TLS_KEY menyalakan HTTPS',
  PROTAP_TLS_KEY: 'berkas kunci privat TLS (PEM)',
  PROTAP_HTTP_PORT: 'port HTTP biasa yang mengalihkan (308) ke HTTPS; hanya bersama TLS',
  PROTAP_ZONA: 'zona waktu satker: WIB (bawaan), WITA, WIT atau nama IANA',
  PROTAP_TRUST_PROXY: 'alamat proksi balik yang dipercaya untuk X-Forwarded-For, mis. loopback (bawaan: tidak ada)',
  PROTAP_ADMIN_PASSWORD: 'kata sandi akun admin pertama (bila kosong: dibuat acak)',
  PROTAP_CATALOGUE: 'off: jangan deploy katalog processes/ saat mulai',
  PROTAP_WEB_BUILD: 'off: jangan bangun ulang aplikasi web saat mulai',
  PROTAP_WEB_ROOT: 'folder aplikasi web yang sudah dibangun di tempat lain',
  PROTAP_TIMER_POLL_MS: 'selang pemeriksaan timer (ms, bawaan 200)',
  PROTAP_TIMER_BATCH: 'jumlah timer per pemeriksaan (bawaan 256)',
  PROTAP_REQUEST_TIMEOUT_MS: 'batas waktu satu permintaan (ms, bawaan 60000)',
  PROTAP_MAX_CONNECTIONS: 'batas koneksi terbuka (bawaan 1000)',
  PROTAP_CHECKPOINT_HOURS: 'selang titik periksa audit (jam, bawaan 24; 0 = tidak ada)',
  PROTAP_CHECKPOINTS: 'folder titik periksa audit (bawaan di samping folder data)',
  PROTAP_AUDIT_KEY: 'berkas kunci penanda tangan audit (bawaan di samping folder data)',
  PROTAP_BACKUP_HOURS: 'selang cadangan SQLite terjadwal (jam, bawaan 24; 0 = tidak ada)',
  PROTAP_BACKUP_KEEP: 'jumlah cadangan terbaru yang disimpan (bawaan 14)',
  PROTAP_BACKUP_DIR: 'folder cadangan (bawaan <folder data>-cadangan di sampingnya)',
  PROTAP_CHROMIUM: 'program Chromium untuk dokumen PDF',
  PROTAP_BPMN_THREAD: 'off: periksa dan kompilasi BPMN di thread server sendiri, bukan di thread pekerja (untuk pengukuran)',
  PROTAP_INSPECT: 'on: inspektor XState (alat pengembang)',
  PROTAP_INSPECT_PORT: 'port jembatan inspektor (bawaan 8080)',
  LOG_LEVEL: 'tingkat log: fatal, error, warn, info (bawaan), debug, trace, silent',
};

/** Parses a config file's text into its keys; throws a StartFailure naming the line of the first fault. */
export function parseConfig(text: string, file: string): Map<string, string> {
  const values = new Map<string, string>();
  const lineOf = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const number = index + 1;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `berkas konfigurasi ${file} baris ${number}`;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) throw new ConfigError(`${where} bukan berbentuk KUNCI=nilai: "${shorten(line)}".`);
    const [, key, rawValue] = match as unknown as [string, string, string];
    if (!(key in CONFIG_KEYS)) {
      const near = Object.keys(CONFIG_KEYS).find((known) => known === key.toUpperCase());
      throw new ConfigError(`${where}: kunci "${key}" tidak dikenal${near ? ` (maksudnya ${near}?)` : ''}; lihat daftar kunci di docs/office.md.`);
    }
    if (lineOf.has(key)) throw new ConfigError(`${where}: ${key} sudah ditulis di baris ${lineOf.get(key)}; tulis sekali saja.`);
    const quoted = /^(["'])(.*)\1$/.exec(rawValue);
    if (!quoted && /^["']/.test(rawValue)) throw new ConfigError(`${where}: tanda kutip nilai ${key} tidak ditutup.`);
    lineOf.set(key, number);
    values.set(key, quoted ? (quoted[2] as string) : rawValue);
  });
  return values;
}

const shorten = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

/** Where `protap service install` puts the office's config file. */
export const OFFICE_CONFIG = '/etc/protap/protap.conf';

/**
 * Which config file applies: PROTAP_CONFIG (empty: none), else ./protap.conf when it exists, else
 * the office's /etc/protap/protap.conf when it exists (so `protap backup` run by the IT person
 * reads what the service reads).
 */
export function configFile(env: NodeJS.ProcessEnv, cwd = process.cwd(), office = OFFICE_CONFIG): string | undefined {
  if (env.PROTAP_CONFIG !== undefined) return env.PROTAP_CONFIG === '' ? undefined : resolve(cwd, env.PROTAP_CONFIG);
  const beside = join(cwd, 'protap.conf');
  if (existsSync(beside)) return beside;
  return existsSync(office) ? office : undefined;
}

/**
 * Reads the config file (if any) into `env`, keeping every variable the environment already has;
 * answers the file and the keys taken from it.
 */
export function applyConfigFile(env: NodeJS.ProcessEnv, cwd = process.cwd(), office = OFFICE_CONFIG): { file?: string; applied: string[] } {
  const file = configFile(env, cwd, office);
  if (!file) return { applied: [] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'berkas tidak ada' : code === 'EACCES' ? 'tidak ada izin membaca' : code === 'EISDIR' ? 'itu folder, bukan berkas' : (error instanceof Error ? error.message : String(error));
    throw new ConfigError(`berkas konfigurasi ${file} tidak dapat dibaca: ${why} (PROTAP_CONFIG).`, { cause: error });
  }
  const applied: string[] = [];
  for (const [key, value] of parseConfig(text, file)) {
    if (env[key] !== undefined || value === '') continue;
    env[key] = value;
    applied.push(key);
  }
  return { file, applied };
}

/**
 * The server's settings: environment variables, and a config file of the same names that an office
 * keeps beside the service (docs/office.md). The file is PROTAP_CONFIG when set (an empty value:
 * no file), else `protap.conf` in the working directory when there is one. Lines are `KEY=value`;
 * blank lines and lines starting with # are skipped; a value may be quoted ("…" or '…'); an empty
 * value leaves the key unset. The same file is a systemd EnvironmentFile. A variable already in the
 * environment wins over the file. An unknown key, a key written twice or a line that is not
 * `KEY=value` stops the start with one line naming the file and the line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { zoneFor } from '../src/calendar/loadCalendar.ts';
import { oneLine, StartFailure } from './startFailure.ts';

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

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

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
    if (!match) throw new StartFailure(`${where} bukan berbentuk KUNCI=nilai: "${shorten(line)}".`);
    const [, key, rawValue] = match as unknown as [string, string, string];
    if (!(key in CONFIG_KEYS)) {
      const near = Object.keys(CONFIG_KEYS).find((known) => known === key.toUpperCase());
      throw new StartFailure(`${where}: kunci "${key}" tidak dikenal${near ? ` (maksudnya ${near}?)` : ''}; lihat daftar kunci di docs/office.md.`);
    }
    if (lineOf.has(key)) throw new StartFailure(`${where}: ${key} sudah ditulis di baris ${lineOf.get(key)}; tulis sekali saja.`);
    const quoted = /^(["'])(.*)\1$/.exec(rawValue);
    if (!quoted && /^["']/.test(rawValue)) throw new StartFailure(`${where}: tanda kutip nilai ${key} tidak ditutup.`);
    lineOf.set(key, number);
    values.set(key, quoted ? (quoted[2] as string) : rawValue);
  });
  return values;
}

const shorten = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

/** Which config file applies: PROTAP_CONFIG (empty: none), else ./protap.conf when it exists. */
export function configFile(env: NodeJS.ProcessEnv, cwd = process.cwd()): string | undefined {
  if (env.PROTAP_CONFIG !== undefined) return env.PROTAP_CONFIG === '' ? undefined : resolve(cwd, env.PROTAP_CONFIG);
  const beside = join(cwd, 'protap.conf');
  return existsSync(beside) ? beside : undefined;
}

/**
 * Reads the config file (if any) into `env`, keeping every variable the environment already has;
 * answers the file and the keys taken from it.
 */
export function applyConfigFile(env: NodeJS.ProcessEnv, cwd = process.cwd()): { file?: string; applied: string[] } {
  const file = configFile(env, cwd);
  if (!file) return { applied: [] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'berkas tidak ada' : code === 'EACCES' ? 'tidak ada izin membaca' : code === 'EISDIR' ? 'itu folder, bukan berkas' : oneLine(error);
    throw new StartFailure(`berkas konfigurasi ${file} tidak dapat dibaca: ${why} (PROTAP_CONFIG).`, { cause: error });
  }
  const applied: string[] = [];
  for (const [key, value] of parseConfig(text, file)) {
    if (env[key] !== undefined || value === '') continue;
    env[key] = value;
    applied.push(key);
  }
  return { file, applied };
}

export interface ServerSettings {
  host: string;
  port: number;
  /** HTTPS: the certificate and key files (both set, or HTTP only). */
  tls?: { certFile: string; keyFile: string };
  /** The plain HTTP port that redirects to HTTPS (only with TLS). */
  httpPort?: number;
  /** The satker's zone as IANA name, and as it was given (WIB, WITA, WIT or that name). */
  zone: string;
  zoneName: string;
  logLevel: string;
  /** Express's "trust proxy" for a reverse proxy in front (loopback, linklocal, uniquelocal or addresses). */
  trustProxy?: string;
  requestTimeoutMs: number;
  maxConnections: number;
}

/** The listening, TLS, zone and limits settings, checked; a bad value stops the start naming its variable. */
export function serverSettings(env: NodeJS.ProcessEnv = process.env): ServerSettings {
  const certFile = env.PROTAP_TLS_CERT || undefined;
  const keyFile = env.PROTAP_TLS_KEY || undefined;
  if (Boolean(certFile) !== Boolean(keyFile)) {
    throw new StartFailure(`PROTAP_TLS_CERT dan PROTAP_TLS_KEY harus diisi keduanya untuk HTTPS (sekarang hanya ${certFile ? 'PROTAP_TLS_CERT' : 'PROTAP_TLS_KEY'}).`);
  }
  const port = portOf(env, 'PORT', 3000);
  const httpPort = env.PROTAP_HTTP_PORT ? portOf(env, 'PROTAP_HTTP_PORT', 0) : undefined;
  if (httpPort !== undefined && !certFile) throw new StartFailure('PROTAP_HTTP_PORT hanya dipakai bersama HTTPS: isi juga PROTAP_TLS_CERT dan PROTAP_TLS_KEY, atau hapus PROTAP_HTTP_PORT.');
  if (httpPort !== undefined && httpPort !== 0 && httpPort === port) throw new StartFailure(`PROTAP_HTTP_PORT dan PORT tidak boleh sama (${port}).`);
  const zoneName = env.PROTAP_ZONA || 'WIB';
  let zone: string;
  try {
    zone = zoneFor(zoneName);
  } catch (error) {
    throw new StartFailure(`PROTAP_ZONA: ${oneLine(error)}`, { cause: error });
  }
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new StartFailure(`LOG_LEVEL harus salah satu dari ${LOG_LEVELS.join(', ')}, bukan "${logLevel}".`);
  const host = env.HOST || '127.0.0.1';
  if (/\s/.test(host)) throw new StartFailure(`HOST "${host}" tidak sah (tanpa spasi, mis. 0.0.0.0 atau 192.168.1.10).`);
  const trustProxy = env.PROTAP_TRUST_PROXY || undefined;
  const notProxy = trustProxy?.split(',').map((part) => part.trim()).find((part) => !['loopback', 'linklocal', 'uniquelocal'].includes(part) && !isIP(part.replace(/\/\d+$/, '')));
  if (notProxy !== undefined) throw new StartFailure(`PROTAP_TRUST_PROXY: "${notProxy}" bukan alamat proksi; tulis loopback (proksi di komputer yang sama) atau alamat IP-nya, dipisah koma.`);
  return {
    host, port, zone, zoneName, logLevel,
    ...(trustProxy ? { trustProxy } : {}),
    ...(certFile && keyFile ? { tls: { certFile, keyFile } } : {}),
    ...(httpPort !== undefined ? { httpPort } : {}),
    requestTimeoutMs: positiveOf(env, 'PROTAP_REQUEST_TIMEOUT_MS', 60_000),
    maxConnections: positiveOf(env, 'PROTAP_MAX_CONNECTIONS', 1000),
  };
}

function portOf(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || port > 65_535) throw new StartFailure(`${name} harus nomor port 0–65535, bukan "${raw}".`);
  return port;
}

function positiveOf(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new StartFailure(`${name} harus bilangan bulat positif, bukan "${raw}".`);
  return value;
}

/**
 * The server's settings: environment variables, and a config file of the same names that an office
 * keeps beside the service (docs/office.md; read by src/config/configFile.ts). The file is
 * PROTAP_CONFIG when set (an empty value: no file), else `protap.conf` in the working directory,
 * else /etc/protap/protap.conf, when there is one. Lines are `KEY=value`;
 * blank lines and lines starting with # are skipped; a value may be quoted ("…" or '…'); an empty
 * value leaves the key unset. The same file is a systemd EnvironmentFile. A variable already in the
 * environment wins over the file. An unknown key, a key written twice or a line that is not
 * `KEY=value` stops the start with one line naming the file and the line.
 */
import { isIP } from 'node:net';
import { applyConfigFile as applyConfig, ConfigError, parseConfig as parseConfigText } from '../src/config/configFile.ts';
import { zoneFor } from '../src/calendar/loadCalendar.ts';
import { oneLine, StartFailure } from './startFailure.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export { CONFIG_KEYS, configFile, OFFICE_CONFIG } from '../src/config/configFile.ts';

/** A ConfigError as a failed start (one line on stderr). */
function asStartFailure<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ConfigError) throw new StartFailure(error.message, { cause: error.cause });
    throw error;
  }
}

/** Parses a config file's text into its keys; throws a StartFailure naming the line of the first fault. */
export function parseConfig(text: string, file: string): Map<string, string> {
  return asStartFailure(() => parseConfigText(text, file));
}

/** Reads the config file (if any) into `env`, keeping every variable the environment already has. */
export function applyConfigFile(env: NodeJS.ProcessEnv, cwd = process.cwd(), office?: string): { file?: string; applied: string[] } {
  return asStartFailure(() => applyConfig(env, cwd, office));
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

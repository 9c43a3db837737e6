/**
 * The first admin account. When its password is generated it is written to
 * `<data folder>/admin-pertama.txt`, readable by the service user alone (0600, in a 0700 folder),
 * and shown once on stderr when that is a terminal — never in the JSON log, and not in a service's
 * journal (stderr not a terminal): there the message says where the file is. Should the file not
 * be writable, the password is shown whatever stderr is, so it is never lost. Under PostgreSQL the
 * file goes to the same place (PROTAP_DATA, default ./data), made for it. The server deletes the
 * file once admin has chosen a password of their own (POST /api/me/password).
 */
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { ensureAdmin } from '../src/auth/people.ts';
import type { DurableEngine } from '../src/store/durableEngine.ts';
import { oneLine } from './startFailure.ts';

export const FIRST_ADMIN_FILE = 'admin-pertama.txt';

/** Creates the admin account on an empty store; a generated password goes to the file (and a terminal). */
export async function createFirstAdmin(engine: DurableEngine, dataDir: string, logger: Logger, password = process.env.PROTAP_ADMIN_PASSWORD || undefined,
  terminal = process.stderr.isTTY === true): Promise<void> {
  const admin = await ensureAdmin(engine.store, engine.clock(), password);
  if (admin.created && !admin.generated) logger.info('akun admin dibuat dengan kata sandi dari PROTAP_ADMIN_PASSWORD');
  if (!admin.generated) return;
  let file: string | undefined;
  try {
    file = writePasswordFile(dataDir, admin.generated, engine.clock());
    logger.info({ file }, 'akun admin dibuat; kata sandi pertamanya ada di berkas');
  } catch (error) {
    logger.warn({ reason: oneLine(error) }, 'kata sandi admin pertama tidak dapat disimpan ke berkas');
    process.stderr.write(`\nKata sandi admin pertama tidak dapat disimpan ke berkas (${oneLine(error)}); catat sekarang.\n`);
  }
  const shown = terminal || !file ? `Kata sandinya (hanya ditampilkan sekali): ${admin.generated}\n` : '';
  const where = file ? `Kata sandi${shown ? ' ini juga disimpan' : 'nya ada'} di ${file} (hanya dapat dibaca pengguna layanan); hapus berkas itu setelah masuk pertama kali dan mengganti kata sandi.\n` : '';
  process.stderr.write(`\nAkun "admin" dibuat. ${shown}${where}` +
    'Masuk dengan POST /api/login {"id":"admin","password":"…"}, lalu tambahkan pengguna lain (POST /api/users).\n\n');
}

/** Writes the password file (0600), replacing an older one; answers its path. */
export function writePasswordFile(dataDir: string, password: string, at: string): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, FIRST_ADMIN_FILE);
  rmSync(file, { force: true });
  writeFileSync(file, [
    'Akun admin pertama Protap',
    'id: admin',
    `kata sandi: ${password}`,
    `dibuat: ${at}`,
    '',
    'Masuk dengan akun ini, ganti kata sandinya, lalu HAPUS berkas ini.',
    '',
  ].join('\n'), { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return file;
}

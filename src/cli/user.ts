/**
 * `protap user add|list|set`: manages the people of the server's store (DATABASE_URL, or the SQLite
 * file in PROTAP_DATA) without the API — for the first accounts, or when the admin password is lost.
 * A password comes from standard input with --password-stdin, else one is generated and shown once.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { addUser, generatePassword, publicUser, updateUser } from '../auth/people.ts';
import { ProtapError } from '../runtime/protapError.ts';
import { openStore, storeSettings } from '../store/openStore.ts';
import { argumentError } from './argumentError.ts';

const USAGE = [
  'Penggunaan:',
  '  protap user add ID --nama "NAMA" --peran PERAN[,PERAN…] [--unit "UNIT KERJA"] [--password-stdin]',
  '  protap user set ID [--nama "NAMA"] [--peran PERAN[,PERAN…]] [--unit "UNIT KERJA" | --unit ""] [--nonaktif | --aktif] [--password-stdin | --password-baru]',
  '  protap user list [--json]',
  'Peran: admin, analis, pimpinan, auditor, atau peran pelaksana (sop:pelaksana lajur SOP).',
  'Unit: unit kerja seperti di identitas SOP, mis. "Kepaniteraan Pidana"; --unit "" menghapusnya.',
].join('\n');

const roles = (text: string | undefined) => text?.split(',').map((r) => r.trim()).filter(Boolean);

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args, allowPositionals: true,
      options: {
        nama: { type: 'string' }, peran: { type: 'string' }, unit: { type: 'string' }, json: { type: 'boolean' }, 'password-stdin': { type: 'boolean' },
        'password-baru': { type: 'boolean' }, nonaktif: { type: 'boolean' }, aktif: { type: 'boolean' },
      },
    });
  } catch (error) {
    console.error(`protap user: ${argumentError(error)}\n${USAGE}`);
    return 2;
  }
  const [action, id, ...extra] = parsed.positionals;
  const v = parsed.values;
  if (!action || !['add', 'set', 'list'].includes(action) || (action !== 'list' && !id) || extra.length > 0 || (v.nonaktif && v.aktif)) {
    console.error(`protap user: perintah tidak lengkap.\n${USAGE}`);
    return 2;
  }
  const store = await openStore(storeSettings());
  const now = new Date().toISOString();
  try {
    if (action === 'list') {
      const people = (await store.listUsers()).map(publicUser);
      if (v.json) console.log(JSON.stringify(people, null, 2));
      else for (const p of people) console.log(`${p.id.padEnd(20)} ${p.name.padEnd(30)} ${p.roles.join(', ')}${p.unit ? `  [${p.unit}]` : ''}${p.disabled ? '  (nonaktif)' : ''}`);
      return 0;
    }
    const typed = v['password-stdin'] ? readFileSync(0, 'utf8').replace(/\r?\n$/, '') : undefined;
    if (action === 'add') {
      if (!v.nama || !roles(v.peran)?.length) {
        console.error(`protap user add: --nama dan --peran wajib.\n${USAGE}`);
        return 2;
      }
      const password = typed ?? generatePassword();
      const user = await addUser(store, { id: id as string, name: v.nama, password, roles: roles(v.peran) as string[], ...(v.unit !== undefined ? { unit: v.unit } : {}) }, now);
      console.log(`Pengguna ${user.id} (${user.roles.join(', ')}) dibuat.${typed === undefined ? ` Kata sandi (hanya ditampilkan sekali): ${password}` : ''}`);
      return 0;
    }
    const password = typed ?? (v['password-baru'] ? generatePassword() : undefined);
    const change = {
      ...(v.nama ? { name: v.nama } : {}), ...(v.peran ? { roles: roles(v.peran) as string[] } : {}), ...(v.unit !== undefined ? { unit: v.unit } : {}),
      ...(v.nonaktif ? { disabled: true } : v.aktif ? { disabled: false } : {}), ...(password ? { password } : {}),
    };
    const user = await updateUser(store, id as string, change, now);
    console.log(`Pengguna ${user.id} diperbarui: ${user.roles.join(', ')}${user.disabled ? ', nonaktif' : ''}.${v['password-baru'] ? ` Kata sandi baru (hanya ditampilkan sekali): ${password}` : ''}`);
    return 0;
  } catch (error) {
    if (error instanceof ProtapError) {
      console.error(`protap user: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}

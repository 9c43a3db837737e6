/**
 * `protap service install`: Protap as a systemd service on an office's Linux server. Writes the
 * unit `<root>/etc/systemd/system/protap.service` and the config file `<root>/etc/protap/protap.conf`
 * (0640; read by systemd as EnvironmentFile and by the server itself, server/config.ts), then prints
 * the commands the IT person runs next. Runs no systemctl and creates no user itself. `--root`
 * writes under another root (an image being prepared, or a test); the paths inside the files are
 * those of the target system. An existing config file is kept unless --force.
 *
 * The service folder (--data, default /var/lib/protap) is the only place the service may write
 * (ProtectSystem=strict): the database in `<folder>/data` (PROTAP_DATA), the audit key and the
 * checkpoints beside it, as the server places them by default. See docs/office.md.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { argumentError } from './argumentError.ts';

const USAGE = 'Penggunaan: protap service install [--root DIR] [--user NAMA] [--data DIR] [--port PORT] [--host ALAMAT] [--dry-run] [--force]';
const UNIT_PATH = '/etc/systemd/system/protap.service';
const CONFIG_PATH = '/etc/protap/protap.conf';
/** The Protap checkout this command belongs to: the service runs it from there. */
const INSTALL_DIR = resolve(import.meta.dirname, '../..');

export interface ServicePlan {
  user: string;
  /** The service folder (writable by the service alone). */
  folder: string;
  port: number;
  host: string;
  installDir: string;
  /** ExecStart: the node binary and the arguments of `npm start`. */
  command: string[];
}

/** ExecStart from package.json's "start" script, with this node binary for `node`. */
export function startCommand(installDir = INSTALL_DIR, node = process.execPath): string[] {
  const scripts = (JSON.parse(readFileSync(join(installDir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  const words = (scripts.start ?? '').trim().split(/\s+/);
  if (words[0] !== 'node' || words.length < 2) throw new Error(`skrip "start" di ${join(installDir, 'package.json')} tidak diawali "node": ${scripts.start ?? '(tidak ada)'}`);
  return [node, ...words.slice(1)];
}

/** A word of ExecStart as systemd reads it: % and $ doubled, quoted when it holds a space or a quote. */
function execWord(word: string): string {
  const escaped = word.replace(/%/g, '%%').replace(/\$/g, '$$$$');
  return /[\s"'\\]/.test(escaped) ? `"${escaped.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : escaped;
}

/** The templates of deploy/, their @NAME@ placeholders filled; a placeholder left over is a fault of the template. */
function fromTemplate(name: string, values: Record<string, string>): string {
  const text = readFileSync(join(INSTALL_DIR, 'deploy', name), 'utf8').replace(/@([A-Z_]+)@/g, (whole, key: string) => values[key] ?? whole);
  const left = /@[A-Z_]+@/.exec(text);
  if (left) throw new Error(`templat deploy/${name} memuat ${left[0]} yang tidak dikenal`);
  return text;
}

/** The unit, from deploy/protap.service.in (a systemd specifier % in a path is doubled). */
export function unitText(plan: ServicePlan): string {
  return fromTemplate('protap.service.in', {
    USER: plan.user, FOLDER: plan.folder, CONFIG_PATH, INSTALL_DIR: plan.installDir.replace(/%/g, '%%'), EXEC_START: plan.command.map(execWord).join(' '),
  });
}

/** The config file, from deploy/protap.conf.in. */
export function configText(plan: ServicePlan): string {
  return fromTemplate('protap.conf.in', { USER: plan.user, FOLDER: plan.folder, HOST: plan.host, PORT: String(plan.port) });
}

/** The commands to run next on the target system, as root. */
export function nextSteps(plan: ServicePlan): string[] {
  const u = plan.user;
  return [
    `useradd --system --user-group --no-create-home --home-dir ${plan.folder} --shell /usr/sbin/nologin ${u}`,
    `install -d -o ${u} -g ${u} -m 0700 ${plan.folder}`,
    `chown root:${u} ${CONFIG_PATH}`,
    `cd ${plan.installDir} && npm ci && npm run build   # sebagai pemilik folder Protap, bukan root`,
    'systemctl daemon-reload',
    'systemctl enable --now protap',
    'journalctl -u protap -f',
  ];
}

function planOf(values: Record<string, string | boolean | undefined>): ServicePlan | string {
  const user = String(values.user ?? 'protap');
  if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(user)) return `nama pengguna "${user}" tidak sah (huruf kecil, angka, _ atau -, paling banyak 32).`;
  const folder = String(values.data ?? '/var/lib/protap').replace(/\/+$/, '');
  if (!isAbsolute(folder) || !/^[A-Za-z0-9._/-]+$/.test(folder)) return `--data harus path absolut tanpa spasi, mis. /var/lib/protap (bukan "${String(values.data)}").`;
  const port = Number(values.port ?? 3000);
  if (!/^\d+$/.test(String(values.port ?? 3000)) || port < 1 || port > 65_535) return `--port harus nomor port 1–65535, bukan "${String(values.port)}".`;
  const host = String(values.host ?? '0.0.0.0');
  if (!/^[A-Za-z0-9.:[\]-]+$/.test(host)) return `--host "${host}" tidak sah (mis. 0.0.0.0 atau 192.168.1.10).`;
  return { user, folder, port, host, installDir: INSTALL_DIR, command: startCommand() };
}

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: {
      root: { type: 'string' }, user: { type: 'string' }, data: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' },
      'dry-run': { type: 'boolean' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    } });
  } catch (error) {
    console.error(`protap service: ${argumentError(error)}\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(`${USAGE}\nMenulis unit systemd dan berkas pengaturan Protap, lalu menampilkan perintah berikutnya (lihat docs/office.md).`);
    return 0;
  }
  if (parsed.positionals.length !== 1 || parsed.positionals[0] !== 'install') {
    console.error(`protap service: sebutkan "install".\n${USAGE}`);
    return 2;
  }
  const plan = planOf(parsed.values);
  if (typeof plan === 'string') {
    console.error(`protap service: ${plan}\n${USAGE}`);
    return 2;
  }
  const root = resolve(parsed.values.root ?? '/');
  const unitFile = join(root, UNIT_PATH);
  const configFile = join(root, CONFIG_PATH);
  const dryRun = parsed.values['dry-run'] === true;
  const kept = existsSync(configFile) && !parsed.values.force;
  if (kept && !dryRun) {
    console.error(`protap service: ${configFile} sudah ada dan tidak ditimpa (pengaturan kantor Anda); pakai --force untuk menimpanya.`);
    return 1;
  }
  if (dryRun) {
    console.log(`# ${unitFile}\n${unitText(plan)}\n# ${configFile} (0640)${kept ? ' — sudah ada: install tanpa --force tidak akan menimpanya' : ''}\n${configText(plan)}`);
  } else {
    try {
      writeFileWithMode(unitFile, unitText(plan), 0o644);
      writeFileWithMode(configFile, configText(plan), 0o640);
    } catch (error) {
      const code = (error as { code?: string }).code;
      const why = code === 'EACCES' || code === 'EPERM' ? 'tidak ada izin (jalankan dengan sudo)' : error instanceof Error ? error.message : String(error);
      console.error(`protap service: berkas layanan tidak dapat ditulis: ${why}`);
      return 1;
    }
    console.log(`Unit systemd ditulis: ${unitFile}\nPengaturan ditulis: ${configFile} (0640)`);
  }
  console.log([
    '',
    root === '/' ? 'Langkah berikutnya, sebagai root:' : `Berkas ada di bawah ${root}; di sistem tujuan jalankan sebagai root:`,
    ...nextSteps(plan).map((line) => `  ${line}`),
    '',
    `Protap lalu melayani http://${plan.host === '0.0.0.0' ? '<alamat-server>' : plan.host}:${plan.port} (HTTPS: isi PROTAP_TLS_CERT dan PROTAP_TLS_KEY di ${CONFIG_PATH}).`,
    `Kata sandi admin pertama: ${plan.folder}/data/admin-pertama.txt — hapus berkas itu setelah masuk pertama kali.`,
  ].join('\n'));
  return 0;
}

function writeFileWithMode(file: string, text: string, mode: number): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o755 });
  writeFileSync(file, text, { mode });
  chmodSync(file, mode);
}

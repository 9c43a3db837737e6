/**
 * The `protap` command line: one small file per command, loaded on demand.
 * Every command returns its exit code; none prints a stack trace, whatever the input.
 */
import { applyConfigFile, ConfigError } from '../config/configFile.ts';

export type Command = (args: string[]) => Promise<number>;

const commands: Record<string, { summary: string; load: () => Promise<{ run: Command }> }> = {
  validate: { summary: 'periksa berkas BPMN: protap validate FILE... [--json]', load: () => import('./validate.ts') },
  compile: { summary: 'tampilkan konfigurasi mesin XState: protap compile FILE [--json]', load: () => import('./compile.ts') },
  simulate: { summary: 'jalankan satu kasus dengan jam simulasi: protap simulate FILE [--data JSON]', load: () => import('./simulate.ts') },
  catalogue: { summary: 'daftar SOP katalog menurut nomor buku: protap catalogue [--dir DIR] [--json]', load: () => import('./catalogue.ts') },
  'import-sop': { summary: 'buat draf BPMN dari teks buku SOP: protap import-sop TEXT_FILE --out DIR [--json]', load: () => import('./importSop.ts') },
  'export-sop': { summary: 'dokumen SOP resmi (Permenpan RB 35/2012): protap export-sop FILE... [--process ID] [--format html|pdf] --out PATH', load: () => import('./exportSop.ts') },
  replay: { summary: 'periksa keutuhan riwayat kasus di penyimpanan server: protap replay ID_KASUS... | --all [--checkpoint BERKAS] [--json]', load: () => import('./replay.ts') },
  checkpoint: { summary: 'tanda tangani ujung log semua kasus ke berkas titik periksa: protap checkpoint [--json]', load: () => import('./checkpoint.ts') },
  user: { summary: 'kelola pengguna dan peran di penyimpanan server: protap user add|set|list …', load: () => import('./user.ts') },
  backup: { summary: 'cadangkan penyimpanan SQLite lalu periksa cadangannya: protap backup [--out BERKAS] [--json] | --check BERKAS', load: () => import('./backup.ts') },
  restore: { summary: 'pulihkan penyimpanan SQLite dari cadangan (server harus berhenti): protap restore BERKAS [--data FOLDER]', load: () => import('./restore.ts') },
  migrate: { summary: 'migrasikan skema penyimpanan (SQLite: dengan cadangan dulu): protap migrate [--dry-run] [--json]', load: () => import('./migrate.ts') },
  layout: { summary: 'tata letak ulang diagram dari semantiknya (hanya bpmndi): protap layout FILE... [--write]', load: () => import('./layout.ts') },
  waktu: { summary: 'hitung tenggat waktu penyelesaian: protap waktu "<frasa>" --from <ISO> [--hari kerja|kalender] [--tz ZONA] [--json]', load: () => import('./waktu.ts') },
  service: { summary: 'pasang Protap sebagai layanan systemd: protap service install [--root DIR] [--user NAMA] [--data DIR] [--port PORT] [--host ALAMAT] [--dry-run] [--force]', load: () => import('./service.ts') },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return ['Penggunaan: protap <perintah> [argumen]', '', 'Perintah:', ...lines].join('\n');
}

/** Runs one `protap` command and returns its exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`Perintah tidak dikenal: "${name}".\n\n${usage()}`);
    return 2;
  }
  try {
    // The office's config file (PROTAP_CONFIG, ./protap.conf or /etc/protap/protap.conf): the
    // store, data folder and zone the server uses, so `protap backup` reads what the service reads.
    applyConfigFile(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`protap ${name}: ${error.message}`);
    return 2;
  }
  try {
    const { run } = await command.load();
    return await run(rest);
  } catch (error) {
    // A fault inside a command must still never show a stack trace to the user.
    const message = error instanceof Error ? error.message : String(error);
    console.error(`protap ${name}: kesalahan internal: ${message}`);
    return 70;
  }
}

/** `protap catalogue [--dir DIR] [--json]`: the index of the SOP catalogue, read from the files, in book order. */
import { parseArgs } from 'node:util';
import { readCatalogue, type CatalogueEntry } from '../catalogue/readCatalogue.ts';
import { argumentError } from './argumentError.ts';

const USAGE = 'Penggunaan: protap catalogue [--dir FOLDER] [--json]';

function line(entry: CatalogueEntry, width: { kode: number; nama: number; file: number }): string {
  const kode = entry.kodeBuku ?? 'makro';
  const calls = entry.calledElements.length > 0 ? `  → ${entry.calledElements.join(', ')}` : '';
  return `${kode.padEnd(width.kode)}  ${entry.nama.padEnd(width.nama)}  ${entry.file.padEnd(width.file)}  (${entry.steps} langkah)${calls}`;
}

/** Runs the command. */
export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: false, options: { json: { type: 'boolean' }, dir: { type: 'string' } } });
  } catch (error) {
    console.error(`protap catalogue: ${argumentError(error)}\n${USAGE}`);
    return 2;
  }
  let entries: CatalogueEntry[];
  try {
    entries = await readCatalogue(...(parsed.values.dir ? [parsed.values.dir] : []));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(`protap catalogue: ${code === 'ENOENT' ? `folder katalog tidak ditemukan (${parsed.values.dir ?? 'processes'})` : error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  if (parsed.values.json) {
    console.log(JSON.stringify(entries.map(({ path: _path, ...entry }) => entry), null, 2));
    return 0;
  }
  const width = {
    kode: Math.max(...entries.map((e) => (e.kodeBuku ?? 'makro').length)),
    nama: Math.min(48, Math.max(...entries.map((e) => e.nama.length))),
    file: Math.max(...entries.map((e) => e.file.length)),
  };
  for (const entry of entries) console.log(line(entry, width));
  const makro = entries.filter((e) => e.cakupan === 'makro').length;
  console.log(`\n${entries.length} SOP: ${entries.length - makro} mikro, ${makro} makro.`);
  return 0;
}

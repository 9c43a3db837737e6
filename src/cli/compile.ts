/** `protap compile FILE [--process ID] [--json]`: prints the XState machine config of a process. */
import { parseArgs } from 'node:util';
import { loadDefinitions } from '../runtime/loadDefinitions.ts';
import { argumentError } from './argumentError.ts';
import { readFiles } from './readFiles.ts';

/** Runs the command. */
export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, process: { type: 'string' } } });
  } catch (error) {
    console.error(`protap compile: ${argumentError(error)}\nPenggunaan: protap compile FILE [--process ID] [--json]`);
    return 2;
  }
  const [file] = parsed.positionals;
  if (!file || parsed.positionals.length > 1) {
    console.error('Penggunaan: protap compile FILE [--process ID] [--json]');
    return 2;
  }
  const [read] = await readFiles([file]);
  if (!read?.ok) {
    console.error(`${file}: ${read && !read.ok ? read.message : 'tidak dapat dibaca'}`);
    return 1;
  }
  const loaded = await loadDefinitions(read.xml);
  if (loaded.problems.length > 0) {
    console.error(`${file} tidak dapat dikompilasi:`);
    for (const p of loaded.problems) console.error(`  ${p.code} ${p.id ? `[${p.id}] ` : ''}${p.message}`);
    return 1;
  }
  const chosen = parsed.values.process ? loaded.definitions.filter((d) => d.processId === parsed.values.process) : loaded.definitions;
  if (chosen.length === 0) {
    console.error(parsed.values.process ? `Proses "${parsed.values.process}" tidak ada di ${file}; yang ada: ${loaded.definitions.map((d) => d.processId).join(', ')}.` : `${file} tidak berisi proses yang dapat dijalankan.`);
    return 1;
  }
  const output = chosen.map((d) => ({ processId: d.processId, name: d.name, hash: d.hash, startEvents: d.startEvents, machine: d.config }));
  const value = output.length === 1 ? output[0] : output;
  console.log(parsed.values.json ? JSON.stringify(value) : JSON.stringify(value, null, 2));
  return 0;
}

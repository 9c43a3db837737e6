/**
 * `protap checkpoint [--json]`: signs the head of every case's log now and writes the checkpoint
 * file beside the data folder (PROTAP_CHECKPOINTS), with the key kept there too (PROTAP_AUDIT_KEY;
 * made on first use). Copy the file elsewhere; `protap replay --all --checkpoint FILE` proves the
 * store still holds what it saw.
 */
import { parseArgs } from 'node:util';
import { checkpointPlaces, writeCheckpoint } from '../audit/checkpointFiles.ts';
import { describeStore, openStore, storeSettings } from '../store/openStore.ts';
import { argumentError } from './argumentError.ts';

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: false, options: { json: { type: 'boolean' } } });
  } catch (error) {
    console.error(`protap checkpoint: ${argumentError(error)}\nPenggunaan: protap checkpoint [--json]`);
    return 2;
  }
  const settings = storeSettings();
  const store = await openStore(settings);
  try {
    const { checkpoint, path } = await writeCheckpoint(store, checkpointPlaces(settings.dataDir), new Date().toISOString());
    if (parsed.values.json) {
      console.log(JSON.stringify({ path, at: checkpoint.at, cases: checkpoint.cases, events: checkpoint.events, root: checkpoint.root, fingerprint: checkpoint.fingerprint }, null, 2));
    } else {
      console.log(`Titik periksa ${path}: ${checkpoint.cases} kasus, ${checkpoint.events} catatan (${describeStore(settings)}).`);
      console.log(`Sidik kunci penanda tangan: ${checkpoint.fingerprint}. Salin berkas ini ke tempat lain; catat sidik kunci ini sekali.`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

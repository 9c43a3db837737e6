/**
 * A replay worker thread (see replayInParallel.ts): opens the store, then replays each page of
 * cases it is sent. The definitions come with the pages as compiled configs; the worker only makes
 * their machines, so it loads neither the BPMN reader nor the compiler (a third of the start-up it had).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { replayCases, type ReplaySource } from './replay.ts';
import { createProcessMachine } from '../compile/createProcessMachine.ts';
import type { Definition } from '../runtime/definition.ts';
import { openStore, type StoreSettings } from '../store/openStore.ts';
import type { ToWorker } from './replayInParallel.ts';

const port = parentPort;
if (!port) throw new Error('replayWorker.ts berjalan hanya sebagai worker thread');
try {
  const store = await openStore(workerData as StoreSettings);
  const definitions = new Map<string, Definition>();
  const recompiled = new Set<string>();
  const source: ReplaySource = {
    store,
    // Every definition a page needs arrives with it or before it.
    ensureDefinitions: async () => {},
    definition(processId, version) {
      const definition = definitions.get(`${processId}@${version}`);
      if (!definition) throw new Error(`Definisi ${processId} versi ${version} tidak dikirim ke thread replay.`);
      return definition;
    },
    isRecompiled: (processId, version) => recompiled.has(`${processId}@${version}`),
  };
  // Pages are replayed one after another, in the order they come; each BPMN document hashed once a run.
  const documents = new Map<string, string>();
  let work = Promise.resolve();
  port.on('message', (message: ToWorker) => {
    work = work.then(async () => {
      for (const { recompiled: changed, ...data } of message.definitions) {
        definitions.set(`${data.processId}@${data.version}`, { ...data, machine: createProcessMachine(data.config) });
        if (changed) recompiled.add(`${data.processId}@${data.version}`);
      }
      port.postMessage({ reports: await replayCases(source, message.cases, documents) });
    }).catch((error: unknown) => port.postMessage({ error: error instanceof Error ? error.message : String(error) }));
  });
  port.postMessage({ ready: true });
} catch (error) {
  port.postMessage({ error: error instanceof Error ? error.message : String(error) });
}

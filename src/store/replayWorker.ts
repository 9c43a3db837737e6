/** A replay worker thread (see replayInParallel.ts): opens the store, then replays each page of case ids it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { replayCase } from '../audit/replay.ts';
import { DurableEngine } from './durableEngine.ts';
import { openStore, type StoreSettings } from './openStore.ts';

const port = parentPort;
if (!port) throw new Error('replayWorker.ts berjalan hanya sebagai worker thread');
try {
  const store = await openStore(workerData as StoreSettings);
  const engine = await DurableEngine.open({ store, cachedCases: 0 });
  port.on('message', (ids: string[]) => {
    void (async () => {
      const reports = [];
      for (const id of ids) reports.push(await replayCase(engine, id));
      port.postMessage({ reports });
    })().catch((error: unknown) => port.postMessage({ error: error instanceof Error ? error.message : String(error) }));
  });
  port.postMessage({ ready: true });
} catch (error) {
  port.postMessage({ error: error instanceof Error ? error.message : String(error) });
}

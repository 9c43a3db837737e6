/**
 * `npm start`: opens the store (SQLite in PROTAP_DATA, default ./data; PostgreSQL when
 * DATABASE_URL is set), migrates it, creates the admin account on first start (password from
 * PROTAP_ADMIN_PASSWORD, or generated and shown once on stderr), deploys the processes/ catalogue (only what changed since the
 * last start), builds the web app if its sources changed, starts the timer service and serves
 * the API and the web app on PORT (default 3000). SIGTERM or
 * SIGINT stops taking requests, lets the ones in flight finish, then stops the timers and closes
 * the store. Logs are JSON lines (pino) on stdout.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { ensureAdmin } from '../src/auth/people.ts';
import { deployCatalogue } from '../src/catalogue/deployCatalogue.ts';
import { DurableEngine, type CaseInspector } from '../src/store/durableEngine.ts';
import { describeStore, openStore, storeSettings } from '../src/store/openStore.ts';
import { ensureEditorBuilt } from '../editor/build.ts';
import { createApp } from './app.ts';
import { checkpointPlaces, listCheckpoints, writeCheckpoint, type CheckpointPlaces } from '../src/audit/checkpointFiles.ts';

// Log lines are written asynchronously (buffered): a request never waits for stdout.
const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { pid: process.pid } }, pino.destination({ dest: 1, sync: false }));

async function main(): Promise<void> {
  const settings = storeSettings();
  const store = await openStore(settings);
  const inspection = await startInspection();
  const engine = await DurableEngine.open({ store, onError: (error, context) => logger.error({ err: error }, context), ...(inspection ? { inspector: inspection.inspector } : {}) });
  const admin = await ensureAdmin(store, engine.clock(), process.env.PROTAP_ADMIN_PASSWORD || undefined);
  if (admin.generated) {
    // Shown once, on the terminal, never in the JSON log.
    process.stderr.write(`\nAkun "admin" dibuat. Kata sandinya (hanya ditampilkan sekali): ${admin.generated}\n` +
      'Masuk dengan POST /api/login {"id":"admin","password":"…"}, lalu tambahkan pengguna lain (POST /api/users).\n\n');
  } else if (admin.created) {
    logger.info('akun admin dibuat dengan kata sandi dari PROTAP_ADMIN_PASSWORD');
  }
  if (process.env.PROTAP_CATALOGUE !== 'off') {
    const deployed = await deployCatalogue(engine, undefined, { ifChanged: true, actor: 'sistem' });
    logger.info({ definitions: deployed.length }, 'katalog SOP di-deploy');
  }
  const timers = engine.startTimerService({
    pollMs: Number(process.env.PROTAP_TIMER_POLL_MS ?? 200),
    batch: Number(process.env.PROTAP_TIMER_BATCH ?? 256),
    onFired: (fired) => logger.info({ fired }, 'timer dijalankan'),
  });
  const webRoot = await prepareWebApp();
  const checkpoints = checkpointPlaces(settings.dataDir);
  const signing = scheduleCheckpoints(engine, checkpoints);
  // A request's headers must arrive within 15 s and the whole request within PROTAP_REQUEST_TIMEOUT_MS
  // (60 s; checked every few seconds), and at most PROTAP_MAX_CONNECTIONS sockets are open: a slow
  // sender cannot hold the server.
  const requestTimeout = Number(process.env.PROTAP_REQUEST_TIMEOUT_MS ?? 60_000);
  const server = createServer({ requestTimeout, headersTimeout: Math.min(15_000, requestTimeout), connectionsCheckingInterval: Math.min(5_000, Math.max(250, requestTimeout / 4)) },
    createApp(engine, logger, { ...(webRoot ? { webRoot } : {}), checkpoints }));
  server.maxConnections = Number(process.env.PROTAP_MAX_CONNECTIONS ?? 1000);
  server.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1');
  await new Promise<void>((resolve, reject) => { server.once('listening', resolve); server.once('error', reject); });
  const { port, address } = server.address() as AddressInfo;
  logger.info({ port, address, store: describeStore(settings) }, 'Protap siap');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'berhenti: menyelesaikan permintaan yang sedang berjalan');
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await timers.stop();
    if (signing) clearInterval(signing);
    inspection?.stop();
    await store.close();
    logger.info('berhenti');
    logger.flush(() => process.exit(0));
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/**
 * Signed checkpoints of every case's head (src/audit/checkpoint.ts), every PROTAP_CHECKPOINT_HOURS
 * (default 24; 0 for none), and at start when the newest is older than that: an office that
 * restarts daily still gets one a day.
 */
function scheduleCheckpoints(engine: DurableEngine, places: CheckpointPlaces): NodeJS.Timeout | undefined {
  const hours = Number(process.env.PROTAP_CHECKPOINT_HOURS ?? 24);
  if (!(hours > 0)) return undefined;
  const sign = () => writeCheckpoint(engine.store, places, new Date().toISOString())
    .then(({ checkpoint, path }) => logger.info({ path, cases: checkpoint.cases, fingerprint: checkpoint.fingerprint }, 'titik periksa audit ditandatangani'))
    .catch((error: unknown) => logger.error({ err: error }, 'titik periksa audit gagal dibuat'));
  const newest = listCheckpoints(places)[0];
  if (!newest || Date.now() - Date.parse(newest.at) > hours * 3_600_000) void sign();
  const timer = setInterval(() => void sign(), hours * 3_600_000);
  timer.unref();
  return timer;
}

/**
 * The browser app: served from PROTAP_WEB_ROOT when given (built elsewhere), otherwise from
 * editor/dist, rebuilt first when its sources changed (PROTAP_WEB_BUILD=off skips that, for
 * test servers that never load the page).
 */
async function prepareWebApp(): Promise<string | undefined> {
  if (process.env.PROTAP_WEB_ROOT) return process.env.PROTAP_WEB_ROOT;
  if (process.env.PROTAP_WEB_BUILD !== 'off' && await ensureEditorBuilt()) logger.info('aplikasi web dibangun (editor/dist)');
  return undefined;
}

/**
 * Live inspection, opt-in (PROTAP_INSPECT=on, a developer's tool): a local bridge of
 * @statelyai/inspect on PROTAP_INSPECT_PORT (default 8080) that the Stately inspector page
 * connects to; every committed command is shown there as events and snapshots of its case.
 */
async function startInspection(): Promise<{ inspector: CaseInspector; stop(): void } | undefined> {
  if (process.env.PROTAP_INSPECT !== 'on') return undefined;
  const port = Number(process.env.PROTAP_INSPECT_PORT ?? 8080);
  const { createInspectorServer } = await import('@statelyai/inspect/server');
  const { createWebSocketInspector } = await import('@statelyai/inspect');
  const bridge = createInspectorServer({ port, autoOpen: false });
  const inspector = createWebSocketInspector({ url: `ws://127.0.0.1:${port}` });
  logger.info({ port }, `inspektor XState aktif: jembatan inspeksi di http://127.0.0.1:${port}`);
  return {
    inspector: inspector as unknown as CaseInspector,
    stop: () => { inspector.stop(); bridge.stop(); },
  };
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'Protap tidak dapat dimulai');
  logger.flush(() => process.exit(1));
});

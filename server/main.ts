/**
 * `npm start`: reads the config file (server/config.ts: PROTAP_CONFIG or ./protap.conf; the
 * environment wins), takes its port(s) — HTTP on PORT (default 3000), or HTTPS there when
 * PROTAP_TLS_CERT and PROTAP_TLS_KEY are set, with an optional plain port PROTAP_HTTP_PORT that
 * redirects to it — then opens the store (SQLite in PROTAP_DATA, default ./data; PostgreSQL when
 * DATABASE_URL is set) and migrates it, with the working calendar in the satker's zone
 * (PROTAP_ZONA), creates the admin account on first start (password from PROTAP_ADMIN_PASSWORD,
 * or generated, shown once on stderr and kept in <data>/admin-pertama.txt), deploys the processes/
 * catalogue (only what changed since the last start), builds the web app if its sources changed,
 * starts the timer service and serves the API and the web app. SIGTERM or SIGINT stops taking
 * requests, lets the ones in flight finish, then stops the timers and closes the store. Logs are
 * JSON lines (pino) on stdout; a start that fails says why in one line on stderr and exits 1.
 */
import { pino, type Logger } from 'pino';
import { deployCatalogue } from '../src/catalogue/deployCatalogue.ts';
import { DurableEngine, type CaseInspector } from '../src/store/durableEngine.ts';
import { describeStore, openStore, storeSettings } from '../src/store/openStore.ts';
import { ensureEditorBuilt } from '../editor/build.ts';
import { createApp } from './app.ts';
import { checkpointPlaces, listCheckpoints, writeCheckpoint, type CheckpointPlaces } from '../src/audit/checkpointFiles.ts';
import { applyConfigFile, serverSettings } from './config.ts';
import { createFirstAdmin, FIRST_ADMIN_FILE } from './firstAdmin.ts';
import { join } from 'node:path';
import { openListeners } from './listen.ts';
import { during, failureLine, oneLine } from './startFailure.ts';
import { readTlsFiles, type TlsFiles } from './tls.ts';
import { BpmnWorker } from '../src/runtime/bpmnWorker.ts';
import { backupScheduleSettings, migrationBackupOf, scheduleBackups } from '../src/store/backup.ts';

// Log lines are written asynchronously (buffered): a request never waits for stdout.
const createLogger = (level: string): Logger => pino({ level, base: { pid: process.pid } }, pino.destination({ dest: 1, sync: false }));
let logger: Logger | undefined;

async function main(): Promise<void> {
  const config = applyConfigFile(process.env);
  const settings = serverSettings(process.env);
  const log = logger = createLogger(settings.logLevel);
  if (config.file) log.info({ file: config.file, keys: config.applied }, 'berkas konfigurasi dibaca');
  const tls = settings.tls ? readTlsFiles(settings.tls.certFile, settings.tls.keyFile) : undefined;
  const places = storeSettings();
  const backupPlan = places.databaseUrl ? undefined : await during('membaca pengaturan cadangan', () => backupScheduleSettings(places.dataDir));
  const listeners = await openListeners(settings, tls);
  if (tls) logTls(log, tls);

  const store = await during(`membuka penyimpanan ${describeStore(places)}`, () => openStore(places));
  const copy = migrationBackupOf(store);
  if (copy) log.info({ path: copy }, 'cadangan sebelum migrasi ditulis');
  // BPMN is read and compiled on a worker thread, so a large diagram never holds other requests.
  const bpmn = process.env.PROTAP_BPMN_THREAD === 'off' ? undefined : new BpmnWorker();
  bpmn?.warm();
  const inspection = await during('memulai inspektor XState', () => startInspection(log));
  const engine = await during('memuat definisi dan kalender', () => DurableEngine.open({
    store, zone: settings.zone, ...(bpmn ? { bpmn } : {}), onError: (error, context) => log.error({ err: error }, context), onNote: (message, details) => log.info(details, message), ...(inspection ? { inspector: inspection.inspector } : {}),
  }));
  await during('membuat akun admin pertama', () => createFirstAdmin(engine, places.dataDir, log));
  await during('men-deploy katalog SOP', () => deployProcesses(engine, log));
  const timers = engine.startTimerService({
    pollMs: Number(process.env.PROTAP_TIMER_POLL_MS ?? 200),
    batch: Number(process.env.PROTAP_TIMER_BATCH ?? 256),
    onFired: (fired) => log.info({ fired }, 'timer dijalankan'),
  });
  const webRoot = await during('membangun aplikasi web (editor/dist)', () => prepareWebApp(log),
    'jalankan npm run build di folder Protap sebagai pemiliknya, lalu mulai lagi (atau PROTAP_WEB_BUILD=off)');
  const checkpoints = checkpointPlaces(places.dataDir);
  const signing = scheduleCheckpoints(engine, checkpoints, log);
  const backups = backupPlan ? scheduleBackups({ dataDir: places.dataDir, ...backupPlan, log }) : undefined;
  const app = createApp(engine, log, { ...(webRoot ? { webRoot } : {}), checkpoints, tls: Boolean(tls), firstAdminFile: join(places.dataDir, FIRST_ADMIN_FILE) });
  // Behind a reverse proxy (docs/office.md): the client's address from X-Forwarded-For, for the login limits and logs.
  if (settings.trustProxy) app.set('trust proxy', settings.trustProxy);
  listeners.serve(app);
  log.info({
    protocol: listeners.protocol, port: listeners.port, address: listeners.address,
    ...(listeners.httpPort !== undefined ? { httpPort: listeners.httpPort } : {}),
    zone: settings.zone, zona: settings.zoneName, store: describeStore(places),
  }, 'Protap siap');

  stopOnSignals(log, async () => {
    await listeners.close();
    await timers.stop();
    if (signing) clearInterval(signing);
    backups?.stop();
    inspection?.stop();
    await bpmn?.close();
    await store.close();
  });
}

/** SIGTERM or SIGINT: the steps of a graceful stop, once, then exit 0. */
function stopOnSignals(log: Logger, steps: () => Promise<void>): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'berhenti: menyelesaikan permintaan yang sedang berjalan');
    await steps();
    log.info('berhenti');
    log.flush(() => process.exit(0));
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** The certificate served, and a warning when it has expired (browsers then refuse it). */
function logTls(log: Logger, tls: TlsFiles): void {
  const facts = { subject: tls.subject, names: tls.names, validTo: tls.validTo };
  if (tls.expired) log.warn(facts, 'sertifikat TLS sudah kedaluwarsa: peramban akan menolaknya; buat atau minta sertifikat baru');
  else log.info(facts, 'HTTPS aktif');
}

/** The processes/ catalogue, deployed where it changed (PROTAP_CATALOGUE=off skips it). */
async function deployProcesses(engine: DurableEngine, log: Logger): Promise<void> {
  if (process.env.PROTAP_CATALOGUE === 'off') return;
  const deployed = await deployCatalogue(engine, undefined, { ifChanged: true, actor: 'sistem' });
  log.info({ definitions: deployed.length }, 'katalog SOP di-deploy');
}

/**
 * Signed checkpoints of every case's head (src/audit/checkpoint.ts), every PROTAP_CHECKPOINT_HOURS
 * (default 24; 0 for none), and at start when the newest is older than that: an office that
 * restarts daily still gets one a day.
 */
function scheduleCheckpoints(engine: DurableEngine, places: CheckpointPlaces, log: Logger): NodeJS.Timeout | undefined {
  const hours = Number(process.env.PROTAP_CHECKPOINT_HOURS ?? 24);
  if (!(hours > 0)) return undefined;
  const sign = () => writeCheckpoint(engine.store, places, new Date().toISOString())
    .then(({ checkpoint, path }) => log.info({ path, cases: checkpoint.cases, fingerprint: checkpoint.fingerprint }, 'titik periksa audit ditandatangani'))
    .catch((error: unknown) => log.error({ err: error }, 'titik periksa audit gagal dibuat'));
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
async function prepareWebApp(log: Logger): Promise<string | undefined> {
  if (process.env.PROTAP_WEB_ROOT) return process.env.PROTAP_WEB_ROOT;
  if (process.env.PROTAP_WEB_BUILD !== 'off' && await ensureEditorBuilt()) log.info('aplikasi web dibangun (editor/dist)');
  return undefined;
}

/**
 * Live inspection, opt-in (PROTAP_INSPECT=on, a developer's tool): a local bridge of
 * @statelyai/inspect on PROTAP_INSPECT_PORT (default 8080) that the Stately inspector page
 * connects to; every committed command is shown there as events and snapshots of its case.
 */
async function startInspection(log: Logger): Promise<{ inspector: CaseInspector; stop(): void } | undefined> {
  if (process.env.PROTAP_INSPECT !== 'on') return undefined;
  const port = Number(process.env.PROTAP_INSPECT_PORT ?? 8080);
  const { createInspectorServer } = await import('@statelyai/inspect/server');
  const { createWebSocketInspector } = await import('@statelyai/inspect');
  const bridge = createInspectorServer({ port, autoOpen: false });
  const inspector = createWebSocketInspector({ url: `ws://127.0.0.1:${port}` });
  log.info({ port }, `inspektor XState aktif: jembatan inspeksi di http://127.0.0.1:${port}`);
  return {
    inspector: inspector as unknown as CaseInspector,
    stop: () => { inspector.stop(); bridge.stop(); },
  };
}

// A failed start: one line for people on stderr, the reason (no stack) in the JSON log, exit 1.
// The stack is logged at debug level (LOG_LEVEL=debug) for a developer.
main().catch((error: unknown) => {
  process.stderr.write(`${failureLine(error)}\n`);
  const log = logger ?? createLogger('info');
  log.fatal({ reason: oneLine(error), ...((error as { code?: string }).code ? { code: (error as { code?: string }).code } : {}) }, 'Protap tidak dapat dimulai');
  log.debug({ err: error }, 'rincian kegagalan mulai');
  log.flush(() => process.exit(1));
});

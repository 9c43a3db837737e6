/**
 * Runs `server/main.ts` as a child process, as `npm start` does, and waits until it logs
 * "Protap siap" with its port — for the crash and multi-node tests and the HTTP load benchmark,
 * which need a real server process they can kill. Also a small JSON client for its API.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

const root = resolve(import.meta.dirname, '..');

/**
 * Node's options for a server process, as `npm start` gives them (package.json): a 4 MB young
 * generation. Measured in the load bench: the default (16 MB) made every scavenge stop the server
 * for 12–14 ms, the p99's largest part; at 4 MB they stop it for about 4 ms, four times as often.
 */
export const SERVER_NODE_ARGS = ['--max-semi-space-size=4'];

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** The JSON log lines so far (empty when started with `keepLogs: false`). */
  logs: Record<string, unknown>[];
  /** Sends a signal (SIGTERM by default, SIGKILL 15 s later if still running); resolves with the exit code or signal. */
  stop(signal?: NodeJS.Signals): Promise<number | string | null>;
}

export interface SpawnOptions {
  /** Node options before the entry, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  timeoutMs?: number;
  /** Keep every log line (default true); a load test that logs each request turns it off. */
  keepLogs?: boolean;
}

/**
 * Starts a server with this process's environment plus `env` (PORT 0, the catalogue off, no web
 * app build and no config file — not even a developer's ./protap.conf — unless given; a variable
 * set to undefined is removed).
 */
export async function spawnServer(env: Record<string, string | undefined>, options: SpawnOptions = {}): Promise<ServerProcess> {
  const merged: NodeJS.ProcessEnv = { ...process.env, PORT: '0', PROTAP_CATALOGUE: 'off', PROTAP_WEB_BUILD: 'off', LOG_LEVEL: 'info', PROTAP_CONFIG: '', ...env };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete merged[name];
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS, ...(options.nodeArgs ?? []), '--import', 'tsx', 'server/main.ts'], { cwd: root, env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | string | null>((done) => child.once('exit', (code, signal) => done(signal ?? code)));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const logs: Record<string, unknown>[] = [];
  const keepLogs = options.keepLogs ?? true;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const port = await new Promise<number>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`server tidak siap dalam ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    let ready = false;
    // Read stdout to its end whatever is kept: a full pipe would stall the server. Lines not kept
    // are not even split once the server is ready (a load test's server logs every request).
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      if (!keepLogs && ready) return;
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      if (keepLogs) logs.push(entry);
      if (!ready && entry.msg === 'Protap siap') {
        ready = true;
        clearTimeout(timer);
        if (!keepLogs) {
          lines.close();
          child.stdout?.resume();
        }
        done(entry.port as number);
      }
    });
    void exited.then((how) => { clearTimeout(timer); fail(new Error(`server berhenti sebelum siap (${String(how)}): ${stderr}`)); });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    logs,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      const running = () => child.exitCode === null && child.signalCode === null;
      if (running()) child.kill(signal);
      const killer = setTimeout(() => { if (running()) child.kill('SIGKILL'); }, 15_000);
      const how = await exited;
      clearTimeout(killer);
      return how;
    },
  };
}

/** A JSON (or, for a string body, XML) request to a server; resolves with status and parsed body. */
export async function call(url: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { ...(typeof body === 'string' ? { 'content-type': 'application/xml' } : body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

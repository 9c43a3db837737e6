/** Test support: a real Protap server process (`npm start`'s entry), its port once it says it is ready, and its logs. */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

const root = resolve(import.meta.dirname, '../..');

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Every JSON log line so far. */
  logs: Record<string, unknown>[];
  /** Sends a signal and waits for the process to exit; resolves with its exit code or signal. */
  stop(signal?: NodeJS.Signals): Promise<number | string | null>;
}

/** Starts `server/main.ts` on a free port with the given environment; resolves when it logs "Protap siap". */
export async function startServer(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root, env: { ...process.env, PORT: '0', PROTAP_CATALOGUE: 'off', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const exited = new Promise<number | string | null>((done) => child.once('exit', (code, signal) => done(signal ?? code)));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const ready = new Promise<number>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`server tidak siap dalam ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      logs.push(entry);
      if (entry.msg === 'Protap siap') {
        clearTimeout(timer);
        done(entry.port as number);
      }
    });
    void exited.then((how) => { clearTimeout(timer); fail(new Error(`server berhenti sebelum siap (${String(how)}): ${stderr}`)); });
  });
  const port = await ready;
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    logs,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** A JSON request to a server; resolves with status and parsed body. */
export async function call(url: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { ...(typeof body === 'string' ? { 'content-type': 'application/xml' } : body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

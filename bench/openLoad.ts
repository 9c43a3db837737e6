/**
 * An open-model load generator (constant arrival rate) for the HTTP load bench: request i is due
 * at start + i / rate whatever happened to the requests before it, and its latency runs from that
 * due time — not from when it was written — to the end of its answer. A server (or a generator)
 * that falls behind therefore shows it in the latency, instead of the generator quietly sending
 * less (coordinated omission).
 *
 * It speaks HTTP/1.1 itself over keep-alive `net` sockets (one request at a time on each, a new
 * socket when all are busy, up to `maxSockets`; a request due while none can be had waits, and
 * that wait counts too), because it shares the machine's cores with the server: Node's http client
 * cost about 0.6 ms of CPU per request here, this about a quarter of that. It reads what the
 * bench's server sends — a status line, headers, a body by Content-Length or chunked.
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';

export interface OpenRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface OpenAnswer {
  /** When the request was due (ms, performance.now()), when it was written, when its answer ended. */
  due: number;
  sent: number;
  done: number;
  status: number;
}

export interface OpenModelOptions {
  /** http://host:port */
  origin: string;
  rate: number;
  seconds: number;
  /** Most keep-alive connections (default 64): enough that requests seldom wait for one. */
  maxSockets?: number;
  timeoutMs?: number;
  /**
   * The i-th request, called when it is due and a connection is free; undefined when the caller has
   * none ready yet (e.g. every open step is waiting for an answer): it is asked again after each
   * answer, and the wait counts in the request's latency.
   */
  request: (i: number) => OpenRequest | undefined;
  /**
   * Every answer; the body only when the status is not 2xx (empty otherwise). A connection error
   * or timeout comes as status 0 with the message.
   */
  onAnswer?: (i: number, status: number, body: string) => void;
}

export interface OpenModelResult {
  answers: OpenAnswer[];
  /** From the first due time to the last answer, in seconds. */
  seconds: number;
  /** The connections it opened. */
  sockets: number;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

/** One keep-alive connection with at most one request in flight. */
interface Connection {
  socket: net.Socket;
  /** The request in flight: its index and its settle function. */
  current?: { i: number; settle: (status: number, body: string) => void };
  buffer?: Buffer;
}

/**
 * The end of one complete HTTP response at the start of `buffer` — status, body and where the next
 * one begins — or undefined while it is incomplete.
 */
function parseResponse(buffer: Buffer): { status: number; body: Buffer; end: number; close: boolean } | undefined {
  const headerEnd = buffer.indexOf(HEADER_END);
  if (headerEnd < 0) return undefined;
  const head = buffer.toString('latin1', 0, headerEnd);
  const status = Number(head.slice(9, 12));
  const close = /\r\nconnection:\s*close/i.test(head);
  const bodyStart = headerEnd + 4;
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length) {
    const end = bodyStart + Number(length[1]);
    return buffer.length < end ? undefined : { status, body: buffer.subarray(bodyStart, end), end, close };
  }
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
    const parts: Buffer[] = [];
    for (let at = bodyStart; ;) {
      const lineEnd = buffer.indexOf(CRLF, at);
      if (lineEnd < 0) return undefined;
      const size = parseInt(buffer.toString('latin1', at, lineEnd), 16);
      if (Number.isNaN(size)) throw new Error('jawaban chunked tidak terbaca');
      const dataEnd = lineEnd + 2 + size;
      if (buffer.length < dataEnd + 2) return undefined;
      if (size === 0) return { status, body: Buffer.concat(parts), end: dataEnd + 2, close };
      parts.push(buffer.subarray(lineEnd + 2, dataEnd));
      at = dataEnd + 2;
    }
  }
  // No body (204, 304) — the bench's server sends a length with every other answer.
  return { status, body: Buffer.alloc(0), end: bodyStart, close };
}

/** Sends `rate × seconds` requests on a fixed schedule and waits for every answer. */
export async function openModel(options: OpenModelOptions): Promise<OpenModelResult> {
  const { origin, rate, seconds } = options;
  const url = new URL(origin);
  const host = url.hostname;
  const port = Number(url.port);
  const maxSockets = options.maxSockets ?? 64;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const answers: OpenAnswer[] = new Array(total);
  const start = performance.now() + 20;
  const connections: Connection[] = [];
  const free: Connection[] = [];
  let sockets = 0;
  let next = 0;
  let open = 0;
  /** Due requests not yet written (no free connection, or the caller had none ready), in order. */
  const backlog: { i: number; due: number }[] = [];
  let finish: (error?: Error) => void = () => {};
  const finished = new Promise<void>((resolve, reject) => { finish = (error) => (error ? reject(error) : resolve()); });
  const checkDone = () => {
    if (next < total || open > 0) return;
    if (backlog.length === 0) finish();
    else finish(new Error(`${backlog.length} permintaan tidak pernah siap dikirim`));
  };

  const connect = (): Connection => {
    const socket = net.connect({ host, port });
    socket.setNoDelay(true);
    const connection: Connection = { socket };
    sockets++;
    connections.push(connection);
    const drop = (message: string) => {
      const index = connections.indexOf(connection);
      if (index >= 0) connections.splice(index, 1);
      const freeIndex = free.indexOf(connection);
      if (freeIndex >= 0) free.splice(freeIndex, 1);
      connection.current?.settle(0, message);
      pump();
    };
    socket.on('data', (chunk: Buffer) => {
      connection.buffer = connection.buffer ? Buffer.concat([connection.buffer, chunk]) : chunk;
      const response = connection.current && parseResponse(connection.buffer);
      if (!response || !connection.current) return;
      const { settle } = connection.current;
      connection.current = undefined;
      connection.buffer = response.end < connection.buffer.length ? connection.buffer.subarray(response.end) : undefined;
      const ok = response.status >= 200 && response.status < 300;
      if (response.close) {
        socket.destroy();
        drop('ditutup');
      } else {
        free.push(connection);
      }
      settle(response.status, ok ? '' : response.body.toString('utf8'));
    });
    socket.on('error', (error) => drop(error.message));
    socket.on('close', () => drop('koneksi ditutup'));
    return connection;
  };

  /** Writes request i on a free connection if there is one (or one can be opened) and the caller has it ready. */
  const send = (i: number, due: number): boolean => {
    if (free.length === 0 && connections.length >= maxSockets) return false;
    const request = options.request(i);
    if (!request) return false;
    const connection = free.pop() ?? connect();
    const answer: OpenAnswer = { due, sent: performance.now(), done: 0, status: 0 };
    answers[i] = answer;
    open++;
    const timer = setTimeout(() => {
      connection.socket.destroy();
      settle(0, 'batas waktu');
    }, timeoutMs);
    let settled = false;
    const settle = (status: number, body: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      answer.done = performance.now();
      answer.status = status;
      open--;
      options.onAnswer?.(i, status, body);
      pump();
      checkDone();
    };
    connection.current = { i, settle };
    let head = `${request.method} ${request.path} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: keep-alive\r\nContent-Length: ${Buffer.byteLength(request.body)}\r\n`;
    for (const [name, value] of Object.entries(request.headers)) head += `${name}: ${value}\r\n`;
    connection.socket.write(`${head}\r\n${request.body}`);
    return true;
  };

  /** Writes what waits, in order, as far as connections and the caller allow. */
  const pump = () => {
    while (backlog.length > 0) {
      const { i, due } = backlog[0] as { i: number; due: number };
      if (!send(i, due)) return;
      backlog.shift();
    }
  };

  // Every tick sends what is due by now; the timer then sleeps until the next due time. A late
  // tick sends the requests it missed at once, and their latency still counts from their due time.
  const tick = () => {
    const now = performance.now();
    while (next < total && start + next * interval <= now) {
      const due = start + next * interval;
      if (backlog.length > 0 || !send(next, due)) backlog.push({ i: next, due });
      next++;
    }
    if (next < total) setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
    else checkDone();
  };
  setTimeout(tick, Math.max(0, start - performance.now()));
  try {
    await finished;
  } finally {
    for (const connection of [...connections]) connection.socket.destroy();
  }
  const last = answers.reduce((max, a) => Math.max(max, a.done), start);
  return { answers, seconds: (last - start) / 1000, sockets };
}

/**
 * The server's ports, taken first thing at start (a port already in use stops the start in a
 * second, before the store is opened): PORT over HTTP, or over HTTPS when TLS is on, then a plain
 * HTTP port (PROTAP_HTTP_PORT, optional) that redirects every request to the HTTPS address with
 * 308. Until the app is ready every request is answered 503 "sedang dimulai".
 *
 * Every listener has the same limits: a request's headers must arrive within 15 s and the whole
 * request within PROTAP_REQUEST_TIMEOUT_MS (60 s; checked every few seconds), and at most
 * PROTAP_MAX_CONNECTIONS sockets are open: a slow sender cannot hold the server.
 */
import { createServer as createHttpServer, type IncomingMessage, type RequestListener, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ServerSettings } from './config.ts';
import { listenFailure } from './startFailure.ts';
import type { TlsFiles } from './tls.ts';

export interface Listeners {
  /** The main server (HTTPS when TLS is on) and, with TLS, the redirecting one. */
  servers: Server[];
  protocol: 'http' | 'https';
  address: string;
  port: number;
  /** The redirecting HTTP port, when there is one. */
  httpPort?: number;
  /** Hands the requests to the app (until then they are answered 503). */
  serve(app: RequestListener): void;
  /** Stops taking connections and resolves when the requests in flight are answered. */
  close(): Promise<void>;
}

const starting: RequestListener = (_req, res) => {
  res.writeHead(503, { 'content-type': 'application/problem+json', 'retry-after': '5' });
  res.end(JSON.stringify({ type: 'urn:protap:masalah:STARTING', title: 'Layanan sementara tidak tersedia', status: 503, code: 'STARTING', detail: 'Protap sedang dimulai; coba lagi sebentar lagi.' }));
};

/** Opens the ports the settings name; a port that cannot be taken is a StartFailure naming its variable. */
export async function openListeners(settings: ServerSettings, tls?: TlsFiles): Promise<Listeners> {
  const timeout = settings.requestTimeoutMs;
  const options: ServerOptions = { requestTimeout: timeout, headersTimeout: Math.min(15_000, timeout), connectionsCheckingInterval: Math.min(5_000, Math.max(250, timeout / 4)) };
  let handler = starting;
  const forward: RequestListener = (req, res) => handler(req, res);
  const main: Server = tls ? createHttpsServer({ ...options, cert: tls.cert, key: tls.key }, forward) : createHttpServer(options, forward);
  main.maxConnections = settings.maxConnections;
  const servers = [main];
  const { port, address } = await listenOn(main, settings.host, settings.port, 'PORT');
  let httpPort: number | undefined;
  if (tls && settings.httpPort !== undefined) {
    const redirect = createHttpServer(options, redirectToHttps(port));
    redirect.maxConnections = settings.maxConnections;
    servers.push(redirect);
    try {
      httpPort = (await listenOn(redirect, settings.host, settings.httpPort, 'PROTAP_HTTP_PORT')).port;
    } catch (error) {
      main.close();
      throw error;
    }
  }
  return {
    servers, protocol: tls ? 'https' : 'http', address, port,
    ...(httpPort !== undefined ? { httpPort } : {}),
    serve(app) { handler = app; },
    close: () => Promise.all(servers.map((server) => new Promise<void>((done) => server.close(() => done())))).then(() => undefined),
  };
}

function listenOn(server: Server, host: string, port: number, variable: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const failed = (error: Error) => reject(listenFailure(error, host, port, variable));
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** A host name or address as a browser sends it in Host (a bracketed IPv6 address included), without its port. */
const HOST_HEADER = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::\d+)?$/;

/** Answers every plain HTTP request with 308 to the same host and path on the HTTPS port. */
export function redirectToHttps(httpsPort: number): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const host = HOST_HEADER.exec(req.headers.host ?? '')?.[1];
    if (!host) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Header Host tidak sah; buka Protap dengan https://<alamat>.\n');
      return;
    }
    const path = req.url?.startsWith('/') ? req.url : '/';
    const location = `https://${host}${httpsPort === 443 ? '' : `:${httpsPort}`}${path}`;
    res.writeHead(308, { location, 'content-type': 'text/plain; charset=utf-8' }).end(`Protap memakai HTTPS: ${location}\n`);
  };
}

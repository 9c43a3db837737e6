/**
 * The app's one way to the server: JSON (or BPMN XML) requests with the session's bearer token.
 * A problem+json answer becomes an ApiError carrying the server's code and Indonesian detail;
 * a 401 ends the session so the shell shows the login form again.
 */
import type { Person, Session } from './session.ts';

export interface Problem {
  status: number;
  code: string;
  title?: string;
  detail: string;
  [extra: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
  get status(): number { return this.problem.status; }
  get code(): string { return this.problem.code; }
}

type Query = Record<string, string | number | boolean | undefined>;

interface RequestOptions { query?: Query; idempotencyKey?: string; accept?: string }

/** A text or binary answer: `body` (BPMN XML) makes it a POST; `accept` names what is wanted. */
export interface BodyOptions { body?: string; accept?: string }

export class Api {
  static $inject = ['session'];

  constructor(private readonly session: Session) {}

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('GET', path, undefined, query ? { query } : {});
  }

  /** Every page of a list the server pages by a cursor, following it up to `maxPages` pages; `truncated` when more remained. */
  async all<T>(path: string, query: Query, maxPages: number): Promise<{ items: T[]; truncated: boolean }> {
    const items: T[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < maxPages; pages++) {
      const page: { items: T[]; next?: string } = await this.page<T>(path, { ...query, cursor });
      items.push(...page.items);
      if (!page.next) return { items, truncated: false };
      cursor = page.next;
    }
    return { items, truncated: true };
  }

  /** One page of a list the server pages by a cursor (GET /api/cases, /api/worklist): its rows, and the cursor of the next page when there is one. */
  async page<T>(path: string, query: Query): Promise<{ items: T[]; next?: string }> {
    const response = await this.send('GET', path, undefined, { query });
    const next = response.headers.get('protap-next-cursor');
    return { items: (await response.json()) as T[], ...(next ? { next } : {}) };
  }

  /** A text answer, e.g. a definition's BPMN XML (GET), or an SOP document's HTML (`accept: 'text/html'`). */
  async text(path: string, query?: Query, options: BodyOptions = {}): Promise<string> {
    return (await this.answer(path, query, options, 'application/xml, text/plain')).text();
  }

  /** A binary answer to offer as a file, e.g. an SOP document's PDF. */
  async blob(path: string, query?: Query, options: BodyOptions = {}): Promise<Blob> {
    return (await this.answer(path, query, options, 'application/octet-stream')).blob();
  }

  post<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('POST', path, body, options);
  }

  put<T>(path: string, body: unknown): Promise<T> { return this.request<T>('PUT', path, body); }
  patch<T>(path: string, body: unknown): Promise<T> { return this.request<T>('PATCH', path, body); }
  delete<T>(path: string): Promise<T> { return this.request<T>('DELETE', path); }

  async login(id: string, password: string): Promise<Person> {
    const answer = await this.post<{ token: string; expiresAt: string; user: Person }>('/api/login', { id, password });
    this.session.begin(answer.token, answer.user, answer.expiresAt);
    return answer.user;
  }

  async logout(): Promise<void> {
    try {
      await this.post('/api/logout');
    } finally {
      this.session.end();
    }
  }

  /** GET, or POST of `options.body` (BPMN XML) when there is one. */
  private answer(path: string, query: Query | undefined, options: BodyOptions, accept: string): Promise<Response> {
    const method = options.body === undefined ? 'GET' : 'POST';
    return this.send(method, path, options.body, { accept: options.accept ?? accept, ...(query ? { query } : {}) });
  }

  private async request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(method, path, body, options);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  private async send(method: string, path: string, body: unknown, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
    if (this.session.token) headers.authorization = `Bearer ${this.session.token}`;
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    if (typeof body === 'string') headers['content-type'] = 'application/xml';
    else if (body !== undefined) headers['content-type'] = 'application/json';
    const url = path + queryString(options.query);
    let response: Response;
    try {
      response = await fetch(url, { method, headers, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) });
    } catch {
      throw new ApiError({ status: 0, code: 'NETWORK', detail: 'Server tidak dapat dihubungi. Periksa jaringan lalu coba lagi.' });
    }
    if (response.ok) return response;
    const problem = await problemOf(response);
    if (response.status === 401 && !path.endsWith('/login')) this.session.end();
    if (problem.code === 'PASSWORD_CHANGE_REQUIRED' && !this.session.user?.mustChangePassword) this.session.update({ mustChangePassword: true });
    throw new ApiError(problem);
  }
}

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const pairs = Object.entries(query).filter((pair): pair is [string, string | number | boolean] => pair[1] !== undefined && pair[1] !== '');
  return pairs.length ? `?${new URLSearchParams(pairs.map(([k, v]) => [k, String(v)])).toString()}` : '';
}

async function problemOf(response: Response): Promise<Problem> {
  try {
    const body = (await response.json()) as Partial<Problem>;
    return { ...body, status: response.status, code: body.code ?? `HTTP_${response.status}`, detail: body.detail ?? body.title ?? response.statusText };
  } catch {
    return { status: response.status, code: `HTTP_${response.status}`, detail: `Server menjawab ${response.status} ${response.statusText}.` };
  }
}

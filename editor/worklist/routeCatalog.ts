/**
 * Which routes and query parameters this server has, read once from its OpenAPI document: the
 * screens offer claims and extra case filters only where the server answers them, so a server
 * without them shows no button that could only fail.
 */
import type { Api } from '../core/api.ts';

interface Operation { parameters?: { name: string; in: string }[] }
type Paths = Record<string, Record<string, Operation>>;

export class RouteCatalog {
  static $inject = ['api'];

  private paths: Paths = {};
  private loading: Promise<void> | undefined;

  constructor(private readonly api: Api) {}

  /** Reads the document (once; a failed read is tried again next time). */
  load(): Promise<void> {
    this.loading ??= this.api.get<{ paths?: Paths }>('/api/openapi.json').then(
      (document) => { this.paths = document.paths ?? {}; },
      () => { this.loading = undefined; });
    return this.loading;
  }

  /** Whether e.g. ('post', '/api/cases/{id}/steps/{stepId}/claim') exists, whatever its parameters are called. */
  has(method: string, path: string): boolean {
    return this.operation(method, path) !== undefined;
  }

  /** The query parameters a route documents. */
  queryParams(method: string, path: string): string[] {
    return (this.operation(method, path)?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  }

  private operation(method: string, path: string): Operation | undefined {
    const shape = (p: string) => p.replace(/\{[^}]*\}/g, '{}');
    const found = Object.keys(this.paths).find((known) => shape(known) === shape(path));
    return found === undefined ? undefined : this.paths[found]?.[method.toLowerCase()];
  }

  get claims(): boolean {
    return this.has('post', '/api/cases/{id}/steps/{stepId}/claim') && this.has('delete', '/api/cases/{id}/steps/{stepId}/claim');
  }
}

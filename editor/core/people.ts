/**
 * Names instead of login ids: GET /api/people ({id, name} of everyone) read once per session, as
 * soon as someone is signed in (and has chosen their password). `personLabel(id)` shows a person
 * wherever the app names one (history, claims, audit log): the name, with the login id only as
 * its tooltip; an id read before the names arrived is filled in when they do.
 */
import type { Api } from './api.ts';
import { h } from './dom.ts';
import type { Session } from './session.ts';

interface PersonName { id: string; name: string }

/** The one directory of the app (set when the core module starts), read by `personLabel`. */
let directory: PeopleDirectory | undefined;

export class PeopleDirectory {
  static $inject = ['api', 'session'];

  private names: Map<string, string> | undefined;
  private loading: Promise<Map<string, string>> | undefined;
  /** The session the names were read for. */
  private token: string | undefined;

  constructor(private readonly api: Api, private readonly session: Session) {
    directory = this;
    session.onChange(() => {
      if (session.token !== this.token) this.forget();
      void this.load();
    });
    void this.load();
  }

  /** The names, read once per session; empty while nobody may read them (signed out, password to change). */
  load(): Promise<Map<string, string>> {
    if (this.names) return Promise.resolve(this.names);
    if (!this.session.token || this.session.user?.mustChangePassword) return Promise.resolve(new Map());
    const token = this.session.token;
    this.token = token;
    this.loading ??= this.api.get<PersonName[]>('/api/people').then((people) => {
      const names = new Map(people.map((person) => [person.id, person.name]));
      if (this.token === token) this.names = names;
      return names;
    }).catch(() => new Map<string, string>()).finally(() => { this.loading = undefined; });
    return this.loading;
  }

  /** The name of a login id, when the names have been read. */
  nameOf(id: string): string | undefined {
    return this.names?.get(id);
  }

  /** Reads the names again at the next use (someone was added or renamed). */
  forget(): void {
    this.names = undefined;
    this.loading = undefined;
  }
}

/**
 * A server's sentence as people read it: each instant (ISO 8601) in the office's time, and a login
 * id the directory knows, where the sentence names a person ("rina", oleh rina), as the name.
 */
export function readable(sentence: string, formatInstant: (iso: string) => string): string {
  const withTimes = sentence.replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g, (iso) => formatInstant(iso));
  // Where the server names a person: a quoted login id, or the one after "oleh" (by).
  return withTimes
    .replace(/"([a-z0-9][a-z0-9._-]{1,63})"/g, (quoted, id: string) => { const name = directory?.nameOf(id); return name ? `"${name}"` : quoted; })
    .replace(/\boleh ([a-z0-9][a-z0-9._-]{1,63})\b/g, (said, id: string) => { const name = directory?.nameOf(id); return name ? `oleh ${name}` : said; });
}

/** A person named: their name (the login id as tooltip), or the id itself when no one by that id is known; '—' for nobody. */
export function personLabel(id: string | undefined): HTMLElement | string {
  if (!id) return '—';
  const known = directory?.nameOf(id);
  const label = h('span', { class: 'orang', title: id }, known ?? id);
  if (known === undefined) {
    void directory?.load().then((names) => {
      const name = names.get(id);
      if (name) label.textContent = name;
    });
  }
  return label;
}

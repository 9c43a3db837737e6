/** Addresses inside the app live in the hash (`#/kasus/<id>`), so the server serves one page and reloads keep the place. */
export class Router {
  private readonly listeners = new Set<() => void>();

  constructor() {
    window.addEventListener('hashchange', () => { for (const listener of this.listeners) listener(); });
  }

  /** The current address as decoded segments: `#/kasus/a%2Fb` → ["kasus", "a/b"]. */
  current(): string[] {
    return location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map((part) => decodeURIComponent(part));
  }

  href(...segments: string[]): string {
    return `#/${segments.map((part) => encodeURIComponent(part)).join('/')}`;
  }

  navigate(...segments: string[]): void {
    const next = this.href(...segments);
    if (location.hash === next) for (const listener of this.listeners) listener();
    else location.hash = next;
  }

  onChange(listener: () => void): void { this.listeners.add(listener); }
}

/**
 * A migration plan: which migrations a store has not had yet, each with the first line of its SQL
 * statements. Shared by the SQLite and PostgreSQL readers of pendingMigrations.ts, in a file of its
 * own so neither imports the other.
 */

export interface PendingMigration {
  version: number;
  name: string;
  /** The first line of each SQL statement the migration runs. */
  statements: string[];
}

export interface MigrationPlan {
  /** Where the store is (describeStore: no password). */
  store: string;
  /** The highest migration applied (0: none). */
  current: number;
  /** The highest migration this Protap knows. */
  latest: number;
  /** No store there yet: opening it creates one (and makes no pre-migration backup, having nothing to keep). */
  fresh: boolean;
  pending: PendingMigration[];
}

type Migration = { version: number; name: string; sql: string };

/** The first line of each statement of a migration's SQL (statements inside a `$$ … $$` body are not counted). */
export function statementHeads(sql: string): string[] {
  const heads: string[] = [];
  let inBody = false;
  for (const line of sql.split('\n')) {
    const text = line.trim();
    if (!inBody && /^(CREATE|ALTER|DROP|INSERT|UPDATE|DELETE|WITH|COMMENT|GRANT|REVOKE|TRUNCATE)\b/i.test(text)) heads.push(text);
    if ((text.match(/\$\$/g) ?? []).length % 2 === 1) inBody = !inBody;
  }
  return heads;
}

/** The plan from the versions applied so far (`undefined`: no store there yet). */
export function planOf(store: string, migrations: readonly Migration[], applied: ReadonlySet<number> | undefined): MigrationPlan {
  const done = applied ?? new Set<number>();
  return {
    store,
    current: Math.max(0, ...done),
    latest: Math.max(0, ...migrations.map((m) => m.version)),
    fresh: done.size === 0,
    pending: migrations.filter((m) => !done.has(m.version)).map((m) => ({ version: m.version, name: m.name, statements: statementHeads(m.sql) })),
  };
}

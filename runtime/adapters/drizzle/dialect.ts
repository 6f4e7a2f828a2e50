import { entityKind } from 'drizzle-orm';
import type { SqlDialect } from '../sql/transition-log-ddl.js';
import { DrizzleAdapterError } from './drizzle-adapter-error.js';

/** Drizzle's names for the classes `db` is an instance of (its own `is()` walks the same chain). */
function kindsOf(value: object): string[] {
  const kinds: string[] = [];
  for (
    let cls: unknown = (value as { constructor?: unknown }).constructor;
    typeof cls === 'function';
    cls = Object.getPrototypeOf(cls)
  ) {
    const kind = (cls as { [entityKind]?: unknown })[entityKind];
    if (typeof kind === 'string') kinds.push(kind);
  }
  return kinds;
}

/** Which SQL the Drizzle database speaks, for the parts the adapter writes itself. */
export function dialectOf(db: unknown): Extract<SqlDialect, 'postgres' | 'sqlite'> {
  if (typeof db === 'object' && db !== null) {
    const kinds = kindsOf(db);
    if (kinds.includes('PgDatabase')) return 'postgres';
    if (kinds.includes('BaseSQLiteDatabase')) return 'sqlite';
    if (kinds.length > 0) {
      throw new DrizzleAdapterError(
        `a ${kinds[0]} is not supported; the adapter works with Drizzle on PostgreSQL or better-sqlite3`,
      );
    }
  }
  throw new DrizzleAdapterError(
    'the first argument must be a Drizzle database (what drizzle() returns for node-postgres, another Postgres driver, or better-sqlite3)',
  );
}

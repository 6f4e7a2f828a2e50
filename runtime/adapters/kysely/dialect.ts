import type { Kysely } from 'kysely';
import type { SqlDialect } from '../sql/transition-log-ddl.js';
import { KyselyAdapterError } from './kysely-adapter-error.js';

export type { SqlDialect };

const ADAPTER_CLASSES: Readonly<Record<string, SqlDialect>> = {
  PostgresAdapter: 'postgres',
  MysqlAdapter: 'mysql',
  SqliteAdapter: 'sqlite',
};

/** The dialect's adapter class (its own or one it extends, as third-party dialects do). */
function fromAdapterClass(adapter: unknown): SqlDialect | undefined {
  for (let proto = adapter; proto; proto = Object.getPrototypeOf(proto)) {
    const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
    if (typeof name === 'string' && Object.hasOwn(ADAPTER_CLASSES, name)) {
      return ADAPTER_CLASSES[name];
    }
  }
  return undefined;
}

/** How the instance's compiler writes a query: `$1` placeholders, backtick or double quotes. */
function fromCompiledSql(db: Kysely<any>): SqlDialect | undefined {
  const { sql } = db.selectFrom('t').select('c').where('c', '=', 1).compile();
  if (sql.includes('$1') && sql.includes('"c"')) return 'postgres';
  if (sql.includes('`c`') && sql.includes('?')) return 'mysql';
  if (sql.includes('"c"') && sql.includes('?')) return 'sqlite';
  return undefined;
}

/**
 * The SQL dialect of a Kysely instance: `explicit` if given, else from its dialect adapter's
 * class, else from how it compiles a query.
 */
export function detectDialect(db: Kysely<any>, explicit: SqlDialect | undefined): SqlDialect {
  if (explicit !== undefined) {
    if (explicit === 'postgres' || explicit === 'mysql' || explicit === 'sqlite') return explicit;
    throw new KyselyAdapterError(
      `dialect must be 'postgres', 'mysql' or 'sqlite', got ${String(explicit)}`,
    );
  }
  const detected = fromAdapterClass(db.getExecutor().adapter) ?? fromCompiledSql(db);
  if (detected === undefined) {
    throw new KyselyAdapterError(
      "could not tell this Kysely instance's SQL dialect; pass { dialect: 'postgres' | 'mysql' | 'sqlite' }",
    );
  }
  return detected;
}

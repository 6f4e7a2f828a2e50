import type { SQL } from 'drizzle-orm';
import type { SqlDialect } from '../sql/transition-log-ddl.js';

/** Raw SQL on a Drizzle database or transaction: Postgres drivers `execute`, SQLite `run`/`all`. */
export interface RawSql {
  run(query: SQL): Promise<void>;
  all(query: SQL): Promise<Record<string, unknown>[]>;
}

interface PgExecute {
  execute(query: SQL): PromiseLike<unknown>;
}

interface SqliteRaw {
  run(query: SQL): unknown;
  all(query: SQL): unknown;
}

export function rawSql(db: unknown, dialect: SqlDialect): RawSql {
  if (dialect === 'postgres') {
    const pg = db as PgExecute;
    return {
      run: async (query) => {
        await pg.execute(query);
      },
      // node-postgres gives a result with rows, postgres.js the rows themselves.
      all: async (query) => {
        const result = (await pg.execute(query)) as { rows?: unknown } | unknown[];
        return (Array.isArray(result) ? result : (result.rows ?? [])) as Record<string, unknown>[];
      },
    };
  }
  const sqlite = db as SqliteRaw;
  return {
    run: async (query) => {
      await sqlite.run(query);
    },
    all: async (query) => (await sqlite.all(query)) as Record<string, unknown>[],
  };
}

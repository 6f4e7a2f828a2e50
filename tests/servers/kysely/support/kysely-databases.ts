// A database per test for the KyselyAdapter tests, on each of Kysely's three dialects: a schema
// of its own on PostgreSQL, a database of its own on MariaDB, a temp file for SQLite. `tables`
// are created from one neutral description, written per dialect.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, MysqlDialect, PostgresDialect, SqliteDialect } from 'kysely';
import { describe, onTestFinished } from 'vitest';
import { freshMysqlDatabase, freshPgSchema, serverAvailable } from '../../../support/servers.js';
import { tempDirectory } from '../../../support/temp-directory.js';

export type Dialect = 'postgres' | 'mysql' | 'sqlite';

export const DIALECTS: readonly Dialect[] = ['postgres', 'mysql', 'sqlite'];

/** Whether the dialect's server answered before this run (SQLite needs none). */
export const reachable = (dialect: Dialect): boolean =>
  dialect === 'sqlite' || serverAvailable(dialect);

const NAMES: Readonly<Record<Dialect, string>> = {
  postgres: 'PostgreSQL',
  mysql: 'MariaDB',
  sqlite: 'SQLite',
};

/** `describe(title)` once per dialect (`%s` is its name), skipped when its server is not up. */
export function describeEachDialect(
  title: string,
  body: (dialect: Dialect) => void,
  dialects: readonly Dialect[] = DIALECTS,
): void {
  for (const dialect of dialects) {
    const named = title.replace('%s', NAMES[dialect]);
    describe.skipIf(!reachable(dialect))(`${named}`, () => {
      body(dialect);
    });
  }
}

/** A neutral column type, written per dialect by `COLUMN_SQL`. */
export type ColumnType =
  | 'key'
  | 'autoKey'
  | 'text'
  | 'int'
  | 'bigint'
  | 'decimal'
  | 'bool'
  | 'timestamp'
  | 'json'
  | 'real';

export const COLUMN_SQL: Readonly<Record<Dialect, Readonly<Record<ColumnType, string>>>> = {
  postgres: {
    key: 'TEXT PRIMARY KEY',
    autoKey: 'BIGSERIAL PRIMARY KEY',
    text: 'TEXT',
    int: 'INTEGER',
    bigint: 'BIGINT',
    decimal: 'NUMERIC(20, 4)',
    bool: 'BOOLEAN',
    timestamp: 'TIMESTAMPTZ',
    json: 'JSONB',
    real: 'DOUBLE PRECISION',
  },
  mysql: {
    key: 'VARCHAR(191) PRIMARY KEY',
    autoKey: 'BIGINT AUTO_INCREMENT PRIMARY KEY',
    text: 'TEXT',
    int: 'INT',
    bigint: 'BIGINT',
    decimal: 'DECIMAL(20, 4)',
    bool: 'BOOLEAN',
    timestamp: 'DATETIME(3)',
    json: 'JSON',
    real: 'DOUBLE',
  },
  sqlite: {
    key: 'TEXT PRIMARY KEY',
    autoKey: 'INTEGER PRIMARY KEY',
    text: 'TEXT',
    int: 'INTEGER',
    bigint: 'BIGINT',
    decimal: 'DECIMAL(20, 4)',
    bool: 'BOOLEAN',
    timestamp: 'DATETIME',
    json: 'JSON',
    real: 'REAL',
  },
};

export type TableSpec = Readonly<Record<string, ColumnType | `${ColumnType} not null`>>;

export function createTableSql(dialect: Dialect, table: string, spec: TableSpec): string {
  const quote = dialect === 'mysql' ? (n: string) => `\`${n}\`` : (n: string) => `"${n}"`;
  const columns = Object.entries(spec).map(([name, type]) => {
    const [base, ...rest] = type.split(' ');
    return `${quote(name)} ${COLUMN_SQL[dialect][base as ColumnType]}${rest.length ? ` ${rest.join(' ').toUpperCase()}` : ''}`;
  });
  return `CREATE TABLE ${quote(table)} (${columns.join(', ')})`;
}

/** One fresh database and Kysely instances on it. */
export interface KyselyDatabase {
  readonly dialect: Dialect;
  /** The schema (PostgreSQL), database (MariaDB) or file (SQLite). */
  readonly name: string;
  /** Kysely on the database (a pool of 4 on the servers). */
  readonly db: Kysely<any>;
  /**
   * Another Kysely on the same database, with connections of its own (on SQLite a connection
   * whose busy timeout is `busyTimeout` ms, better-sqlite3's default 5000).
   */
  other(options?: { readonly busyTimeout?: number }): Kysely<any>;
  /** Runs statements through a connection of its own. */
  exec(statements: readonly string[]): Promise<void>;
}

/**
 * A fresh database for the running test, with `tables` created; closed and dropped when the
 * test finishes.
 */
export async function openDatabase(
  dialect: Dialect,
  tables: Readonly<Record<string, TableSpec>> = {},
): Promise<KyselyDatabase> {
  const opened = await open(dialect);
  onTestFinished(() => opened.close());
  await opened.exec(
    Object.entries(tables).map(([table, spec]) => createTableSql(dialect, table, spec)),
  );
  return opened;
}

async function open(dialect: Dialect): Promise<KyselyDatabase & { close(): Promise<void> }> {
  const instances: Kysely<any>[] = [];
  const made = (db: Kysely<any>) => (instances.push(db), db);
  const destroyAll = () => Promise.all(instances.map((db) => db.destroy().catch(() => undefined)));
  switch (dialect) {
    case 'postgres': {
      const schema = await freshPgSchema();
      const kysely = () =>
        made(new Kysely({ dialect: new PostgresDialect({ pool: schema.pool() }) }));
      return {
        dialect,
        name: schema.schema,
        db: kysely(),
        other: kysely,
        exec: (statements) => schema.exec(statements),
        close: async () => {
          await destroyAll();
          await schema.drop();
        },
      };
    }
    case 'mysql': {
      const database = await freshMysqlDatabase();
      const kysely = () =>
        made(new Kysely({ dialect: new MysqlDialect({ pool: database.pool() }) }));
      return {
        dialect,
        name: database.database,
        db: kysely(),
        other: kysely,
        exec: (statements) => database.exec(statements),
        close: async () => {
          await destroyAll();
          await database.drop();
        },
      };
    }
    case 'sqlite': {
      const directory = tempDirectory('smf-kysely-');
      const file = join(directory.path, 'test.db');
      const kysely = (options: { readonly busyTimeout?: number } = {}) => {
        const connection = new Database(file, { timeout: options.busyTimeout ?? 5000 });
        connection.pragma('journal_mode = WAL');
        return made(new Kysely({ dialect: new SqliteDialect({ database: connection }) }));
      };
      const db = kysely();
      return {
        dialect,
        name: file,
        db,
        other: (options) => kysely(options),
        exec: async (statements) => {
          const connection = new Database(file);
          try {
            for (const statement of statements) connection.exec(statement);
          } finally {
            connection.close();
          }
        },
        close: async () => {
          await destroyAll();
          directory.remove();
        },
      };
    }
  }
}

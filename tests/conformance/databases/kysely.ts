import Database from 'better-sqlite3';
import { Kysely, MysqlDialect, PostgresDialect, SqliteDialect } from 'kysely';
import { KyselyAdapter } from 'state-machine-framework/adapters/kysely';
import { transitionLogStatements } from 'state-machine-framework/adapters/sql/transition-log-ddl';
import { CONTRACT_TABLES } from '../../runtime/contract/support/contract-schema.js';
import {
  closer,
  freshEachTime,
  sortedById,
  type ConformanceDatabase,
  type FixtureSession,
} from './conformance-database.js';
import {
  mysqlTransitionLog,
  pgTransitionLog,
  sharedMysqlDatabase,
  sharedPgSchema,
} from './server-schema.js';
import { contractSqliteFile, sqliteTransitionLog } from './sqlite-file.js';

// Kysely is typed by a database interface; the adapter works on any, so these are untyped.
type AnyKysely = Kysely<Record<string, Record<string, unknown>>>;

function kyselyDatabase(
  dialect: ConformanceDatabase['dialect'],
  db: AnyKysely,
  readerDb: AnyKysely,
  rest: Pick<ConformanceDatabase, 'transitionLog' | 'close'>,
): ConformanceDatabase {
  const adapter = new KyselyAdapter(db, { tables: CONTRACT_TABLES, transitionLog: true });
  const reader = new KyselyAdapter(readerDb, { tables: CONTRACT_TABLES });
  return {
    adapter,
    dialect,
    rows: async (model) => sortedById(model, await reader.filter(model, {})),
    ...rest,
  };
}

/** PostgresDialect on a pool of its own in the file's schema; reads through a second pool. */
export function kyselyPgSession(): FixtureSession {
  const shared = sharedPgSchema();
  return {
    async open() {
      const schema = await shared.emptied();
      const pool = schema.pool();
      const readerPool = schema.pool({ max: 1 });
      return kyselyDatabase(
        'postgres',
        new Kysely({ dialect: new PostgresDialect({ pool }) }),
        new Kysely({ dialect: new PostgresDialect({ pool: readerPool }) }),
        {
          transitionLog: () => pgTransitionLog(readerPool),
          close: closer(
            () => schema.endPool(pool),
            () => schema.endPool(readerPool),
          ),
        },
      );
    },
    close: () => shared.close(),
  };
}

/** MysqlDialect on a mysql2 pool of its own in the file's database; reads through a second one. */
export function kyselyMysqlSession(): FixtureSession {
  const shared = sharedMysqlDatabase();
  return {
    async open() {
      const database = await shared.emptied();
      const pool = database.pool();
      const readerPool = database.pool({ max: 1 });
      return kyselyDatabase(
        'mysql',
        new Kysely({ dialect: new MysqlDialect({ pool }) }),
        new Kysely({ dialect: new MysqlDialect({ pool: readerPool }) }),
        {
          transitionLog: () => mysqlTransitionLog(readerPool),
          close: closer(
            () => database.endPool(pool),
            () => database.endPool(readerPool),
          ),
        },
      );
    },
    close: () => shared.close(),
  };
}

/** SqliteDialect on a new file (WAL, as SqliteAdapter sets it); reads through a second connection. */
function openKyselySqliteDatabase(): ConformanceDatabase {
  const { file, remove } = contractSqliteFile(transitionLogStatements('sqlite').join('\n'));
  const connection = new Database(file);
  connection.pragma('journal_mode = WAL');
  const readerConnection = new Database(file);
  return kyselyDatabase(
    'sqlite',
    new Kysely({ dialect: new SqliteDialect({ database: connection }) }),
    new Kysely({ dialect: new SqliteDialect({ database: readerConnection }) }),
    {
      transitionLog: async () => sqliteTransitionLog(file),
      close: closer(
        remove,
        () => connection.close(),
        () => readerConnection.close(),
      ),
    },
  );
}

export const kyselySqliteSession = (): FixtureSession => freshEachTime(openKyselySqliteDatabase);

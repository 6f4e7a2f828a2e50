import Database from 'better-sqlite3';
import { Kysely, MysqlDialect, PostgresDialect, SqliteDialect } from 'kysely';
import { KyselyAdapter } from 'state-machine-framework/adapters/kysely';
import { transitionLogStatements } from 'state-machine-framework/adapters/sql/transition-log-ddl';
import { CONTRACT_TABLES } from '../../runtime/contract/support/contract-schema.js';
import { closer, sortedById, type ConformanceDatabase } from './conformance-database.js';
import {
  contractMysqlDatabase,
  contractPgSchema,
  mysqlTransitionLog,
  pgTransitionLog,
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

export async function openKyselyPgDatabase(): Promise<ConformanceDatabase> {
  const schema = await contractPgSchema();
  const readerPool = schema.pool({ max: 1 });
  return kyselyDatabase(
    'postgres',
    new Kysely({ dialect: new PostgresDialect({ pool: schema.pool() }) }),
    new Kysely({ dialect: new PostgresDialect({ pool: readerPool }) }),
    { transitionLog: () => pgTransitionLog(readerPool), close: closer(() => schema.drop()) },
  );
}

export async function openKyselyMysqlDatabase(): Promise<ConformanceDatabase> {
  const database = await contractMysqlDatabase();
  const readerPool = database.pool({ max: 1 });
  return kyselyDatabase(
    'mysql',
    new Kysely({ dialect: new MysqlDialect({ pool: database.pool() }) }),
    new Kysely({ dialect: new MysqlDialect({ pool: readerPool }) }),
    { transitionLog: () => mysqlTransitionLog(readerPool), close: closer(() => database.drop()) },
  );
}

export function openKyselySqliteDatabase(): ConformanceDatabase {
  const logSql = transitionLogStatements('sqlite').join('\n');
  const { file, remove } = contractSqliteFile(logSql);
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

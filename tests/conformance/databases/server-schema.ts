import type { Pool as PgPool } from 'pg';
import type { Pool as MysqlPool } from 'mysql2';
import {
  DEFAULT_TRANSITION_LOG_TABLE,
  transitionLogStatements,
} from 'state-machine-framework/adapters/sql/transition-log-ddl';
import {
  DEFAULT_TIMER_TABLE,
  timerTableStatements,
} from 'state-machine-framework/adapters/sql/timer-table-ddl';
import {
  CONTRACT_TABLES,
  contractSchemaStatements,
  quoteName,
  type SqlDialect,
} from '../../runtime/contract/support/contract-schema.js';
import {
  freshMysqlDatabase,
  freshPgSchema,
  type MysqlDatabase,
  type PgSchema,
} from '../../support/servers.js';
import { LOG_COLUMNS, stepOf, type LoggedStep, type LogRow } from './conformance-database.js';

/** The contract, transition log and timers tables, as each dialect's statements. */
export const conformanceStatements = (dialect: SqlDialect): string[] => [
  ...contractSchemaStatements(dialect),
  ...transitionLogStatements(dialect),
  ...timerTableStatements(dialect),
];

/** DELETE FROM every table the statements make: an empty database for the next test. */
const emptyingStatements = (dialect: SqlDialect): string[] =>
  [...Object.values(CONTRACT_TABLES), DEFAULT_TRANSITION_LOG_TABLE, DEFAULT_TIMER_TABLE].map(
    (table) => `DELETE FROM ${quoteName(dialect, table)}`,
  );

/** A schema or database made on first use, emptied for each later one, dropped by `close`. */
export interface SharedServerDatabase<D> {
  /** The database, with every table empty. */
  emptied(): Promise<D>;
  close(): Promise<void>;
}

function shared<D extends { exec(s: readonly string[]): Promise<void>; drop(): Promise<void> }>(
  dialect: SqlDialect,
  make: () => Promise<D>,
): SharedServerDatabase<D> {
  let made: Promise<D> | undefined;
  let used = false;
  return {
    async emptied() {
      made ??= make().then(async (database) => {
        try {
          await database.exec(conformanceStatements(dialect));
        } catch (error) {
          await database.drop();
          throw error;
        }
        return database;
      });
      const database = await made;
      if (used) await database.exec(emptyingStatements(dialect));
      used = true;
      return database;
    },
    close: async () => {
      if (made) await (await made).drop();
    },
  };
}

export const sharedPgSchema = (): SharedServerDatabase<PgSchema> =>
  shared('postgres', freshPgSchema);

export const sharedMysqlDatabase = (): SharedServerDatabase<MysqlDatabase> =>
  shared('mysql', freshMysqlDatabase);

const LOG_SQL = (dialect: SqlDialect) =>
  `SELECT ${LOG_COLUMNS} FROM ${quoteName(dialect, DEFAULT_TRANSITION_LOG_TABLE)} ORDER BY id`;

export async function pgTransitionLog(pool: PgPool): Promise<LoggedStep[]> {
  const result = await pool.query<LogRow>(LOG_SQL('postgres'));
  return result.rows.map(stepOf);
}

export async function mysqlTransitionLog(pool: MysqlPool): Promise<LoggedStep[]> {
  const [rows] = await pool.promise().query(LOG_SQL('mysql'));
  return (rows as LogRow[]).map(stepOf);
}

import type pg from 'pg';
import type mysql from 'mysql2';
import {
  DEFAULT_TRANSITION_LOG_TABLE,
  transitionLogStatements,
} from 'state-machine-framework/adapters/sql/transition-log-ddl';
import {
  contractSchemaStatements,
  type SqlDialect,
} from '../../runtime/contract/support/contract-schema.js';
import {
  freshMysqlDatabase,
  freshPgSchema,
  type MysqlDatabase,
  type PgSchema,
} from '../../support/servers.js';
import { LOG_COLUMNS, stepOf, type LoggedStep, type LogRow } from './conformance-database.js';

/** The contract tables and the transition log table, as each dialect's statements. */
export const conformanceStatements = (dialect: SqlDialect): string[] => [
  ...contractSchemaStatements(dialect),
  ...transitionLogStatements(dialect),
];

/** A fresh PostgreSQL schema holding the contract tables and the log table. */
export async function contractPgSchema(): Promise<PgSchema> {
  const schema = await freshPgSchema();
  try {
    await schema.exec(conformanceStatements('postgres'));
  } catch (error) {
    await schema.drop();
    throw error;
  }
  return schema;
}

/** A fresh MySQL/MariaDB database holding the contract tables and the log table. */
export async function contractMysqlDatabase(): Promise<MysqlDatabase> {
  const database = await freshMysqlDatabase();
  try {
    await database.exec(conformanceStatements('mysql'));
  } catch (error) {
    await database.drop();
    throw error;
  }
  return database;
}

const LOG_SQL = (quote: string) =>
  `SELECT ${LOG_COLUMNS} FROM ${quote}${DEFAULT_TRANSITION_LOG_TABLE}${quote} ORDER BY id`;

export async function pgTransitionLog(pool: pg.Pool): Promise<LoggedStep[]> {
  const result = await pool.query<LogRow>(LOG_SQL('"'));
  return result.rows.map(stepOf);
}

export async function mysqlTransitionLog(pool: mysql.Pool): Promise<LoggedStep[]> {
  const [rows] = await pool.promise().query(LOG_SQL('`'));
  return (rows as LogRow[]).map(stepOf);
}

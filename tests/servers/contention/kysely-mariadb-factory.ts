// The contention harness's adapter factory for KyselyAdapter on MariaDB through Kysely's
// MysqlDialect and a mysql2 pool (see harness.ts for the contract).
import { randomBytes } from 'node:crypto';
import { CompiledQuery, Kysely, MysqlDialect } from 'kysely';
import mysql from 'mysql2';
import mysqlPromise from 'mysql2/promise';
import type { ORMAdapter } from 'state-machine-framework';
import { KyselyAdapter } from 'state-machine-framework/adapters/kysely';
import { mysqlOptions } from '../../support/server-urls.js';
import { CONTENTION_TABLES, contentionTableStatements } from './contention-tables.js';

const instances = new WeakMap<ORMAdapter, Kysely<any>>();

async function withConnection<R>(
  url: string,
  database: string | undefined,
  fn: (connection: mysqlPromise.Connection) => Promise<R>,
): Promise<R> {
  const connection = await mysqlPromise.createConnection(mysqlOptions(url, database));
  try {
    return await fn(connection);
  } finally {
    await connection.end();
  }
}

export async function createSchema(url: string): Promise<string> {
  const database = `smf_${randomBytes(6).toString('hex')}`;
  await withConnection(url, undefined, (c) =>
    c.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`),
  );
  await withConnection(url, database, async (connection) => {
    for (const statement of contentionTableStatements('mysql')) await connection.query(statement);
  });
  return database;
}

export async function dropSchema(url: string, database: string): Promise<void> {
  await withConnection(url, undefined, async (connection) => {
    const [rows] = await connection.query(
      'SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()',
      [database],
    );
    for (const { id } of rows as { id: number }[]) {
      await connection.query(`KILL ${Number(id)}`).catch(() => undefined);
    }
    await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
  });
}

/**
 * Every wait is bounded: a row lock for 2 s (then ER_LOCK_WAIT_TIMEOUT, a DatabaseConflictError),
 * any statement for 20 s.
 */
export async function openAdapter(url: string, database: string): Promise<ORMAdapter> {
  const pool = mysql.createPool({ ...mysqlOptions(url, database), connectionLimit: 2 });
  const db = new Kysely<any>({
    dialect: new MysqlDialect({
      pool,
      onCreateConnection: async (connection) => {
        await connection.executeQuery(
          CompiledQuery.raw('SET SESSION innodb_lock_wait_timeout = 2, max_statement_time = 20'),
        );
      },
    }),
  });
  const adapter = new KyselyAdapter(db, { tables: CONTENTION_TABLES, transitionLog: true });
  instances.set(adapter, db);
  return adapter;
}

export async function closeAdapter(adapter: ORMAdapter): Promise<void> {
  await instances.get(adapter)?.destroy();
}

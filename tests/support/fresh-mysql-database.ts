import { randomBytes } from 'node:crypto';
import mysql from 'mysql2';
import mysqlPromise from 'mysql2/promise';
import { MYSQL_URL, mysqlOptions } from './server-urls.js';

/** A database of its own on the MySQL/MariaDB server, dropped afterwards. */
export interface MysqlDatabase {
  readonly database: string;
  /**
   * A new mysql2 pool (callback API, as Kysely's MysqlDialect takes it; `.promise()` for the
   * promise API) on the database; `drop` ends it. Each pool is a separate set of connections.
   */
  pool(options?: { readonly max?: number }): mysql.Pool;
  /** Runs statements in the database through a connection of its own. */
  exec(statements: readonly string[]): Promise<void>;
  /** Ends every pool made here, kills what is still connected to the database, drops it. */
  drop(): Promise<void>;
}

const END_POOL_TIMEOUT_MS = 2000;

async function withConnection<R>(
  database: string | undefined,
  fn: (connection: mysqlPromise.Connection) => Promise<R>,
): Promise<R> {
  const connection = await mysqlPromise.createConnection(mysqlOptions(MYSQL_URL, database));
  try {
    return await fn(connection);
  } finally {
    await connection.end();
  }
}

/**
 * `CREATE DATABASE smf_<random>` in utf8mb4 with the binary collation, so text compares as on the
 * other databases (exactly: 'a' ≠ 'A' ≠ 'a '); the caller drops it (`drop()`) when done.
 */
export async function freshMysqlDatabase(): Promise<MysqlDatabase> {
  const database = `smf_${randomBytes(6).toString('hex')}`;
  await withConnection(undefined, (c) =>
    c.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`),
  );
  const pools: mysql.Pool[] = [];
  let dropped: Promise<void> | undefined;
  return {
    database,
    pool({ max = 4 } = {}) {
      if (dropped) throw new Error(`database ${database} was dropped`);
      const pool = mysql.createPool({
        ...mysqlOptions(MYSQL_URL, database),
        connectionLimit: max,
      });
      pools.push(pool);
      return pool;
    },
    exec: (statements) =>
      withConnection(database, async (connection) => {
        for (const sql of statements) await connection.query(sql);
      }),
    drop: () => (dropped ??= dropDatabase(database, pools)),
  };
}

async function dropDatabase(database: string, pools: readonly mysql.Pool[]): Promise<void> {
  await Promise.all(
    pools.map((pool) =>
      Promise.race([
        pool
          .promise()
          .end()
          .catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, END_POOL_TIMEOUT_MS).unref()),
      ]),
    ),
  );
  await withConnection(undefined, async (connection) => {
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

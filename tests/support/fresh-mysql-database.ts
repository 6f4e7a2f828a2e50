import { randomBytes } from 'node:crypto';
import mysql from 'mysql2';
import mysqlPromise from 'mysql2/promise';
import { endWithin } from './end-within.js';
import { MYSQL_URL, mysqlOptions } from './server-urls.js';

/** A database of its own on the MySQL/MariaDB server, dropped afterwards. */
export interface MysqlDatabase {
  readonly database: string;
  /**
   * A new mysql2 pool (callback API, as Kysely's MysqlDialect takes it; `.promise()` for the
   * promise API) on the database. Each pool is a separate set of connections.
   */
  pool(options?: { readonly max?: number }): mysql.Pool;
  /** Ends the pool; if it is still waiting after 2 s, the database's other connections are killed. */
  endPool(pool: mysql.Pool): Promise<void>;
  /** Runs statements in the database, one after the other, on a connection kept for this. */
  exec(statements: readonly string[]): Promise<void>;
  /** Ends every pool made here, kills what is still connected to the database, drops it. */
  drop(): Promise<void>;
}

/**
 * `CREATE DATABASE smf_<random>` in utf8mb4 with the binary collation, so text compares as on the
 * other databases (exactly: 'a' ≠ 'A' ≠ 'a '); the caller drops it (`drop()`) when done.
 */
export async function freshMysqlDatabase(): Promise<MysqlDatabase> {
  const database = `smf_${randomBytes(6).toString('hex')}`;
  const admin = await mysqlPromise.createConnection(mysqlOptions(MYSQL_URL, ''));
  try {
    await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
    await admin.query(`USE \`${database}\``);
  } catch (error) {
    await admin.end();
    throw error;
  }
  const pools = new Set<mysql.Pool>();
  let dropped: Promise<void> | undefined;

  const killOthers = async () => {
    const [rows] = await admin.query(
      'SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()',
      [database],
    );
    for (const { id } of rows as { id: number }[]) {
      await admin.query(`KILL ${Number(id)}`).catch(() => undefined);
    }
  };
  const endPool = async (pool: mysql.Pool): Promise<void> => {
    if (!pools.delete(pool)) return;
    if (!(await endWithin(pool.promise().end()))) await killOthers();
  };

  return {
    database,
    pool({ max = 4 } = {}) {
      if (dropped) throw new Error(`database ${database} was dropped`);
      const pool = mysql.createPool({ ...mysqlOptions(MYSQL_URL, database), connectionLimit: max });
      pools.add(pool);
      return pool;
    },
    endPool,
    async exec(statements) {
      for (const sql of statements) await admin.query(sql);
    },
    drop: () =>
      (dropped ??= (async () => {
        try {
          await Promise.all([...pools].map(endPool));
          await killOthers();
          await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
        } finally {
          await admin.end();
        }
      })()),
  };
}

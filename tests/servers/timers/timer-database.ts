// The adapter the timer workers and the test use: PgAdapter on PostgreSQL, KyselyAdapter
// (MysqlDialect, mysql2) on MariaDB, both keeping the transition log. Every wait is bounded, so a
// deadlock or a lock never released fails instead of hanging.
import { CompiledQuery, Kysely, MysqlDialect } from 'kysely';
import mysql from 'mysql2';
import { Pool } from 'pg';
import type { ORMAdapter } from 'state-machine-framework';
import { KyselyAdapter } from 'state-machine-framework/adapters/kysely';
import { PgAdapter } from 'state-machine-framework/adapters/pg';
import { mysqlOptions } from '../../support/server-urls.js';
import type { TimerDatabase } from './timer-worker-protocol.js';

export interface OpenAdapter {
  readonly adapter: ORMAdapter;
  close(): Promise<void>;
}

export function openTimerAdapter(database: TimerDatabase, connections: number): OpenAdapter {
  if (database.dialect === 'postgres') {
    const pool = new Pool({
      connectionString: database.url,
      max: connections,
      application_name: database.name,
      options: `-c search_path=${database.name} -c lock_timeout=10000 -c statement_timeout=30000`,
    });
    pool.on('error', () => undefined);
    const adapter = new PgAdapter(pool, { tables: { Job: 'jobs' }, transitionLog: true });
    return { adapter, close: () => pool.end() };
  }
  const pool = mysql.createPool({
    ...mysqlOptions(database.url, database.name),
    connectionLimit: connections,
  });
  const db = new Kysely<any>({
    dialect: new MysqlDialect({
      pool,
      onCreateConnection: async (connection) => {
        await connection.executeQuery(
          CompiledQuery.raw('SET SESSION innodb_lock_wait_timeout = 10, max_statement_time = 30'),
        );
      },
    }),
  });
  const adapter = new KyselyAdapter(db, { tables: { Job: 'jobs' }, transitionLog: true });
  return { adapter, close: () => db.destroy() };
}

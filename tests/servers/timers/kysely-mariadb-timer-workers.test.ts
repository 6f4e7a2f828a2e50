// Durable timers fired by 4 processes on MariaDB (KyselyAdapter, MysqlDialect): see
// timer-workers-harness.ts. The claim reads due rows FOR UPDATE SKIP LOCKED there too.
import {
  timerTableStatements,
  transitionLogStatements,
} from 'state-machine-framework/adapters/kysely';
import { freshMysqlDatabase } from '../../support/fresh-mysql-database.js';
import { MYSQL_URL } from '../../support/servers.js';
import { openTimerAdapter } from './timer-database.js';
import { describeTimerWorkers } from './timer-workers-harness.js';

describeTimerWorkers(
  'mysql',
  'durable timers, 4 processes on MariaDB',
  async () => {
    const db = await freshMysqlDatabase();
    await db.exec([
      'CREATE TABLE jobs (`jobId` VARCHAR(64) PRIMARY KEY, status VARCHAR(32) NOT NULL)',
      ...transitionLogStatements('mysql'),
      ...timerTableStatements('mysql'),
    ]);
    const database = { dialect: 'mysql', url: MYSQL_URL, name: db.database } as const;
    return { ...openTimerAdapter(database, 8), database, drop: () => db.drop() };
  },
  true,
);

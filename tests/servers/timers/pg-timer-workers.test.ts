// Durable timers fired by 4 processes on PostgreSQL (PgAdapter): see timer-workers-harness.ts.
import {
  pgTimerTableStatements,
  pgTransitionLogStatements,
} from 'state-machine-framework/adapters/pg';
import { freshPgSchema } from '../../support/fresh-pg-schema.js';
import { DATABASE_URL } from '../../support/servers.js';
import { openTimerAdapter } from './timer-database.js';
import { describeTimerWorkers } from './timer-workers-harness.js';

describeTimerWorkers('postgres', 'durable timers, 4 processes on PostgreSQL', async () => {
  const schema = await freshPgSchema();
  await schema.exec([
    'CREATE TABLE jobs ("jobId" TEXT PRIMARY KEY, status TEXT NOT NULL)',
    ...pgTransitionLogStatements(),
    ...pgTimerTableStatements(),
  ]);
  const database = { dialect: 'postgres', url: DATABASE_URL, name: schema.schema } as const;
  return { ...openTimerAdapter(database, 8), database, drop: () => schema.drop() };
});

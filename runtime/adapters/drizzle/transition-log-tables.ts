import {
  bigserial,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import {
  integer as sqliteInteger,
  sqliteTable,
  text as sqliteText,
  uniqueIndex as sqliteUniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { DEFAULT_TRANSITION_LOG_TABLE } from '../sql/transition-log-ddl.js';

/**
 * The transition log's table as Drizzle table objects
 * (`state-machine-framework/adapters/drizzle/transition-log-tables`), for a drizzle-kit schema:
 * the columns and unique index of `transitionLogDdl(dialect, name)`, so a migration drizzle-kit
 * generates makes the table the adapter writes, and your own queries can read it. Export the one
 * for your database from your schema file: `export const smfTransitions = pgTransitionLogTable();`
 */
export function pgTransitionLogTable(name: string = DEFAULT_TRANSITION_LOG_TABLE) {
  return pgTable(
    name,
    {
      id: bigserial('id', { mode: 'bigint' }).primaryKey(),
      machine: text('machine').notNull(),
      entityId: text('entity_id').notNull(),
      seq: integer('seq').notNull(),
      fromState: text('from_state'),
      toState: text('to_state').notNull(),
      at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
      results: jsonb('results').notNull(),
      metadata: jsonb('metadata').notNull(),
    },
    (t) => [uniqueIndex(`${name}_entity_seq`).on(t.machine, t.entityId, t.seq)],
  );
}

/** The same on SQLite (`at` is ISO-8601 text, JSON columns text, as the adapter writes them). */
export function sqliteTransitionLogTable(name: string = DEFAULT_TRANSITION_LOG_TABLE) {
  return sqliteTable(
    name,
    {
      id: sqliteInteger('id').primaryKey(),
      machine: sqliteText('machine').notNull(),
      entityId: sqliteText('entity_id').notNull(),
      seq: sqliteInteger('seq').notNull(),
      fromState: sqliteText('from_state'),
      toState: sqliteText('to_state').notNull(),
      at: sqliteText('at').notNull(),
      results: sqliteText('results', { mode: 'json' }).notNull(),
      metadata: sqliteText('metadata', { mode: 'json' }).notNull(),
    },
    (t) => [sqliteUniqueIndex(`${name}_entity_seq`).on(t.machine, t.entityId, t.seq)],
  );
}

import { drizzle } from 'drizzle-orm/node-postgres';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { Kysely, PostgresDialect } from 'kysely';
import { DrizzleAdapter } from 'state-machine-framework/adapters/drizzle';
import { KyselyAdapter } from 'state-machine-framework/adapters/kysely';
import { PgAdapter } from 'state-machine-framework/adapters/pg';
import type { BenchSchema } from './database.js';
import { handWritten } from './hand-written.js';
import type { RoundTrips } from './round-trips.js';
import { throughAdapter } from './through-adapter.js';
import { throughMachine } from './through-machine.js';
import type { Workload, WorkflowRun } from './workloads.js';

export type SideName = 'hand' | 'hand-min' | 'pg' | 'pg-direct' | 'kysely' | 'drizzle';

export const SIDE_NAMES: readonly SideName[] = [
  'hand',
  'hand-min',
  'pg',
  'pg-direct',
  'kysely',
  'drizzle',
];

/** The sides run unless `--sides` says otherwise (pg-direct is a diagnostic). */
export const DEFAULT_SIDES: readonly SideName[] = ['hand', 'hand-min', 'pg', 'kysely', 'drizzle'];

export const SIDE_LABELS: Readonly<Record<SideName, string>> = {
  hand: 'hand-written',
  'hand-min': 'hand-written, fewest round trips',
  pg: 'PgAdapter',
  'pg-direct': 'PgAdapter without the runtime',
  kysely: 'KyselyAdapter',
  drizzle: 'DrizzleAdapter',
};

/** One contestant of a comparison: its own pool (of `clients` connections) and tables. */
export interface Side {
  readonly name: SideName;
  readonly trips: RoundTrips;
  readonly run: WorkflowRun;
  close(): Promise<void>;
}

export interface SideSetup {
  readonly schema: BenchSchema;
  readonly clients: number;
  readonly workload: Workload;
  readonly table: string;
  readonly logTable: string | undefined;
  readonly rowsPerClient: number;
}

export function openSide(name: SideName, setup: SideSetup): Side {
  const { pool, trips } = setup.schema.pool(setup.clients);
  const { workload, table, logTable, rowsPerClient } = setup;
  const side = (run: WorkflowRun, close = () => pool.end()): Side => ({ name, trips, run, close });
  switch (name) {
    case 'hand':
    case 'hand-min':
      return side(handWritten(pool, { ...setup, fewestRoundTrips: name === 'hand-min' }));
    case 'pg':
    case 'pg-direct': {
      const adapter = new PgAdapter(pool, {
        tables: { Order: table },
        ...(logTable !== undefined && { transitionLog: { table: logTable } }),
      });
      const through = name === 'pg' ? throughMachine : throughAdapter;
      return side(through(adapter, workload, rowsPerClient));
    }
    case 'kysely': {
      const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
      const adapter = new KyselyAdapter(db, {
        tables: { Order: table },
        ...(logTable !== undefined && { transitionLog: { table: logTable } }),
      });
      return side(throughMachine(adapter, workload, rowsPerClient), () => db.destroy());
    }
    case 'drizzle': {
      const orders = pgTable(table, {
        id: text('id').primaryKey(),
        status: text('status').notNull(),
        amount: integer('amount').notNull(),
        loads: integer('loads').notNull().default(0),
      });
      const adapter = new DrizzleAdapter(drizzle({ client: pool }), {
        tables: { Order: orders },
        ...(logTable !== undefined && { transitionLog: { table: logTable } }),
      });
      return side(throughMachine(adapter, workload, rowsPerClient));
    }
  }
}

// DrizzleAdapter on PostgreSQL against hostile values, session settings and first use at once:
// values refused before anything is sent (naming Model.field), dates read back as written
// whatever DateStyle says, canceled statements as typed errors, the transition log created by
// many processes at once.
import { drizzle } from 'drizzle-orm/node-postgres';
import * as pg from 'drizzle-orm/pg-core';
import { expect, it } from 'vitest';
import { createMachine, DatabaseConflictError, type MachineConfig } from 'state-machine-framework';
import { DrizzleAdapter, DrizzleAdapterError } from 'state-machine-framework/adapters/drizzle';
import { describeOnServer } from '../../support/servers.js';
import { pgSchemaForFile } from '../pg/pg-schema.js';
import { poolWith } from '../pg/server-helpers.js';

const TABLES = {
  T: pg.pgTable('t', {
    id: pg.text('id').primaryKey(),
    i4: pg.integer('i4'),
    i2: pg.smallint('i2'),
    i8: pg.bigint('i8', { mode: 'bigint' }),
    f4: pg.real('f4'),
    n: pg.numeric('n'),
    small: pg.numeric('small', { precision: 3, scale: 0 }),
    s: pg.text('s'),
    jb: pg.jsonb('jb'),
    ts: pg.timestamp('ts', { withTimezone: true, precision: 3, mode: 'date' }),
    tsn: pg.timestamp('tsn', { precision: 3, mode: 'date' }),
    day: pg.date('day', { mode: 'date' }),
  }),
  Job: pg.pgTable('jobs', { jobId: pg.text('job_id').primaryKey(), status: pg.text('status') }),
};

const jobs: MachineConfig = {
  name: 'Jobs',
  models: { Job: { stateField: 'status', identifierField: 'jobId' } },
  states: { A: { models: { Job: 'a' }, to: ['A'], start: true } },
};

describeOnServer('postgres', 'DrizzleAdapter on PostgreSQL: hostile values and settings', () => {
  const schema = pgSchemaForFile([
    `CREATE TABLE t (id TEXT PRIMARY KEY, i4 INT4, i2 INT2, i8 INT8, f4 FLOAT4, n NUMERIC,
       small NUMERIC(3, 0), s TEXT, jb JSONB, ts TIMESTAMPTZ(3), tsn TIMESTAMP(3), day DATE)`,
    `CREATE TABLE jobs (job_id TEXT PRIMARY KEY, status TEXT)`,
  ]);
  const pools: ReturnType<typeof poolWith>[] = [];
  /** An adapter on a pool of its own whose connections have `settings`; `sent` records its SQL. */
  const adapterWith = (settings: Record<string, string> = {}, log?: { table: string }) => {
    const sent: string[] = [];
    const pool = poolWith(schema().schema, settings, 2);
    pools.push(pool);
    const db = drizzle(pool, { logger: { logQuery: (query) => void sent.push(query) } });
    const adapter = new DrizzleAdapter(db, {
      tables: TABLES,
      ...(log !== undefined && { transitionLog: log }),
    });
    return { adapter, sent };
  };
  const endAll = () => Promise.all(pools.splice(0).map((pool) => pool.end()));

  it('refuses what the column would not take, naming Model.field, before the write is sent', async () => {
    const { adapter, sent } = adapterWith();
    const refusals: [string, unknown, RegExp][] = [
      ['i4', 2 ** 31, /T\.i4 \(integer\) cannot hold 2147483648: it is outside the column's range/],
      ['i4', 1e21, /T\.i4/],
      ['i2', 40000, /T\.i2 \(smallint\) cannot hold 40000/],
      ['i8', 2n ** 63n, /T\.i8 \(bigint\) cannot hold 9223372036854775808n/],
      ['f4', 1e39, /T\.f4 \(real\)/],
      ['n', 'abc', /T\.n \(numeric\) cannot hold "abc": it is not a number in decimal notation/],
      ['s', 'a\0b', /T\.s \(text\) cannot hold .*: PostgreSQL text cannot hold the NUL character/],
      ['jb', { k: ['a\0b'] }, /T\.jb \(jsonb\) cannot hold the value: jsonb cannot hold the NUL/],
      ['ts', new Date(-8.64e15), /T\.ts .*: PostgreSQL keeps no date before 4714-11-24 BC/],
    ];
    try {
      for (const [field, value, message] of refusals) {
        const error = await adapter
          .transaction((tx) => tx.create('T', { id: 'bad', [field]: value }))
          .catch((e: unknown) => e);
        expect(error, field).toBeInstanceOf(DrizzleAdapterError);
        expect((error as Error).message, field).toMatch(message);
        await expect(adapter.filter('T', { [field]: value }), field).rejects.toThrow(message);
      }
      expect(sent.filter((sql) => sql.startsWith('insert'))).toEqual([]);
    } finally {
      await endAll();
    }
  });

  it('a value the server refuses is a DrizzleAdapterError naming the model and row', async () => {
    const { adapter } = adapterWith();
    try {
      const error = await adapter.create('T', { id: 'over', small: '1e3' }).catch((e) => e);
      expect(error).toBeInstanceOf(DrizzleAdapterError);
      expect((error as Error).message).toMatch(
        /^DrizzleAdapter: T "over": the database refused a value: numeric field overflow/,
      );
    } finally {
      await endAll();
    }
  });

  for (const style of ['SQL,DMY', 'German', 'Postgres,MDY']) {
    it(`dates read back as written with DateStyle ${style}, in and out of transactions`, async () => {
      const { adapter } = adapterWith({ DateStyle: style, TimeZone: 'Asia/Kolkata' });
      const at = new Date('2024-05-01T12:30:00.123Z');
      const day = new Date('2024-05-01T00:00:00.000Z');
      const id = `d ${style}`;
      try {
        const created = await adapter.transaction((tx) =>
          tx.create('T', { id, ts: at, tsn: at, day }),
        );
        expect(created).toMatchObject({ ts: at, tsn: at, day });
        expect(await adapter.get('T', { id })).toMatchObject({ ts: at, tsn: at, day });
        expect(await adapter.filter('T', { ts: at, id })).toHaveLength(1);
      } finally {
        await endAll();
      }
    });
  }

  it('statement_timeout while waiting for a row lock is DatabaseConflictError (lock-timeout)', async () => {
    const holder = adapterWith().adapter;
    const { adapter: impatient } = adapterWith({ statement_timeout: '100ms' });
    try {
      await holder.create('T', { id: 'locked' });
      const error = await holder.transaction(async (tx) => {
        await tx.update('T', { id: 'locked' }, { s: 'mine' });
        return impatient
          .transaction((other) => other.get('T', { id: 'locked' }, { lock: 'wait' }))
          .catch((e: unknown) => e);
      });
      expect(error).toBeInstanceOf(DatabaseConflictError);
      expect(error).toMatchObject({ reason: 'lock-timeout', code: '57014', model: 'T' });
    } finally {
      await endAll();
    }
  });

  it('any other statement canceled is a DrizzleAdapterError naming the model and row', async () => {
    const holder = adapterWith().adapter;
    const { adapter: impatient } = adapterWith({ statement_timeout: '100ms' });
    try {
      // The second insert of one key waits for the first transaction to end, past the timeout.
      const error = await holder.transaction(async (tx) => {
        await tx.create('T', { id: 'pending' });
        return impatient.create('T', { id: 'pending' }).catch((e: unknown) => e);
      });
      expect(error).toBeInstanceOf(DrizzleAdapterError);
      expect((error as Error).message).toMatch(
        /^DrizzleAdapter: T "pending": the statement was canceled: canceling statement due to statement timeout/,
      );
    } finally {
      await endAll();
    }
  });

  it("many adapters' first transitions at once create the log once, each entity's steps 1..n", async () => {
    const adapters = Array.from({ length: 8 }, () => adapterWith({}, { table: 'log_first' }));
    const machine = createMachine(jobs);
    try {
      await Promise.all(
        adapters.map(({ adapter }, i) =>
          machine.run({ adapter }, async (wf) => {
            const a = await wf.transitionTo('A', { Job: { jobId: `J${i}` } });
            await a.transitionTo('A');
          }),
        ),
      );
      for (const [i, { adapter }] of adapters.entries()) {
        const steps = await machine.history({ adapter, id: `J${i}` });
        expect(steps.map((step) => step.seq)).toEqual([1, 2]);
      }
    } finally {
      await endAll();
    }
  });
});

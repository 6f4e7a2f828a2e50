// Values at the edges of what a column holds, session settings that change how PostgreSQL writes
// values, and statements the server cancels: refused before anything is sent (naming
// Model.column), read back as written, or typed errors naming the model and row.
import { Kysely, PostgresDialect } from 'kysely';
import { expect, it } from 'vitest';
import { DatabaseConflictError } from 'state-machine-framework';
import { KyselyAdapter, KyselyAdapterError } from 'state-machine-framework/adapters/kysely';
import { describeOnServer } from '../../support/servers.js';
import { pgSchemaForFile } from '../pg/pg-schema.js';
import { poolWith } from '../pg/server-helpers.js';
import { describeEachDialect, openDatabase } from './support/kysely-databases.js';

describeOnServer('postgres', 'KyselyAdapter on PostgreSQL: hostile values and settings', () => {
  const schema = pgSchemaForFile([
    `CREATE TABLE t (id TEXT PRIMARY KEY, i4 INT4, i2 INT2, i8 INT8, f4 FLOAT4, n NUMERIC,
       small NUMERIC(3, 0), s TEXT, jb JSONB, ts TIMESTAMPTZ, tsn TIMESTAMP, day DATE)`,
  ]);
  const kyselies: Kysely<any>[] = [];
  /** An adapter on a pool of its own whose connections have `settings`; `sent` records its SQL. */
  const adapterWith = (settings: Record<string, string> = {}) => {
    const sent: string[] = [];
    const db = new Kysely<any>({
      dialect: new PostgresDialect({ pool: poolWith(schema().schema, settings) }),
      log: (event) => void sent.push(event.query.sql),
    });
    kyselies.push(db);
    return { adapter: new KyselyAdapter(db, { tables: { T: 't' }, transitionLog: true }), sent };
  };
  const destroyAll = () => Promise.all(kyselies.splice(0).map((db) => db.destroy()));

  it('refuses what the column would not take, naming Model.column, before the write is sent', async () => {
    const { adapter, sent } = adapterWith();
    const refusals: [string, unknown, RegExp][] = [
      ['i4', 2 ** 31, /T\.i4 \(integer\) cannot hold 2147483648: it is outside the column's range/],
      ['i4', 1e21, /T\.i4/],
      ['i2', 40000, /T\.i2 \(integer\) cannot hold 40000: it is outside the column's range/],
      ['i8', 2n ** 63n, /T\.i8 \(bigint\) cannot hold 9223372036854775808n/],
      ['f4', 1e39, /T\.f4 \(real\)/],
      ['n', 'abc', /T\.n \(decimal\) cannot hold "abc": it is not a number in decimal notation/],
      ['s', 'a\0b', /T\.s \(text\) cannot hold .*: PostgreSQL text cannot hold the NUL character/],
      ['jb', { k: ['a\0b'] }, /T\.jb \(jsonb\) cannot hold an object: jsonb cannot hold the NUL/],
      ['ts', new Date(-8.64e15), /T\.ts \(datetime\).*keeps no timestamp before 4714-11-24 BC/],
    ];
    try {
      for (const [column, value, message] of refusals) {
        const error = await adapter
          .transaction((tx) => tx.create('T', { id: 'bad', [column]: value }))
          .catch((e: unknown) => e);
        expect(error, column).toBeInstanceOf(KyselyAdapterError);
        expect((error as Error).message, column).toMatch(message);
      }
      expect(sent.filter((sql) => sql.startsWith('INSERT'))).toEqual([]);
      // Text that only spells a backslash and "u0000" is no NUL.
      await adapter.create('T', { id: 'escaped', jb: { k: '\\u0000' } });
      expect((await adapter.get('T', { id: 'escaped' }))['jb']).toEqual({ k: '\\u0000' });
    } finally {
      await destroyAll();
    }
  });

  it('a value the server refuses is a KyselyAdapterError naming the model', async () => {
    const { adapter } = adapterWith();
    try {
      const error = await adapter.create('T', { id: 'over', small: '1e3' }).catch((e) => e);
      expect(error).toBeInstanceOf(KyselyAdapterError);
      expect((error as Error).message).toMatch(
        /^KyselyAdapter: T: the database refused a value: numeric field overflow/,
      );
    } finally {
      await destroyAll();
    }
  });

  for (const style of ['SQL,DMY', 'German', 'Postgres,MDY']) {
    it(`dates read back as written with DateStyle ${style}, in and out of transactions`, async () => {
      const { adapter } = adapterWith({ DateStyle: style, TimeZone: 'Asia/Kolkata' });
      const at = new Date('2024-05-01T12:30:00.123Z');
      const day = new Date(2024, 4, 1);
      const id = `d ${style}`;
      try {
        const created = await adapter.transaction((tx) =>
          tx.create('T', { id, ts: at, tsn: at, day }),
        );
        expect(created).toMatchObject({ ts: at, tsn: at, day });
        expect(await adapter.get('T', { id })).toMatchObject({ ts: at, tsn: at, day });
        const entry = { machine: 'M', entityId: id, from: null, to: 'A', at };
        await adapter.recordTransition!({ ...entry, results: {}, metadata: {} });
        expect((await adapter.readTransitions!('M', id))[0]?.at).toEqual(at);
      } finally {
        await destroyAll();
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
      await destroyAll();
    }
  });

  it('any other statement canceled is a KyselyAdapterError naming the model', async () => {
    const holder = adapterWith().adapter;
    const { adapter: impatient } = adapterWith({ statement_timeout: '100ms' });
    try {
      // The second insert of one key waits for the first transaction to end, past the timeout.
      const error = await holder.transaction(async (tx) => {
        await tx.create('T', { id: 'pending' });
        return impatient.create('T', { id: 'pending' }).catch((e: unknown) => e);
      });
      expect(error).toBeInstanceOf(KyselyAdapterError);
      expect((error as Error).message).toMatch(
        /^KyselyAdapter: T: the statement was canceled: canceling statement due to statement timeout/,
      );
    } finally {
      await destroyAll();
    }
  });
});

describeEachDialect(
  'KyselyAdapter on %s: a value the server refuses',
  (dialect) => {
    it('is a KyselyAdapterError naming Model.column', async () => {
      const database = await openDatabase(dialect, { items: { id: 'key', i: 'int' } });
      const adapter = new KyselyAdapter(database.db, { tables: { Item: 'items' } });
      const error = await adapter.create('Item', { id: 'x', i: 2 ** 31 }).catch((e) => e);
      expect(error).toBeInstanceOf(KyselyAdapterError);
      expect((error as Error).message).toMatch(
        /^KyselyAdapter: Item\.i: the database refused a value: Out of range value for column 'i'/,
      );
    });
  },
  ['mysql'],
);

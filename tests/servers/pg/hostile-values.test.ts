import { expect, it } from 'vitest';
import { PgAdapter, PgAdapterError } from 'state-machine-framework/adapters/pg';
import { describeOnServer } from '../../support/servers.js';
import { pgSchemaForFile } from './pg-schema.js';
import { poolWith, recordingPool } from './server-helpers.js';

describeOnServer('postgres', 'PgAdapter: values at the edges of what a column holds', () => {
  const schema = pgSchemaForFile([
    `CREATE TABLE t (id TEXT PRIMARY KEY, i4 INT4, i2 INT2, i8 INT8, f4 FLOAT4, f8 FLOAT8,
       n NUMERIC, small NUMERIC(3, 0), s TEXT, vc VARCHAR(10), j JSON, jb JSONB, ts TIMESTAMPTZ,
       tsn TIMESTAMP, bytes BYTEA)`,
  ]);
  const adapter = () => new PgAdapter(schema().pool(), { tables: { T: 't' } });
  let n = 0;

  /** Writes one column in a transaction (values then ride as literals) and reads it back. */
  async function roundTrip(db: PgAdapter, column: string, value: unknown): Promise<unknown> {
    const id = `r${n++}`;
    await db.transaction(async (tx) => {
      await tx.create('T', { id, [column]: value });
    });
    return (await db.get('T', { id }))[column];
  }

  it('refuses what the column would not take, naming Model.column, before the write is sent', async () => {
    const recorded = recordingPool(schema().pool());
    const db = new PgAdapter(recorded.pool, { tables: { T: 't' } });
    const refusals: [string, unknown, RegExp][] = [
      ['i4', 2 ** 31, /T\.i4 \(integer\): it is outside the column's range/],
      ['i4', -(2 ** 31) - 1, /T\.i4/],
      ['i4', 1e21, /T\.i4 \(integer\): it is outside/],
      ['i2', 40000, /T\.i2 \(smallint\): it is outside the column's range -32768\.\.32767/],
      ['i8', 2n ** 63n, /T\.i8 \(bigint\): it is outside the column's range/],
      ['i8', -(2n ** 63n) - 1n, /T\.i8/],
      ['f4', 1e39, /T\.f4 \(real\): it is beyond the column's largest value/],
      ['n', 'abc', /T\.n \(numeric\): it is not a number in decimal notation/],
      ['n', '1_000', /T\.n/],
      ['s', 'a\0b', /T\.s \(text\): PostgreSQL text cannot hold the NUL character/],
      ['s', 'x\ud800y', /T\.s \(text\): it holds half a surrogate pair/],
      ['f4', 16777217, /T\.f4 \(real\): a real \(float4\) holds it only rounded/],
      ['vc', '\0', /T\.vc/],
      ['jb', { k: 'a\0b' }, /T\.jb \(jsonb\): \.k is the string "a\\u0000b", holding NUL/],
      ['jb', { 'a\0': 1 }, /T\.jb \(jsonb\): it is an object with a key holding NUL/],
      ['ts', new Date(-8.64e15), /T\.ts \(timestamp with time zone\): PostgreSQL keeps no/],
      ['tsn', new Date(Date.UTC(-4713, 10, 23, 23, 59, 59, 999)), /T\.tsn/],
    ];
    for (const [column, value, message] of refusals) {
      const error = await db
        .transaction((tx) => tx.create('T', { id: 'bad', [column]: value }))
        .catch((e: unknown) => e);
      expect(error, column).toBeInstanceOf(PgAdapterError);
      expect((error as Error).message, column).toMatch(message);
      expect((error as Error).message, column).toMatch(/Nothing was written/);
    }
    expect(recorded.sent.filter((text) => text.includes('INSERT'))).toEqual([]);
  });

  it('gives a double precision -0 back with its sign', async () => {
    expect(Object.is(await roundTrip(adapter(), 'f8', -0), -0)).toBe(true);
  });

  it('takes the values at the ends of each range, and gives them back', async () => {
    const db = adapter();
    // [column, value written, value read back]
    const edges: [string, unknown, unknown][] = [
      ['i4', 2 ** 31 - 1, 2 ** 31 - 1],
      ['i4', -(2 ** 31), -(2 ** 31)],
      ['i2', -32768, -32768],
      ['i8', 2n ** 63n - 1n, 2n ** 63n - 1n],
      ['i8', -(2n ** 63n), -(2n ** 63n)],
      ['n', '-1.5e-3', '-0.0015'],
      ['n', 'NaN', 'NaN'],
      ['n', 'Infinity', 'Infinity'],
      ['j', { k: 'a\0b' }, { k: 'a\0b' }],
      ['ts', new Date(Date.UTC(-4713, 10, 24)), new Date(Date.UTC(-4713, 10, 24))],
      ['tsn', new Date(Date.UTC(-4713, 10, 24)), new Date(Date.UTC(-4713, 10, 24))],
      ['ts', new Date(8.64e15), new Date(8.64e15)],
    ];
    for (const [column, value, back] of edges) {
      expect(await roundTrip(db, column, value), column).toEqual(back);
    }
  });

  it('a value the server refuses is a PgAdapterError naming the model and row', async () => {
    const db = adapter();
    const error = await db.create('T', { id: 'over', small: '1e3' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PgAdapterError);
    expect((error as Error).message).toMatch(
      /^PgAdapter: T "over": the database refused a value: numeric field overflow/,
    );
    expect((error as Error).cause).toMatchObject({ code: '22003' });
  });
});

describeOnServer('postgres', 'PgAdapter: session settings that change how values read', () => {
  const schema = pgSchemaForFile([
    `CREATE TABLE t (id TEXT PRIMARY KEY, ts TIMESTAMPTZ, tsn TIMESTAMP, f8 FLOAT8, bytes BYTEA)`,
  ]);
  const at = new Date('2024-05-01T12:30:00.123Z');

  /** An adapter on a pool whose connections have `settings`; ended after `body`. */
  async function withSettings(
    settings: Record<string, string>,
    body: (db: PgAdapter, pool: ReturnType<typeof poolWith>) => Promise<void>,
  ): Promise<void> {
    const pool = poolWith(schema().schema, settings);
    try {
      await body(new PgAdapter(pool, { tables: { T: 't' }, transitionLog: true }), pool);
    } finally {
      await pool.end();
    }
  }

  for (const [index, style] of ['SQL, DMY', 'German, DMY', 'Postgres, MDY'].entries()) {
    it(`timestamps read back as written with DateStyle ${style}, in and out of transactions`, async () => {
      await withSettings(
        { DateStyle: style.replace(' ', ''), TimeZone: 'Asia/Kolkata' },
        async (db, pool) => {
          const when = new Date(Date.UTC(2024, 4, 1 + index, 12, 30, 0, 123));
          const id = `d ${style}`;
          const created = await db.transaction((tx) => tx.create('T', { id, ts: when, tsn: when }));
          expect(created).toMatchObject({ ts: when, tsn: when });
          expect(await db.get('T', { id })).toMatchObject({ ts: when, tsn: when });
          expect(await db.filter('T', { ts: when })).toHaveLength(1);
          // A value that cannot ride as a literal: the statement goes with parameters.
          const other = await db.create('T', { id: `${id} b`, ts: when, bytes: Buffer.from([0]) });
          expect(other).toMatchObject({ ts: when, bytes: Buffer.from([0]) });
          // The pool's own queries keep its setting: the adapter's is SET LOCAL.
          const { rows } = await pool.query<{ style: string }>(
            'SELECT current_setting($1) AS style',
            ['DateStyle'],
          );
          expect(rows[0]?.style).toBe(style);
        },
      );
    });
  }

  it('the transition log gives back its timestamps with DateStyle SQL', async () => {
    await withSettings({ DateStyle: 'SQL,DMY' }, async (db) => {
      const entry = {
        machine: 'M',
        entityId: 'e1',
        from: null,
        to: 'A',
        at,
        results: {},
        metadata: {},
      };
      await db.recordTransition!(entry);
      const [read] = await db.readTransitions!('M', 'e1');
      expect(read?.at).toEqual(at);
    });
  });

  it('doubles read back exactly with extra_float_digits=0', async () => {
    await withSettings({ extra_float_digits: '0' }, async (db) => {
      await db.transaction((tx) => tx.create('T', { id: 'f', f8: 0.1 + 0.2 }));
      expect((await db.get('T', { id: 'f' }))['f8']).toBe(0.1 + 0.2);
    });
  });

  it('outside a transaction, a statement and the pinned settings take one round trip', async () => {
    const recording = recordingPool(schema().pool());
    const db = new PgAdapter(recording.pool, { tables: { T: 't' } });
    await db.create('T', { id: 'one', ts: at });
    recording.sent.length = 0;
    expect(await db.get('T', { id: 'one' })).toMatchObject({ ts: at });
    expect(recording.sent).toEqual([
      `SET LOCAL DateStyle = ISO; SET LOCAL extra_float_digits = 1; SELECT * FROM "t" WHERE "id" = 'one' LIMIT 2`,
    ]);
  });
});

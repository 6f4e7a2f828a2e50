import { expect, it } from 'vitest';
import { PgAdapter, PgAdapterError } from 'state-machine-framework/adapters/pg';
import { describeOnServer } from '../../support/servers.js';
import { pgSchemaForFile } from './pg-schema.js';
import { recordingPool } from './server-helpers.js';

describeOnServer('postgres', 'PgAdapter: values at the edges of what a column holds', () => {
  const schema = pgSchemaForFile([
    `CREATE TABLE t (id TEXT PRIMARY KEY, i4 INT4, i2 INT2, i8 INT8, f4 FLOAT4, n NUMERIC,
       small NUMERIC(3, 0), s TEXT, vc VARCHAR(10), j JSON, jb JSONB, ts TIMESTAMPTZ, tsn TIMESTAMP)`,
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

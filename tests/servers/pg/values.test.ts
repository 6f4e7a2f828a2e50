import { types } from 'pg';
import { expect, it } from 'vitest';
import { PgAdapter, PgAdapterError } from 'state-machine-framework/adapters/pg';
import { describeOnServer } from '../../support/servers.js';
import { pgSchemaForFile } from './pg-schema.js';

describeOnServer('postgres', 'PgAdapter: values read back as written', () => {
  const schema = pgSchemaForFile([
    `CREATE TYPE mood AS ENUM ('calm', 'busy')`,
    `CREATE DOMAIN positive AS INTEGER CHECK (VALUE > 0)`,
    `CREATE TABLE v (
       id TEXT PRIMARY KEY, i INTEGER, s SMALLINT, b BIGINT, d NUMERIC(30, 10), f DOUBLE PRECISION,
       flag BOOLEAN, at TIMESTAMPTZ, local TIMESTAMP, j JSON, jb JSONB, t TEXT, vc VARCHAR(20),
       m mood, p positive, arr INTEGER[], day DATE, u UUID)`,
  ]);
  const adapter = () => new PgAdapter(schema().pool(), { tables: { V: 'v' } });

  it('each type gives back its JS value, through create and get, and filters find it', async () => {
    const db = adapter();
    const row = {
      id: 'all',
      i: -2147483648,
      s: 32767,
      b: 9007199254740993n,
      d: '12345678901234567890.0123456789',
      f: 0.1,
      flag: false,
      at: new Date('2024-02-29T23:59:59.123Z'),
      local: new Date('1999-12-31T23:00:00.001Z'),
      j: [1, 'two', { three: [null, true] }],
      jb: { nested: { list: [1, 2] }, text: 'é"\\\'' },
      t: "it's \\ a 'quote'",
      vc: 'short',
      m: 'busy',
      p: 3,
      arr: [1, 2, 3],
      u: '123e4567-e89b-12d3-a456-426614174000',
    };
    const created = await db.create('V', row);
    expect(created).toEqual({ ...row, day: null });
    const read = await db.get('V', { id: 'all' });
    expect(read).toEqual({ ...row, day: null });
    for (const column of [
      'i',
      's',
      'b',
      'd',
      'flag',
      'at',
      'local',
      't',
      'vc',
      'm',
      'p',
    ] as const) {
      expect(await db.filter('V', { [column]: row[column] }), column).toHaveLength(1);
    }
    await db.transaction(async (tx) => {
      // Inside a transaction values can ride as literals with the savepoint statements.
      await tx.transaction(async (inner) => {
        expect(await inner.filter('V', { t: row.t, jb: row.jb, b: row.b })).toHaveLength(1);
        expect(await inner.update('V', { id: 'all' }, { t: "o'brien\\", j: ['x'] })).toBe(1);
      });
    });
    expect(await db.get('V', { id: 'all' })).toMatchObject({ t: "o'brien\\", j: ['x'] });
  });

  it('JSON columns take any JSON value — arrays, strings, numbers — and null is NULL', async () => {
    const db = adapter();
    for (const [id, value] of [
      ['arr', [1, [2]]],
      ['str', 'just text'],
      ['num', 42],
      ['nul', null],
    ] as const) {
      await db.create('V', { id, jb: value, j: value });
      expect(await db.get('V', { id })).toMatchObject({ jb: value, j: value });
    }
  });

  it('bigint columns take safe integers too (reading back bigints); other types go through pg', async () => {
    const db = adapter();
    await db.create('V', { id: 'big', b: 42, day: '2024-01-02' });
    expect((await db.get('V', { id: 'big' }))['b']).toBe(42n);
  });

  it('refuses values a column would not give back, naming Model.column, before anything is sent', async () => {
    const db = adapter();
    const refusals: [string, unknown, RegExp][] = [
      ['i', 1.5, /V\.i \(integer\): an integer column takes whole numbers/],
      ['i', '1', /V\.i/],
      ['b', 2 ** 60, /V\.b \(bigint\).*not a safe integer/],
      ['flag', 1, /V\.flag \(boolean\)/],
      ['at', '2024-01-01', /V\.at \(timestamp with time zone\).*Dates/],
      ['at', new Date(Number.NaN), /V\.at/],
      ['jb', { n: 1n }, /V\.jb \(jsonb\): \.n is the bigint 1n, which JSON cannot hold/],
      ['j', [new Date(0)], /V\.j \(json\): \[0\] is the Date/],
      ['jb', { m: new Map() }, /V\.jb.*\.m is a Map/],
      ['t', 5, /V\.t \(text\): a text column takes strings/],
      ['m', 3, /V\.m \(mood\)/],
    ];
    for (const [column, value, message] of refusals) {
      const error = await db.create('V', { id: 'bad', [column]: value }).catch((e: unknown) => e);
      expect(error, column).toBeInstanceOf(PgAdapterError);
      expect((error as Error).message, column).toMatch(message);
      expect((error as Error).message).toMatch(/Nothing was written/);
    }
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    await expect(db.create('V', { id: 'bad', jb: cycle })).rejects.toThrow(/cycle/);
    expect(await db.filter('V', { id: 'bad' })).toEqual([]);
  });

  it("leaves pg's global type parsers and the pool's own queries alone", async () => {
    const pool = schema().pool();
    await new PgAdapter(pool, { tables: { V: 'v' } }).create('V', { id: 'g', b: 5n, d: '1.5' });
    const { rows } = await pool.query('SELECT b, d FROM v WHERE id = $1', ['g']);
    expect(rows[0]).toEqual({ b: '5', d: '1.5000000000' });
    expect(types.getTypeParser(20, 'text')('7')).toBe('7');
  });
});

// Values through the KyselyAdapter on each dialect: what each column type gives back, the same
// on every dialect, and what a column cannot hold refused before anything is written.
import { describe, expect, it } from 'vitest';
import { KyselyAdapter, KyselyAdapterError } from 'state-machine-framework/adapters/kysely';
import {
  describeEachDialect,
  openDatabase,
  reachable,
  type Dialect,
} from './support/kysely-databases.js';

const TABLES = {
  samples: {
    id: 'key',
    i: 'int',
    big: 'bigint',
    dec: 'decimal',
    flag: 'bool',
    at: 'timestamp',
    doc: 'json',
    label: 'text',
    ratio: 'real',
  },
} as const;

async function samples(dialect: Dialect) {
  const database = await openDatabase(dialect, TABLES);
  const adapter = new KyselyAdapter(database.db, { tables: { Sample: 'samples' } });
  return { adapter, database };
}

const BIG = 2n ** 62n + 1n;
const AT = new Date('2024-05-06T07:08:09.123Z');

describeEachDialect('KyselyAdapter values on %s', (dialect) => {
  it('every column type reads back as what was written', async () => {
    const { adapter } = await samples(dialect);
    const row = {
      id: 's1',
      i: 42,
      big: BIG,
      // SQLite keeps a DECIMAL as a number: trailing zeros are not kept there.
      dec: dialect === 'sqlite' ? '12.5' : '12.5000',
      flag: true,
      at: AT,
      doc: { nested: { list: [1, 'two', null, true] }, text: 'ü 😀' },
      label: 'Grüße 😀 — 中文',
      ratio: 0.25,
    };
    const created = await adapter.create('Sample', row);
    expect(created).toEqual(row);
    expect(await adapter.get('Sample', { id: 's1' })).toEqual(row);
  });

  it('bigints past 2^53 are exact both ways and find their row', async () => {
    const { adapter } = await samples(dialect);
    await adapter.create('Sample', { id: 'a', big: BIG });
    await adapter.create('Sample', { id: 'b', big: BIG - 1n });
    const [found] = await adapter.filter('Sample', { big: BIG });
    expect(found?.['id']).toBe('a');
    expect(found?.['big']).toBe(BIG);
    expect(typeof (await adapter.get('Sample', { id: 'b' }))['big']).toBe('bigint');
    // A safe integer is taken for a bigint column, and reads back as a bigint.
    await adapter.create('Sample', { id: 'c', big: 7 });
    expect((await adapter.get('Sample', { id: 'c' }))['big']).toBe(7n);
  });

  it('JSON holds arrays, strings, numbers and false, and null is SQL NULL', async () => {
    const { adapter } = await samples(dialect);
    for (const [id, doc] of [
      ['arr', [1, { a: [] }]],
      ['str', 'just text'],
      ['num', 3.5],
      ['no', false],
      ['null', null],
    ] as const) {
      await adapter.create('Sample', { id, doc });
      expect((await adapter.get('Sample', { id }))['doc']).toEqual(doc);
    }
    expect((await adapter.filter('Sample', { doc: null })).map((r) => r['id'])).toEqual(['null']);
  });

  it('booleans and dates are found by filters', async () => {
    const { adapter } = await samples(dialect);
    await adapter.create('Sample', { id: 'yes', flag: true, at: AT });
    await adapter.create('Sample', { id: 'no', flag: false, at: new Date(0) });
    expect((await adapter.filter('Sample', { flag: false })).map((r) => r['id'])).toEqual(['no']);
    expect((await adapter.filter('Sample', { at: AT })).map((r) => r['id'])).toEqual(['yes']);
  });

  it('decimals read back as their digits; numbers are accepted', async () => {
    const { adapter } = await samples(dialect);
    await adapter.create('Sample', { id: 'd', dec: 0.5 });
    const dec = (await adapter.get('Sample', { id: 'd' }))['dec'];
    expect(typeof dec).toBe('string');
    expect(Number(dec)).toBe(0.5);
  });

  it('refuses what a column cannot hold, naming Model.column, before writing', async () => {
    const { adapter } = await samples(dialect);
    const refusals: [Record<string, unknown>, RegExp][] = [
      [{ label: { a: 1 } }, /Sample\.label \(text\) cannot hold an object/],
      [{ big: 1.5 }, /Sample\.big \(bigint\) cannot hold 1\.5/],
      [{ flag: 1 }, /Sample\.flag \(boolean\) cannot hold 1: pass a boolean/],
      [{ at: '2024-01-01' }, /Sample\.at \(datetime\) cannot hold "2024-01-01": pass a Date/],
      [{ at: new Date(Number.NaN) }, /invalid Date/],
      [{ i: Number.NaN }, /Sample\.i \(integer\) cannot hold NaN/],
      [{ doc: 1n }, /Sample\.doc \(json\) cannot hold 1n/],
    ];
    for (const [values, message] of refusals) {
      const error = await adapter.create('Sample', { id: 'x', ...values }).catch((e) => e);
      expect(error).toBeInstanceOf(KyselyAdapterError);
      expect((error as Error).message).toMatch(message);
    }
    expect(await adapter.filter('Sample', {})).toEqual([]);
  });
});

describe.skipIf(!reachable('sqlite'))('KyselyAdapter values on SQLite only', () => {
  it('an INTEGER past 2^53 is refused on read rather than rounded; BIGINT reads it exactly', async () => {
    const database = await openDatabase('sqlite', {
      nums: { id: 'key', n: 'int' },
      bigs: { id: 'key', b: 'bigint' },
    });
    await database.exec([
      `INSERT INTO nums VALUES ('x', ${BIG})`,
      `INSERT INTO bigs VALUES ('x', ${BIG})`,
    ]);
    const adapter = new KyselyAdapter(database.db, { tables: { Num: 'nums', Big: 'bigs' } });
    // better-sqlite3 (without safeIntegers, as Kysely uses it) rounds such an integer…
    const [raw] = await database.db.selectFrom('nums').select('n').execute();
    expect(BigInt(raw?.n)).not.toBe(BIG);
    // …the adapter refuses to hand it out rounded…
    await expect(adapter.filter('Num', { id: 'x' })).rejects.toThrow(
      /Num\.n holds 4611686018427387905, an integer no JavaScript number holds exactly .*declare the column BIGINT/,
    );
    // …and reads a BIGINT column exactly.
    expect(await adapter.get('Big', { b: BIG })).toEqual({ id: 'x', b: BIG });
  });

  it('a boolean outside a BOOLEAN column is refused', async () => {
    const database = await openDatabase('sqlite', { t: { id: 'key', label: 'text' } });
    const adapter = new KyselyAdapter(database.db);
    await expect(adapter.create('t', { id: 'a', label: true })).rejects.toThrow(
      /a boolean needs a column declared BOOLEAN/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { SqliteAdapterError } from 'state-machine-framework/adapters/sqlite';
import { openAdapter } from './support/order-database.js';
import { dumpTables, execOn, tempDatabasePath } from './support/temp-database.js';

/** Values at the edges: integers past 2^53, the rowid's values, deeply nested JSON. */

const SCHEMA = `
CREATE TABLE p (id INTEGER PRIMARY KEY, status TEXT);
CREATE TABLE n (k TEXT PRIMARY KEY, i INTEGER, x, num NUMERIC, r REAL, big BIGINT);
CREATE TABLE docs (k TEXT PRIMARY KEY, data JSON);
`;

function database() {
  const file = tempDatabasePath();
  execOn(file, SCHEMA);
  return { file, adapter: openAdapter(file) };
}

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('integers beyond Number.MAX_SAFE_INTEGER never read back rounded', () => {
  it('a create after id 2^53 fails naming p.id and BIGINT, rather than returning the existing row’s id, and writes nothing', async () => {
    const { file, adapter } = database();
    expect(await adapter.create('p', { id: 2 ** 53, status: 'x' })).toEqual({
      id: 2 ** 53,
      status: 'x',
    });
    const error = await errorOf(adapter.create('p', { status: 'y' }));
    expect(error).toBeInstanceOf(SqliteAdapterError);
    expect((error as Error).message).toMatch(
      /p\.id holds the integer 9007199254740993, .*would read back as 9007199254740992.*declare the column BIGINT/,
    );
    expect(dumpTables(file)['p']).toEqual([{ id: 2 ** 53, status: 'x' }]);
  });

  it('reading a row another writer gave an inexact integer fails naming the column; exact ones come back as numbers', async () => {
    const { file, adapter } = database();
    execOn(
      file,
      `INSERT INTO n (k, i, x, num, r, big) VALUES
        ('exact', 9007199254740994, 1152921504606846976, -9007199254740992, 9007199254740993, 9007199254740993),
        ('inexact', 9007199254740993, NULL, NULL, NULL, NULL),
        ('untyped', NULL, -9223372036854775807, NULL, NULL, NULL)`,
    );
    expect(await adapter.get('n', { k: 'exact' })).toEqual({
      k: 'exact',
      i: 2 ** 53 + 2,
      x: 2 ** 60,
      num: -(2 ** 53),
      r: 2 ** 53, // REAL affinity stored it as a double: what SQLite holds, unchanged
      big: 2n ** 53n + 1n,
    });
    await expect(adapter.get('n', { k: 'inexact' })).rejects.toThrow(
      /n\.i holds the integer 9007199254740993.*declare the column BIGINT/,
    );
    await expect(adapter.filter('n', {})).rejects.toThrow(SqliteAdapterError);
    await expect(adapter.get('n', { k: 'untyped' })).rejects.toThrow(
      /n\.x holds the integer -9223372036854775807/,
    );
  });

  it('a number written to an integer column reads back as itself, 2^53 and -(2^60) included', async () => {
    const { adapter } = database();
    const row = { k: 'a', i: 2 ** 53, x: -(2 ** 60), num: 2 ** 62, r: 3, big: 1n };
    expect(await adapter.create('n', row)).toEqual(row);
    expect(await adapter.get('n', { i: 2 ** 53 })).toEqual(row);
  });
});

describe('INTEGER PRIMARY KEY (the rowid) takes integers only', () => {
  it.each([
    ['a word', 'abc'],
    ['a fraction', 1.5],
    ['a number past 64 bits', 1e300],
    ['2^63', 2 ** 63],
    ['numeric text', '7'],
    ['a bigint', 7n],
  ])('refuses %s naming p.id before anything is written', async (_, id) => {
    const { file, adapter } = database();
    const error = await errorOf(adapter.create('p', { id, status: 'x' }));
    expect(error).toBeInstanceOf(SqliteAdapterError);
    expect((error as Error).message).toMatch(
      /in p\.id \(declared INTEGER PRIMARY KEY\).*Nothing was written/,
    );
    expect(dumpTables(file)['p']).toEqual([]);
  });

  it('lets SQLite assign the id when it is null or left out, and takes 64-bit integers', async () => {
    const { adapter } = database();
    expect(await adapter.create('p', { id: null, status: 'a' })).toEqual({ id: 1, status: 'a' });
    expect(await adapter.create('p', { status: 'b' })).toEqual({ id: 2, status: 'b' });
    expect(await adapter.create('p', { id: -(2 ** 63), status: 'c' })).toEqual({
      id: -(2 ** 63),
      status: 'c',
    });
    await expect(adapter.filter('p', { id: 'abc' })).rejects.toThrow(/p\.id/);
  });

  it('a table-level PRIMARY KEY on an INTEGER column is the rowid too; WITHOUT ROWID and composite keys are not', async () => {
    const file = tempDatabasePath();
    execOn(
      file,
      `CREATE TABLE a (id INTEGER, v TEXT, PRIMARY KEY (id));
       CREATE TABLE w (id INTEGER PRIMARY KEY, v TEXT) WITHOUT ROWID;
       CREATE TABLE c (id INTEGER, v TEXT, PRIMARY KEY (id, v));`,
    );
    const adapter = openAdapter(file);
    await expect(adapter.create('a', { id: 'abc', v: 'x' })).rejects.toThrow(/a\.id.*rowid/);
    expect(await adapter.create('w', { id: 'abc', v: 'x' })).toEqual({ id: 'abc', v: 'x' });
    expect(await adapter.create('c', { id: 'abc', v: 'x' })).toEqual({ id: 'abc', v: 'x' });
  });
});

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = { a: value };
  return value;
}

describe('JSON nested too deep to check', () => {
  it('refuses 20,000 levels with a SqliteAdapterError, not a stack overflow, and writes nothing', async () => {
    const { file, adapter } = database();
    const error = await errorOf(adapter.create('docs', { k: 'deep', data: nested(20_000) }));
    expect(error).toBeInstanceOf(SqliteAdapterError);
    expect((error as Error).message).toMatch(
      /docs\.data \(declared JSON\): it is nested more than 1000 levels deep/,
    );
    expect(dumpTables(file)['docs']).toEqual([]);
  });

  it('stores 1000 levels and reads them back equal', async () => {
    const { adapter } = database();
    const data = nested(999);
    await adapter.create('docs', { k: 'ok', data });
    expect((await adapter.get('docs', { k: 'ok' }))['data']).toEqual(data);
  });
});

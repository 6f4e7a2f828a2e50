import { describe, expect, it } from 'vitest';
import { SqliteAdapter, SqliteAdapterError } from 'state-machine-framework/adapters/sqlite';
import { dumpTables, execOn, onCleanup, tempDatabasePath } from './support/temp-database.js';

/** Every value reads back as itself from every column, or is refused unwritten. */

const SCHEMA = `
CREATE TABLE everything (
  id INTEGER PRIMARY KEY, t TEXT, vc VARCHAR(10), i INTEGER, r REAL, n NUMERIC, d DECIMAL(10,2),
  b BLOB, x, flag BOOLEAN, data JSON, at DATETIME, ts TIMESTAMP, big BIGINT
);
CREATE TABLE strict_all (id INTEGER PRIMARY KEY, i INTEGER, r REAL, t TEXT, b BLOB, a ANY) STRICT;
`;

const VALUES: Readonly<Record<string, unknown>> = {
  "'7'": '7',
  "' 7 '": ' 7 ',
  "'1e5'": '1e5',
  "'abc'": 'abc',
  "''": '',
  '7': 7,
  '-0': -0,
  '1.5': 1.5,
  '2**60': 2 ** 60,
  Infinity: Infinity,
  '-Infinity': -Infinity,
  NaN: NaN,
  '7n': 7n,
  '2n**62n': 2n ** 62n,
  true: true,
  false: false,
  Date: new Date('2024-05-01T10:20:30.456Z'),
  '{a:[1]}': { a: [1, 'two', null] },
  '[1,undefined]': [1, undefined],
  '{d:Date}': { d: new Date(0) },
  '{n:Infinity}': { n: Infinity },
  bytes: Buffer.from([0, 1, 255]),
};

const STRINGS = ["'7'", "' 7 '", "'1e5'", "'abc'", "''"];
const NUMBERS = ['7', '1.5', '2**60', 'Infinity', '-Infinity'];

/** The values each column keeps; every other value must be refused. */
const ACCEPTED: Readonly<Record<string, readonly string[]>> = {
  'everything.t': STRINGS,
  'everything.vc': STRINGS,
  'everything.i': ["'abc'", "''", ...NUMBERS],
  'everything.r': ["'abc'", "''", ...NUMBERS],
  'everything.n': ["'abc'", "''", ...NUMBERS],
  'everything.d': ["'abc'", "''", ...NUMBERS],
  'everything.b': [...STRINGS, ...NUMBERS, '-0', 'bytes'],
  'everything.x': [...STRINGS, ...NUMBERS, '-0', 'bytes'],
  'everything.flag': ['true', 'false'],
  'everything.data': [...STRINGS, '7', '1.5', '2**60', 'true', 'false', '{a:[1]}'],
  'everything.at': ['Date'],
  'everything.ts': ['Date'],
  'everything.big': ['7n', '2n**62n'],
  'strict_all.i': ['7'],
  'strict_all.r': NUMBERS,
  'strict_all.t': STRINGS,
  'strict_all.b': ['bytes'],
  'strict_all.a': [...STRINGS, ...NUMBERS, '-0', 'bytes'],
};

function sameValue(actual: unknown, expected: unknown): boolean {
  if (typeof expected !== 'object' || expected === null) return Object.is(actual, expected);
  try {
    expect(actual).toEqual(expected);
    return true;
  } catch {
    return false;
  }
}

const sortedLists = (map: Readonly<Record<string, readonly string[]>>) =>
  Object.fromEntries(Object.entries(map).map(([key, list]) => [key, list.toSorted()]));

function openFile(): { file: string; adapter: SqliteAdapter } {
  const file = tempDatabasePath();
  execOn(file, SCHEMA);
  const adapter = new SqliteAdapter(file);
  onCleanup(() => adapter.close());
  return { file, adapter };
}

describe('every value through every column affinity, codec type and a STRICT table', () => {
  it('reads back as written and is found by a filter of itself, or is refused with nothing written', async () => {
    const { file, adapter } = openFile();
    const outcomes: Record<string, string[]> = {};
    /** What went wrong, one line each: a refusal of the wrong kind, a changed value, a miss. */
    const problems: string[] = [];
    let id = 0;
    for (const label of Object.keys(ACCEPTED)) {
      const [table, name] = label.split('.') as [string, string];
      const kept: string[] = (outcomes[label] = []);
      for (const [valueLabel, value] of Object.entries(VALUES)) {
        id++;
        const refusal = await adapter.create(table, { id, [name]: value }).then(
          () => undefined,
          (error: unknown) => error,
        );
        if (refusal !== undefined) {
          const message = (refusal as Error).message;
          const clear =
            refusal instanceof SqliteAdapterError &&
            message.includes(`${label} (`) &&
            message.includes('Nothing was written');
          if (!clear) problems.push(`${label} ← ${valueLabel}: unclear refusal ${message}`);
          continue;
        }
        const row = await adapter.get(table, { id });
        if (!sameValue(row[name], value)) {
          problems.push(`${label} ← ${valueLabel}: read back ${String(row[name])}`);
        }
        const found = await adapter.filter(table, { id, [name]: value });
        if (found.length !== 1) problems.push(`${label} ← ${valueLabel}: not found by a filter`);
        kept.push(valueLabel);
      }
    }
    expect(problems).toEqual([]);
    expect(sortedLists(outcomes)).toEqual(sortedLists(ACCEPTED));
    const stored = dumpTables(file);
    const written = Object.values(ACCEPTED).reduce((sum, accepted) => sum + accepted.length, 0);
    expect((stored['everything']?.length ?? 0) + (stored['strict_all']?.length ?? 0)).toBe(written);
  });

  it('null is NULL in every column, and a null filter matches it', async () => {
    const { adapter } = openFile();
    const columns = ['t', 'vc', 'i', 'r', 'n', 'd', 'b', 'x', 'flag', 'data', 'at', 'ts', 'big'];
    const row = Object.fromEntries(columns.map((column) => [column, null]));
    expect(await adapter.create('everything', { id: 1, ...row })).toEqual({ id: 1, ...row });
    expect(await adapter.filter('everything', row)).toHaveLength(1);
  });
});

describe('values SQLite would change on the way through', () => {
  it('an integer in a TEXT column is refused, with what to do, instead of becoming "7.0"', async () => {
    const { adapter } = openFile();
    await expect(adapter.create('everything', { id: 1, t: 7 })).rejects.toThrow(
      /cannot store the number 7 in everything\.t \(declared TEXT\).*pass a string/,
    );
    await adapter.create('everything', { id: 1, t: '7' });
    expect(await adapter.filter('everything', { t: '7' })).toHaveLength(1);
  });

  it('integers are stored as SQLite INTEGERs, so SQL sees them as integers', async () => {
    const { file, adapter } = openFile();
    await adapter.create('everything', { id: 1, i: 7, x: 7, r: 7 });
    const db = new (await import('better-sqlite3')).default(file, { readonly: true });
    onCleanup(() => db.close());
    expect(
      db.prepare('SELECT typeof(i) i, typeof(x) x, typeof(r) r FROM everything').get(),
    ).toEqual({ i: 'integer', x: 'integer', r: 'real' });
  });

  it('a numeric state value in an INTEGER column is found by the value written', async () => {
    const { adapter } = openFile();
    await adapter.create('everything', { id: 1, i: 1 });
    expect(await adapter.update('everything', { id: 1, i: 1 }, { i: 2 })).toBe(1);
    expect(await adapter.get('everything', { i: 2 })).toMatchObject({ id: 1, i: 2 });
  });

  it('Infinity reads back as Infinity, NaN is refused rather than stored as NULL', async () => {
    const { adapter } = openFile();
    await adapter.create('everything', { id: 1, r: Infinity, x: -Infinity });
    expect(await adapter.get('everything', { id: 1 })).toMatchObject({ r: Infinity, x: -Infinity });
    await expect(adapter.update('everything', { id: 1 }, { r: NaN })).rejects.toThrow(
      /NaN in everything\.r .*SQLite stores NaN as NULL/,
    );
    expect(await adapter.get('everything', { id: 1 })).toMatchObject({ r: Infinity });
  });

  it('a number in a BIGINT column is refused with a hint, since it would read back as a bigint', async () => {
    const { adapter } = openFile();
    await expect(adapter.create('everything', { id: 1, big: 7 })).rejects.toThrow(/BigInt\(7\)/);
    await expect(adapter.filter('everything', { big: 7 })).rejects.toThrow(/BigInt\(7\)/);
  });

  it('a refused value in one column leaves the whole statement unwritten', async () => {
    const { file, adapter } = openFile();
    await expect(
      adapter.create('everything', { id: 1, t: 'fine', i: 5, at: '2024-01-01' }),
    ).rejects.toThrow(/everything\.at .*pass a Date/);
    expect(dumpTables(file)['everything']).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { SqliteAdapterError } from 'state-machine-framework/adapters/sqlite';
import { openAdapter } from './support/order-database.js';
import { dumpTables, execOn, tempDatabasePath } from './support/temp-database.js';

const TYPED = `CREATE TABLE typed (
  id INTEGER PRIMARY KEY,
  label TEXT,
  count INTEGER,
  ratio REAL,
  flag BOOLEAN,
  data JSON,
  happenedAt DATETIME,
  big BIGINT,
  bytes BLOB
)`;

/** Columns without a declared type: the encoding still applies, reads return what SQLite stores. */
const UNTYPED = 'CREATE TABLE untyped (id INTEGER PRIMARY KEY, flag, data, happenedAt, big)';

function typedAdapter() {
  const file = tempDatabasePath();
  execOn(file, `${TYPED}; ${UNTYPED}`);
  return { file, adapter: openAdapter(file) };
}

const when = new Date('2024-05-01T10:20:30.456Z');

describe('values round-trip through columns whose declared type says what they hold', () => {
  it('reads back every supported value as it was written', async () => {
    const { adapter } = typedAdapter();
    const row = {
      id: 1,
      label: 'héllo "quoted" \u{1F600}',
      count: -42,
      ratio: 0.125,
      flag: true,
      data: { nested: [1, 'two', { three: null }], ok: false },
      happenedAt: when,
      big: 2n ** 62n + 1n,
      bytes: Buffer.from([0, 1, 2, 255]),
    };
    const created = await adapter.create('typed', row);
    expect(created).toEqual(row);
    expect(await adapter.get('typed', { id: 1 })).toEqual(row);
    // Filters use the same encoding as writes.
    expect(
      await adapter.filter('typed', { flag: true, happenedAt: when, big: row.big }),
    ).toHaveLength(1);
  });

  it('stores booleans as 1/0, Dates as ISO text, objects as JSON text, bigints as integers', async () => {
    const { file, adapter } = typedAdapter();
    await adapter.create('typed', { id: 1, flag: false, data: [1, 2], happenedAt: when, big: 7n });
    const [stored] = dumpTables(file)['typed'] as Record<string, unknown>[];
    expect(stored).toMatchObject({
      flag: 0,
      data: '[1,2]',
      happenedAt: '2024-05-01T10:20:30.456Z',
      big: 7,
    });
  });

  it('keeps nulls, reads BIGINT as bigint while other integers of the table stay numbers', async () => {
    const { adapter } = typedAdapter();
    const created = await adapter.create('typed', { id: 1, count: 3 });
    expect(created).toEqual({
      id: 1,
      label: null,
      count: 3,
      ratio: null,
      flag: null,
      data: null,
      happenedAt: null,
      big: null,
      bytes: null,
    });
    expect(typeof created['id']).toBe('number');
  });

  it('a JSON column stores any value as JSON, strings and numbers included', async () => {
    const { adapter } = typedAdapter();
    for (const [id, data] of [
      [1, 'text that is not JSON'],
      [2, 5],
      [3, '{"already":"json"}'],
      [4, true],
      [5, [null]],
    ] as const) {
      await adapter.create('typed', { id, data });
      expect((await adapter.get('typed', { id }))['data']).toEqual(data);
    }
  });

  it("reads SQLite's own CURRENT_TIMESTAMP text in a DATETIME column as UTC", async () => {
    const { file, adapter } = typedAdapter();
    execOn(file, "INSERT INTO typed (id, happenedAt) VALUES (1, '2024-05-01 10:20:30')");
    expect((await adapter.get('typed', { id: 1 }))['happenedAt']).toEqual(
      new Date('2024-05-01T10:20:30Z'),
    );
  });

  it('columns without a declared type keep numbers, strings and bytes, and refuse what they would change', async () => {
    // Booleans, objects, Dates and bigints would be stored here as 1, JSON text, ISO text and
    // integers, and read back as those, not as what was written: so they are refused.
    const { adapter } = typedAdapter();
    const created = await adapter.create('untyped', { id: 1, flag: -0, data: 'text', big: 7 });
    expect(created).toEqual({ id: 1, flag: -0, data: 'text', happenedAt: null, big: 7 });
    for (const [column, value] of [
      ['flag', true],
      ['data', { a: 1 }],
      ['happenedAt', when],
      ['big', 5n],
    ] as const) {
      await expect(adapter.create('untyped', { id: 2, [column]: value })).rejects.toThrow(
        `untyped.${column} (no declared type)`,
      );
    }
  });

  it.each([
    ['a function', () => 1, /cannot store a function in typed.label/],
    ['a symbol', Symbol('s'), /cannot store a symbol in typed.label/],
    ['a Map', new Map(), /cannot store a Map in typed.data \(declared JSON\).*\$ \(a Map\)/],
    [
      'an invalid Date',
      new Date('nope'),
      /cannot store the Date \(invalid\) in typed.happenedAt .*it is an invalid Date/,
    ],
    [
      'a cyclic object',
      (() => {
        const o: Record<string, unknown> = {};
        o['self'] = o;
        return o;
      })(),
      /typed.data \(declared JSON\).*\$.self \(a cycle\)/,
    ],
  ])('refuses %s with an error naming the column', async (_, value, message) => {
    const { adapter } = typedAdapter();
    const column =
      value instanceof Date ? 'happenedAt' : typeof value === 'object' ? 'data' : 'label';
    const error = await adapter
      .create('typed', { id: 1, [column]: value })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqliteAdapterError);
    expect((error as Error).message).toMatch(message);
  });

  it('skips undefined values on create so column defaults apply', async () => {
    const file = tempDatabasePath();
    execOn(file, "CREATE TABLE d (id INTEGER PRIMARY KEY, label TEXT NOT NULL DEFAULT 'fallback')");
    const adapter = openAdapter(file);
    expect(await adapter.create('d', { id: 1, label: undefined })).toEqual({
      id: 1,
      label: 'fallback',
    });
  });
});

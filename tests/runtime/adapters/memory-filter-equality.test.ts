import { describe, expect, it } from 'vitest';
import { MemoryAdapter } from 'state-machine-framework/adapters/memory';
import { UniqueViolationError } from '../../../runtime/errors.js';
import type { Row } from '../../../runtime/orm-adapter.js';

const AT = Date.UTC(2024, 0, 2, 3, 4, 5);

/** What filter, get, update and delete (in that order) do with `wanted` against two rows. */
async function lookups(stored: unknown, wanted: unknown, other: unknown = 'other') {
  const adapter = new MemoryAdapter({
    T: [
      { id: 1, v: stored },
      { id: 2, v: other },
    ],
  });
  const filtered = (await adapter.filter('T', { v: wanted })).map((r) => r.id);
  const got = await adapter.get('T', { v: wanted }).then(
    (row) => row.id,
    () => 'none',
  );
  const updated = await adapter.update('T', { v: wanted }, { seen: true });
  const deleted = await adapter.delete('T', { v: wanted });
  const left = adapter.snapshot().T?.map((r) => r.id);
  return { filtered, got, updated, deleted, left };
}

const FOUND = { filtered: [1], got: 1, updated: 1, deleted: 1, left: [2] };
const NOT_FOUND = { filtered: [], got: 'none', updated: 0, deleted: 0, left: [1, 2] };

const twoEntryMap = () =>
  new Map<unknown, unknown>([
    ['k', { n: 1 }],
    [{ id: 1 }, 'obj'],
  ]);

const describeIdOver = (rows: Row[]) => () =>
  new MemoryAdapter({ T: rows }).describeModel('T', { identifierField: 'id' });

describe('MemoryAdapter matches filters by value, as a SQL database does', () => {
  it('Dates by time', async () => {
    expect(await lookups(new Date(AT), new Date(AT), new Date(AT + 1))).toEqual(FOUND);
    expect(await lookups(new Date(AT), new Date(AT + 1))).toEqual(NOT_FOUND);
    expect(await lookups(new Date(AT), AT)).toEqual(NOT_FOUND);
    expect(await lookups(new Date(Number.NaN), new Date(Number.NaN))).toEqual(NOT_FOUND);
  });

  it('byte arrays by content, a Buffer and a Uint8Array alike', async () => {
    expect(await lookups(Buffer.from('abc'), Buffer.from('abc'), Buffer.from('abd'))).toEqual(
      FOUND,
    );
    expect(
      await lookups(Buffer.from('abc'), new Uint8Array([97, 98, 99]), new Uint8Array([97])),
    ).toEqual(FOUND);
    expect(
      await lookups(new Uint8Array([1, 2]), Buffer.from([1, 2]), new Uint8Array([1, 2, 3])),
    ).toEqual(FOUND);
    expect(await lookups(new Uint8Array([1, 2]), new Uint16Array([1, 2]))).toEqual(NOT_FOUND);
    expect(await lookups(new Uint8Array([1, 2]), [1, 2])).toEqual(NOT_FOUND);
  });

  it('plain objects and arrays deeply, as JSON would (undefined fields left out)', async () => {
    const stored = { a: 1, b: [1, { c: 'x' }], d: null };
    expect(
      await lookups(stored, { d: null, b: [1, { c: 'x' }], a: 1, e: undefined }, { a: 1 }),
    ).toEqual(FOUND);
    expect(await lookups([1, [2, 3]], [1, [2, 3]], [1, [2]])).toEqual(FOUND);
    expect(await lookups(stored, { a: 1, b: [1, { c: 'y' }], d: null })).toEqual(NOT_FOUND);
    expect(await lookups({ a: 1 }, { a: 1, b: 2 })).toEqual(NOT_FOUND);
    expect(await lookups({ a: 1 }, [1])).toEqual(NOT_FOUND);
    expect(await lookups({ a: new Date(AT) }, { a: AT })).toEqual(NOT_FOUND);
    expect(await lookups({ at: new Date(AT) }, { at: new Date(AT) }, { at: new Date(0) })).toEqual(
      FOUND,
    );
  });

  it('Maps and Sets by their entries', async () => {
    expect(await lookups(twoEntryMap(), twoEntryMap(), new Map([['k', { n: 1 }]]))).toEqual(FOUND);
    expect(
      await lookups(
        twoEntryMap(),
        new Map<unknown, unknown>([
          ['k', { n: 2 }],
          [{ id: 1 }, 'obj'],
        ]),
      ),
    ).toEqual(NOT_FOUND);
    expect(await lookups(new Set([1, 'a']), new Set(['a', 1]), new Set([1]))).toEqual(FOUND);
    expect(await lookups(new Set([1, 'a']), new Set([1, 'b']))).toEqual(NOT_FOUND);
  });

  it('a bigint and a number of the same integer value match; other types do not mix', async () => {
    expect(await lookups(5n, 5, 6n)).toEqual(FOUND);
    expect(await lookups(5, 5n, 6)).toEqual(FOUND);
    expect(await lookups(2n ** 53n, 2 ** 53, 2n ** 53n + 1n)).toEqual(FOUND);
    expect(await lookups(0, -0, 1)).toEqual(FOUND);
    expect(await lookups(5n, 5.5)).toEqual(NOT_FOUND);
    expect(await lookups(5, '5')).toEqual(NOT_FOUND);
    expect(await lookups('5', 5n)).toEqual(NOT_FOUND);
    expect(await lookups(1, true)).toEqual(NOT_FOUND);
  });

  it('NaN matches nothing, not even NaN', async () => {
    expect(await lookups(Number.NaN, Number.NaN)).toEqual(NOT_FOUND);
    expect(await lookups([Number.NaN], [Number.NaN])).toEqual(NOT_FOUND);
  });

  it('primitives and null still match with ===, and inherited fields never match', async () => {
    expect(await lookups('a', 'a', 'b')).toEqual(FOUND);
    expect(await lookups(null, null, 0)).toEqual(FOUND);
    expect(await lookups(undefined, null)).toEqual(NOT_FOUND);
    const adapter = new MemoryAdapter({ T: [{ id: 1 }] });
    const inherited = JSON.parse('{"__proto__": {}}') as Row;
    expect(await adapter.filter('T', inherited)).toEqual([]);
    expect(await adapter.filter('T', { toString: Object.prototype.toString })).toEqual([]);
  });
});

describe('MemoryAdapter identifiers clash by the same equality', () => {
  it('a Date identifier equal to a stored one clashes on create and update', async () => {
    const adapter = new MemoryAdapter(
      { T: [{ at: new Date(AT) }, { at: new Date(0) }] },
      { keys: { T: 'at' } },
    );
    await expect(adapter.create('T', { at: new Date(AT) })).rejects.toBeInstanceOf(
      UniqueViolationError,
    );
    await expect(
      adapter.update('T', { at: new Date(0) }, { at: new Date(AT) }),
    ).rejects.toBeInstanceOf(UniqueViolationError);
    await adapter.create('T', { at: new Date(AT + 1) });
    expect(adapter.snapshot().T).toHaveLength(3);
  });

  it('a bigint identifier clashes with the same integer as a number, and back', async () => {
    const adapter = new MemoryAdapter({ T: [{ id: 1n }, { id: 2 }] }, { keys: { T: 'id' } });
    await expect(adapter.create('T', { id: 1 })).rejects.toBeInstanceOf(UniqueViolationError);
    await expect(adapter.create('T', { id: 2n })).rejects.toThrow('T {"id":"2n"} already exists');
    await expect(adapter.update('T', { id: 2 }, { id: 1 })).rejects.toBeInstanceOf(
      UniqueViolationError,
    );
    expect(adapter.snapshot().T).toEqual([{ id: 1n }, { id: 2 }]);
    await adapter.create('T', { id: '1' });
    await adapter.create('T', { id: Number.NaN });
    await adapter.create('T', { id: Number.NaN });
    expect(adapter.snapshot().T).toHaveLength(5);
  });

  it('describeModel refuses stored rows that already share an identifier by value', () => {
    expect(describeIdOver([{ id: 3n }, { id: 3 }])).toThrow(UniqueViolationError);
    expect(describeIdOver([{ id: new Date(AT) }, { id: new Date(AT) }])).toThrow(
      UniqueViolationError,
    );
    expect(describeIdOver([{ id: Buffer.from('a') }, { id: new Uint8Array([97]) }])).toThrow(
      UniqueViolationError,
    );
    expect(
      describeIdOver([{ id: 3n }, { id: '3' }, { id: Number.NaN }, { id: Number.NaN }]),
    ).not.toThrow();
  });
});

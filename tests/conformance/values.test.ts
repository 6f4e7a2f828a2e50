// Values read back as the same JavaScript values on every adapter (the convention of
// contract-schema.ts): INTEGER → number, BIGINT → bigint, DECIMAL → string (exact, at the column's
// scale), BOOLEAN → boolean, TIMESTAMP/DATETIME → Date, JSON → the parsed value (object or array),
// NULL → null, text → the same string, whatever its characters. A filter on a value finds the row
// written with it.
import { expect, it } from 'vitest';
import type { Row } from 'state-machine-framework';
import { describeEachDatabase } from './registry.js';

const FULL = {
  sampleId: 'S1',
  i: 2147483647,
  big: 9007199254740993n,
  dec: '12345.67',
  flag: true,
  at: new Date('2024-05-01T10:20:30.456Z'),
  obj: { a: [1, 'two', null], nested: { ok: true, n: 1.5 } },
  arr: [1, 'x', { y: null }],
  txt: 'Grüße, 東京 — 🚀 \'single\' "double" \\ back\nline',
};

const EDGES = {
  sampleId: 'S2',
  i: -7,
  big: -42n,
  dec: '0.10',
  flag: false,
  at: new Date('1999-12-31T23:59:59.999Z'),
  obj: {},
  arr: [],
  txt: '',
};

const NULLS = {
  sampleId: 'S3',
  i: null,
  big: null,
  dec: null,
  flag: null,
  at: null,
  obj: null,
  arr: null,
  txt: null,
};

const SCALARS = ['i', 'big', 'dec', 'flag', 'at', 'txt'] as const;

/** The JS type of each value, so 7 and 7n, '1' and 1, a Date and its text never pass for each other. */
function typesOf(row: Row): Record<string, string> {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key,
      value === null
        ? 'null'
        : value instanceof Date
          ? 'Date'
          : Array.isArray(value)
            ? 'array'
            : typeof value,
    ]),
  );
}

describeEachDatabase('value round trips on %s', (_name, open) => {
  it.each([
    ['every kind of value', FULL],
    ['edge values (negative, zero scale, false, empty JSON, empty text)', EDGES],
    ['NULL in every column', NULLS],
  ])(
    '%s: create, get, filter and another connection give back the same values',
    async (_label, sample) => {
      const db = await open();
      const reads: Record<string, Row> = {
        create: await db.adapter.create('Sample', sample),
        get: await db.adapter.get('Sample', { sampleId: sample.sampleId }),
        'another connection': (await db.rows('Sample'))[0]!,
        'get in a transaction': await db.adapter.transaction((tx) =>
          tx.get('Sample', { sampleId: sample.sampleId }),
        ),
      };
      for (const [how, row] of Object.entries(reads)) {
        expect(typesOf(row), how).toEqual(typesOf(sample));
        expect(row, how).toEqual(sample);
      }
    },
  );

  it('a filter on each value finds exactly the row written with it', async () => {
    const db = await open();
    for (const sample of [FULL, EDGES, NULLS]) await db.adapter.create('Sample', sample);
    const misses: string[] = [];
    for (const sample of [FULL, EDGES, NULLS]) {
      for (const column of SCALARS) {
        const found = await db.adapter.filter('Sample', { [column]: sample[column] });
        const foundIds = found.map((row) => row['sampleId']);
        if (foundIds.length !== 1 || foundIds[0] !== sample.sampleId) {
          misses.push(`${column} = ${String(sample[column])}: found ${JSON.stringify(foundIds)}`);
        }
      }
    }
    expect(misses).toEqual([]);
  });

  it('update writes each kind of value, and to and from NULL', async () => {
    const db = await open();
    await db.adapter.create('Sample', FULL);
    await db.adapter.create('Sample', NULLS);
    const { sampleId: _full, ...edges } = EDGES;
    const { sampleId: _nulls, ...nulls } = NULLS;
    expect(await db.adapter.update('Sample', { sampleId: 'S1' }, nulls)).toBe(1);
    expect(await db.adapter.update('Sample', { sampleId: 'S3' }, edges)).toBe(1);
    const expected = [
      { ...NULLS, sampleId: 'S1' },
      { ...EDGES, sampleId: 'S3' },
    ];
    const rows = await db.rows('Sample');
    expect(rows.map(typesOf)).toEqual(expected.map(typesOf));
    expect(rows).toEqual(expected);
  });

  it('a compare-and-set on typed values matches only the exact values stored', async () => {
    const db = await open();
    await db.adapter.create('Sample', FULL);
    const current = { sampleId: 'S1', big: FULL.big, at: FULL.at, dec: FULL.dec, flag: true };
    expect(await db.adapter.update('Sample', { ...current, big: FULL.big + 1n }, { i: 1 })).toBe(0);
    expect(await db.adapter.update('Sample', { ...current, at: new Date(0) }, { i: 1 })).toBe(0);
    expect(await db.adapter.update('Sample', { ...current, flag: false }, { i: 1 })).toBe(0);
    expect(await db.adapter.update('Sample', current, { i: 1 })).toBe(1);
    expect((await db.rows('Sample'))[0]).toMatchObject({ i: 1 });
  });
});

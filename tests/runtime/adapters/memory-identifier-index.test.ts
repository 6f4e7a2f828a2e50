import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryAdapter } from 'state-machine-framework/adapters/memory';
import type { ORMAdapter, Row } from '../../../runtime/orm-adapter.js';

// The MemoryAdapter finds rows by their identifier through an index. Whatever the writes and
// rollbacks, every read must answer exactly what a scan of the table answers; the scan here is
// over the adapter's own snapshot, so any row the index lost or kept too long shows.

type Id = string | number | bigint | null;
const ids: fc.Arbitrary<Id> = fc.constantFrom<Id>(
  'A',
  'B',
  'C',
  1,
  2,
  2n,
  3n,
  2 ** 60,
  2n ** 60n,
  2n ** 60n + 1n,
  null,
);

type Operation =
  | { readonly kind: 'create'; readonly id: Id; readonly note: string }
  | {
      readonly kind: 'update';
      readonly where: Id;
      readonly id: Id | undefined;
      readonly note: string;
    }
  | { readonly kind: 'updateByNote'; readonly note: string; readonly id: Id }
  | { readonly kind: 'delete'; readonly where: Id }
  | { readonly kind: 'read'; readonly where: Id };

const notes = fc.constantFrom('x', 'y', 'z');
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), id: ids, note: notes }),
  fc.record({
    kind: fc.constant('update' as const),
    where: ids,
    id: fc.option(ids, { nil: undefined }),
    note: notes,
  }),
  fc.record({ kind: fc.constant('updateByNote' as const), note: notes, id: ids }),
  fc.record({ kind: fc.constant('delete' as const), where: ids }),
  fc.record({ kind: fc.constant('read' as const), where: ids }),
);
const transaction = fc.record({
  operations: fc.array(operation, { maxLength: 6 }),
  rollBack: fc.boolean(),
});

/** What a scan finds: the stored rows whose `id` equals `where` as the adapter compares values. */
function scanned(adapter: MemoryAdapter, where: Id): Row[] {
  const same = (a: unknown, b: Id) =>
    a === b ||
    (typeof a === 'bigint' && typeof b === 'number' && a === BigInt(b)) ||
    (typeof b === 'bigint' && typeof a === 'number' && BigInt(a) === b);
  return (adapter.snapshot()['Item'] ?? []).filter((row) => same(row['id'], where));
}

const ignoreRefusal = (error: unknown) => {
  if (!(error instanceof Error)) throw error;
};

/** Applies `op`; a read returns what it found beside what a scan finds. */
async function apply(
  adapter: MemoryAdapter,
  tx: ORMAdapter,
  op: Operation,
): Promise<{ found: Row[]; scanned: Row[] } | undefined> {
  switch (op.kind) {
    case 'create':
      await tx.create('Item', { id: op.id, note: op.note }).catch(ignoreRefusal);
      return undefined;
    case 'update': {
      const changes: Row = op.id === undefined ? { note: op.note } : { id: op.id, note: op.note };
      await tx.update('Item', { id: op.where }, changes).catch(ignoreRefusal);
      return undefined;
    }
    case 'updateByNote':
      await tx.update('Item', { note: op.note }, { id: op.id }).catch(ignoreRefusal);
      return undefined;
    case 'delete':
      await tx.delete('Item', { id: op.where });
      return undefined;
    case 'read': {
      const found = await tx.filter('Item', { id: op.where });
      return { found, scanned: scanned(adapter, op.where) };
    }
  }
}

describe('MemoryAdapter identifier index', () => {
  it('reads by identifier agree with a scan after any writes and rollbacks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(transaction, { maxLength: 8 }), async (transactions) => {
        const adapter = new MemoryAdapter({ Item: [{ id: 'A', note: 'seed' }] });
        adapter.describeModel('Item', { identifierField: 'id' });
        const reads: { found: Row[]; scanned: Row[] }[] = [];
        for (const { operations, rollBack } of transactions) {
          await adapter
            .transaction(async (tx) => {
              for (const op of operations) {
                const read = await apply(adapter, tx, op);
                if (read) reads.push(read);
              }
              if (rollBack) throw new Error('roll back');
            })
            .catch((error: unknown) => {
              if (!(error instanceof Error) || error.message !== 'roll back') throw error;
            });
          for (const where of [
            'A',
            'B',
            'C',
            1,
            2,
            2n,
            3n,
            3,
            2 ** 60,
            2n ** 60n + 1n,
            null,
          ] as const) {
            reads.push({
              found: await adapter.filter('Item', { id: where }),
              scanned: scanned(adapter, where),
            });
          }
        }
        expect(reads.map((read) => read.found)).toEqual(reads.map((read) => read.scanned));
      }),
      { numRuns: 300, verbose: true },
    );
  });

  it('a read by identifier finds the row among many without depending on its position', async () => {
    const rows = Array.from({ length: 2_000 }, (_, i) => ({ id: `P${i}`, n: i }));
    const adapter = new MemoryAdapter({ Item: rows }, { keys: { Item: 'id' } });
    expect(await adapter.get('Item', { id: 'P1999' })).toEqual({ id: 'P1999', n: 1999 });
    expect(await adapter.get('Item', { id: 'P7', n: 7 })).toEqual({ id: 'P7', n: 7 });
    expect(await adapter.filter('Item', { id: 'P7', n: 8 })).toEqual([]);
    expect(await adapter.update('Item', { id: 'P5' }, { id: 'Q5' })).toBe(1);
    expect(await adapter.filter('Item', { id: 'P5' })).toEqual([]);
    expect(await adapter.get('Item', { id: 'Q5' })).toEqual({ id: 'Q5', n: 5 });
  });

  it('an identifier change rolled back after the index was built puts the row back under its old identifier', async () => {
    const adapter = new MemoryAdapter({ Item: [{ id: 'N0', note: 'old' }] });
    await adapter
      .transaction(async (tx) => {
        await tx.update('Item', { id: 'N0' }, { id: 'N9' });
        tx.describeModel?.('Item', { identifierField: 'id' });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await adapter.get('Item', { id: 'N0' })).toEqual({ id: 'N0', note: 'old' });
    expect(await adapter.filter('Item', { id: 'N9' })).toEqual([]);
    await adapter.create('Item', { id: 'N9', note: 'new' });
    await expect(adapter.create('Item', { id: 'N0' })).rejects.toThrow(/already exists/);
  });
});

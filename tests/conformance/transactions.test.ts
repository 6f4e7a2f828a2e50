// transaction() on every database: commit on resolve, rollback on throw, nested calls are
// savepoints (an inner rollback keeps the outer writes; an outer rollback drops everything, released
// savepoints included), and onCommit callbacks run only after the real, outermost commit.
import { expect, it } from 'vitest';
import type { ORMAdapter } from 'state-machine-framework';
import { drainPendingWork, failureOf } from '../runtime/contract/support/contract-databases.js';
import { describeEachDatabase } from './registry.js';

const item = (itemId: string, qty = 1) => ({ itemId, kind: 'tool', label: null, qty });
const boom = new Error('boom');

const ids = (rows: readonly Record<string, unknown>[]) => rows.map((row) => row['itemId']);

/** The handle's onCommit; every adapter of the registry offers it on transaction handles. */
function onCommitOf(tx: ORMAdapter): NonNullable<ORMAdapter['onCommit']> {
  expect(tx.onCommit, 'transaction handles offer onCommit').toBeTypeOf('function');
  return tx.onCommit!.bind(tx);
}

describeEachDatabase('transactions and savepoints on %s', (_name, open) => {
  it('commits when the callback resolves, and returns its value', async () => {
    const db = await open();
    const result = await db.adapter.transaction(async (tx) => {
      await tx.create('Item', item('A'));
      return 'done';
    });
    expect(result).toBe('done');
    expect(ids(await db.rows('Item'))).toEqual(['A']);
  });

  it('rolls back when the callback throws and rejects with that very error', async () => {
    const db = await open();
    await db.adapter.create('Item', item('A'));
    const error = await failureOf(() =>
      db.adapter.transaction(async (tx) => {
        await tx.create('Item', item('B'));
        await tx.update('Item', { itemId: 'A' }, { qty: 7 });
        throw boom;
      }),
    );
    expect(error).toBe(boom);
    expect(await db.rows('Item')).toEqual([item('A')]);
  });

  it('an outer rollback drops everything, writes of released savepoints included', async () => {
    const db = await open();
    await db.adapter.create('Item', item('A'));
    const before = await db.rows('Item');
    const error = await failureOf(() =>
      db.adapter.transaction(async (tx) => {
        await tx.create('Item', item('B'));
        await tx.transaction(async (inner) => {
          await inner.create('Item', item('C'));
          await inner.update('Item', { itemId: 'A' }, { qty: 5 });
          await inner.transaction((deepest) => deepest.create('Item', item('D')));
        });
        await tx.delete('Item', { itemId: 'A' });
        throw boom;
      }),
    );
    expect(error).toBe(boom);
    expect(await db.rows('Item')).toEqual(before);
  });

  it('an inner rollback undoes only its savepoint; the outer transaction goes on and commits', async () => {
    const db = await open();
    await db.adapter.transaction(async (tx) => {
      await tx.create('Item', item('A'));
      const inner = tx.transaction(async (nested) => {
        await nested.create('Item', item('B'));
        await nested.transaction((deepest) => deepest.create('Item', item('C')));
        await nested.update('Item', { itemId: 'A' }, { qty: 9 });
        throw boom;
      });
      await expect(inner).rejects.toBe(boom);
      expect(await tx.get('Item', { itemId: 'A' })).toEqual(item('A'));
      expect(ids(await tx.filter('Item', {}))).toEqual(['A']);
      await tx.transaction((nested) => nested.create('Item', item('D')));
      await tx.update('Item', { itemId: 'A' }, { qty: 2 });
    });
    expect(await db.rows('Item')).toEqual([item('A', 2), item('D')]);
  });

  it('a savepoint rolled back deep inside keeps what its parents wrote around it', async () => {
    const db = await open();
    await db.adapter.transaction(async (tx) => {
      await tx.transaction(async (middle) => {
        await middle.create('Item', item('A'));
        await expect(
          middle.transaction(async (inner) => {
            await inner.create('Item', item('B'));
            throw boom;
          }),
        ).rejects.toBe(boom);
        await middle.create('Item', item('C'));
      });
      await tx.create('Item', item('D'));
    });
    expect(ids(await db.rows('Item'))).toEqual(['A', 'C', 'D']);
  });

  it('onCommit runs after the outermost commit, in the order queued, with the committing adapter', async () => {
    const db = await open();
    const events: string[] = [];
    await db.adapter.transaction(async (tx) => {
      onCommitOf(tx)(async (adapter) => {
        events.push(`first, same adapter: ${adapter === db.adapter}`);
        const row = await adapter.get('Item', { itemId: 'A' });
        events.push(`reads the committed row: qty ${String(row['qty'])}`);
      });
      await tx.create('Item', item('A'));
      await tx.transaction(async (nested) => {
        onCommitOf(nested)(() => void events.push('queued in a released savepoint'));
        await nested.update('Item', { itemId: 'A' }, { qty: 4 });
      });
      events.push('callback done');
    });
    events.push('transaction resolved');
    expect(events).toEqual([
      'callback done',
      'first, same adapter: true',
      'reads the committed row: qty 4',
      'queued in a released savepoint',
      'transaction resolved',
    ]);
  });

  it('onCommit queued in a savepoint that rolls back, or in a transaction that rolls back, never runs', async () => {
    const db = await open();
    const events: string[] = [];
    await db.adapter.transaction(async (tx) => {
      await tx
        .transaction(async (nested) => {
          onCommitOf(nested)(() => void events.push('from the rolled-back savepoint'));
          throw boom;
        })
        .catch(() => undefined);
      onCommitOf(tx)(() => void events.push('from the outer transaction'));
    });
    await failureOf(() =>
      db.adapter.transaction(async (tx) => {
        onCommitOf(tx)(() => void events.push('from a transaction that rolled back'));
        await tx.create('Item', item('A'));
        throw boom;
      }),
    );
    await drainPendingWork();
    expect(events).toEqual(['from the outer transaction']);
    expect(await db.rows('Item')).toEqual([]);
  });

  it('transactions started together on one adapter all commit, none losing another’s rows', async () => {
    const db = await open();
    const names = ['A', 'B', 'C', 'D', 'E'];
    const results = await Promise.all(
      names.map((name) =>
        db.adapter.transaction(async (tx) => {
          await tx.create('Item', item(name));
          await tx.update('Item', { itemId: name }, { qty: 2 });
          return name;
        }),
      ),
    );
    expect(results).toEqual(names);
    expect(await db.rows('Item')).toEqual(names.map((name) => item(name, 2)));
  });

  it('a handle used after its transaction ended is refused, and so is its savepoint’s', async () => {
    const db = await open();
    let outer: ORMAdapter | undefined;
    let inner: ORMAdapter | undefined;
    await db.adapter.transaction(async (tx) => {
      outer = tx;
      await tx.transaction(async (nested) => void (inner = nested));
    });
    for (const late of [outer!, inner!]) {
      await expect(late.create('Item', item('LATE'))).rejects.toBeInstanceOf(Error);
      await expect(late.filter('Item', {})).rejects.toBeInstanceOf(Error);
    }
    expect(await db.rows('Item')).toEqual([]);
  });

  it('a rolled-back transaction leaves the adapter usable, and the next one starts clean', async () => {
    const db = await open();
    for (let round = 0; round < 3; round++) {
      await failureOf(() =>
        db.adapter.transaction(async (tx) => {
          await tx.create('Item', item(`R${round}`));
          throw boom;
        }),
      );
    }
    await db.adapter.transaction((tx) => tx.create('Item', item('A')));
    expect(ids(await db.rows('Item'))).toEqual(['A']);
  });
});

// KyselyAdapter: nested transactions on one handle take turns (one connection: ROLLBACK TO the
// first savepoint would undo a later one's work too), and a call on an outer handle from inside
// a nested transaction running on it — which would wait for itself — fails at once, after an
// await too. The conformance suite (tests/conformance/concurrent-savepoints.test.ts) checks what
// commits; these cases are the order and the refusals.
import { expect, it } from 'vitest';
import { AdapterReentryError } from 'state-machine-framework';
import { KyselyAdapter } from 'state-machine-framework/adapters/kysely';
import { describeEachDialect, openDatabase, type Dialect } from './support/kysely-databases.js';

const TABLES = { notes: { id: 'key', text: 'text' } } as const;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

async function notes(dialect: Dialect) {
  const database = await openDatabase(dialect, TABLES);
  const adapter = new KyselyAdapter(database.db, { tables: { Note: 'notes' } });
  const reader = new KyselyAdapter(database.other(), { tables: { Note: 'notes' } });
  const ids = async () => (await reader.filter('Note', {})).map((row) => row['id']).toSorted();
  return { adapter, ids };
}

describeEachDialect('KyselyAdapter nested transactions on one handle, on %s', (dialect) => {
  it('started together, they run one after the other in the order started, calls on the handle between them', async () => {
    const { adapter, ids } = await notes(dialect);
    const events: string[] = [];
    await adapter.transaction(async (tx) => {
      const nested = (name: string) =>
        tx.transaction(async (inner) => {
          events.push(`${name} starts`);
          await tick();
          await inner.create('Note', { id: name });
          events.push(`${name} ends`);
        });
      const first = nested('first');
      const direct = tx.create('Note', { id: 'direct' }).then(() => void events.push('direct'));
      const second = nested('second');
      await Promise.all([first, direct, second]);
    });
    expect(events).toEqual([
      'first starts',
      'first ends',
      'direct',
      'second starts',
      'second ends',
    ]);
    expect(await ids()).toEqual(['direct', 'first', 'second']);
  });

  it('an outer handle called from inside a nested transaction running on it fails at once, after an await too', async () => {
    const { adapter, ids } = await notes(dialect);
    await adapter.transaction(async (tx) => {
      await tx.transaction(async (inner) => {
        await inner.create('Note', { id: 'inner' });
        await expect(tx.create('Note', { id: 'outer' })).rejects.toBeInstanceOf(
          AdapterReentryError,
        );
        await expect(tx.transaction(async () => 1)).rejects.toBeInstanceOf(AdapterReentryError);
        await inner.transaction(async (deeper) => {
          await deeper.create('Note', { id: 'deeper' });
          await expect(inner.get('Note', { id: 'inner' })).rejects.toBeInstanceOf(
            AdapterReentryError,
          );
        });
      });
      await tx.create('Note', { id: 'after' });
    });
    expect(await ids()).toEqual(['after', 'deeper', 'inner']);
  });
});

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StateMachineError } from 'state-machine-framework';
import { SqliteBusyError } from 'state-machine-framework/adapters/sqlite';
import { openAdapter, orderDatabase } from './support/order-database.js';
import { dumpTables } from './support/temp-database.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('two connections (two adapters) on one file', () => {
  it('racing a compare-and-set update: exactly one changes the row, the other gets 0', async () => {
    const { file, adapter: first } = orderDatabase();
    const second = openAdapter(file);
    await first.create('Order', { orderId: 'O1', status: 'pending', amount: 10 });
    // Both saw the row as pending before either wrote: the classic lost-update setup.
    const seen = [
      await first.get('Order', { orderId: 'O1' }),
      await second.get('Order', { orderId: 'O1' }),
    ];
    expect(seen.map((row) => row['status'])).toEqual(['pending', 'pending']);

    const attempt = (adapter: typeof first, target: string) =>
      adapter.transaction(async (tx) => {
        await pause(5); // keep the transaction open so the other connection has to wait
        return tx.update('Order', { orderId: 'O1', status: 'pending' }, { status: target });
      });
    const counts = await Promise.all([attempt(first, 'processing'), attempt(second, 'cancelled')]);

    expect(counts.toSorted()).toEqual([0, 1]);
    const winner = counts[0] === 1 ? 'processing' : 'cancelled';
    expect(dumpTables(file)['orders']).toEqual([
      { orderId: 'O1', status: winner, amount: 10, customerEmail: null, express: 0 },
    ]);
  });

  it('a transaction reads what the other connection committed: the write lock is taken at BEGIN', async () => {
    const { file, adapter: first } = orderDatabase();
    const second = openAdapter(file);
    await first.create('Order', { orderId: 'O1', status: 'pending', amount: 10 });
    const advance = (adapter: typeof first) =>
      adapter.transaction(async (tx) => {
        const row = await tx.get('Order', { orderId: 'O1' });
        await pause(5);
        const next = row['status'] === 'pending' ? 'processing' : 'shipped';
        await tx.update('Order', { orderId: 'O1', status: row['status'] }, { status: next });
        return `${String(row['status'])} → ${next}`;
      });
    const steps = await Promise.all([advance(first), advance(second)]);
    expect(steps.toSorted()).toEqual(['pending → processing', 'processing → shipped']);
    expect(await first.get('Order', { orderId: 'O1' })).toMatchObject({ status: 'shipped' });
  });

  it('waits for another connection’s write lock without blocking the event loop', async () => {
    const { file, adapter } = orderDatabase();
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    other.prepare("INSERT INTO orders (orderId, status, amount) VALUES ('O1', 'pending', 1)").run();
    // If the adapter waited inside SQLite (blocking the thread), this timer could not fire before
    // its 10 s budget ran out and the transaction would fail with SQLITE_BUSY.
    setTimeout(() => other.exec('COMMIT'), 20);
    const count = await adapter.transaction(async (tx) =>
      tx.update('Order', { orderId: 'O1' }, { status: 'processing' }),
    );
    expect(count).toBe(1);
    other.close();
  });

  it('fails with SqliteBusyError once busyTimeout runs out, and works again after the lock is released', async () => {
    const { file } = orderDatabase();
    const adapter = openAdapter(file, { busyTimeout: 30 });
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    const error = await adapter
      .create('Order', { orderId: 'O1', status: 'pending', amount: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqliteBusyError);
    expect(error).toBeInstanceOf(StateMachineError);
    expect((error as Error).message).toMatch(
      // The message reports how long this transaction waited, not how long the lock was held.
      /could not begin a write transaction on .*test\.db: waited \d+ ms for the write lock \(SQLITE_BUSY\) while another connection/,
    );
    expect((error as Error).cause).toMatchObject({ code: 'SQLITE_BUSY' });
    other.exec('ROLLBACK');
    other.close();
    await adapter.create('Order', { orderId: 'O1', status: 'pending', amount: 1 });
    expect(dumpTables(file)['orders']).toHaveLength(1);
  });

  it('switches SQLite’s own busy wait off while it works and back on once idle', async () => {
    const { adapter } = orderDatabase();
    const busyTimeout = () => adapter.database.pragma('busy_timeout', { simple: true });
    expect(busyTimeout()).toBe(5000);
    const during = await adapter.transaction(async () => busyTimeout());
    expect(during).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(busyTimeout()).toBe(5000);
  });

  it('reads outside a transaction are not blocked by another connection’s open write transaction', async () => {
    const { file, adapter } = orderDatabase();
    await adapter.create('Order', { orderId: 'O1', status: 'pending', amount: 1 });
    const other = new Database(file);
    other.exec("BEGIN IMMEDIATE; UPDATE orders SET status = 'cancelled'");
    expect(await adapter.get('Order', { orderId: 'O1' })).toMatchObject({ status: 'pending' });
    other.exec('ROLLBACK');
    other.close();
  });
});

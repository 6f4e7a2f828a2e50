import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TransactionalAdapter } from 'state-machine-framework';
import { sqliteDriver } from './adapters/support/sqlite-driver.js';
import { OrderMachine } from './support/order.machine.gen.js';
import { freshMachine } from '../support/fresh-machine.js';
import { validContext } from './support/harness.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function openDatabase() {
  dir = mkdtempSync(join(tmpdir(), 'smf-transactional-'));
  const db = new Database(join(dir, 'orders.db'));
  db.exec(`CREATE TABLE "Order" (orderId TEXT PRIMARY KEY, status TEXT NOT NULL, amount REAL, note TEXT);
           CREATE TABLE "Payment" (paymentId TEXT PRIMARY KEY, state TEXT NOT NULL, amount REAL);`);
  return db;
}

describe('TransactionalAdapter over a begin/commit/rollback driver', () => {
  it('maps run → BEGIN/COMMIT and each transition → a savepoint; a failed one rolls back alone', async () => {
    const db = openDatabase();
    const log: string[] = [];
    const adapter = new TransactionalAdapter(sqliteDriver(db, log));
    const machine = freshMachine(OrderMachine);
    machine.validator('Shipped', () => {
      throw new Error('carrier unavailable');
    });
    await machine.run({ adapter, context: validContext() }, async (wf) => {
      const pending = await wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 5 } });
      const processing = await pending.transitionTo('Processing', {
        Payment: { paymentId: 'P1', amount: 5 },
      });
      await expect(processing.transitionTo('Shipped')).rejects.toThrow('carrier unavailable');
    });
    expect(log).toEqual([
      'BEGIN',
      'SAVEPOINT smf_sp_0',
      'RELEASE smf_sp_0',
      'SAVEPOINT smf_sp_1',
      'RELEASE smf_sp_1',
      'SAVEPOINT smf_sp_2',
      'ROLLBACK TO smf_sp_2',
      'RELEASE smf_sp_2',
      'COMMIT',
    ]);
    expect(db.prepare('SELECT orderId, status FROM "Order"').all()).toEqual([
      { orderId: 'O1', status: 'processing' },
    ]);
    expect(db.prepare('SELECT paymentId, state FROM "Payment"').all()).toEqual([
      { paymentId: 'P1', state: 'authorized' },
    ]);
    db.close();
  });

  it('rolls the whole run back with ROLLBACK when the callback throws', async () => {
    const db = openDatabase();
    const log: string[] = [];
    const adapter = new TransactionalAdapter(sqliteDriver(db, log));
    const machine = freshMachine(OrderMachine);
    await expect(
      machine.run({ adapter, context: validContext() }, async (wf) => {
        await wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 5 } });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(log.at(-1)).toBe('ROLLBACK');
    expect(db.prepare('SELECT count(*) AS n FROM "Order"').get()).toEqual({ n: 0 });
    db.close();
  });

  it('serialises top-level transactions so two workflows never interleave on one connection', async () => {
    const db = openDatabase();
    const log: string[] = [];
    const adapter = new TransactionalAdapter(sqliteDriver(db, log));
    const machine = freshMachine(OrderMachine);
    await Promise.all(
      ['A', 'B'].map((id) =>
        machine.run({ adapter, context: validContext() }, async (wf) => {
          await wf.transitionTo('Pending', { Order: { orderId: id, amount: 1 } });
          await new Promise((resolve) => setTimeout(resolve, 2));
        }),
      ),
    );
    expect(log.filter((sql) => sql === 'BEGIN' || sql === 'COMMIT')).toEqual([
      'BEGIN',
      'COMMIT',
      'BEGIN',
      'COMMIT',
    ]);
    db.close();
  });

  it('rejects nesting when the driver has no savepoints', async () => {
    const db = openDatabase();
    const {
      savepoint: _s,
      releaseSavepoint: _r,
      rollbackToSavepoint: _b,
      ...driver
    } = sqliteDriver(db, []);
    const adapter = new TransactionalAdapter(driver);
    await expect(adapter.transaction((tx) => tx.transaction(async () => 1))).rejects.toThrow(
      'nested transactions need a driver with savepoint methods',
    );
    db.close();
  });
});

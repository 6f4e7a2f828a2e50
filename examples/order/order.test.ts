import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TransitionRejectedError } from 'state-machine-framework';
import type { SqliteAdapter } from 'state-machine-framework/adapters/sqlite';
import { openOrderDatabase } from './database.js';
import { registerOrderHandlers } from './handlers.js';
import { OrderMachine } from './order.machine.gen.js';

let dir: string;
let adapter: SqliteAdapter;
let outbox: string[];
let unregister: () => void;
const context = {
  customerId: 'CUST123',
  orderData: { amount: 99.99, customerEmail: 'user@example.com' },
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'smf-order-'));
  adapter = await openOrderDatabase(join(dir, 'orders.db'));
  outbox = [];
  unregister = registerOrderHandlers({ send: (to, subject) => outbox.push(`${to}: ${subject}`) });
});

afterEach(() => {
  unregister();
  adapter.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the order quick start on SQLite', () => {
  it('goes Pending → Processing → Completed with a generated id and mails after commit', async () => {
    const result = await OrderMachine.run({ adapter, context }, async (wf) => {
      const pending = await wf.transitionTo('Pending');
      const processing = await pending.transitionTo('Processing');
      expect(outbox).toEqual([]);
      await processing.transitionTo('Completed');
      return { id: wf.context.order.orderId, history: wf.history };
    });
    expect(result.id).toMatch(/^ORD-[0-9A-F]{8}$/);
    expect(result.history[0]?.results).toEqual({
      generateOrderId: { idGenerated: true },
      validateOrderAmount: { validated: true },
    });
    expect(await adapter.filter('Order', {})).toEqual([
      {
        orderId: result.id,
        status: 'completed',
        amount: 99.99,
        customerEmail: 'user@example.com',
        cancelledAt: null,
      },
    ]);
    expect(outbox).toEqual([`user@example.com: Order ${result.id} is being processed`]);
  });

  it('rejects a non-positive amount and writes nothing', async () => {
    const error = await OrderMachine.run({ adapter, context }, (wf) =>
      wf.transitionTo('Pending', { Order: { amount: 0 } }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransitionRejectedError);
    expect((error as Error).message).toBe(
      'Order: transition (new) → Pending rejected by validateOrderAmount: Order amount must be positive',
    );
    expect(await adapter.filter('Order', {})).toEqual([]);
  });

  it('cancels a loaded order through the custom transition, stamping the row', async () => {
    const id = await OrderMachine.run({ adapter, context }, async (wf) => {
      await wf.transitionTo('Pending', { Order: { orderId: 'ORD-7' } });
      return wf.context.order.orderId;
    });
    const history = await OrderMachine.load({ adapter, id, context }, async (wf) => {
      if (!wf.is('Pending')) throw new Error(`expected Pending, got ${wf.state}`);
      await wf.transitionTo('Cancelled');
      return wf.history;
    });
    const row = await adapter.get('Order', { orderId: 'ORD-7' });
    expect(row).toMatchObject({
      status: 'cancelled',
      cancelledAt: expect.stringMatching(/^\d{4}-/),
    });
    expect(history[0]?.results).toEqual({ cancelOrder: { cancelledAt: row.cancelledAt } });
    expect(outbox).toEqual([]);
  });
});

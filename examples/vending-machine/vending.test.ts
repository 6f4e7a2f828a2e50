import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConcurrentTransitionError,
  HandlerError,
  TransitionRejectedError,
} from 'state-machine-framework';
import type { SqliteAdapter } from 'state-machine-framework/adapters/sqlite';
import { dumpTables, openVendingDatabase } from './database.js';
import { LinePrinter, SlotMotor } from './devices.js';
import { registerVendingHandlers } from './handlers.js';
import type { Machine } from './models.js';
import { buyProduct, insertCoinAndLeave, OPERATOR_CONFIG } from './purchase.js';
import { VendingMachine } from './vending.machine.gen.js';

let dir: string;
let adapter: SqliteAdapter;
let printer: LinePrinter;
let motor: SlotMotor;
let unregister: () => void;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'smf-vending-'));
  adapter = await openVendingDatabase(join(dir, 'vending.db'));
  printer = new LinePrinter();
  motor = new SlotMotor(['B2']);
  unregister = registerVendingHandlers({ motor, printer });
});

afterEach(() => {
  unregister();
  adapter.close();
  rmSync(dir, { recursive: true, force: true });
});

const rows = (table: string) => adapter.database.prepare(`SELECT * FROM "${table}"`).all();

describe('the vending machine on SQLite', () => {
  it('sells a product: credit, change, stock, machine back to ready, receipt after commit', async () => {
    const summary = await buyProduct(adapter, {
      machineId: 'VM-1',
      coins: [100, 20, 10],
      productId: 'A1',
    });
    expect(summary.path).toEqual([
      'Idle',
      'CoinInserted',
      'CoinInserted',
      'CoinInserted',
      'ProductSelected',
      'Dispensing',
      'Completed',
    ]);
    expect(rows('VendTransaction')).toEqual([
      expect.objectContaining({
        status: 'completed',
        credit: 130,
        lastCoin: 10,
        productId: 'A1',
        price: 125,
        change: 5,
      }),
    ]);
    expect(rows('Product')).toContainEqual(expect.objectContaining({ productId: 'A1', stock: 2 }));
    expect(rows('Machine')).toEqual([{ machineId: 'VM-1', location: 'Lobby', status: 'ready' }]);
    expect(motor.dispensed).toEqual(['A1']);
    expect(printer.lines).toEqual([
      expect.stringMatching(/^receipt TX-\w+: A1 for 1\.25 EUR, paid 1\.30, change 0\.05$/),
    ]);
    expect((await adapter.readTransitionLog()).filter((e) => e.machine === 'Vending')).toHaveLength(
      7,
    );
  });

  it('rolls a jammed purchase back whole: every row of every table as before', async () => {
    await buyProduct(adapter, { machineId: 'VM-1', coins: [200], productId: 'A1' });
    const before = dumpTables(adapter);
    const error = await buyProduct(adapter, {
      machineId: 'VM-1',
      coins: [100],
      productId: 'B2',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HandlerError);
    expect((error as Error).message).toBe(
      "Vending: hook handler 'runMotor' failed on ProductSelected → Dispensing: slot B2 jammed",
    );
    const after = dumpTables(adapter);
    expect(Object.fromEntries(Object.entries(after).map(([t, r]) => [t, r.length]))).toEqual({
      Machine: 1,
      Product: 3,
      VendTransaction: 1,
      smf_timers: 0,
      smf_transitions: 5,
    });
    expect(after).toEqual(before);
    expect(printer.lines).toHaveLength(1);
  });

  it.each([
    [[30], 'A1', 'acceptedCoin: coin of 30¢ is not accepted (10, 20, 50, 100, 200)'],
    [[50], 'A1', 'enoughMoney: insert 0.75 more'],
    [[100], 'C3', 'inStock: Gum is sold out'],
    [[100], 'Z9', 'inStock: no product Z9 in this machine'],
  ])(
    'refuses coins %j for %s with every reason, writing nothing',
    async (coins, productId, reason) => {
      const before = dumpTables(adapter);
      const error = await buyProduct(adapter, { machineId: 'VM-1', coins, productId }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TransitionRejectedError);
      expect(
        (error as TransitionRejectedError).reasons.map((r) => `${r.handler}: ${r.message}`),
      ).toEqual([reason]);
      expect(dumpTables(adapter)).toEqual(before);
    },
  );

  it('cancels and refunds: the refund prints only after commit', async () => {
    const machine = (await adapter.get('Machine', { machineId: 'VM-1' })) as unknown as Machine;
    await VendingMachine.run(
      { adapter, context: { machine, config: OPERATOR_CONFIG } },
      async (wf) => {
        const idle = await wf.transitionTo('Idle');
        const paid = await idle.transitionTo('CoinInserted', { VendTransaction: { lastCoin: 50 } });
        await paid.transitionTo('Cancelled');
        expect(printer.lines).toEqual([]);
      },
    );
    expect(printer.lines).toEqual([expect.stringMatching(/^refund TX-\w+: 0\.50 EUR$/)]);
    expect(rows('Machine')).toEqual([expect.objectContaining({ status: 'ready' })]);
  });

  it('cancels and refunds an abandoned purchase once its timer is due, not before', async () => {
    const id = await insertCoinAndLeave(adapter, { machineId: 'VM-1', coin: 50 });
    const [timer, ...others] = await adapter.readTimers('Vending', id);
    expect(others).toEqual([]);
    expect(timer).toMatchObject({ state: 'CoinInserted', target: 'Cancelled', attempts: 0 });
    if (!timer) return;
    expect(timer.dueAt.getTime() - timer.createdAt.getTime()).toBe(5 * 60_000);
    const runAt = (now: Date) =>
      VendingMachine.runDueTimers({ adapter, now, context: { config: OPERATOR_CONFIG } });

    const early = await runAt(new Date(timer.dueAt.getTime() - 1));
    expect(early).toEqual({ fired: [], failed: [], dropped: [] });
    expect(printer.lines).toEqual([]);
    expect(rows('Machine')).toEqual([expect.objectContaining({ status: 'busy' })]);

    const due = await runAt(timer.dueAt);
    expect(due.failed).toEqual([]);
    expect(due.fired).toEqual([
      { entityId: id, from: 'CoinInserted', to: 'Cancelled', dueAt: timer.dueAt },
    ]);
    expect(printer.lines).toEqual([`refund ${id}: 0.50 EUR (abandoned: no coin for 5 min)`]);
    expect(rows('VendTransaction')).toEqual([
      expect.objectContaining({ transactionId: id, status: 'cancelled', credit: 50 }),
    ]);
    expect(rows('Machine')).toEqual([expect.objectContaining({ status: 'ready' })]);
    expect(await adapter.readTimers('Vending', id)).toEqual([]);
    expect((await runAt(new Date(timer.dueAt.getTime() + 86_400_000))).fired).toEqual([]);
  });

  it("starts the timer again on each coin: the earlier coin's timer is gone", async () => {
    const machine = (await adapter.get('Machine', { machineId: 'VM-1' })) as unknown as Machine;
    const id = await VendingMachine.run(
      { adapter, context: { machine, config: OPERATOR_CONFIG } },
      async (wf) => {
        const idle = await wf.transitionTo('Idle');
        const paid = await idle.transitionTo('CoinInserted', { VendTransaction: { lastCoin: 50 } });
        await paid.transitionTo('CoinInserted', { VendTransaction: { lastCoin: 20 } });
        return paid.instances.VendTransaction.transactionId;
      },
    );
    const log = (await adapter.readTransitionLog()).filter((entry) => entry.to === 'CoinInserted');
    const timers = await adapter.readTimers('Vending', id);
    expect(log).toHaveLength(2);
    expect(timers.map((timer) => timer.entrySeq)).toEqual([log.at(-1)?.seq]);
  });

  it('leaves no timer behind a purchase completed in time', async () => {
    await buyProduct(adapter, { machineId: 'VM-1', coins: [100, 50], productId: 'A1' });
    expect(rows('smf_timers')).toEqual([]);
    const later = await VendingMachine.runDueTimers({
      adapter,
      now: new Date(Date.now() + 86_400_000),
      context: { config: OPERATOR_CONFIG },
    });
    expect(later).toEqual({ fired: [], failed: [], dropped: [] });
    expect(printer.lines).toEqual([expect.stringMatching(/^receipt /)]);
  });

  it('lets only one of two customers use the machine at once', async () => {
    const machine = (await adapter.get('Machine', { machineId: 'VM-1' })) as unknown as Machine;
    const context = { machine, config: OPERATOR_CONFIG };
    // The first customer has inserted a coin: the machine is busy, committed.
    await VendingMachine.run({ adapter, context }, async (wf) => {
      const idle = await wf.transitionTo('Idle');
      await idle.transitionTo('CoinInserted', { VendTransaction: { lastCoin: 100 } });
    });
    // The second read the machine as ready before that, and loses the compare-and-set.
    const error = await VendingMachine.run({ adapter, context }, (wf) =>
      wf.transitionTo('Idle'),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrentTransitionError);
    expect(rows('VendTransaction')).toHaveLength(1);
  });
});

import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  MemoryAdapter,
  TransitionRejectedError,
  UsageError,
  type LoggedTransition,
  type ORMAdapter,
} from 'state-machine-framework';
import type { Payment } from './sqlite/support/order-models.js';
import { OrderMachine, type OrderTypes } from './sqlite/support/order.machine.gen.js';
import { freshMachine } from '../support/fresh-machine.js';
import { orderDatabase } from './sqlite/support/order-database.js';
import { dumpTables } from './sqlite/support/temp-database.js';

/** Machine.history({ adapter, id }): one entity's steps from the persisted transition log. */

interface Store {
  readonly adapter: ORMAdapter;
  /** Every table, rows and log, as committed. */
  dump(): unknown;
}

const stores: [string, (transitionLog: boolean) => Store][] = [
  [
    'MemoryAdapter',
    (transitionLog) => {
      const adapter = new MemoryAdapter({}, { transitionLog });
      return { adapter, dump: () => adapter.snapshot() };
    },
  ],
  [
    'a SQLite file',
    (transitionLog) => {
      const { file, adapter } = orderDatabase({ transitionLog });
      return { adapter, dump: () => dumpTables(file) };
    },
  ],
];

const context = { customerId: 'C1' };
const payment = { Payment: { paymentId: 'P1', orderId: 'O1', amount: 25 } };

async function paymentOf(adapter: ORMAdapter) {
  return { Payment: (await adapter.get('Payment', { orderId: 'O1' })) as unknown as Payment };
}

/** Commits order O1 in Pending: step 1 of its log. */
async function seedPending(
  adapter: ORMAdapter,
  machine = freshMachine(OrderMachine),
): Promise<void> {
  await machine.run({ adapter, context }, (wf) =>
    wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 25 } }),
  );
}

describe.each(stores)('Machine.history on %s', (name, open) => {
  it('returns typed entries numbered across the workflows of one entity (run, then load)', async () => {
    const { adapter } = open(true);
    const machine = freshMachine(OrderMachine);
    machine.hook('Processing', function reserveStock(instances) {
      return { reserved: instances.Payment.amount };
    });
    machine.hook('Shipped', function printLabel() {
      return 'L-1';
    });
    const ran = await machine.run({ adapter, context }, async (wf) => {
      const pending = await wf.transitionTo(
        'Pending',
        { Order: { orderId: 'O1', amount: 25 } },
        { metadata: { by: 'web', request: 'r-1' } },
      );
      return (await pending.transitionTo('Processing', payment)).history;
    });
    await machine.run({ adapter, context }, (wf) =>
      wf.transitionTo('Pending', { Order: { orderId: 'O2', amount: 5 } }),
    );
    const loaded = await machine.load(
      { adapter, id: 'O1', context, instances: await paymentOf(adapter) },
      async (wf) => {
        if (!wf.is('Processing')) throw new Error(`O1 is ${String(wf.state)}`);
        const metadata = { by: 'warehouse', tags: ['fragile'], box: { size: 3 } };
        const shipped = await wf.transitionTo('Shipped', {}, { metadata });
        return (await shipped.transitionTo('Delivered')).history;
      },
    );

    const history = await machine.history({ adapter, id: 'O1' });
    expectTypeOf(history).toEqualTypeOf<LoggedTransition<OrderTypes>[]>();
    expectTypeOf(history[0]!.to).toEqualTypeOf<OrderTypes['state']>();
    expectTypeOf(history[0]!.from).toEqualTypeOf<OrderTypes['state'] | null>();
    const at = [...ran, ...loaded].map((entry) => entry.at);
    expect(history).toEqual([
      {
        seq: 1,
        from: null,
        to: 'Pending',
        at: at[0],
        results: {},
        metadata: { by: 'web', request: 'r-1' },
      },
      {
        seq: 2,
        from: 'Pending',
        to: 'Processing',
        at: at[1],
        results: { reserveStock: { reserved: 25 } },
        metadata: {},
      },
      {
        seq: 3,
        from: 'Processing',
        to: 'Shipped',
        at: at[2],
        results: { printLabel: 'L-1' },
        metadata: { by: 'warehouse', tags: ['fragile'], box: { size: 3 } },
      },
      { seq: 4, from: 'Shipped', to: 'Delivered', at: at[3], results: {}, metadata: {} },
    ]);
    for (const entry of history) expect(entry.at).toBeInstanceOf(Date);
    expect(await machine.history({ adapter, id: 'O2' })).toMatchObject([
      { seq: 1, from: null, to: 'Pending' },
    ]);
    expect(await machine.history({ adapter, id: 'O9' })).toEqual([]);
  });

  it('a failed or rolled-back transition leaves no entry and does not use up a seq', async () => {
    const { adapter } = open(true);
    const machine = freshMachine(OrderMachine);
    await seedPending(adapter, machine);
    let jams = 1;
    machine.hook('Processing', function printer() {
      if (jams-- > 0) throw new Error('printer jam');
    });
    machine.validator('Cancelled', function notAfterPayment() {
      throw new Error('already paid');
    });

    // Caught inside the workflow: that transition's savepoint alone is undone, the rest commits.
    await machine.load({ adapter, id: 'O1', context }, async (wf) => {
      if (!wf.is('Pending')) throw new Error(`O1 is ${String(wf.state)}`);
      await expect(wf.transitionTo('Processing', payment)).rejects.toThrow('printer jam');
      const processing = await wf.transitionTo('Processing', payment);
      await expect(processing.transitionTo('Cancelled')).rejects.toBeInstanceOf(
        TransitionRejectedError,
      );
    });
    // The whole workflow rolls back.
    const instances = await paymentOf(adapter);
    const escaped = machine.load({ adapter, id: 'O1', context, instances }, async (wf) => {
      if (wf.is('Processing')) await wf.transitionTo('Shipped');
      throw new Error('caller changed its mind');
    });
    await expect(escaped).rejects.toThrow('caller changed its mind');
    await machine.load({ adapter, id: 'O1', context, instances }, async (wf) => {
      if (wf.is('Processing')) await wf.transitionTo('Shipped');
    });

    const history = await machine.history({ adapter, id: 'O1' });
    expect(history.map((entry) => [entry.seq, entry.from, entry.to])).toEqual([
      [1, null, 'Pending'],
      [2, 'Pending', 'Processing'],
      [3, 'Processing', 'Shipped'],
    ]);
  });

  it('keeps results and metadata as JSON gives them back, and never fails a transition over them', async () => {
    expect.hasAssertions();
    await expectLoggedAsJson(open(true).adapter);
  });

  it('on an adapter that keeps no log is a UsageError that says to turn on transitionLog', async () => {
    const { adapter } = open(false);
    const machine = freshMachine(OrderMachine);
    await seedPending(adapter, machine);
    const error: unknown = await machine.history({ adapter, id: 'O1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ machine: 'Order' });
    expect((error as Error).message).toMatch(/Order\.history: .*\{ transitionLog: true \}/);
  });

  it('needs the entity’s id', async () => {
    const { adapter } = open(true);
    const machine = freshMachine(OrderMachine);
    const error: unknown = await machine.history({ adapter, id: undefined }).catch((e) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({
      machine: 'Order',
      message: "Order.history: options.id must be the Order's orderId, got undefined",
    });
  });

  it.each<[string, unknown]>([
    ['metadata is a string', { metadata: 'clerk' }],
    ['metadata is an array', { metadata: ['clerk'] }],
    ['metadata is null', { metadata: null }],
    ['metadata is a Date', { metadata: new Date(0) }],
    ['metadata is a Map', { metadata: new Map([['by', 'clerk']]) }],
    ['metadata has a __proto__ key', { metadata: JSON.parse('{"__proto__":{"by":"x"}}') }],
    ['the options are a string', 'clerk'],
    ['the options are null', null],
  ])(
    'transitionTo refuses bad options (%s) with a UsageError, and nothing is written',
    async (_, options) => {
      const { adapter, dump } = open(true);
      const machine = freshMachine(OrderMachine);
      await seedPending(adapter, machine);
      const before = dump();
      await machine.load({ adapter, id: 'O1', context }, async (wf) => {
        if (!wf.is('Pending')) throw new Error(`O1 is ${String(wf.state)}`);
        const refused: unknown = await Promise.resolve()
          .then(() => wf.transitionTo('Processing', payment, options as never))
          .catch((e: unknown) => e);
        expect(refused).toBeInstanceOf(UsageError);
        expect((refused as Error).message).toMatch(
          /^Order: transitionTo\('Processing', data, options\): options must be \{ metadata\?: a plain object \}, got /,
        );
        expect(wf.state).toBe('Pending');
        expect(wf.history).toEqual([]);
      });
      expect(dump()).toEqual(before);
      expect((await machine.history({ adapter, id: 'O1' })).map((entry) => entry.seq)).toEqual([1]);
    },
  );
});

async function expectLoggedAsJson(adapter: ORMAdapter): Promise<void> {
  const machine = freshMachine(OrderMachine);
  machine.hook('Pending', function stamp() {
    return { when: new Date(0) };
  });
  machine.hook('Pending', function callback() {
    return () => 'not JSON';
  });
  await machine.run({ adapter, context }, (wf) =>
    wf.transitionTo(
      'Pending',
      { Order: { orderId: 'O1', amount: 25 } },
      { metadata: { due: new Date(0) } },
    ),
  );
  const [entry] = await machine.history({ adapter, id: 'O1' });
  expect(entry?.results).toEqual({ stamp: { when: '1970-01-01T00:00:00.000Z' } });
  expect(entry?.metadata).toEqual({ due: '1970-01-01T00:00:00.000Z' });
}

describe('Machine.history and a log written by another version of the machine', () => {
  it('refuses a step naming a state the machine does not have, naming the step', async () => {
    const adapter = new MemoryAdapter({}, { transitionLog: true });
    await adapter.transaction(async (tx) => {
      await tx.recordTransition!({
        machine: 'Order',
        entityId: 'O1',
        from: null,
        to: 'Gone',
        at: new Date(),
        results: {},
        metadata: {},
      });
    });
    await expect(freshMachine(OrderMachine).history({ adapter, id: 'O1' })).rejects.toThrow(
      /^Order\.history: step 1 of Order "O1" names the state 'Gone', which Order does not have/,
    );
  });
});

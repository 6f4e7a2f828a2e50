// Nested transactions started together on one transaction handle: each commits or rolls back
// alone. A savepoint is a mark on the transaction's one connection (or undo list): two open at
// once would take each other's writes with them when one rolls back. Every adapter but
// SqliteAdapter runs them one after the other; SqliteAdapter refuses the second while the first
// is open. Either way, a nested transaction (or workflow) whose promise resolved has its writes
// committed with the outer transaction, and one whose promise rejected has none.
import * as fc from 'fast-check';
import { expect, it } from 'vitest';
import type { ORMAdapter } from 'state-machine-framework';
import { BillingMachine } from '../runtime/contract/support/billing.machine.gen.js';
import { drainPendingWork } from '../runtime/contract/support/contract-databases.js';
import { propertyOptions } from '../runtime/model-based/support/property-options.js';
import { freshMachine } from '../support/fresh-machine.js';
import { describeEachDatabase } from './registry.js';

const item = (itemId: string, qty = 1) => ({ itemId, kind: 'tool', label: null, qty });
const boom = new Error('boom');
const ids = (rows: readonly Record<string, unknown>[]) => rows.map((row) => String(row['itemId']));
const sorted = (values: readonly string[]) => values.toSorted();
/** Lets the other nested transaction (and the database) move on before this one continues. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** SqliteAdapter refuses a nested transaction while another is open on the handle. */
const queues = (name: string) => !name.startsWith('SqliteAdapter');

type Outcome = 'fulfilled' | 'rejected';
const outcomes = (results: readonly PromiseSettledResult<unknown>[]): Outcome[] =>
  results.map((result) => result.status);

/**
 * One nested transaction of a random program: writes, then its children started together on its
 * handle (with, maybe, a write of its own on that handle while they run), then more writes; each
 * write after some ticks. It fails at the end when `fails`.
 */
interface Plan {
  readonly before: readonly number[];
  readonly children: readonly Plan[];
  readonly direct: boolean;
  readonly after: readonly number[];
  readonly fails: boolean;
}

const ticksArb = fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 2 });
/** A plan nested `depth` levels deep at most, each node with up to two children. */
const planArb = (depth: number): fc.Arbitrary<Plan> =>
  fc.record({
    before: ticksArb,
    children: depth === 0 ? fc.constant([]) : fc.array(planArb(depth - 1), { maxLength: 2 }),
    direct: fc.boolean(),
    after: ticksArb,
    fails: fc.boolean(),
  });

/** What a run of a plan did: each node's outcome and the writes each node saw succeed. */
interface Trace {
  readonly outcome: Map<string, Outcome>;
  readonly writes: Map<string, string[]>;
}

async function write(h: ORMAdapter, trace: Trace, node: string, itemId: string): Promise<void> {
  await h.create('Item', item(itemId));
  trace.writes.get(node)!.push(itemId);
}

async function runPlan(h: ORMAdapter, plan: Plan, node: string, trace: Trace): Promise<void> {
  trace.writes.set(node, []);
  for (const [i, ticks] of plan.before.entries()) {
    for (let t = 0; t < ticks; t++) await tick();
    await write(h, trace, node, `${node}.b${i}`);
  }
  const started = plan.children.map((child, i): Promise<void> => {
    const name = `${node}.${i}`;
    return h
      .transaction((inner) => runPlan(inner, child, name, trace))
      .then(
        () => {
          trace.outcome.set(name, 'fulfilled');
        },
        (error: unknown) => {
          trace.outcome.set(name, 'rejected');
          throw error;
        },
      );
  });
  // On the handle itself while its children run: it waits for them (or is refused).
  if (plan.direct) started.push(write(h, trace, node, `${node}.d`));
  await Promise.allSettled(started);
  for (const [i, ticks] of plan.after.entries()) {
    for (let t = 0; t < ticks; t++) await tick();
    await write(h, trace, node, `${node}.a${i}`);
  }
  if (plan.fails) throw boom;
}

/** The writes that must be committed: those of every node resolved, its ancestors too. */
function committedWrites(plan: Plan, node: string, trace: Trace): string[] {
  if (trace.outcome.get(node) !== 'fulfilled') return [];
  return [
    ...(trace.writes.get(node) ?? []),
    ...plan.children.flatMap((child, i) => committedWrites(child, `${node}.${i}`, trace)),
  ];
}

/** Whether every node that does not fail itself resolved: nothing was refused. */
function allRan(plan: Plan, node: string, trace: Trace): boolean {
  if (trace.outcome.get(node) !== (plan.fails ? 'rejected' : 'fulfilled')) return false;
  return plan.children.every((child, i) => allRan(child, `${node}.${i}`, trace));
}

describeEachDatabase('nested transactions started together on one handle, on %s', (name, open) => {
  it('Promise.all of two nested transactions, one failing: the other’s writes are committed, the failing one’s are not', async () => {
    const db = await open();
    await db.adapter.create('Item', item('A'));
    const results = await db.adapter.transaction(async (tx) => {
      await tx.create('Item', item('OUTER'));
      return Promise.allSettled([
        tx.transaction(async (kept) => {
          await kept.update('Item', { itemId: 'A' }, { qty: 5 });
          await tick();
          await kept.create('Item', item('KEPT'));
          await tick();
          await kept.update('Item', { itemId: 'KEPT' }, { qty: 2 });
        }),
        tx.transaction(async (failing) => {
          await failing.create('Item', item('LOST'));
          await tick();
          await failing.update('Item', { itemId: 'A' }, { qty: 9 });
          await tick();
          throw boom;
        }),
      ]);
    });
    expect(outcomes(results)).toEqual(['fulfilled', 'rejected']);
    expect(results[1]).toMatchObject(queues(name) ? { reason: boom } : { status: 'rejected' });
    expect(await db.rows('Item')).toEqual([item('A', 5), item('KEPT', 2), item('OUTER')]);
  });

  it('the failing one started first: the one queued behind it still commits (where nested transactions queue)', async () => {
    const db = await open();
    const results = await db.adapter.transaction((tx) =>
      Promise.allSettled([
        tx.transaction(async (failing) => {
          await failing.create('Item', item('LOST'));
          await tick();
          throw boom;
        }),
        tx.transaction(async (kept) => {
          await kept.create('Item', item('KEPT'));
          await tick();
          await kept.update('Item', { itemId: 'KEPT' }, { qty: 3 });
        }),
        tx.create('Item', item('DIRECT')),
      ]),
    );
    const [failing, kept, direct] = outcomes(results);
    expect(failing).toBe('rejected');
    // SqliteAdapter refuses both while the failing one is open.
    const ran = queues(name);
    expect([kept, direct]).toEqual(ran ? ['fulfilled', 'fulfilled'] : ['rejected', 'rejected']);
    expect(await db.rows('Item')).toEqual(ran ? [item('DIRECT'), item('KEPT', 3)] : []);
  });

  it('two workflows run on one handle, one failing: only the committed one’s rows, log and afterCommit handlers remain', async () => {
    const db = await open();
    for (const failingFirst of [false, true]) {
      const [keptId, lostId] = failingFirst ? ['KEPT-2', 'LOST-2'] : ['KEPT-1', 'LOST-1'];
      const events: string[] = [];
      const billing = freshMachine(BillingMachine);
      billing.afterCommit('Draft', (instances) => {
        events.push(`afterCommit Draft ${instances.Invoice.invoiceId}`);
      });
      billing.afterCommit('Sent', (instances) => {
        events.push(`afterCommit Sent ${instances.Invoice.invoiceId}`);
      });
      const keeps = (adapter: ORMAdapter) =>
        billing.run({ adapter }, async (wf) => {
          const draft = await wf.transitionTo('Draft', {
            Invoice: { invoiceId: keptId, total: 1 },
          });
          await tick();
          await draft.transitionTo('Sent');
        });
      const fails = (adapter: ORMAdapter) =>
        billing.run({ adapter }, async (wf) => {
          const draft = await wf.transitionTo('Draft', {
            Invoice: { invoiceId: lostId, total: 2 },
          });
          await tick();
          await draft.transitionTo('Sent');
          await tick();
          throw boom;
        });
      const [kept, failed] = await db.adapter.transaction(async (tx) => {
        const runs = failingFirst ? [fails(tx), keeps(tx)] : [keeps(tx), fails(tx)];
        const settled = outcomes(await Promise.allSettled(runs));
        events.push('runs settled');
        return failingFirst ? settled.toReversed() : settled;
      });
      await drainPendingWork();
      expect(failed).toBe('rejected');
      // SqliteAdapter refuses the second workflow's nested transaction while the first's is open.
      expect(kept).toBe(queues(name) || !failingFirst ? 'fulfilled' : 'rejected');
      const committed = kept === 'fulfilled' ? [keptId] : [];
      const mine = (id: unknown) => id === keptId || id === lostId;
      const invoices = (await db.rows('Invoice')).filter((row) => mine(row['invoiceId']));
      expect(invoices.map((row) => [row['invoiceId'], row['status']])).toEqual(
        committed.map((id) => [id, 'sent']),
      );
      const log = (await db.transitionLog()).filter((step) => mine(step.entityId));
      expect(log.map((step) => `${step.entityId} ${step.to}`)).toEqual(
        committed.flatMap((id) => [`${id} Draft`, `${id} Sent`]),
      );
      expect(events).toEqual([
        'runs settled',
        ...committed.flatMap((id) => [`afterCommit Draft ${id}`, `afterCommit Sent ${id}`]),
      ]);
    }
  });

  it('nesting deeper works inside a queued nested transaction and inside the one it waits for', async () => {
    const db = await open();
    const results = await db.adapter.transaction(async (tx) => {
      const first = tx.transaction(async (a) => {
        await tick();
        // The second is queued on tx by now: a's own savepoints must not wait for it.
        await a.transaction(async (deep) => {
          await deep.create('Item', item('A1'));
          await deep.transaction((deepest) => deepest.create('Item', item('A2')));
        });
        await a.create('Item', item('A3'));
      });
      const second = tx.transaction(async (b) => {
        await b.create('Item', item('B1'));
        await expect(
          b.transaction(async (deep) => {
            await deep.create('Item', item('B-LOST'));
            await tick();
            throw boom;
          }),
        ).rejects.toBe(boom);
        await b.transaction(async (deep) => {
          await tick();
          await deep.transaction((deepest) => deepest.create('Item', item('B2')));
          await deep.update('Item', { itemId: 'B1' }, { qty: 4 });
        });
      });
      return outcomes(await Promise.allSettled([first, second]));
    });
    const secondRan = queues(name);
    expect(results).toEqual(['fulfilled', secondRan ? 'fulfilled' : 'rejected']);
    const firstRows = [item('A1'), item('A2'), item('A3')];
    expect(await db.rows('Item')).toEqual(
      secondRan ? [...firstRows, item('B1', 4), item('B2')] : firstRows,
    );
  });

  it('property: random trees of nested transactions started together commit exactly the writes of those that resolved', async () => {
    const db = await open();
    let round = 0;
    await fc.assert(
      fc.asyncProperty(planArb(3), async (plan) => {
        const root = `r${round++}`;
        const trace: Trace = { outcome: new Map(), writes: new Map() };
        await db.adapter
          .transaction((tx) => runPlan(tx, plan, root, trace))
          .then(
            () => void trace.outcome.set(root, 'fulfilled'),
            () => void trace.outcome.set(root, 'rejected'),
          );
        const stored = ids(await db.rows('Item')).filter((id) => id.split('.')[0] === root);
        expect(sorted(stored)).toEqual(sorted(committedWrites(plan, root, trace)));
        const refusing = !queues(name);
        expect(refusing || allRan(plan, root, trace), 'no nested transaction was refused').toBe(
          true,
        );
      }),
      propertyOptions(40),
    );
  });
});

// Fault injection on every adapter: a workflow of several steps — a run creating an invoice and its
// payment through four transitions, then a load moving another, all in one outer transaction, with
// handlers reading and writing through meta.adapter — fails at its k-th adapter call, for every k.
// Each time the database is left exactly as before, and the adapter works on afterwards.
import { expect, it } from 'vitest';
import type { ORMAdapter } from 'state-machine-framework';
import { failingAt, InjectedFault } from '../runtime/support/failing-adapter.js';
import { BillingMachine } from '../runtime/contract/support/billing.machine.gen.js';
import { freshMachine } from '../support/fresh-machine.js';
import { seedSentInvoice } from '../runtime/contract/support/billing-seeds.js';
import {
  CONTRACT_TABLES,
  type ContractModel,
} from '../runtime/contract/support/contract-schema.js';
import type { ConformanceDatabase } from './registry.js';
import { describeEachDatabase } from './registry.js';

const MODELS = Object.keys(CONTRACT_TABLES) as ContractModel[];

type Snapshot = Awaited<ReturnType<typeof everything>>;

/** Every table and the transition log, as another connection sees them. */
async function everything(db: ConformanceDatabase) {
  const tables: Record<string, unknown[]> = {};
  for (const model of MODELS) tables[model] = await db.rows(model);
  return { tables, log: await db.transitionLog() };
}

async function seed(db: ConformanceDatabase): Promise<void> {
  await seedSentInvoice(db.adapter, 'OLD');
  await db.adapter.transaction((tx) =>
    tx.create('AuditEntry', { auditId: 'seed', text: 'before the run' }),
  );
}

async function workflow(adapter: ORMAdapter): Promise<void> {
  const billing = freshMachine(BillingMachine);
  billing.hook('Sent', async function audit(instances, _context, meta) {
    const auditId = `sent-${instances.Invoice.invoiceId}`;
    await meta.adapter.create('AuditEntry', { auditId, text: 'sent' });
  });
  billing.preTransition('Paid', async function look(_data, _context, meta) {
    await meta.adapter.filter('Invoice', { status: 'paid' });
  });
  billing.hook('Refunded', async function note(_instances, _context, meta) {
    await meta.adapter.update('AuditEntry', { auditId: 'seed' }, { text: 'refund seen' });
  });
  await adapter.transaction(async (tx) => {
    await billing.run({ adapter: tx }, async (wf) => {
      const draft = await wf.transitionTo('Draft', { Invoice: { invoiceId: 'NEW', total: 9 } });
      const sent = await draft.transitionTo('Sent', undefined, { metadata: { by: 'fault test' } });
      const paid = await sent.transitionTo('Paid', { Payment: { paymentId: 'P-NEW', amount: 9 } });
      await paid.transitionTo('Refunded');
    });
    await billing.load({ adapter: tx, id: 'OLD' }, async (wf) => {
      if (wf.is('Sent')) await wf.transitionTo('Void');
    });
  });
}

const json = (value: unknown) =>
  JSON.stringify(value, (_key, inner: unknown) =>
    typeof inner === 'bigint' ? `${inner}n` : inner,
  );

/** One line per table (and the log) that is not as expected. */
function differences(when: string, expected: Snapshot, actual: Snapshot): string[] {
  const parts = (s: Snapshot): Record<string, unknown> => ({ ...s.tables, log: s.log });
  const [want, got] = [parts(expected), parts(actual)];
  return Object.keys(want)
    .filter((key) => json(want[key]) !== json(got[key]))
    .map((key) => `${when}: ${key} should be ${json(want[key])}, is ${json(got[key])}`);
}

/** The InjectedFault the error is or was caused by (however deeply the runtime wrapped it). */
function injectedFaultIn(error: unknown): InjectedFault | undefined {
  for (let e = error, depth = 0; e !== undefined && depth < 10; depth++) {
    if (e instanceof InjectedFault) return e;
    e = (e as { cause?: unknown } | null)?.cause;
  }
  return undefined;
}

describeEachDatabase('fault injection on %s', (_name, open) => {
  it('a fault at any adapter call of a multi-step workflow leaves every table and the log as before', async () => {
    const reference = await open();
    await seed(reference);
    const counter = { calls: 0 };
    await workflow(failingAt(reference.adapter, 0, counter));
    const total = counter.calls;
    const done = await everything(reference);
    await reference.close();
    expect(total).toBeGreaterThan(15);
    expect(done.tables['Invoice']).toEqual([
      { invoiceId: 'NEW', status: 'refunded', total: 9, version: 4 },
      { invoiceId: 'OLD', status: 'void', total: 10, version: 3 },
    ]);
    expect(done.log).toHaveLength(2 + 4 + 1);

    const problems: string[] = [];
    for (let k = 1; k <= total; k++) {
      const db = await open();
      await seed(db);
      const before = await everything(db);
      const error = await workflow(failingAt(db.adapter, k)).then(
        () => 'no error',
        (e: unknown) => e,
      );
      if (!injectedFaultIn(error)) problems.push(`call ${k}: failed with ${String(error)}`);
      try {
        problems.push(...differences(`call ${k}`, before, await everything(db)));
        // Nothing was left open by the failed run: the same adapter runs the workflow through.
        await workflow(db.adapter);
        problems.push(...differences(`call ${k}, then a clean run`, done, await everything(db)));
      } catch (failure) {
        problems.push(`call ${k}: ${(failure as Error).message}`);
      }
      await db.close();
    }
    expect(problems).toEqual([]);
  });
});

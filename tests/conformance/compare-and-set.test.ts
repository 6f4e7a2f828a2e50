// Compare-and-set and versionField on every adapter: the version starts at 1 and every write adds
// one, and two workflows that race for one row never both apply their step — whether the database
// runs them one after the other (memory, SQLite), or side by side (a server), with or without
// load({ lock }).
import { expect, it } from 'vitest';
import { ConcurrentTransitionError, type ORMAdapter } from 'state-machine-framework';
import { logLines } from '../runtime/contract/support/contract-databases.js';
import { BillingMachine } from '../runtime/contract/support/billing.machine.gen.js';
import { freshMachine } from '../support/fresh-machine.js';
import { seedDraftInvoice } from '../runtime/contract/support/billing-seeds.js';
import { describeEachDatabase } from './registry.js';

/** A load that sends I1 if it is still a draft, optionally locking the rows it reads. */
const sendIfDraft = (adapter: ORMAdapter, lock?: 'wait') =>
  freshMachine(BillingMachine).load(
    { adapter, id: 'I1', ...(lock && { lock }) },
    async (wf): Promise<string> => {
      if (!wf.is('Draft')) return `found ${wf.state}`;
      await wf.transitionTo('Sent');
      return 'sent';
    },
  );

describeEachDatabase('compare-and-set and versionField on %s', (_name, open) => {
  it('versionField starts at 1 and every transition adds 1, across workflows', async () => {
    const db = await open();
    const billing = freshMachine(BillingMachine);
    const versions: unknown[] = [];
    const version = async () => versions.push((await db.rows('Invoice'))[0]?.['version']);
    await billing.run({ adapter: db.adapter }, (wf) =>
      wf.transitionTo('Draft', { Invoice: { invoiceId: 'I1', total: 10 } }),
    );
    await version();
    await billing.load({ adapter: db.adapter, id: 'I1' }, async (wf) => {
      if (wf.is('Draft')) await wf.transitionTo('Sent');
    });
    await version();
    await billing.load({ adapter: db.adapter, id: 'I1' }, async (wf) => {
      if (!wf.is('Sent')) return;
      const paid = await wf.transitionTo('Paid', { Payment: { paymentId: 'P1', amount: 10 } });
      await paid.transitionTo('Refunded');
    });
    await version();
    expect(versions).toEqual([1, 2, 4]);
  });

  it('a created row keeps the version its data gives', async () => {
    const db = await open();
    await freshMachine(BillingMachine).run({ adapter: db.adapter }, (wf) =>
      wf.transitionTo('Draft', { Invoice: { invoiceId: 'I1', total: 10, version: 5 } }),
    );
    expect(await db.rows('Invoice')).toEqual([
      { invoiceId: 'I1', status: 'draft', total: 10, version: 5 },
    ]);
  });

  it('two loads racing for one draft: the step is applied once, the loser finds it done or conflicts', async () => {
    const db = await open();
    await seedDraftInvoice(db.adapter);
    const outcomes = await Promise.allSettled([sendIfDraft(db.adapter), sendIfDraft(db.adapter)]);
    const described = outcomes.map((outcome) =>
      outcome.status === 'fulfilled'
        ? outcome.value
        : outcome.reason instanceof ConcurrentTransitionError
          ? 'conflict'
          : `unexpected ${String(outcome.reason)}`,
    );
    expect(described.toSorted()).toBeOneOf([
      ['found Sent', 'sent'],
      ['conflict', 'sent'],
    ]);
    expect(await db.rows('Invoice')).toEqual([
      { invoiceId: 'I1', status: 'sent', total: 10, version: 2 },
    ]);
    expect(await logLines(db)).toEqual(['Billing I1: (new) → Draft', 'Billing I1: Draft → Sent']);
  });

  it("with lock: 'wait', racing loads run one after the other: the second finds the step done", async () => {
    const db = await open();
    await seedDraftInvoice(db.adapter);
    const outcomes = await Promise.all([
      sendIfDraft(db.adapter, 'wait'),
      sendIfDraft(db.adapter, 'wait'),
      sendIfDraft(db.adapter, 'wait'),
    ]);
    expect(outcomes.toSorted()).toEqual(['found Sent', 'found Sent', 'sent']);
    expect(await db.rows('Invoice')).toEqual([
      { invoiceId: 'I1', status: 'sent', total: 10, version: 2 },
    ]);
    expect(await logLines(db)).toEqual(['Billing I1: (new) → Draft', 'Billing I1: Draft → Sent']);
  });
});

// A non-primary model with linkedBy is read by load inside its transaction (0 rows: absent and may
// be created, 1: the instance, more: an error), and a created linked row gets the primary's
// identifier.
import { expect, it } from 'vitest';
import { StateMachineError } from 'state-machine-framework';
import { describeEachDatabase, failureOf, logLines } from './support/contract-databases.js';
import { BillingMachine } from './support/billing.machine.gen.js';
import { freshMachine } from '../../support/fresh-machine.js';
import { seedPaidInvoice, seedSentInvoice } from './support/billing-seeds.js';

describeEachDatabase('linked rows on load, on %s', (_name, open) => {
  it('a created Payment gets invoiceId from the primary Invoice when its data lacks it', async () => {
    const db = await open();
    await seedPaidInvoice(db.adapter);

    expect(await db.rows('Payment')).toEqual([
      { paymentId: 'P-I1', invoiceId: 'I1', state: 'settled', amount: 10 },
    ]);
  });

  it('no linked row: load leaves Payment absent and the workflow may create it, linked', async () => {
    const db = await open();
    await seedSentInvoice(db.adapter);

    await freshMachine(BillingMachine).load({ adapter: db.adapter, id: 'I1' }, async (wf) => {
      expect(wf.instances.Payment).toBeUndefined();
      if (!wf.is('Sent')) throw new Error('expected Sent');
      await wf.transitionTo('Paid', { Payment: { paymentId: 'P9', amount: 10 } });
    });

    expect(await db.rows('Payment')).toEqual([
      { paymentId: 'P9', invoiceId: 'I1', state: 'settled', amount: 10 },
    ]);
    expect((await db.rows('Invoice'))[0]).toMatchObject({ status: 'paid' });
  });

  it('one linked row: load reads it, without the caller fetching it, and the workflow writes it', async () => {
    const db = await open();
    await seedPaidInvoice(db.adapter);
    await seedPaidInvoice(db.adapter, 'I2');

    await freshMachine(BillingMachine).load({ adapter: db.adapter, id: 'I1' }, async (wf) => {
      if (!wf.is('Paid')) throw new Error('expected Paid');
      expect(wf.instances.Payment).toEqual({
        paymentId: 'P-I1',
        invoiceId: 'I1',
        state: 'settled',
        amount: 10,
      });
      await wf.transitionTo('Refunded');
    });

    expect(await db.rows('Payment')).toEqual([
      { paymentId: 'P-I1', invoiceId: 'I1', state: 'refunded', amount: 10 },
      { paymentId: 'P-I2', invoiceId: 'I2', state: 'settled', amount: 10 },
    ]);
  });

  it('two linked rows: load fails with a StateMachineError that says so, and nothing runs', async () => {
    const db = await open();
    await seedPaidInvoice(db.adapter);
    await db.adapter.create('Payment', {
      paymentId: 'P-extra',
      invoiceId: 'I1',
      state: 'settled',
      amount: 1,
    });
    let callbackRan = false;

    const error = await failureOf(() =>
      freshMachine(BillingMachine).load({ adapter: db.adapter, id: 'I1' }, () => {
        callbackRan = true;
      }),
    );

    expect(error).toBeInstanceOf(StateMachineError);
    expect((error as Error).message).toBe(
      'Billing: Invoice "I1" has 2 Payment rows linked by invoiceId; a workflow has one. Pass the one to use in load()\'s instances',
    );
    expect(callbackRan).toBe(false);
    expect(await logLines(db)).toEqual([
      'Billing I1: (new) → Draft',
      'Billing I1: Draft → Sent',
      'Billing I1: Sent → Paid',
    ]);
  });
});

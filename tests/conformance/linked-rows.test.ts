// linkedBy on every adapter, with and without load({ lock }): load finds the linked row by the
// primary's identifier inside its transaction (none: absent and creatable, one: the instance, more:
// an error), and writes it with the primary — the contract suite's linked-rows cases, under a lock.
import { expect, it } from 'vitest';
import { StateMachineError } from 'state-machine-framework';
import { failureOf, logLines } from '../runtime/contract/support/contract-databases.js';
import { BillingMachine } from '../runtime/contract/support/billing.machine.gen.js';
import { freshMachine } from '../support/fresh-machine.js';
import { seedPaidInvoice, seedSentInvoice } from '../runtime/contract/support/billing-seeds.js';
import { describeEachDatabase } from './registry.js';

const LOCKS = [undefined, 'wait', 'nowait'] as const;
const lockOption = (lock: (typeof LOCKS)[number]) => (lock ? { lock } : {});

describeEachDatabase('linked rows loaded with and without a lock on %s', (_name, open) => {
  it.each(LOCKS)(
    'lock %s: the linked Payment is read and written with its Invoice',
    async (lock) => {
      const db = await open();
      await seedPaidInvoice(db.adapter);
      await seedPaidInvoice(db.adapter, 'I2');

      await freshMachine(BillingMachine).load(
        { adapter: db.adapter, id: 'I1', ...lockOption(lock) },
        async (wf) => {
          if (!wf.is('Paid')) throw new Error(`expected Paid, got ${wf.state}`);
          expect(wf.instances.Payment).toEqual({
            paymentId: 'P-I1',
            invoiceId: 'I1',
            state: 'settled',
            amount: 10,
          });
          await wf.transitionTo('Refunded');
        },
      );

      expect(await db.rows('Payment')).toEqual([
        { paymentId: 'P-I1', invoiceId: 'I1', state: 'refunded', amount: 10 },
        { paymentId: 'P-I2', invoiceId: 'I2', state: 'settled', amount: 10 },
      ]);
      expect(await db.rows('Invoice')).toEqual([
        { invoiceId: 'I1', status: 'refunded', total: 10, version: 4 },
        { invoiceId: 'I2', status: 'paid', total: 10, version: 3 },
      ]);
    },
  );

  it.each(LOCKS)('lock %s: no linked row yet, so the workflow creates it, linked', async (lock) => {
    const db = await open();
    await seedSentInvoice(db.adapter);

    await freshMachine(BillingMachine).load(
      { adapter: db.adapter, id: 'I1', ...lockOption(lock) },
      async (wf) => {
        expect(wf.instances.Payment).toBeUndefined();
        if (!wf.is('Sent')) throw new Error(`expected Sent, got ${wf.state}`);
        await wf.transitionTo('Paid', { Payment: { paymentId: 'P9', amount: 7 } });
      },
    );

    expect(await db.rows('Payment')).toEqual([
      { paymentId: 'P9', invoiceId: 'I1', state: 'settled', amount: 7 },
    ]);
  });

  it.each(LOCKS)(
    'lock %s: two linked rows fail the load before the callback runs',
    async (lock) => {
      const db = await open();
      await seedPaidInvoice(db.adapter);
      await db.adapter.create('Payment', {
        paymentId: 'P-extra',
        invoiceId: 'I1',
        state: 'settled',
        amount: 1,
      });
      let ran = false;
      const error = await failureOf(() =>
        freshMachine(BillingMachine).load(
          { adapter: db.adapter, id: 'I1', ...lockOption(lock) },
          () => {
            ran = true;
          },
        ),
      );
      expect(error).toBeInstanceOf(StateMachineError);
      expect((error as Error).message).toContain('has 2 Payment rows linked by invoiceId');
      expect(ran).toBe(false);
      expect(await logLines(db)).toHaveLength(3);
    },
  );
});

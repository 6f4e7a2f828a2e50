// After a custom transition handler every model the target maps holds the target's value in the
// database, or the transition fails and rolls back; a second custom transition for a state is
// refused until the first is unregistered.
import { expect, it } from 'vitest';
import { HandlerError, UsageError, type ORMAdapter, type Row } from 'state-machine-framework';
import { describeEachDatabase, failureOf, logLines } from './support/contract-databases.js';
import { BillingMachine } from './support/billing.machine.gen.js';
import type { Invoice } from './support/models.js';
import { freshMachine } from '../../support/fresh-machine.js';
import { seedDraftInvoice, seedSentInvoice } from './support/billing-seeds.js';

/** Loads I1 (in Draft) and moves it to Sent. */
const sendInvoice = (billing: typeof BillingMachine, adapter: ORMAdapter) =>
  billing.load({ adapter, id: 'I1' }, async (wf) => {
    if (!wf.is('Draft')) throw new Error('expected Draft');
    await wf.transitionTo('Sent');
  });

describeEachDatabase('a custom transition that writes nothing, on %s', (_name, open) => {
  it('a custom transition that forgets to write fails with HandlerError(transition) and nothing commits', async () => {
    const db = await open();
    await seedDraftInvoice(db.adapter);
    const invoicesBefore: Row[] = await db.rows('Invoice');
    const billing = freshMachine(BillingMachine);
    let hookRan = false;
    billing.transition('Sent', function forgetfulSend() {
      // Writes nothing.
    });
    billing.hook('Sent', () => {
      hookRan = true;
    });

    const error = await failureOf(() => sendInvoice(billing, db.adapter));

    expect(error).toBeInstanceOf(HandlerError);
    expect((error as HandlerError).stage).toBe('transition');
    expect((error as HandlerError).handler).toBe('forgetfulSend');
    expect((error as Error).message).toBe(
      `Billing: transition handler 'forgetfulSend' failed on Draft → Sent: Invoice "I1" holds status "draft" after the handler ran, not 'Sent''s "sent"; write it (meta.writeState() does) or throw`,
    );
    expect(hookRan).toBe(false);
    expect(await db.rows('Invoice')).toEqual(invoicesBefore);
    expect(await logLines(db)).toEqual(['Billing I1: (new) → Draft']);
  });

  it('a custom transition that writes one of two mapped models fails, and its own write is rolled back', async () => {
    const db = await open();
    await seedSentInvoice(db.adapter);
    const billing = freshMachine(BillingMachine);
    billing.transition('Paid', async function payInvoiceOnly(instances, _context, meta) {
      const invoice = instances.Invoice as Invoice;
      await meta.adapter.update(
        'Invoice',
        { invoiceId: invoice.invoiceId },
        { status: 'paid', version: invoice.version + 1 },
      );
    });

    const error = await failureOf(() =>
      billing.load({ adapter: db.adapter, id: 'I1' }, async (wf) => {
        if (!wf.is('Sent')) throw new Error('expected Sent');
        await wf.transitionTo('Paid', { Payment: { paymentId: 'P1', amount: 10 } });
      }),
    );

    expect(error).toBeInstanceOf(HandlerError);
    expect((error as HandlerError).stage).toBe('transition');
    expect((error as Error).message).toContain("'Paid' maps Payment, but the handler created none");
    expect(await db.rows('Invoice')).toEqual([
      { invoiceId: 'I1', status: 'sent', total: 10, version: 2 },
    ]);
    expect(await db.rows('Payment')).toEqual([]);
  });

  it('a custom transition that writes the row itself, or calls writeState, commits', async () => {
    const db = await open();
    await seedDraftInvoice(db.adapter);
    await seedDraftInvoice(db.adapter, 'I2');
    const byHand = freshMachine(BillingMachine);
    byHand.transition('Sent', async (instances, _context, meta) => {
      const invoice = instances.Invoice as Invoice;
      await meta.adapter.update(
        'Invoice',
        { invoiceId: invoice.invoiceId },
        { status: 'sent', total: 11, version: invoice.version + 1 },
      );
    });
    const delegating = freshMachine(BillingMachine);
    delegating.transition('Sent', (_instances, _context, meta) => meta.writeState());

    await sendInvoice(byHand, db.adapter);
    await delegating.load({ adapter: db.adapter, id: 'I2' }, async (wf) => {
      if (!wf.is('Draft')) throw new Error('expected Draft');
      const sent = await wf.transitionTo('Sent');
      expect(sent.instances.Invoice).toMatchObject({ status: 'sent' });
    });

    expect(await db.rows('Invoice')).toEqual([
      { invoiceId: 'I1', status: 'sent', total: 11, version: 2 },
      { invoiceId: 'I2', status: 'sent', total: 10, version: 2 },
    ]);
  });

  it('a second custom transition for one state is a UsageError until the first is unregistered', async () => {
    const db = await open();
    await seedDraftInvoice(db.adapter);
    const billing = freshMachine(BillingMachine);
    const calls: string[] = [];
    const unregister = billing.transition('Sent', function first(_instances, _context, meta) {
      calls.push('first');
      return meta.writeState();
    });

    const second = () =>
      billing.transition('Sent', function secondCustom(_instances, _context, meta) {
        calls.push('second');
        return meta.writeState();
      });
    expect(second).toThrow(UsageError);
    expect(second).toThrow(
      "Billing: 'Sent' already has a custom transition ('first'); call the function its registration returned to unregister it first",
    );
    expect(() => billing.state('Sent', { transition: () => undefined })).toThrow(UsageError);

    unregister();
    second();
    await sendInvoice(billing, db.adapter);

    expect(calls).toEqual(['second']);
    expect((await db.rows('Invoice'))[0]).toMatchObject({ status: 'sent' });
  });
});

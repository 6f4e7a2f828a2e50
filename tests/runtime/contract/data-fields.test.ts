// What transition data may say about a row the runtime owns fields of (found by the attack pass):
// a created row must be identified; data for an existing row may repeat, not change, its
// identifier and state; a version passed in is compared, so a caller who read the row earlier
// gets the compare-and-set it expects; `__proto__` is no field.
import { expect, it } from 'vitest';
import { ConcurrentTransitionError, UsageError } from 'state-machine-framework';
import { describeEachDatabase, failureOf, logLines } from './support/contract-databases.js';
import { BillingMachine } from './support/billing.machine.gen.js';
import { freshMachine } from '../../support/fresh-machine.js';
import { seedDraftInvoice, seedPaidInvoice, seedSentInvoice } from './support/billing-seeds.js';

describeEachDatabase('transition data and the fields the runtime owns, on %s', (_name, open) => {
  it('a created row without an identifier is refused and nothing is written', async () => {
    const db = await open();
    const billing = freshMachine(BillingMachine);
    const error = await failureOf(() =>
      billing.run({ adapter: db.adapter }, (wf) =>
        wf.transitionTo('Draft', { Invoice: { total: 1 } }),
      ),
    );
    // A server's primary key is NOT NULL: the database refuses the row before the runtime sees it.
    // Memory and SQLite (whose TEXT PRIMARY KEY takes a NULL) store it; the runtime refuses it.
    const serverRefuses = db.dialect === 'postgres' || db.dialect === 'mysql';
    expect(error).toBeInstanceOf(serverRefuses ? Error : UsageError);
    expect((error as Error).message).toMatch(
      serverRefuses ? /invoiceId/ : /^Billing: the created Invoice has no identifier/,
    );
    expect(await db.rows('Invoice')).toEqual([]);
  });

  it('data may repeat the identifier and state of an existing row, not change them', async () => {
    const db = await open();
    await seedDraftInvoice(db.adapter);
    const billing = freshMachine(BillingMachine);
    const send = (data: Record<string, unknown>) =>
      failureOf(() =>
        billing.load({ adapter: db.adapter, id: 'I1' }, async (wf) => {
          if (wf.is('Draft')) await wf.transitionTo('Sent', { Invoice: data as never });
        }),
      );
    const renamed = await send({ invoiceId: 'I2' });
    expect(renamed).toBeInstanceOf(UsageError);
    expect((renamed as Error).message).toBe(
      'Billing: transition data may not set Invoice.invoiceId: it identifies the row, which would leave the workflow',
    );
    const nulled = await send({ invoiceId: null });
    expect(nulled).toBeInstanceOf(UsageError);
    const otherState = await send({ status: 'paid' });
    expect((otherState as Error).message).toBe(
      `Billing: transition data may not set Invoice.status: the transition to 'Sent' sets it to "sent"`,
    );
    expect(await db.rows('Invoice')).toEqual([
      { invoiceId: 'I1', status: 'draft', total: 10, version: 1 },
    ]);
    await billing.load({ adapter: db.adapter, id: 'I1' }, async (wf) => {
      if (wf.is('Draft'))
        await wf.transitionTo('Sent', {
          Invoice: { invoiceId: 'I1', status: 'sent', total: 12 },
        });
    });
    expect(await db.rows('Invoice')).toEqual([
      { invoiceId: 'I1', status: 'sent', total: 12, version: 2 },
    ]);
  });

  it('a version passed in is compared: the one read earlier wins once, a stale one loses', async () => {
    const db = await open();
    await seedDraftInvoice(db.adapter);
    const billing = freshMachine(BillingMachine);
    const readEarlier = await db.adapter.get('Invoice', { invoiceId: 'I1' });
    const bump = () =>
      billing.load({ adapter: db.adapter, id: 'I1' }, async (wf) => {
        if (wf.is('Draft'))
          await wf.transitionTo('Sent', {
            Invoice: {
              version: readEarlier['version'] as number,
              total: Number(readEarlier['total']) + 1,
            },
          });
      });
    await bump();
    await billing.load({ adapter: db.adapter, id: 'I1' }, async (wf) => {
      if (wf.is('Sent')) await wf.transitionTo('Void');
    });
    await db.adapter.update('Invoice', { invoiceId: 'I1' }, { status: 'draft' });
    const stale = await failureOf(bump);
    expect(stale).toBeInstanceOf(ConcurrentTransitionError);
    expect((stale as Error).message).toBe(
      'Billing: Invoice "I1" was changed concurrently (Draft → Sent): the version passed (1) is not the row\'s (3); read it again and retry',
    );
    expect((await db.rows('Invoice'))[0]).toMatchObject({ total: 11, version: 3 });
    expect(await logLines(db)).toEqual([
      'Billing I1: (new) → Draft',
      'Billing I1: Draft → Sent',
      'Billing I1: Sent → Void',
    ]);
  });

  it("a field named '__proto__' (a parsed JSON body can have one) is refused", async () => {
    const db = await open();
    const billing = freshMachine(BillingMachine);
    const fields = JSON.parse('{"invoiceId":"I1","total":1,"__proto__":{"status":"paid"}}');
    const error = await failureOf(() =>
      billing.run({ adapter: db.adapter }, (wf) => wf.transitionTo('Draft', { Invoice: fields })),
    );
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(
      "Billing: transition data for 'Draft': Invoice has a field named '__proto__', which no row can hold",
    );
    expect(await db.rows('Invoice')).toEqual([]);
  });

  it('a pre-transition handler cannot slip fields in through a prototype: the data is checked again', async () => {
    const db = await open();
    await seedDraftInvoice(db.adapter);
    const billing = freshMachine(BillingMachine);
    billing.preTransition('Sent', (data) => {
      data.Invoice = { total: 11 };
      Object.assign(data.Invoice, JSON.parse('{"__proto__":{"invoiceId":"I2","version":77}}'));
    });
    const error = await failureOf(() =>
      billing.load({ adapter: db.adapter, id: 'I1' }, async (wf) => {
        if (wf.is('Draft')) await wf.transitionTo('Sent');
      }),
    );
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(
      "Billing: transition data for 'Sent': Invoice must be an object of fields, got an object with a prototype of its own",
    );
    expect(await db.rows('Invoice')).toEqual([
      { invoiceId: 'I1', status: 'draft', total: 10, version: 1 },
    ]);
  });

  it('a linked row stays linked: data may not move it to another primary row, nor create it elsewhere', async () => {
    const db = await open();
    await seedPaidInvoice(db.adapter);
    const billing = freshMachine(BillingMachine);
    const moved = await failureOf(() =>
      billing.load({ adapter: db.adapter, id: 'I1' }, async (wf) => {
        if (wf.is('Paid')) await wf.transitionTo('Refunded', { Payment: { invoiceId: 'I2' } });
      }),
    );
    expect(moved).toBeInstanceOf(UsageError);
    expect((moved as Error).message).toBe(
      'Billing: transition data may not set Payment.invoiceId: it links the row to its workflow, which it would leave',
    );
    await seedSentInvoice(db.adapter, 'I3');
    const elsewhere = await failureOf(() =>
      billing.load({ adapter: db.adapter, id: 'I3' }, async (wf) => {
        if (wf.is('Sent'))
          await wf.transitionTo('Paid', {
            Payment: { paymentId: 'P-X', invoiceId: 'I1', amount: 1 },
          });
      }),
    );
    expect(elsewhere).toBeInstanceOf(UsageError);
    expect((elsewhere as Error).message).toBe(
      `Billing: the created Payment must link to this workflow's Invoice "I3" (Payment.invoiceId), not "I1"; leave invoiceId out and it is filled in`,
    );
    expect(await db.rows('Payment')).toEqual([
      { paymentId: 'P-I1', invoiceId: 'I1', state: 'settled', amount: 10 },
    ]);
  });
});

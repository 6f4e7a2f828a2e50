// transitionTo resolves to the handle of the new state, and a handle used after the workflow left
// its state says so (StaleHandleError) instead of a generic TransitionError.
import { expect, it } from 'vitest';
import { StaleHandleError, TransitionError } from 'state-machine-framework';
import { describeEachDatabase, failureOf, logLines } from './support/contract-databases.js';
import { BillingMachine } from './support/billing.machine.gen.js';
import { freshMachine } from '../../support/fresh-machine.js';
import { seedDraftInvoice } from './support/billing-seeds.js';

describeEachDatabase('a stale handle, on %s', (_name, open) => {
  it("the old handle's transitionTo and canTransitionTo fail with StaleHandleError naming both states; nothing is written", async () => {
    const db = await open();
    await seedDraftInvoice(db.adapter);
    const errors: unknown[] = [];

    await freshMachine(BillingMachine).load({ adapter: db.adapter, id: 'I1' }, async (wf) => {
      if (!wf.is('Draft')) throw new Error('expected Draft');
      const sent = await wf.transitionTo('Sent');
      expect(sent).not.toBe(wf);
      errors.push(await failureOf(() => wf.transitionTo('Void')));
      errors.push(await failureOf(() => wf.canTransitionTo('Void')));
      expect(sent.state).toBe('Sent');
    });

    expect(errors).toHaveLength(2);
    for (const error of errors) {
      expect(error).toBeInstanceOf(StaleHandleError);
      expect(error).toBeInstanceOf(TransitionError);
      expect((error as Error).message).toBe(
        "Billing: this handle is for 'Draft'; the workflow is now in 'Sent' — use the handle returned by transitionTo() to go on to 'Void'",
      );
    }
    expect(await db.rows('Invoice')).toEqual([
      { invoiceId: 'I1', status: 'sent', total: 10, version: 2 },
    ]);
    expect(await logLines(db)).toEqual(['Billing I1: (new) → Draft', 'Billing I1: Draft → Sent']);
  });

  it('the fresh handle of run is stale once the workflow entered its first state', async () => {
    const db = await open();
    let error: unknown;
    await freshMachine(BillingMachine).run({ adapter: db.adapter }, async (wf) => {
      await wf.transitionTo('Draft', { Invoice: { invoiceId: 'I1', total: 10 } });
      error = await failureOf(() => wf.transitionTo('Draft', { Invoice: { invoiceId: 'I2' } }));
    });

    expect(error).toBeInstanceOf(StaleHandleError);
    expect((error as Error).message).toBe(
      "Billing: this handle is for the new workflow; the workflow is now in 'Draft' — use the handle returned by transitionTo() to go on to 'Draft'",
    );
    expect((await db.rows('Invoice')).map((row) => row['invoiceId'])).toEqual(['I1']);
  });

  it("state and is() are the handle's own; history, historySummary, instances and context are shared and live", async () => {
    const db = await open();
    await freshMachine(BillingMachine).run(
      { adapter: db.adapter, context: { customer: 'K1' } },
      async (wf) => {
        const draft = await wf.transitionTo('Draft', { Invoice: { invoiceId: 'I1', total: 10 } });
        const sent = await draft.transitionTo('Sent', { Invoice: { total: 12 } });

        expect([wf.state, draft.state, sent.state]).toEqual([null, 'Draft', 'Sent']);
        expect([draft.is('Draft'), draft.is('Sent'), sent.is('Sent')]).toEqual([true, false, true]);
        for (const handle of [wf, draft]) {
          expect(handle.history).toEqual(sent.history);
          expect(handle.history.map((entry) => entry.to)).toEqual(['Draft', 'Sent']);
          expect(handle.historySummary()).toEqual(sent.historySummary());
          expect(handle.historySummary().state).toBe('Sent');
          expect(handle.instances).toEqual(sent.instances);
          expect(handle.context).toEqual(sent.context);
        }
        expect(draft.instances.Invoice).toMatchObject({ status: 'sent', total: 12, version: 2 });
        expect(draft.context.customer).toBe('K1');
        expect(draft.context.invoice).toMatchObject({ status: 'sent', total: 12 });
      },
    );
  });
});

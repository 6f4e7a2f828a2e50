import type { ORMAdapter } from 'state-machine-framework';
import { BillingMachine } from './billing.machine.gen.js';
import { freshMachine } from '../../../support/fresh-machine.js';

/** Commits invoice `invoiceId` in Draft through the machine (version 1, total 10). */
export async function seedDraftInvoice(adapter: ORMAdapter, invoiceId = 'I1'): Promise<void> {
  await freshMachine(BillingMachine).run({ adapter }, (wf) =>
    wf.transitionTo('Draft', { Invoice: { invoiceId, total: 10 } }),
  );
}

/** Commits invoice `invoiceId` in Sent, with no payment yet. */
export async function seedSentInvoice(adapter: ORMAdapter, invoiceId = 'I1'): Promise<void> {
  await freshMachine(BillingMachine).run({ adapter }, async (wf) => {
    const draft = await wf.transitionTo('Draft', { Invoice: { invoiceId, total: 10 } });
    await draft.transitionTo('Sent');
  });
}

/** Commits invoice `invoiceId` in Paid with its payment `P-<invoiceId>`. */
export async function seedPaidInvoice(adapter: ORMAdapter, invoiceId = 'I1'): Promise<void> {
  await freshMachine(BillingMachine).run({ adapter }, async (wf) => {
    const draft = await wf.transitionTo('Draft', { Invoice: { invoiceId, total: 10 } });
    const sent = await draft.transitionTo('Sent');
    await sent.transitionTo('Paid', { Payment: { paymentId: `P-${invoiceId}`, amount: 10 } });
  });
}

// load({ retry }): a workflow that meets a conflict runs again in a fresh transaction, up to
// `attempts` runs; nothing of a failed run is left, afterCommit runs once for the run that
// committed, other errors are not retried, and the last conflict says how many runs were made.
import { expect, it } from 'vitest';
import { ConcurrentTransitionError, UsageError } from 'state-machine-framework';
import { describeEachDatabase, failureOf, logLines } from './support/contract-databases.js';
import { BillingMachine } from './support/billing.machine.gen.js';
import { freshMachine } from '../../support/fresh-machine.js';
import { seedDraftInvoice } from './support/billing-seeds.js';

/** Billing whose Sent hook meets a conflict on its first `conflicts` calls. */
function billingWithConflicts(conflicts: number, events: string[]) {
  const billing = freshMachine(BillingMachine);
  let calls = 0;
  billing.hook('Sent', async (instances, _context, meta) => {
    calls++;
    await meta.adapter.create('AuditEntry', { auditId: `try-${calls}`, text: 'sending' });
    if (calls <= conflicts) {
      throw new ConcurrentTransitionError(
        'Billing',
        'Invoice',
        instances.Invoice.invoiceId,
        'Draft',
        'Sent',
        'draft',
      );
    }
  });
  billing.afterCommit('Sent', () => void events.push(`afterCommit after ${calls} calls`));
  return billing;
}

const send = (billing: typeof BillingMachine, adapter: never, retry: unknown) =>
  billing.load({ adapter, id: 'I1', retry: retry as never }, async (wf) => {
    if (wf.is('Draft')) await wf.transitionTo('Sent');
  });

describeEachDatabase('load retry on conflict, on %s', (_name, open) => {
  it('runs again after a conflict and commits only the run that succeeded', async () => {
    const db = await open();
    await seedDraftInvoice(db.adapter);
    const events: string[] = [];
    const billing = billingWithConflicts(2, events);
    await send(billing, db.adapter as never, { attempts: 3, backoffMs: 0 });
    expect(events).toEqual(['afterCommit after 3 calls']);
    expect(await db.rows('AuditEntry')).toEqual([{ auditId: 'try-3', text: 'sending' }]);
    expect((await db.rows('Invoice'))[0]).toMatchObject({ status: 'sent', version: 2 });
    expect(await logLines(db)).toEqual(['Billing I1: (new) → Draft', 'Billing I1: Draft → Sent']);
  });

  it('gives up after the last attempt and says how many were made', async () => {
    const db = await open();
    await seedDraftInvoice(db.adapter);
    const events: string[] = [];
    const error = await failureOf(() =>
      send(billingWithConflicts(5, events), db.adapter as never, { attempts: 2, backoffMs: 1 }),
    );
    expect(error).toBeInstanceOf(ConcurrentTransitionError);
    expect((error as Error).message).toMatch(/\(gave up after 2 attempts\)$/);
    expect((error as { attempts?: number }).attempts).toBe(2);
    expect(events).toEqual([]);
    expect(await db.rows('AuditEntry')).toEqual([]);
    expect((await db.rows('Invoice'))[0]).toMatchObject({ status: 'draft', version: 1 });
  });

  it('does not retry other errors, and refuses a retry it cannot follow', async () => {
    const db = await open();
    await seedDraftInvoice(db.adapter);
    const billing = freshMachine(BillingMachine);
    let calls = 0;
    billing.validator('Sent', () => {
      calls++;
      throw new Error('not allowed');
    });
    await failureOf(() => send(billing, db.adapter as never, { attempts: 5, backoffMs: 0 }));
    expect(calls).toBe(1);
    for (const retry of [
      { attempts: 0 },
      { attempts: 1.5 },
      { attempts: 2, backoffMs: -1 },
      null,
    ]) {
      const refused = await failureOf(() => send(billing, db.adapter as never, retry));
      expect(refused).toBeInstanceOf(UsageError);
    }
    expect(calls).toBe(1);
  });
});

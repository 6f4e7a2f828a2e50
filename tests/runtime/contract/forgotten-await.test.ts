// run/load never commit while one of their transitions is in flight. The hook's write through
// meta.adapter and the transition log row land together with the state, or none do, and the failure
// of an un-awaited transition is run/load's rejection, never an unhandled one.
import { expect, it } from 'vitest';
import { HandlerError, type Row } from 'state-machine-framework';
import {
  describeEachDatabase,
  failureOf,
  logLines,
  unhandledRejectionsDuring,
} from './support/contract-databases.js';
import { BillingMachine } from './support/billing.machine.gen.js';
import { freshMachine } from '../../support/fresh-machine.js';
import { seedDraftInvoice } from './support/billing-seeds.js';

const nextMacrotask = () => new Promise((resolve) => setImmediate(resolve));

/** Billing with an async hook on Sent that writes an audit row through meta.adapter, then maybe fails. */
function billingWithAuditHook(options: { readonly failAfterWrite: boolean }, events: string[]) {
  const billing = freshMachine(BillingMachine);
  billing.hook('Sent', async function auditSending(instances, _context, meta) {
    await nextMacrotask();
    await meta.adapter.create('AuditEntry', {
      auditId: `sent-${instances.Invoice.invoiceId}`,
      text: 'invoice sent',
    });
    await nextMacrotask();
    events.push('hook finished');
    if (options.failAfterWrite) throw new Error('mail server down');
  });
  return billing;
}

describeEachDatabase('a forgotten await, on %s', (_name, open) => {
  it('run waits for the un-awaited transition and commits the state, the hook write and the log together', async () => {
    const db = await open();
    const events: string[] = [];
    const billing = billingWithAuditHook({ failAfterWrite: false }, events);

    const rejections = await unhandledRejectionsDuring(async () => {
      await billing.run({ adapter: db.adapter }, async (wf) => {
        const draft = await wf.transitionTo('Draft', { Invoice: { invoiceId: 'I1', total: 10 } });
        void draft.transitionTo('Sent');
        events.push('callback returned');
      });
      events.push('run resolved');
    });

    expect(rejections).toEqual([]);
    expect(events).toEqual(['callback returned', 'hook finished', 'run resolved']);
    expect(await db.rows('Invoice')).toEqual([
      { invoiceId: 'I1', status: 'sent', total: 10, version: 2 },
    ]);
    expect(await db.rows('AuditEntry')).toEqual([{ auditId: 'sent-I1', text: 'invoice sent' }]);
    expect(await logLines(db)).toEqual(['Billing I1: (new) → Draft', 'Billing I1: Draft → Sent']);
  });

  it('when the un-awaited transition fails, run rejects with its error and nothing of the workflow is committed', async () => {
    const db = await open();
    const events: string[] = [];
    const billing = billingWithAuditHook({ failAfterWrite: true }, events);
    let error: unknown;

    const rejections = await unhandledRejectionsDuring(async () => {
      error = await failureOf(() =>
        billing.run({ adapter: db.adapter }, async (wf) => {
          const draft = await wf.transitionTo('Draft', {
            Invoice: { invoiceId: 'I1', total: 10 },
          });
          void draft.transitionTo('Sent');
          events.push('callback returned');
        }),
      );
    });

    expect(rejections).toEqual([]);
    expect(error).toBeInstanceOf(HandlerError);
    expect((error as HandlerError).stage).toBe('hook');
    expect((error as Error).message).toBe(
      "Billing: hook handler 'auditSending' failed on Draft → Sent: mail server down",
    );
    expect(events).toEqual(['callback returned', 'hook finished']);
    expect(await db.rows('Invoice')).toEqual([]);
    expect(await db.rows('AuditEntry')).toEqual([]);
    expect(await db.transitionLog()).toEqual([]);
  });

  it('when the callback throws while a transition is in flight, it is waited for, then everything rolls back', async () => {
    const db = await open();
    const events: string[] = [];
    const billing = billingWithAuditHook({ failAfterWrite: false }, events);
    let error: unknown;

    const rejections = await unhandledRejectionsDuring(async () => {
      error = await failureOf(() =>
        billing.run({ adapter: db.adapter }, async (wf) => {
          const draft = await wf.transitionTo('Draft', {
            Invoice: { invoiceId: 'I1', total: 10 },
          });
          void draft.transitionTo('Sent');
          throw new Error('caller gave up');
        }),
      );
      events.push('run rejected');
    });

    expect(rejections).toEqual([]);
    expect((error as Error).message).toBe('caller gave up');
    expect(events).toEqual(['hook finished', 'run rejected']);
    expect(await db.rows('Invoice')).toEqual([]);
    expect(await db.rows('AuditEntry')).toEqual([]);
    expect(await db.transitionLog()).toEqual([]);
  });

  it('load: a failing un-awaited transition rolls the loaded workflow back, rows and log as before', async () => {
    const db = await open();
    await seedDraftInvoice(db.adapter);
    const invoicesBefore: Row[] = await db.rows('Invoice');
    const events: string[] = [];
    const billing = billingWithAuditHook({ failAfterWrite: true }, events);
    let error: unknown;

    const rejections = await unhandledRejectionsDuring(async () => {
      error = await failureOf(() =>
        billing.load({ adapter: db.adapter, id: 'I1' }, (wf) => {
          if (!wf.is('Draft')) throw new Error('expected Draft');
          void wf.transitionTo('Sent');
        }),
      );
    });

    expect(rejections).toEqual([]);
    expect(error).toBeInstanceOf(HandlerError);
    expect(events).toEqual(['hook finished']);
    expect(await db.rows('Invoice')).toEqual(invoicesBefore);
    expect(await db.rows('AuditEntry')).toEqual([]);
    expect(await logLines(db)).toEqual(['Billing I1: (new) → Draft']);
  });

  it('load: a succeeding un-awaited transition commits with its hook write and log row', async () => {
    const db = await open();
    await seedDraftInvoice(db.adapter);
    const billing = billingWithAuditHook({ failAfterWrite: false }, []);

    const rejections = await unhandledRejectionsDuring(() =>
      billing.load({ adapter: db.adapter, id: 'I1' }, (wf) => {
        if (!wf.is('Draft')) throw new Error('expected Draft');
        void wf.transitionTo('Sent');
      }),
    );

    expect(rejections).toEqual([]);
    expect((await db.rows('Invoice'))[0]).toMatchObject({ status: 'sent', version: 2 });
    expect(await db.rows('AuditEntry')).toEqual([{ auditId: 'sent-I1', text: 'invoice sent' }]);
    expect(await logLines(db)).toEqual(['Billing I1: (new) → Draft', 'Billing I1: Draft → Sent']);
  });

  it('a transition chained with .then on one that finished at once is waited for too, and its failure rolls back', async () => {
    const db = await open();
    const billing = billingWithAuditHook({ failAfterWrite: true }, []);
    let error: unknown;

    const rejections = await unhandledRejectionsDuring(async () => {
      error = await failureOf(() =>
        billing.run({ adapter: db.adapter }, (wf) => {
          void wf
            .transitionTo('Draft', { Invoice: { invoiceId: 'I1', total: 10 } })
            .then((draft) => draft.transitionTo('Sent'));
        }),
      );
    });

    // The caller's own floating chain rejects unhandled; the workflow itself reports the failure.
    expect(rejections).toHaveLength(1);
    expect(rejections[0]).toBe(error);
    expect(error).toBeInstanceOf(HandlerError);
    expect(await db.rows('Invoice')).toEqual([]);
    expect(await db.rows('AuditEntry')).toEqual([]);
    expect(await logLines(db)).toEqual([]);
  });

  it('a transition started after the callback returned, while another is in flight, is waited for', async () => {
    const db = await open();
    const billing = billingWithAuditHook({ failAfterWrite: true }, []);
    let error: unknown;

    const rejections = await unhandledRejectionsDuring(async () => {
      error = await failureOf(() =>
        billing.run({ adapter: db.adapter }, async (wf) => {
          const draft = await wf.transitionTo('Draft', { Invoice: { invoiceId: 'I1', total: 10 } });
          queueMicrotask(() => void draft.transitionTo('Sent'));
        }),
      );
    });

    expect(rejections).toEqual([]);
    expect(error).toBeInstanceOf(HandlerError);
    expect(await db.rows('Invoice')).toEqual([]);
    expect(await logLines(db)).toEqual([]);
  });

  it('a transition started once the workflow has closed is refused and changes nothing', async () => {
    const db = await open();
    const billing = freshMachine(BillingMachine);
    let late: Promise<unknown> | undefined;
    await billing.run({ adapter: db.adapter }, async (wf) => {
      const draft = await wf.transitionTo('Draft', { Invoice: { invoiceId: 'I1', total: 10 } });
      setTimeout(() => {
        late = draft.transitionTo('Sent');
        late.catch(() => undefined);
      }, 0);
    });
    await nextMacrotask();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await expect(late).rejects.toThrow('this workflow has finished');
    expect(await db.rows('Invoice')).toEqual([
      { invoiceId: 'I1', status: 'draft', total: 10, version: 1 },
    ]);
  });

  it('a failure only chained with .then (no rejection handler) counts as unhandled and rolls back', async () => {
    const db = await open();
    const billing = freshMachine(BillingMachine);
    billing.hook('Sent', () => {
      throw new Error('refused');
    });
    let error: unknown;
    const rejections = await unhandledRejectionsDuring(async () => {
      error = await failureOf(() =>
        billing.run({ adapter: db.adapter }, async (wf) => {
          const draft = await wf.transitionTo('Draft', { Invoice: { invoiceId: 'I1', total: 10 } });
          void draft.transitionTo('Sent').then(() => undefined);
          await nextMacrotask();
        }),
      );
    });
    expect(error).toBeInstanceOf(HandlerError);
    expect(rejections).toHaveLength(1);
    expect(await db.rows('Invoice')).toEqual([]);
  });
});

// afterCommit handlers of a workflow that joined a caller's transaction (a transaction handle, or
// meta.adapter inside another workflow's handler) run only after the outermost transaction commits,
// and never when it rolls back.
import { expect, it } from 'vitest';
import { HandlerError } from 'state-machine-framework';
import {
  describeEachDatabase,
  drainPendingWork,
  failureOf,
  logLines,
} from './support/contract-databases.js';
import { BillingMachine } from './support/billing.machine.gen.js';
import { freshMachine } from '../../support/fresh-machine.js';
import { CountingMachine } from './support/counter.machine.gen.js';

/** Billing whose Draft afterCommit records that it ran. */
function billingRecordingDraft(events: string[]) {
  const billing = freshMachine(BillingMachine);
  billing.afterCommit('Draft', function mailDraft(instances) {
    events.push(`afterCommit Draft ${instances.Invoice.invoiceId}`);
  });
  return billing;
}

/**
 * Billing whose Sent hook starts a Counting workflow on meta.adapter (job `J-<invoice>`), and
 * whose Counting machine records its Open afterCommit; `failLater` adds a Sent hook that throws
 * after that one.
 */
function billingStartingJobs(events: string[], options: { readonly failLater: boolean }) {
  const counting = freshMachine(CountingMachine);
  counting.afterCommit('Open', (instances) => {
    events.push(`afterCommit Open ${instances.Job.jobId}`);
  });
  const billing = freshMachine(BillingMachine);
  billing.hook('Sent', async function startJob(instances, _context, meta) {
    await counting.run({ adapter: meta.adapter }, (wf) =>
      wf.transitionTo('Open', { Job: { jobId: `J-${instances.Invoice.invoiceId}` } }),
    );
    events.push('nested run resolved');
  });
  if (options.failLater) {
    billing.hook(
      'Sent',
      function refuseLater() {
        throw new Error('refused after the job was started');
      },
      { order: 1 },
    );
  }
  billing.afterCommit('Sent', () => {
    events.push('afterCommit Sent');
  });
  return billing;
}

describeEachDatabase('afterCommit before the real commit, on %s', (_name, open) => {
  it('a run given a transaction handle runs its afterCommit after the outer commit, not when run resolves', async () => {
    const db = await open();
    const events: string[] = [];
    const billing = billingRecordingDraft(events);

    await db.adapter.transaction(async (tx) => {
      await billing.run({ adapter: tx }, (wf) =>
        wf.transitionTo('Draft', { Invoice: { invoiceId: 'I1', total: 10 } }),
      );
      events.push('run resolved inside the outer transaction');
    });
    events.push('outer transaction resolved');

    expect(events).toEqual([
      'run resolved inside the outer transaction',
      'afterCommit Draft I1',
      'outer transaction resolved',
    ]);
    expect((await db.rows('Invoice'))[0]).toMatchObject({ invoiceId: 'I1', status: 'draft' });
  });

  it('when the outer transaction rolls back after the run resolved, afterCommit never runs and no row is left', async () => {
    const db = await open();
    const events: string[] = [];
    const billing = billingRecordingDraft(events);

    const error = await failureOf(() =>
      db.adapter.transaction(async (tx) => {
        await billing.run({ adapter: tx }, (wf) =>
          wf.transitionTo('Draft', { Invoice: { invoiceId: 'I1', total: 10 } }),
        );
        throw new Error('outer work failed');
      }),
    );
    await drainPendingWork();

    expect((error as Error).message).toBe('outer work failed');
    expect(events).toEqual([]);
    expect(await db.rows('Invoice')).toEqual([]);
    expect(await db.transitionLog()).toEqual([]);
  });

  it('a workflow started in a hook with meta.adapter runs its afterCommit only once the outer workflow has committed', async () => {
    const db = await open();
    const events: string[] = [];
    const billing = billingStartingJobs(events, { failLater: false });

    await billing.run({ adapter: db.adapter }, async (wf) => {
      const draft = await wf.transitionTo('Draft', { Invoice: { invoiceId: 'I1', total: 10 } });
      await draft.transitionTo('Sent');
      events.push('outer callback done');
    });

    expect(events).toEqual([
      'nested run resolved',
      'outer callback done',
      'afterCommit Open J-I1',
      'afterCommit Sent',
    ]);
    expect(await db.rows('Job')).toEqual([{ jobId: 'J-I1', status: 'open' }]);
  });

  it('the outer workflow rolls back: the job started in its hook is gone and its afterCommit never runs', async () => {
    const db = await open();
    const events: string[] = [];
    const billing = billingStartingJobs(events, { failLater: false });

    const error = await failureOf(() =>
      billing.run({ adapter: db.adapter }, async (wf) => {
        const draft = await wf.transitionTo('Draft', { Invoice: { invoiceId: 'I1', total: 10 } });
        await draft.transitionTo('Sent');
        throw new Error('the outer workflow gives up');
      }),
    );
    await drainPendingWork();

    expect((error as Error).message).toBe('the outer workflow gives up');
    expect(events).toEqual(['nested run resolved']);
    expect(await db.rows('Job')).toEqual([]);
    expect(await db.rows('Invoice')).toEqual([]);
    expect(await db.transitionLog()).toEqual([]);
  });

  it('the hooking transition fails and the caller goes on: the nested job and its afterCommit go with the failed transition', async () => {
    const db = await open();
    const events: string[] = [];
    const billing = billingStartingJobs(events, { failLater: true });
    let transitionError: unknown;

    await billing.run({ adapter: db.adapter }, async (wf) => {
      const draft = await wf.transitionTo('Draft', { Invoice: { invoiceId: 'I1', total: 10 } });
      transitionError = await failureOf(() => draft.transitionTo('Sent'));
      events.push('outer callback done');
    });
    await drainPendingWork();

    expect(transitionError).toBeInstanceOf(HandlerError);
    expect(events).toEqual(['nested run resolved', 'outer callback done']);
    expect(await db.rows('Job')).toEqual([]);
    expect(await db.rows('Invoice')).toEqual([
      { invoiceId: 'I1', status: 'draft', total: 10, version: 1 },
    ]);
    expect(await logLines(db)).toEqual(['Billing I1: (new) → Draft']);
  });

  it("afterCommit's meta.adapter is the adapter that committed, usable for work of its own", async () => {
    const db = await open();
    const billing = freshMachine(BillingMachine);
    const seen: unknown[] = [];
    billing.afterCommit('Draft', async (instances, _context, meta) => {
      seen.push(meta.adapter === db.adapter);
      const row = await meta.adapter.get('Invoice', { invoiceId: instances.Invoice.invoiceId });
      seen.push(row['status']);
    });

    await db.adapter.transaction(async (tx) => {
      await billing.run({ adapter: tx }, (wf) =>
        wf.transitionTo('Draft', { Invoice: { invoiceId: 'I1', total: 10 } }),
      );
    });

    expect(seen).toEqual([true, 'draft']);
  });
});

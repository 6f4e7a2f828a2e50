// Every adapter reports the same failures with the same error classes: a missing row is
// ObjectNotFound, a repeated identifier UniqueViolationError (and the transaction can go on once
// the savepoint it failed in is undone), a compare-and-set that matches no row
// ConcurrentTransitionError — and a failed workflow leaves nothing behind.
import { expect, it } from 'vitest';
import {
  ConcurrentTransitionError,
  ObjectNotFound,
  UniqueViolationError,
} from 'state-machine-framework';
import { failureOf, logLines } from '../runtime/contract/support/contract-databases.js';
import { BillingMachine } from '../runtime/contract/support/billing.machine.gen.js';
import { freshMachine } from '../support/fresh-machine.js';
import { CountingMachine } from '../runtime/contract/support/counter.machine.gen.js';
import { seedDraftInvoice } from '../runtime/contract/support/billing-seeds.js';
import { describeEachDatabase } from './registry.js';

const item = (itemId: string, qty = 1) => ({ itemId, kind: 'tool', label: null, qty });

describeEachDatabase('typed errors on %s', (_name, open) => {
  it('load of an identifier with no row is ObjectNotFound, attributed to the machine', async () => {
    const db = await open();
    let ran = false;
    const error = await failureOf(() =>
      freshMachine(BillingMachine).load({ adapter: db.adapter, id: 'missing' }, () => {
        ran = true;
      }),
    );
    expect(error).toBeInstanceOf(ObjectNotFound);
    expect(error).toMatchObject({ model: 'Invoice', machine: 'Billing' });
    expect(ran).toBe(false);
  });

  it('a repeated identifier is UniqueViolationError naming the model; the first row stays', async () => {
    const db = await open();
    await db.adapter.create('Item', item('A', 1));
    const error = await failureOf(() => db.adapter.create('Item', item('A', 2)));
    expect(error).toBeInstanceOf(UniqueViolationError);
    expect((error as UniqueViolationError).model).toBe('Item');
    expect(await db.rows('Item')).toEqual([item('A', 1)]);
  });

  it('an update that would repeat an identifier is UniqueViolationError too, and changes nothing', async () => {
    const db = await open();
    await db.adapter.create('Item', item('A', 1));
    await db.adapter.create('Item', item('B', 2));
    const error = await failureOf(() =>
      db.adapter.update('Item', { itemId: 'B' }, { itemId: 'A' }),
    );
    expect(error).toBeInstanceOf(UniqueViolationError);
    expect((error as UniqueViolationError).model).toBe('Item');
    expect(await db.rows('Item')).toEqual([item('A', 1), item('B', 2)]);
  });

  it('a unique violation inside a savepoint undoes the savepoint only; the transaction commits the rest', async () => {
    const db = await open();
    await db.adapter.create('Item', item('A'));
    await db.adapter.transaction(async (tx) => {
      await tx.create('Item', item('B'));
      const error = await failureOf(() =>
        tx.transaction(async (nested) => {
          await nested.create('Item', item('C'));
          await nested.create('Item', item('A', 5));
        }),
      );
      expect(error).toBeInstanceOf(UniqueViolationError);
      await tx.create('Item', item('D'));
    });
    expect((await db.rows('Item')).map((row) => row['itemId'])).toEqual(['A', 'B', 'D']);
  });

  it('a transition whose hook hits a unique violation fails alone with it; the workflow goes on and commits', async () => {
    const db = await open();
    await db.adapter.create('AuditEntry', { auditId: 'taken', text: 'seed' });
    const billing = freshMachine(BillingMachine);
    billing.hook('Sent', async function audit(_instances, _context, meta) {
      await meta.adapter.create('AuditEntry', { auditId: 'sent', text: 'written, then undone' });
      await meta.adapter.create('AuditEntry', { auditId: 'taken', text: 'clash' });
    });
    let transitionError: unknown;
    await billing.run({ adapter: db.adapter }, async (wf) => {
      const draft = await wf.transitionTo('Draft', { Invoice: { invoiceId: 'I1', total: 10 } });
      transitionError = await failureOf(() => draft.transitionTo('Sent'));
      await draft.transitionTo('Void');
    });
    // An adapter's typed error reaches the caller as it is, attributed to the machine.
    expect(transitionError).toBeInstanceOf(UniqueViolationError);
    expect(transitionError).toMatchObject({ model: 'AuditEntry', machine: 'Billing' });
    expect(await db.rows('AuditEntry')).toEqual([{ auditId: 'taken', text: 'seed' }]);
    expect(await db.rows('Invoice')).toEqual([
      { invoiceId: 'I1', status: 'void', total: 10, version: 2 },
    ]);
    expect(await logLines(db)).toEqual(['Billing I1: (new) → Draft', 'Billing I1: Draft → Void']);
  });

  it('a compare-and-set that matches no row (the version moved under the workflow) is ConcurrentTransitionError', async () => {
    const db = await open();
    await seedDraftInvoice(db.adapter);
    const billing = freshMachine(BillingMachine);
    billing.preTransition('Sent', async function bumpBehindItsBack(_data, _context, meta) {
      await meta.adapter.update('Invoice', { invoiceId: 'I1' }, { version: 7 });
    });
    const error = await failureOf(() =>
      billing.load({ adapter: db.adapter, id: 'I1' }, async (wf) => {
        if (wf.is('Draft')) await wf.transitionTo('Sent');
      }),
    );
    expect(error).toBeInstanceOf(ConcurrentTransitionError);
    expect(error).toMatchObject({ model: 'Invoice', id: 'I1', from: 'Draft', to: 'Sent' });
    expect(await db.rows('Invoice')).toEqual([
      { invoiceId: 'I1', status: 'draft', total: 10, version: 1 },
    ]);
    expect(await logLines(db)).toEqual(['Billing I1: (new) → Draft']);
  });

  it('a compare-and-set on the state field alone (no versionField) misses too when the state moved', async () => {
    const db = await open();
    const counting = freshMachine(CountingMachine);
    await counting.run({ adapter: db.adapter }, (wf) =>
      wf.transitionTo('Open', { Job: { jobId: 'J1' } }),
    );
    counting.preTransition('Closed', async function closeBehindItsBack(_data, _context, meta) {
      await meta.adapter.update('Job', { jobId: 'J1' }, { status: 'idle' });
    });
    const error = await failureOf(() =>
      counting.load({ adapter: db.adapter, id: 'J1' }, async (wf) => {
        if (wf.is('Open')) await wf.transitionTo('Closed');
      }),
    );
    expect(error).toBeInstanceOf(ConcurrentTransitionError);
    expect(error).toMatchObject({ model: 'Job', id: 'J1', from: 'Open', to: 'Closed' });
    expect(await db.rows('Job')).toEqual([{ jobId: 'J1', status: 'open' }]);
  });
});

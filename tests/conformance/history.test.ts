// The persisted transition log and Machine.history on every adapter: each entity's steps are
// numbered 1…N across every workflow that moved it, with the metadata its caller passed and each
// handler's result; a step that rolled back is neither logged nor numbered.
import { expect, it } from 'vitest';
import type { ORMAdapter } from 'state-machine-framework';
import { failureOf } from '../runtime/contract/support/contract-databases.js';
import { BillingMachine } from '../runtime/contract/support/billing.machine.gen.js';
import { freshMachine } from '../support/fresh-machine.js';
import { CountingMachine } from '../runtime/contract/support/counter.machine.gen.js';
import { describeEachDatabase } from './registry.js';

/** Billing whose Sent hook and Paid validator return results the log keeps. */
function billingWithResults() {
  const billing = freshMachine(BillingMachine);
  billing.hook('Sent', function stamp(instances) {
    return { invoice: instances.Invoice.invoiceId, tags: ['a', 'b'], nested: { n: 1.5 } };
  });
  billing.validator('Paid', function check() {
    return 'paid ok';
  });
  return billing;
}

/** I1 through three workflows (Draft; Sent; Paid → Refunded), with metadata on some steps. */
async function moveInvoiceThroughThreeWorkflows(adapter: ORMAdapter, invoiceId = 'I1') {
  const billing = billingWithResults();
  await billing.run({ adapter }, (wf) =>
    wf.transitionTo('Draft', { Invoice: { invoiceId, total: 10 } }, { metadata: { by: 'ann' } }),
  );
  await billing.load({ adapter, id: invoiceId }, async (wf) => {
    if (!wf.is('Draft')) throw new Error(`expected Draft, got ${wf.state}`);
    await wf.transitionTo('Sent', undefined, {
      metadata: { by: 'bob', reason: 'approved', ticket: 42 },
    });
  });
  await billing.load({ adapter, id: invoiceId }, async (wf) => {
    if (!wf.is('Sent')) throw new Error(`expected Sent, got ${wf.state}`);
    const paid = await wf.transitionTo('Paid', {
      Payment: { paymentId: `P-${invoiceId}`, amount: 10 },
    });
    await paid.transitionTo('Refunded', undefined, {
      metadata: { by: 'cy', nested: { list: [1, 2] } },
    });
  });
}

/** Logs one step of entity E1 of a machine no definition describes, straight through the handle. */
const recordStep = (tx: ORMAdapter, from: string | null, to: string) =>
  tx.recordTransition!({
    machine: 'Manual',
    entityId: 'E1',
    from,
    to,
    at: new Date('2024-05-01T10:00:00.000Z'),
    results: {},
    metadata: { step: to },
  });

describeEachDatabase('transition log and history on %s', (_name, open) => {
  it('numbers one entity’s steps 1…N across several workflows, with metadata and results', async () => {
    const db = await open();
    await moveInvoiceThroughThreeWorkflows(db.adapter);

    const history = await freshMachine(BillingMachine).history({ adapter: db.adapter, id: 'I1' });
    expect(history.map(({ seq, from, to, metadata }) => ({ seq, from, to, metadata }))).toEqual([
      { seq: 1, from: null, to: 'Draft', metadata: { by: 'ann' } },
      {
        seq: 2,
        from: 'Draft',
        to: 'Sent',
        metadata: { by: 'bob', reason: 'approved', ticket: 42 },
      },
      { seq: 3, from: 'Sent', to: 'Paid', metadata: {} },
      { seq: 4, from: 'Paid', to: 'Refunded', metadata: { by: 'cy', nested: { list: [1, 2] } } },
    ]);
    expect(history[1]?.results).toEqual({
      stamp: { invoice: 'I1', tags: ['a', 'b'], nested: { n: 1.5 } },
    });
    expect(history[2]?.results).toEqual({ check: 'paid ok' });
    expect(history.every((entry) => entry.at instanceof Date)).toBe(true);
    expect(await db.rows('Invoice')).toEqual([
      { invoiceId: 'I1', status: 'refunded', total: 10, version: 4 },
    ]);
  });

  it('logs each step at the time the workflow recorded for it', async () => {
    const db = await open();
    const billing = freshMachine(BillingMachine);
    const recorded = await billing.run({ adapter: db.adapter }, async (wf) => {
      const draft = await wf.transitionTo('Draft', { Invoice: { invoiceId: 'I1', total: 10 } });
      await draft.transitionTo('Sent');
      return wf.history.map((entry) => entry.at.toISOString());
    });
    const history = await billing.history({ adapter: db.adapter, id: 'I1' });
    expect(history.map((entry) => entry.at.toISOString())).toEqual(recorded);
  });

  it('keeps each entity’s numbering, and each machine’s, apart', async () => {
    const db = await open();
    await moveInvoiceThroughThreeWorkflows(db.adapter, 'X1');
    await moveInvoiceThroughThreeWorkflows(db.adapter, 'I2');
    await freshMachine(CountingMachine).run({ adapter: db.adapter }, async (wf) => {
      const opened = await wf.transitionTo('Open', { Job: { jobId: 'X1' } });
      await opened.transitionTo('Closed');
    });

    const billing = freshMachine(BillingMachine);
    const seqs = async (id: string) =>
      (await billing.history({ adapter: db.adapter, id })).map((e) => `${e.seq} ${e.to}`);
    expect(await seqs('X1')).toEqual(['1 Draft', '2 Sent', '3 Paid', '4 Refunded']);
    expect(await seqs('I2')).toEqual(['1 Draft', '2 Sent', '3 Paid', '4 Refunded']);
    const counting = await freshMachine(CountingMachine).history({ adapter: db.adapter, id: 'X1' });
    expect(counting.map((e) => `${e.seq} ${e.to}`)).toEqual(['1 Open', '2 Closed']);
    expect(await billing.history({ adapter: db.adapter, id: 'nobody' })).toEqual([]);
  });

  it('a step that rolled back is neither logged nor numbered; the next one takes its number', async () => {
    const db = await open();
    const billing = freshMachine(BillingMachine);
    let refuse = true;
    billing.hook('Sent', function maybeRefuse() {
      if (refuse) throw new Error('not yet');
    });
    await billing.run({ adapter: db.adapter }, async (wf) => {
      const draft = await wf.transitionTo('Draft', { Invoice: { invoiceId: 'I1', total: 10 } });
      await failureOf(() => draft.transitionTo('Sent', undefined, { metadata: { try: 1 } }));
      refuse = false;
      await draft.transitionTo('Sent', undefined, { metadata: { try: 2 } });
    });
    await failureOf(() =>
      billing.load({ adapter: db.adapter, id: 'I1' }, async (wf) => {
        if (wf.is('Sent')) await wf.transitionTo('Void');
        throw new Error('the caller gives up after Void');
      }),
    );

    const history = await billing.history({ adapter: db.adapter, id: 'I1' });
    expect(history.map(({ seq, to, metadata }) => ({ seq, to, metadata }))).toEqual([
      { seq: 1, to: 'Draft', metadata: {} },
      { seq: 2, to: 'Sent', metadata: { try: 2 } },
    ]);
  });

  it('readTransitions gives the adapter’s entries: machine, entity, seq, states, at, results, metadata', async () => {
    const db = await open();
    await moveInvoiceThroughThreeWorkflows(db.adapter);
    expect(db.adapter.readTransitions).toBeTypeOf('function');
    const entries = await db.adapter.readTransitions!('Billing', 'I1');
    expect(entries.map((e) => [e.machine, String(e.entityId), e.seq, e.from, e.to])).toEqual([
      ['Billing', 'I1', 1, null, 'Draft'],
      ['Billing', 'I1', 2, 'Draft', 'Sent'],
      ['Billing', 'I1', 3, 'Sent', 'Paid'],
      ['Billing', 'I1', 4, 'Paid', 'Refunded'],
    ]);
    expect(entries[1]?.metadata).toEqual({ by: 'bob', reason: 'approved', ticket: 42 });
    expect(await db.adapter.readTransitions!('Other', 'I1')).toEqual([]);
    expect((await db.transitionLog()).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });

  it('recordTransition on a transaction handle returns each step’s number', async () => {
    const db = await open();
    const seqs = await db.adapter.transaction(async (tx) => [
      await recordStep(tx, null, 'A'),
      await recordStep(tx, 'A', 'B'),
    ]);
    expect(seqs).toEqual([1, 2]);
    expect(await db.adapter.transaction((tx) => recordStep(tx, 'B', 'C'))).toBe(3);
    const entries = await db.adapter.readTransitions!('Manual', 'E1');
    expect(entries.map((e) => [e.seq, e.to, e.metadata])).toEqual([
      [1, 'A', { step: 'A' }],
      [2, 'B', { step: 'B' }],
      [3, 'C', { step: 'C' }],
    ]);
    expect(entries[0]?.at).toEqual(new Date('2024-05-01T10:00:00.000Z'));
  });

  it('handler results are logged as JSON gives them back (a Date as its ISO text)', async () => {
    const db = await open();
    const billing = freshMachine(BillingMachine);
    billing.hook('Draft', function when() {
      return { at: new Date('2024-05-01T10:00:00.000Z'), count: 3 };
    });
    await billing.run({ adapter: db.adapter }, (wf) =>
      wf.transitionTo('Draft', { Invoice: { invoiceId: 'I1', total: 10 } }),
    );
    const [entry] = await billing.history({ adapter: db.adapter, id: 'I1' });
    expect(entry?.results).toEqual({ when: { at: '2024-05-01T10:00:00.000Z', count: 3 } });
  });
});

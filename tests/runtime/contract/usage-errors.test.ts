// Unclear or untyped errors become typed errors that say what to do — UsageError for bad run/load
// arguments, UniqueViolationError for a repeated identifier, ContextValidationError for an
// instanceOf row without its identifier or a NaN number, and an ObjectNotFound that names the
// machine.
import { expect, it } from 'vitest';
import {
  ContextValidationError,
  ObjectNotFound,
  StateMachineError,
  UniqueViolationError,
  UsageError,
} from 'state-machine-framework';
import { describeEachDatabase, failureOf, logLines } from './support/contract-databases.js';
import { BillingMachine } from './support/billing.machine.gen.js';
import type { Counter } from './support/models.js';
import { freshMachine } from '../../support/fresh-machine.js';
import { CountingMachine } from './support/counter.machine.gen.js';
import { freshCounting } from './support/counting-machine.js';
import { seedDraftInvoice } from './support/billing-seeds.js';

const fn = () => undefined;

describeEachDatabase('typed errors, on %s', (_name, open) => {
  it('run and load without options, adapter or callback fail with UsageError, not TypeError', async () => {
    const db = await open();
    const billing = freshMachine(BillingMachine);
    const calls: (() => unknown)[] = [
      () => billing.run(undefined as never, fn),
      () => billing.run({ adapter: null } as never, fn),
      () => billing.run({ adapter: db.adapter }, undefined as never),
      () => billing.load(undefined as never, fn),
      () => billing.load({ adapter: undefined, id: 'I1' } as never, fn),
      () => billing.load({ adapter: db.adapter, id: 'I1' }, undefined as never),
    ];

    const errors = [];
    for (const call of calls) errors.push(await failureOf(call));

    for (const error of errors) {
      expect(error).toBeInstanceOf(UsageError);
      expect(error).toBeInstanceOf(StateMachineError);
      expect((error as Error).message).toMatch(/^Billing\.(run|load)/);
    }
    expect((errors[1] as Error).message).toContain('options.adapter must be an ORMAdapter');
    expect((errors[2] as Error).message).toContain(
      'the second argument must be the workflow callback',
    );
  });

  it('load with id null or undefined is a UsageError, even when a row without an id could match', async () => {
    const db = await open();
    // Memory and SQLite (TEXT PRIMARY KEY) take a row without an id; a server's primary key not.
    await db.adapter
      .create('Invoice', { invoiceId: null, status: 'draft', total: 1, version: 1 })
      .catch(() => undefined);
    let callbacks = 0;

    for (const id of [null, undefined]) {
      const error = await failureOf(() =>
        freshMachine(BillingMachine).load({ adapter: db.adapter, id }, () => void callbacks++),
      );
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toBe(
        `Billing.load: options.id must be the Invoice's invoiceId, got ${String(id)}`,
      );
    }
    expect(callbacks).toBe(0);
  });

  it('a repeated identifier is a UniqueViolationError naming the model, and the second workflow rolls back', async () => {
    const db = await open();
    await seedDraftInvoice(db.adapter);

    const error = await failureOf(() =>
      freshMachine(BillingMachine).run({ adapter: db.adapter }, (wf) =>
        wf.transitionTo('Draft', { Invoice: { invoiceId: 'I1', total: 99 } }),
      ),
    );

    expect(error).toBeInstanceOf(UniqueViolationError);
    expect((error as UniqueViolationError).model).toBe('Invoice');
    expect((error as UniqueViolationError).fields).toEqual({ invoiceId: 'I1' });
    expect((error as Error).message).toContain('already exists');
    expect(await db.rows('Invoice')).toEqual([
      { invoiceId: 'I1', status: 'draft', total: 10, version: 1 },
    ]);
    expect(await logLines(db)).toEqual(['Billing I1: (new) → Draft']);
  });

  it('an instanceOf row without its identifier is a ContextValidationError, not a ConcurrentTransitionError', async () => {
    const db = await open();
    const counter = {
      phase: 'counting',
      count: 0,
      version: null,
      meta: null,
    } as unknown as Counter;

    const error = await failureOf(() =>
      freshMachine(CountingMachine).run({ adapter: db.adapter, context: { counter } }, (wf) =>
        wf.transitionTo('Open', { Job: { jobId: 'J1' } }),
      ),
    );

    expect(error).toBeInstanceOf(ContextValidationError);
    expect((error as Error).message).toBe(
      'Counting: invalid workflow context: counter: the Counter row has no identifier (Counter.counterId is undefined); pass the row as the database holds it',
    );
    expect(await db.rows('Job')).toEqual([]);
  });

  it('a number context value that is NaN is a ContextValidationError, on run and on load', async () => {
    const db = await open();
    await seedDraftInvoice(db.adapter);
    const billing = freshMachine(BillingMachine);

    const errors = [
      await failureOf(() =>
        billing.run({ adapter: db.adapter, context: { copies: Number.NaN } }, () => undefined),
      ),
      await failureOf(() =>
        billing.load(
          { adapter: db.adapter, id: 'I1', context: { copies: Number.NaN } },
          () => undefined,
        ),
      ),
    ];

    for (const error of errors) {
      expect(error).toBeInstanceOf(ContextValidationError);
      expect((error as Error).message).toBe(
        'Billing: invalid workflow context: copies: expected a number, got NaN',
      );
    }
  });

  it('ObjectNotFound from load names the machine', async () => {
    const db = await open();

    const error = await failureOf(() =>
      freshMachine(BillingMachine).load({ adapter: db.adapter, id: 'nope' }, () => undefined),
    );

    expect(error).toBeInstanceOf(ObjectNotFound);
    expect((error as ObjectNotFound).machine).toBe('Billing');
    expect((error as Error).message).toBe('Billing: Invoice not found: {"invoiceId":"nope"}');
  });

  it('a row handed in without its version (the model has a versionField) is refused before anything is read', async () => {
    const db = await open();
    const counting = freshCounting({ versioned: true });
    const noVersion = await failureOf(() =>
      counting.run(
        { adapter: db.adapter, context: { counter: { counterId: 'C1', count: 0 } as never } },
        () => undefined,
      ),
    );
    expect(noVersion).toBeInstanceOf(ContextValidationError);
    expect((noVersion as Error).message).toBe(
      'Counting: invalid workflow context: counter: the Counter row has no version (Counter.version is undefined); pass the row as the database holds it',
    );
  });
});

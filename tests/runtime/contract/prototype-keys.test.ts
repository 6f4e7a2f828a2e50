// User keys are looked up as own properties only — names such as constructor, toString and
// __proto__ are unknown context entries, models, states — and nothing is written.
import { expect, it } from 'vitest';
import {
  ContextValidationError,
  TransitionError,
  UsageError,
  type ContextIssue,
} from 'state-machine-framework';
import { describeEachDatabase, failureOf } from './support/contract-databases.js';
import { BillingMachine, type BillingContextInput } from './support/billing.machine.gen.js';
import { freshMachine } from '../../support/fresh-machine.js';
import { seedDraftInvoice } from './support/billing-seeds.js';

type AnyTarget = { transitionTo(to: string, data?: unknown): Promise<unknown> };

/** Valid data for I1 plus fields under `model`, which the types would refuse. */
const dataUnder = (model: string) =>
  ({ Invoice: { invoiceId: 'I1', total: 10 }, [model]: { total: 99 } }) as never;

describeEachDatabase('prototype keys, on %s', (_name, open) => {
  it('constructor, toString and __proto__ are unknown context entries, on run and on load', async () => {
    const db = await open();
    await seedDraftInvoice(db.adapter);
    const context = JSON.parse(
      '{"constructor": 1, "toString": "x", "__proto__": { "copies": 2 }}',
    ) as BillingContextInput;
    expect(Object.keys(context)).toEqual(['constructor', 'toString', '__proto__']);
    const billing = freshMachine(BillingMachine);
    let callbacks = 0;

    const errors = [
      await failureOf(() => billing.run({ adapter: db.adapter, context }, () => void callbacks++)),
      await failureOf(() =>
        billing.load({ adapter: db.adapter, id: 'I1', context }, () => void callbacks++),
      ),
    ];

    for (const error of errors) {
      expect(error).toBeInstanceOf(ContextValidationError);
      const issues = (error as ContextValidationError).issues;
      expect(issues.map((issue: ContextIssue) => issue.key)).toEqual([
        'constructor',
        'toString',
        '__proto__',
      ]);
      for (const issue of issues)
        expect(issue.message).toMatch(/^is not a context entry of Billing/);
    }
    expect(callbacks).toBe(0);
  });

  it('transition data under toString or an unknown model is a UsageError, and nothing is written', async () => {
    const db = await open();
    const billing = freshMachine(BillingMachine);
    const errors: unknown[] = [];

    await billing.run({ adapter: db.adapter }, async (wf) => {
      errors.push(await failureOf(() => wf.transitionTo('Draft', dataUnder('toString'))));
      errors.push(await failureOf(() => wf.transitionTo('Draft', dataUnder('Nope'))));
      await wf.transitionTo('Draft', { Invoice: { invoiceId: 'I1', total: 10 } });
    });

    expect(errors.map((error) => error instanceof UsageError)).toEqual([true, true]);
    expect((errors[0] as Error).message).toBe(
      "Billing: transition data for 'Draft' names 'toString', which is not a model of Billing (models: Invoice, Payment)",
    );
    expect((errors[1] as Error).message).toContain("names 'Nope', which is not a model of Billing");
    expect(await db.rows('Invoice')).toEqual([
      { invoiceId: 'I1', status: 'draft', total: 10, version: 1 },
    ]);
  });

  it("registering a handler on state 'constructor' is a UsageError", () => {
    const billing = freshMachine(BillingMachine);
    const constructorState = 'constructor' as 'Draft';
    const registrations = [
      () => billing.hook(constructorState, () => undefined),
      () => billing.preTransition(constructorState, () => undefined),
      () => billing.transition(constructorState, () => undefined),
      () => billing.afterCommit(constructorState, () => undefined),
      () => billing.state(constructorState, { hooks: [() => undefined] }),
    ];

    for (const register of registrations) {
      expect(register).toThrow(UsageError);
      expect(register).toThrow(/cannot register a \w+ handler on unknown state 'constructor'/);
    }
  });

  it("transitionTo('constructor') is a TransitionError (no such state), for a fresh and a loaded workflow", async () => {
    const db = await open();
    await seedDraftInvoice(db.adapter);
    const billing = freshMachine(BillingMachine);

    const fresh = await failureOf(() =>
      billing.run({ adapter: db.adapter }, (wf) =>
        (wf as unknown as AnyTarget).transitionTo('constructor'),
      ),
    );
    const loaded = await failureOf(() =>
      billing.load({ adapter: db.adapter, id: 'I1' }, (wf) =>
        (wf as unknown as AnyTarget).transitionTo('constructor'),
      ),
    );

    for (const error of [fresh, loaded]) {
      expect(error).toBeInstanceOf(TransitionError);
      expect((error as TransitionError).to).toBe('constructor');
    }
    expect((loaded as TransitionError).from).toBe('Draft');
    expect(await db.rows('Invoice')).toEqual([
      { invoiceId: 'I1', status: 'draft', total: 10, version: 1 },
    ]);
  });
});

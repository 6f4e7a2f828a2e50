// A call on the adapter itself (not meta.adapter / the handle) from anywhere a transaction's
// callback continues — after an await, in a timer, in a savepoint, in a hook — fails at once with
// AdapterReentryError, on every server adapter and on the SQLite paths of Kysely and Drizzle.
// Otherwise it would wait for ever for a connection its own transaction holds (a pool of one),
// wait for ever for a row its own transaction locked, or commit a write outside the transaction
// that survives its rollback. Once the transaction has ended (afterCommit handlers, onCommit
// callbacks, work it left running), the adapter is free again.
import { describe, expect, it } from 'vitest';
import { AdapterReentryError, type ORMAdapter } from 'state-machine-framework';
import { freshMachine } from '../support/fresh-machine.js';
import { serverAvailable } from '../support/servers.js';
import { JobsMachine } from './jobs/jobs.machine.gen.js';
import { REENTRY_FIXTURES, type ReentryFixture } from './reentry-fixtures.js';

let serial = 0;
const newId = () => `J${serial++}`;

/** A job in state A, committed. */
async function openJob(adapter: ORMAdapter): Promise<string> {
  const id = newId();
  await freshMachine(JobsMachine).run({ adapter }, (wf) =>
    wf.transitionTo('A', { Job: { jobId: id } }),
  );
  return id;
}

const status = async (adapter: ORMAdapter, jobId: string) =>
  (await adapter.get('Job', { jobId }))['status'];

/**
 * 'refused' for the refusal of a call on the adapter itself (not a wait that gave up after
 * lockTimeout), else the outcome as it is, for the failure message.
 */
const refusal = (outcome: unknown): unknown =>
  outcome instanceof AdapterReentryError &&
  /called on the adapter itself from inside one of its own transactions/.test(outcome.message)
    ? 'refused'
    : outcome;

const caught = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => 'resolved',
    (error: unknown) => error,
  );

const describeFixture = (fixture: ReentryFixture, body: () => void) =>
  describe.skipIf(fixture.server !== undefined && !serverAvailable(fixture.server))(
    `${fixture.name}`,
    () => {
      body();
    },
  );

for (const fixture of REENTRY_FIXTURES) {
  // SQLite has one connection whatever the pool: one size is enough there.
  const poolSizes = fixture.server === undefined ? [1] : [1, 4];

  describeFixture(fixture, () => {
    for (const max of poolSizes) {
      it(`a hook reading through the adapter itself after an await is refused (pool of ${max})`, async () => {
        const { adapter } = (await fixture.open()).make(max);
        const id = await openJob(adapter);
        const machine = freshMachine(JobsMachine);
        machine.hook('B', async () => {
          await Promise.resolve();
          await adapter.get('Job', { jobId: id });
        });
        expect(
          refusal(await caught(machine.load({ adapter, id }, (wf) => wf.transitionTo('B')))),
        ).toBe('refused');
        expect(await status(adapter, id)).toBe('a');
      });

      it(`a hook writing the row its transition locked, through the adapter itself after a timer, is refused (pool of ${max})`, async () => {
        const { adapter } = (await fixture.open()).make(max);
        const id = await openJob(adapter);
        const machine = freshMachine(JobsMachine);
        machine.hook('B', async () => {
          await new Promise((resolve) => setTimeout(resolve, 1));
          await adapter.update('Job', { jobId: id }, { status: 'a' });
        });
        expect(
          refusal(await caught(machine.load({ adapter, id }, (wf) => wf.transitionTo('B')))),
        ).toBe('refused');
        expect(await status(adapter, id)).toBe('a');
      });
    }

    it('a write through the adapter itself after an await is refused: nothing survives the rollback', async () => {
      const { adapter } = (await fixture.open()).make(4);
      const id = newId();
      const machine = freshMachine(JobsMachine);
      let refused: unknown;
      machine.hook('A', async () => {
        await Promise.resolve();
        refused = await caught(adapter.create('Job', { jobId: `${id}-side`, status: 'a' }));
        throw new Error('the transition fails after the write');
      });
      await expect(
        machine.run({ adapter }, (wf) => wf.transitionTo('A', { Job: { jobId: id } })),
      ).rejects.toThrow('the transition fails after the write');
      expect(refusal(refused)).toBe('refused');
      expect(await adapter.filter('Job', {})).toEqual([]);
    });

    it('in a savepoint after an await, and in a timer the transaction started, the adapter itself is refused', async () => {
      const { adapter } = (await fixture.open()).make(4);
      const id = await openJob(adapter);
      const [inSavepoint, inTimer] = await adapter.transaction(async (tx) => {
        const fromSavepoint = await tx.transaction(async (inner) => {
          await inner.get('Job', { jobId: id });
          const error = await caught(adapter.filter('Job', {}));
          await inner.update('Job', { jobId: id }, { status: 'b' });
          return error;
        });
        const fromTimer = await new Promise<unknown>((resolve) => {
          setTimeout(() => resolve(caught(adapter.transaction(async () => 1))), 0);
        });
        return [fromSavepoint, fromTimer];
      });
      expect(refusal(inSavepoint)).toBe('refused');
      expect(refusal(inTimer)).toBe('refused');
      expect(await status(adapter, id)).toBe('b');
    });

    it('afterCommit handlers and onCommit callbacks use the adapter itself freely (pool of 1)', async () => {
      const { adapter } = (await fixture.open()).make(1);
      const id = await openJob(adapter);
      const machine = freshMachine(JobsMachine);
      const seen: unknown[] = [];
      machine.afterCommit('B', async (_instances, _context, meta) => {
        await Promise.resolve();
        seen.push(await status(adapter, id));
        await adapter.update('Job', { jobId: id }, { status: 'a' });
        seen.push(await status(meta.adapter, id));
      });
      await machine.load({ adapter, id }, (wf) => wf.transitionTo('B'));
      expect(seen).toEqual(['b', 'a']);

      await adapter.transaction(async (tx) => {
        tx.onCommit!(async () => {
          await Promise.resolve();
          seen.push(await status(adapter, id));
        });
        await tx.update('Job', { jobId: id }, { status: 'b' });
      });
      expect(seen).toEqual(['b', 'a', 'b']);
    });

    it("a workflow in the caller's transaction: its afterCommit handler uses the adapter itself after the outer COMMIT (pool of 1)", async () => {
      const { adapter } = (await fixture.open()).make(1);
      const id = await openJob(adapter);
      const machine = freshMachine(JobsMachine);
      const seen: unknown[] = [];
      machine.afterCommit('B', async () => {
        await Promise.resolve();
        seen.push(await status(adapter, id));
      });
      await adapter.transaction(async (tx) => {
        await machine.load({ adapter: tx, id }, (wf) => wf.transitionTo('B'));
        expect(seen).toEqual([]);
      });
      expect(seen).toEqual(['b']);
    });

    it('a workflow started on meta.adapter from a hook, after an await, runs in the transition', async () => {
      const { adapter } = (await fixture.open()).make(1);
      const id = await openJob(adapter);
      const machine = freshMachine(JobsMachine);
      machine.hook('B', async (_instances, _context, meta) => {
        await Promise.resolve();
        await freshMachine(JobsMachine).run({ adapter: meta.adapter }, (wf) =>
          wf.transitionTo('A', { Job: { jobId: `${id}-child` } }),
        );
      });
      await machine.load({ adapter, id }, (wf) => wf.transitionTo('B'));
      expect(await status(adapter, `${id}-child`)).toBe('a');
      expect(await status(adapter, id)).toBe('b');
    });

    it('work the transaction left running uses the adapter itself once the transaction has ended', async () => {
      const { adapter } = (await fixture.open()).make(1);
      const id = await openJob(adapter);
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let leftOver: Promise<unknown> | undefined;
      await adapter.transaction(async (tx) => {
        leftOver = gate.then(async () => {
          await adapter.update('Job', { jobId: id }, { status: 'b' });
          return status(adapter, id);
        });
        await tx.get('Job', { jobId: id });
      });
      release();
      expect(await leftOver).toBe('b');
    });

    if (fixture.server === undefined) return;

    it("inside another adapter's transaction nested in its own, the adapter itself is still refused", async () => {
      const database = await fixture.open();
      const { adapter } = database.make(4);
      const { adapter: other } = database.make(4);
      const id = await openJob(adapter);
      const [outer, inner] = await adapter.transaction(async () =>
        other.transaction(async (otherTx) => {
          await otherTx.get('Job', { jobId: id });
          return [
            await caught(adapter.get('Job', { jobId: id })),
            await caught(other.filter('Job', {})),
          ];
        }),
      );
      expect(refusal(outer)).toBe('refused');
      expect(refusal(inner)).toBe('refused');
    });

    it(`${fixture.siblingIsItself ? 'another adapter on the same Kysely instance counts as the adapter itself' : 'another adapter instance on the same pool is not the adapter itself'}`, async () => {
      const made = (await fixture.open()).make(4);
      const id = await openJob(made.adapter);
      const sibling = made.sibling();
      const outcome = await made.adapter.transaction(async (tx) => {
        await tx.update('Job', { jobId: id }, { status: 'b' });
        return caught(sibling.filter('Job', {}));
      });
      expect(refusal(outcome)).toBe(fixture.siblingIsItself ? 'refused' : 'resolved');
    });
  });
}

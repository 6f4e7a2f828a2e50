// Conflicts between concurrent transactions on the server dialects, as the runtime's typed
// errors: a row locked FOR UPDATE makes a NOWAIT read fail and a waiting read see the committed
// write, a deadlock is broken with DatabaseConflictError('deadlock'), and two transactions
// logging the same step of an entity never both succeed.
import { expect, it } from 'vitest';
import { DatabaseConflictError } from 'state-machine-framework';
import { KyselyAdapter } from 'state-machine-framework/adapters/kysely';
import { describeEachDialect, openDatabase, type Dialect } from './support/kysely-databases.js';
import { lockWaiters } from './support/lock-waits.js';

const TABLES = { counters: { id: 'key', n: 'int' } } as const;
const options = { tables: { Counter: 'counters' } };

async function counters(dialect: Dialect) {
  const database = await openDatabase(dialect, TABLES);
  const adapter = new KyselyAdapter(database.db, options);
  adapter.describeModel('Counter', { identifierField: 'id' });
  const other = new KyselyAdapter(database.other(), options);
  other.describeModel('Counter', { identifierField: 'id' });
  await adapter.create('Counter', { id: 'A', n: 0 });
  await adapter.create('Counter', { id: 'B', n: 0 });
  return { adapter, other, database };
}

/** A promise and the function that resolves it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describeEachDialect(
  'KyselyAdapter conflicts on %s',
  (dialect) => {
    it("lock: 'nowait' on a locked row fails at once with DatabaseConflictError('lock-unavailable')", async () => {
      const { adapter, other } = await counters(dialect);
      await adapter.transaction(async (tx) => {
        await tx.get('Counter', { id: 'A' }, { lock: 'wait' });
        const error = await other
          .transaction((tx2) => tx2.get('Counter', { id: 'A' }, { lock: 'nowait' }))
          .catch((e) => e);
        expect(error).toBeInstanceOf(DatabaseConflictError);
        expect(error).toMatchObject({ reason: 'lock-unavailable', model: 'Counter', id: 'A' });
        expect((error as Error).cause).toBeDefined();
        // Another row is not locked.
        await other.transaction((tx2) => tx2.get('Counter', { id: 'B' }, { lock: 'nowait' }));
      });
    });

    it("lock: 'wait' waits for the holder's COMMIT and reads what it wrote", async () => {
      const { adapter, other, database } = await counters(dialect);
      let second: Promise<unknown> | undefined;
      await adapter.transaction(async (tx) => {
        await tx.get('Counter', { id: 'A' }, { lock: 'wait' });
        await tx.update('Counter', { id: 'A' }, { n: 1 });
        second = other.transaction(async (tx2) => {
          const row = await tx2.get('Counter', { id: 'A' }, { lock: 'wait' });
          await tx2.update('Counter', { id: 'A' }, { n: Number(row['n']) + 1 });
          return row['n'];
        });
        await lockWaiters(database, second!);
      });
      expect(await second).toBe(1);
      expect((await adapter.get('Counter', { id: 'A' }))['n']).toBe(2);
    });

    it("a deadlock fails one transaction with DatabaseConflictError('deadlock'); the other commits", async () => {
      const { adapter, other, database } = await counters(dialect);
      const bothLocked = gate();
      const oneLocked = gate();
      const first = adapter.transaction(async (tx) => {
        await tx.get('Counter', { id: 'A' }, { lock: 'wait' });
        oneLocked.open();
        await bothLocked.opened;
        await tx.update('Counter', { id: 'B' }, { n: 1 });
      });
      await oneLocked.opened;
      const second = other.transaction(async (tx) => {
        await tx.get('Counter', { id: 'B' }, { lock: 'wait' });
        bothLocked.open();
        await lockWaiters(database, first);
        await tx.update('Counter', { id: 'A' }, { n: 2 });
      });
      const outcomes = await Promise.allSettled([first, second]);
      const failures = outcomes.filter((o) => o.status === 'rejected');
      expect(failures).toHaveLength(1);
      const error = (failures[0] as PromiseRejectedResult).reason;
      expect(error).toBeInstanceOf(DatabaseConflictError);
      expect(error).toMatchObject({
        reason: 'deadlock',
        retryable: true,
        code: dialect === 'postgres' ? '40P01' : 'ER_LOCK_DEADLOCK',
      });
    });

    it('two transactions logging the same step of one entity never both log it', async () => {
      const database = await openDatabase(dialect, {});
      const adapter = new KyselyAdapter(database.db, { transitionLog: true });
      const other = new KyselyAdapter(database.other(), { transitionLog: true });
      const step = {
        machine: 'M',
        entityId: 'E1',
        from: null,
        to: 'Open',
        at: new Date(),
        results: {},
        metadata: {},
      };
      let second: Promise<number> | undefined;
      const first = await adapter.transaction(async (tx) => {
        const seq = await tx.recordTransition!(step);
        second = other.transaction((tx2) => tx2.recordTransition!(step));
        await lockWaiters(database, second!);
        return seq;
      });
      expect(first).toBe(1);
      const outcome = await second!.then(
        (seq) => `logged step ${seq}`,
        (error: unknown) =>
          error instanceof DatabaseConflictError
            ? `${error.name} ${error.reason} ${error.code}`
            : String(error),
      );
      // PostgreSQL's second INSERT … SELECT counted from its own snapshot: the unique index refuses
      // it. InnoDB's reads the rows locked, waits, and counts the first's step: it logs step 2.
      expect(outcome).toBe(
        dialect === 'postgres' ? 'DatabaseConflictError duplicate-step 23505' : 'logged step 2',
      );
      expect((await adapter.readTransitions!('M', 'E1')).map((e) => e.seq)).toEqual(
        dialect === 'postgres' ? [1] : [1, 2],
      );
    });
  },
  ['postgres', 'mysql'],
);

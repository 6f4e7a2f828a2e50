// What the database refuses because of a concurrent transaction becomes DatabaseConflictError
// (retryable) naming the model and row, the driver's error as cause: NOWAIT, lock timeouts,
// serialization failures and deadlocks on Postgres, a held write lock on SQLite.
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { DatabaseConflictError } from 'state-machine-framework';
import type { DrizzleAdapter, DrizzleTransaction } from 'state-machine-framework/adapters/drizzle';
import {
  describeEachDriver,
  type DrizzleTestDatabase,
  PG_FIXTURE,
  SQLITE_FIXTURE,
} from './support/drizzle-fixtures.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );

async function seedCounters(database: DrizzleTestDatabase, adapter: DrizzleAdapter<any>) {
  for (const counterId of ['K1', 'K2']) {
    await adapter.create('Counter', { counterId, phase: 'counting', count: 0 });
  }
  return database;
}

const run = (tx: DrizzleTransaction<any>, statement: string) =>
  (tx.db as any).execute(sql.raw(statement)) as Promise<unknown>;

describeEachDriver('DrizzleAdapter conflicts on %s', (open, fixture) => {
  if (fixture === PG_FIXTURE) definePgConflicts(open);
  if (fixture === SQLITE_FIXTURE) defineSqliteConflicts(open);
});

function definePgConflicts(open: () => Promise<DrizzleTestDatabase>): void {
  it("lock: 'nowait' on a locked row is lock-unavailable; 'wait' past lock_timeout is lock-timeout", async () => {
    const database = await open();
    const adapter = database.adapter();
    const other = database.otherAdapter();
    await seedCounters(database, adapter);
    const locked = deferred();
    const release = deferred();
    const holder = adapter.transaction(async (tx) => {
      await tx.get('Counter', { counterId: 'K1' }, { lock: 'wait' });
      locked.resolve();
      await release.promise;
    });
    await locked.promise;

    const nowait = await failureOf(
      other.transaction((tx) => tx.get('Counter', { counterId: 'K1' }, { lock: 'nowait' })),
    );
    expect(nowait).toBeInstanceOf(DatabaseConflictError);
    expect(nowait).toMatchObject({
      reason: 'lock-unavailable',
      code: '55P03',
      model: 'Counter',
      id: 'K1',
      retryable: true,
    });
    expect((nowait as Error).cause).toMatchObject({ code: '55P03' });

    const timedOut = await failureOf(
      other.transaction(async (tx) => {
        await run(tx, `SET LOCAL lock_timeout = '20ms'`);
        return tx.filter('Counter', { counterId: 'K1' }, { lock: 'wait' });
      }),
    );
    expect(timedOut).toMatchObject({ reason: 'lock-timeout', model: 'Counter', id: 'K1' });
    // Another row is free.
    await other.transaction((tx) => tx.get('Counter', { counterId: 'K2' }, { lock: 'nowait' }));
    release.resolve();
    await holder;
  });

  it('a serialization failure is DatabaseConflictError serialization naming the row', async () => {
    const database = await open();
    const adapter = database.adapter();
    await seedCounters(database, adapter);
    const bothRead = [deferred(), deferred()];
    const firstCommitted = deferred();
    const serializable = (index: 0 | 1) =>
      adapter.transaction(async (tx) => {
        await run(tx, 'SET TRANSACTION ISOLATION LEVEL SERIALIZABLE');
        await tx.get('Counter', { counterId: 'K1' });
        bothRead[index]!.resolve();
        await Promise.all(bothRead.map((d) => d.promise));
        if (index === 1) await firstCommitted.promise;
        await tx.update('Counter', { counterId: 'K1' }, { count: index + 1 });
      });
    const first = serializable(0).then(firstCommitted.resolve);
    const second = failureOf(serializable(1));
    await first;
    const error = await second;
    expect(error).toBeInstanceOf(DatabaseConflictError);
    expect(error).toMatchObject({ reason: 'serialization', code: '40001', model: 'Counter' });
    expect(error).toMatchObject({ id: 'K1' });
    expect(await adapter.get('Counter', { counterId: 'K1' })).toMatchObject({ count: 1 });
  });

  it('a deadlock aborts one transaction with DatabaseConflictError deadlock; the other commits', async () => {
    const database = await open();
    const adapter = database.adapter();
    await seedCounters(database, adapter);
    const bothLocked = [deferred(), deferred()];
    const crossed = (mine: string, theirs: string, index: 0 | 1) =>
      adapter.transaction(async (tx) => {
        await tx.update('Counter', { counterId: mine }, { count: 1 });
        bothLocked[index]!.resolve();
        await Promise.all(bothLocked.map((d) => d.promise));
        await tx.update('Counter', { counterId: theirs }, { count: 2 });
      });
    const outcomes = await Promise.allSettled([crossed('K1', 'K2', 0), crossed('K2', 'K1', 1)]);
    const failed = outcomes.filter((o) => o.status === 'rejected');
    expect(failed).toHaveLength(1);
    expect((failed[0] as PromiseRejectedResult).reason).toMatchObject({
      reason: 'deadlock',
      code: '40P01',
      model: 'Counter',
    });
  });

  it('two transactions logging the same step of an entity: the second is duplicate-step', async () => {
    const database = await open();
    const adapter = database.adapter({ transitionLog: true });
    const other = database.otherAdapter({ transitionLog: true });
    const step = {
      machine: 'Counting',
      entityId: 'J1',
      from: null,
      to: 'Open',
      at: new Date(),
      results: {},
      metadata: {},
    };
    await adapter.recordTransition!({ ...step });
    // `other` checks for the log table while `first` writes it: seeing it there, it does not wait.
    const logged = deferred();
    const commit = deferred();
    const first = adapter.transaction(async (tx) => {
      expect(await tx.recordTransition!({ ...step, from: 'Open', to: 'Busy' })).toBe(2);
      logged.resolve();
      await commit.promise;
    });
    await logged.promise;
    const second = failureOf(
      other.transaction((tx) => tx.recordTransition!({ ...step, from: 'Open', to: 'Closed' })),
    );
    await database.waitingForLocks(1);
    commit.resolve();
    await first;
    const error = await second;
    expect(error).toBeInstanceOf(DatabaseConflictError);
    expect(error).toMatchObject({ reason: 'duplicate-step', code: '23505', id: 'J1' });
    expect((await adapter.readTransitions!('Counting', 'J1')).map((e) => e.to)).toEqual([
      'Open',
      'Busy',
    ]);
  });
}

function defineSqliteConflicts(open: () => Promise<DrizzleTestDatabase>): void {
  it('a write lock another connection keeps past busyTimeout is DatabaseConflictError lock-timeout', async () => {
    const database = await open();
    const holder = database.otherAdapter();
    const client = (holder.db as any).$client as { exec(sql: string): void };
    client.exec('BEGIN IMMEDIATE');
    const adapter = database.adapter({ busyTimeout: 20 });
    const error = await failureOf(
      adapter.transaction((tx) => tx.create('Order', { orderId: 'A', status: 'new' })),
    );
    expect(error).toBeInstanceOf(DatabaseConflictError);
    expect(error).toMatchObject({ reason: 'lock-timeout', code: 'SQLITE_BUSY', retryable: true });
    expect((error as Error).cause).toMatchObject({ code: 'SQLITE_BUSY' });
    client.exec('ROLLBACK');
    await adapter.create('Order', { orderId: 'A', status: 'new' });
    expect(await database.committed('orders')).toHaveLength(1);
  });

  it('a connection of this process waits its turn at the write lock, and commits after', async () => {
    const database = await open();
    const adapter = database.adapter();
    const other = database.otherAdapter();
    const began = deferred();
    const finish = deferred();
    const first = adapter.transaction(async (tx) => {
      await tx.create('Order', { orderId: 'A', status: 'first' });
      began.resolve();
      await finish.promise;
    });
    await began.promise;
    const second = other.transaction(async (tx) => {
      const seen = await tx.filter('Order', {});
      await tx.create('Order', { orderId: 'B', status: 'second' });
      return seen.length;
    });
    finish.resolve();
    await first;
    expect(await second).toBe(1);
  });
}

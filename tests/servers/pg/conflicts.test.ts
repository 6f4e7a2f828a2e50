import { expect, it } from 'vitest';
import { DatabaseConflictError, UniqueViolationError } from 'state-machine-framework';
import { PgAdapter } from 'state-machine-framework/adapters/pg';
import { describeOnServer } from '../../support/servers.js';
import { pgSchemaForFile } from './pg-schema.js';
import { poolWith, untilWaitingForLock } from './server-helpers.js';

/** A promise and the function that settles it: one test step waits for another. */
function signal(): { promise: Promise<void>; fire: () => void } {
  let fire!: () => void;
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return { promise, fire };
}

/** Reads the counter locked and writes it plus one; returns what it read. */
const increment = (db: PgAdapter, onLocked?: () => Promise<void>) =>
  db.transaction(async (tx) => {
    const row = await tx.get('counters', { id: 'a' }, { lock: 'wait' });
    await onLocked?.();
    await tx.update('counters', { id: 'a' }, { n: (row['n'] as number) + 1 });
    return row['n'];
  });

describeOnServer('postgres', 'PgAdapter: locks and conflicts', () => {
  const schema = pgSchemaForFile([
    'CREATE TABLE counters (id TEXT PRIMARY KEY, n INTEGER NOT NULL)',
    `INSERT INTO counters VALUES ('a', 0), ('b', 0), ('c', 0), ('d', 0), ('e', 0)`,
  ]);
  const monitor = () => schema().pool({ max: 1 });

  it("lock: 'wait' serialises two loads: the second reads what the first wrote (no lost update)", async () => {
    const [one, two] = [new PgAdapter(schema().pool()), new PgAdapter(schema().pool())];
    const locked = signal();
    let second: Promise<unknown> | undefined;
    const first = increment(one, async () => {
      locked.fire();
      await untilWaitingForLock(monitor(), schema().schema, () => second);
    });
    await locked.promise;
    second = increment(two);
    expect(await first).toBe(0);
    expect(await second).toBe(1);
    expect((await one.get('counters', { id: 'a' }))['n']).toBe(2);
  });

  it("lock: 'nowait' fails at once with DatabaseConflictError (lock-unavailable)", async () => {
    const [one, two] = [new PgAdapter(schema().pool()), new PgAdapter(schema().pool())];
    const error = await one.transaction(async (tx) => {
      await tx.get('counters', { id: 'b' }, { lock: 'wait' });
      return two
        .transaction((other) => other.filter('counters', { id: 'b' }, { lock: 'nowait' }))
        .catch((e: unknown) => e);
    });
    expect(error).toBeInstanceOf(DatabaseConflictError);
    expect(error).toMatchObject({ reason: 'lock-unavailable', code: '55P03', model: 'counters' });
    expect((error as Error).cause).toMatchObject({ code: '55P03' });
  });

  it('a lock wait past lock_timeout is a DatabaseConflictError (lock-timeout) naming the row', async () => {
    const one = new PgAdapter(schema().pool());
    const impatient = poolWith(schema().schema, { lock_timeout: '50ms' });
    try {
      const two = new PgAdapter(impatient);
      const error = await one.transaction(async (tx) => {
        await tx.update('counters', { id: 'c' }, { n: 1 });
        return two
          .transaction((other) => other.get('counters', { id: 'c' }, { lock: 'wait' }))
          .catch((e: unknown) => e);
      });
      expect(error).toMatchObject({ reason: 'lock-timeout', model: 'counters', id: 'c' });
      expect(error).toBeInstanceOf(DatabaseConflictError);
    } finally {
      await impatient.end();
    }
  });

  it('a real deadlock: the victim gets DatabaseConflictError (deadlock), the other commits', async () => {
    const [one, two] = [new PgAdapter(schema().pool()), new PgAdapter(schema().pool())];
    const bothLocked = [signal(), signal()] as const;
    const crossing = (db: PgAdapter, mine: string, theirs: string, index: 0 | 1) =>
      db.transaction(async (tx) => {
        await tx.update('counters', { id: mine }, { n: 10 });
        bothLocked[index].fire();
        await Promise.all(bothLocked.map((s) => s.promise));
        await tx.update('counters', { id: theirs }, { n: 20 });
      });
    const outcomes = await Promise.allSettled([
      crossing(one, 'd', 'e', 0),
      crossing(two, 'e', 'd', 1),
    ]);
    const failed = outcomes.filter((o) => o.status === 'rejected');
    expect(failed).toHaveLength(1);
    const error = (failed[0] as PromiseRejectedResult).reason as DatabaseConflictError;
    expect(error).toBeInstanceOf(DatabaseConflictError);
    expect(error).toMatchObject({ reason: 'deadlock', code: '40P01', model: 'counters' });
    expect(error.retryable).toBe(true);
  });

  it('a real serialization failure under SERIALIZABLE is DatabaseConflictError (serialization)', async () => {
    const serializable = poolWith(schema().schema, {
      default_transaction_isolation: 'serializable',
    });
    const raw = schema().pool({ max: 1 });
    try {
      const db = new PgAdapter(serializable);
      const error = await db
        .transaction(async (tx) => {
          const row = await tx.get('counters', { id: 'a' });
          await raw.query(`UPDATE counters SET n = n + 100 WHERE id = 'a'`);
          await tx.update('counters', { id: 'a' }, { n: (row['n'] as number) + 1 });
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseConflictError);
      expect(error).toMatchObject({
        reason: 'serialization',
        code: '40001',
        model: 'counters',
        id: 'a',
      });
    } finally {
      await serializable.end();
    }
  });

  it('a conflict inside a savepoint leaves the transaction usable once rolled back to it', async () => {
    const [one, two] = [new PgAdapter(schema().pool()), new PgAdapter(schema().pool())];
    await one.transaction(async (tx) => {
      await tx.get('counters', { id: 'b' }, { lock: 'wait' });
      await two.transaction(async (other) => {
        const failed = await other
          .transaction((inner) => inner.get('counters', { id: 'b' }, { lock: 'nowait' }))
          .catch((e: unknown) => e);
        expect(failed).toBeInstanceOf(DatabaseConflictError);
        expect(await other.get('counters', { id: 'c' })).toMatchObject({ id: 'c' });
      });
    });
  });

  it('a unique violation is not a conflict', async () => {
    const db = new PgAdapter(schema().pool());
    const error = await db.create('counters', { id: 'a', n: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UniqueViolationError);
    expect(error).not.toBeInstanceOf(DatabaseConflictError);
  });
});

import * as fc from 'fast-check';
import { expect, it } from 'vitest';
import {
  UniqueViolationError,
  type ClaimedTimer,
  type ORMAdapter,
  type TimerOperations,
  type TimerSchedule,
} from 'state-machine-framework';
import { propertyOptions } from '../runtime/model-based/support/property-options.js';
import { describeEachDatabase } from './registry.js';

// Durable timers' storage on every adapter (issue 11): schedule, cancel, claim, fire and fail,
// with the worker's clock passed in, so nothing here depends on the time the test runs.

const T0 = new Date('2030-01-01T00:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const LEASE = 30_000;

function timersOf(adapter: ORMAdapter): TimerOperations {
  const ops = adapter as ORMAdapter & Partial<TimerOperations>;
  for (const name of [
    'scheduleTimers',
    'cancelTimers',
    'claimDueTimers',
    'markTimerFired',
    'markTimerFailed',
    'readTimers',
  ] as const) {
    expect(typeof ops[name], name).toBe('function');
  }
  return ops as TimerOperations;
}

/** One entry into Pending with one timer per target, `dueMs` after T0. */
const entry = (
  entityId: unknown,
  targets: Readonly<Record<string, number>>,
  more: Partial<TimerSchedule> = {},
): TimerSchedule => ({
  machine: 'Order',
  entityId,
  state: 'Pending',
  entrySeq: 1,
  enteredAt: T0,
  timers: Object.entries(targets).map(([target, dueMs]) => ({ target, dueAt: at(dueMs) })),
  ...more,
});

const keys = (timers: readonly ClaimedTimer[]) => timers.map((t) => `${t.entityId}:${t.target}`);

describeEachDatabase('durable timers on %s', (_name, open) => {
  it('stores a state entry’s timers, one per target (the earliest), as the log keeps ids', async () => {
    const db = await open();
    const timers = timersOf(db.adapter);
    const seq = await timers.scheduleTimers(
      entry(
        42,
        {},
        {
          entrySeq: 3,
          timers: [
            { target: 'Cancelled', dueAt: at(48 * 3_600_000) },
            { target: 'Reminded', dueAt: at(60_000) },
            { target: 'Cancelled', dueAt: at(3_600_000) },
          ],
        },
      ),
    );
    expect(seq).toBe(3);
    expect(await timers.readTimers('Order', 42)).toEqual([
      {
        machine: 'Order',
        entityId: '42',
        entrySeq: 3,
        target: 'Cancelled',
        state: 'Pending',
        dueAt: at(3_600_000),
        nextAttemptAt: at(3_600_000),
        attempts: 0,
        lastError: null,
        claimedUntil: null,
        createdAt: T0,
      },
      expect.objectContaining({ target: 'Reminded', dueAt: at(60_000), entrySeq: 3 }),
    ]);
    expect(await timers.readTimers('Order', '42')).toHaveLength(2);
    expect(await timers.readTimers('Invoice', 42)).toEqual([]);
  });

  it('numbers the entry itself when given no sequence, and refuses a timer scheduled twice', async () => {
    const db = await open();
    const timers = timersOf(db.adapter);
    const { entrySeq: _omit, ...unnumbered } = entry('O-1', { Cancelled: 1000 });
    expect(await timers.scheduleTimers(unnumbered)).toBe(1);
    expect(await timers.scheduleTimers(unnumbered)).toBe(2);
    expect(await timers.scheduleTimers(entry('O-2', { Cancelled: 1000 }))).toBe(1);
    await expect(timers.scheduleTimers(entry('O-2', { Cancelled: 5000 }))).rejects.toThrow(
      UniqueViolationError,
    );
    expect((await timers.readTimers('Order', 'O-1')).map((t) => t.entrySeq)).toEqual([1, 2]);
    expect(await timers.readTimers('Order', 'O-2')).toEqual([
      expect.objectContaining({ dueAt: at(1000) }),
    ]);
  });

  it('cancels every timer of one entity in one machine, and no other', async () => {
    const db = await open();
    const timers = timersOf(db.adapter);
    await timers.scheduleTimers(entry('A', { Cancelled: 1000, Reminded: 500 }));
    await timers.scheduleTimers(entry('A', { Cancelled: 1000 }, { entrySeq: 2 }));
    await timers.scheduleTimers(entry('B', { Cancelled: 1000 }));
    await timers.scheduleTimers(entry('A', { Cancelled: 1000 }, { machine: 'Invoice' }));
    expect(await timers.cancelTimers('Order', 'A')).toBe(3);
    expect(await timers.cancelTimers('Order', 'A')).toBe(0);
    expect(await timers.readTimers('Order', 'A')).toEqual([]);
    expect(await timers.readTimers('Order', 'B')).toHaveLength(1);
    expect(await timers.readTimers('Invoice', 'A')).toHaveLength(1);
  });

  it('writes in the caller’s transaction: a rollback, or a savepoint’s, takes its timer writes back', async () => {
    const db = await open();
    const adapter = db.adapter;
    const timers = timersOf(adapter);
    await timers.scheduleTimers(entry('kept', { Cancelled: 1000 }));
    await expect(
      adapter.transaction(async (tx) => {
        await timersOf(tx).scheduleTimers(entry('gone', { Cancelled: 1000 }));
        expect(await timersOf(tx).readTimers('Order', 'gone')).toHaveLength(1);
        await timersOf(tx).cancelTimers('Order', 'kept');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await timers.readTimers('Order', 'gone')).toEqual([]);
    expect(await timers.readTimers('Order', 'kept')).toHaveLength(1);

    await adapter.transaction(async (tx) => {
      await timersOf(tx).scheduleTimers(entry('outer', { Cancelled: 1000 }));
      await expect(
        tx.transaction(async (inner) => {
          await timersOf(inner).scheduleTimers(entry('inner', { Cancelled: 1000 }));
          await timersOf(inner).cancelTimers('Order', 'outer');
          throw new Error('savepoint');
        }),
      ).rejects.toThrow('savepoint');
    });
    expect(await timers.readTimers('Order', 'inner')).toEqual([]);
    expect(await timers.readTimers('Order', 'outer')).toHaveLength(1);
  });

  it('claims what is due by its clock, earliest first, up to the limit, each once until the lease lapses', async () => {
    const db = await open();
    const timers = timersOf(db.adapter);
    await timers.scheduleTimers(entry('late', { Cancelled: 3000 + LEASE }));
    await timers.scheduleTimers(entry('first', { Cancelled: 1000 }));
    await timers.scheduleTimers(entry('second', { Cancelled: 2000, Reminded: 3000 }));
    await timers.scheduleTimers(entry('other', { Cancelled: 0 }, { machine: 'Invoice' }));
    const claim = (nowMs: number, limit: number) =>
      timers.claimDueTimers({ machine: 'Order', now: at(nowMs), limit, leaseMs: LEASE });

    expect(await claim(999, 10)).toEqual([]);
    const batch = await claim(3000, 2);
    expect(keys(batch)).toEqual(['first:Cancelled', 'second:Cancelled']);
    expect(batch.map((t) => t.claimedUntil)).toEqual([at(3000 + LEASE), at(3000 + LEASE)]);
    expect(batch[0]).toMatchObject({ state: 'Pending', dueAt: at(1000), attempts: 0 });
    expect((await timers.readTimers('Order', 'first'))[0]?.claimedUntil).toEqual(at(3000 + LEASE));

    expect(keys(await claim(3000, 10))).toEqual(['second:Reminded']);
    expect(await claim(3000 + LEASE - 1, 10)).toEqual([]);
    // The leases lapsed: the unfired ones are due again, and the late one is due by now too.
    expect(keys(await claim(3000 + LEASE, 10))).toEqual([
      'first:Cancelled',
      'second:Cancelled',
      'second:Reminded',
      'late:Cancelled',
    ]);
  });

  it('fires a claimed timer once: the delete needs the claim, and a rollback keeps the row', async () => {
    const db = await open();
    const adapter = db.adapter;
    const timers = timersOf(adapter);
    await timers.scheduleTimers(entry('A', { Cancelled: 1000 }));
    const options = { machine: 'Order', limit: 10, leaseMs: LEASE };
    const [stale] = await timers.claimDueTimers({ ...options, now: at(1000) });
    const [claimed] = await timers.claimDueTimers({ ...options, now: at(1000 + LEASE) });
    if (stale === undefined || claimed === undefined) throw new Error('nothing claimed');

    expect(await timers.markTimerFired(stale)).toBe(false);
    await expect(
      adapter.transaction(async (tx) => {
        expect(await timersOf(tx).markTimerFired(claimed)).toBe(true);
        throw new Error('the transition failed');
      }),
    ).rejects.toThrow('the transition failed');
    expect(await timers.readTimers('Order', 'A')).toHaveLength(1);
    expect(await adapter.transaction((tx) => timersOf(tx).markTimerFired(claimed))).toBe(true);
    expect(await timers.readTimers('Order', 'A')).toEqual([]);
    expect(await timers.markTimerFired(claimed)).toBe(false);
  });

  it('a timer claimed before its entity left the state never fires for the entry after it', async () => {
    const db = await open();
    const timers = timersOf(db.adapter);
    // No log sequence: the adapter numbers the entries, and the second entry is numbered 1 again.
    const { entrySeq: _omit, ...unnumbered } = entry('A', { Cancelled: 1000 });
    expect(await timers.scheduleTimers(unnumbered)).toBe(1);
    const options = { machine: 'Order', limit: 10, leaseMs: LEASE };
    const [old] = await timers.claimDueTimers({ ...options, now: at(1000) });
    if (old === undefined) throw new Error('nothing claimed');
    await db.adapter.transaction(async (tx) => {
      expect(await timersOf(tx).cancelTimers('Order', 'A')).toBe(1);
      expect(await timersOf(tx).scheduleTimers({ ...unnumbered, enteredAt: at(1500) })).toBe(1);
    });
    expect(await timers.markTimerFired(old)).toBe(false);
    expect(await timers.markTimerFailed(old, { error: 'x', now: at(2000), backoffMs: 0 })).toBe(
      false,
    );
    expect(await timers.readTimers('Order', 'A')).toEqual([
      expect.objectContaining({
        entrySeq: 1,
        createdAt: at(1500),
        claimedUntil: null,
        attempts: 0,
      }),
    ]);
  });

  it('a failed timer counts the attempt, keeps the error, and is due again after its backoff', async () => {
    const db = await open();
    const timers = timersOf(db.adapter);
    await timers.scheduleTimers(entry('A', { Cancelled: 1000 }));
    const options = { machine: 'Order', limit: 10, leaseMs: LEASE };
    const [claimed] = await timers.claimDueTimers({ ...options, now: at(2000) });
    if (claimed === undefined) throw new Error('nothing claimed');
    const failure = { error: 'amount must be positive', now: at(2500), backoffMs: 60_000 };
    expect(await timers.markTimerFailed(claimed, failure)).toBe(true);
    expect(await timers.markTimerFailed(claimed, failure)).toBe(false);
    expect(await timers.readTimers('Order', 'A')).toEqual([
      expect.objectContaining({
        dueAt: at(1000),
        nextAttemptAt: at(62_500),
        attempts: 1,
        lastError: 'amount must be positive',
        claimedUntil: null,
      }),
    ]);
    expect(await timers.claimDueTimers({ ...options, now: at(62_499) })).toEqual([]);
    const [again] = await timers.claimDueTimers({ ...options, now: at(62_500) });
    expect(again).toMatchObject({ attempts: 1, lastError: 'amount must be positive' });
    if (again === undefined) throw new Error('nothing claimed');
    const long = { error: `${'x'.repeat(2500)}`, now: at(70_000), backoffMs: 0 };
    expect(await timers.markTimerFailed(again, long)).toBe(true);
    expect((await timers.readTimers('Order', 'A'))[0]).toMatchObject({
      attempts: 2,
      lastError: 'x'.repeat(2000),
      nextAttemptAt: at(70_000),
    });
  });

  it('refuses a claim without a positive limit and lease before touching anything', async () => {
    const db = await open();
    const timers = timersOf(db.adapter);
    await timers.scheduleTimers(entry('A', { Cancelled: 0 }));
    const claim = { machine: 'Order', now: at(0), limit: 1, leaseMs: LEASE };
    await expect(timers.claimDueTimers({ ...claim, limit: 0 })).rejects.toThrow(/limit/);
    await expect(timers.claimDueTimers({ ...claim, leaseMs: 0 })).rejects.toThrow(/leaseMs/);
    expect((await timers.readTimers('Order', 'A'))[0]?.claimedUntil).toBeNull();
  });

  it('claimers running at once never get the same timer (property)', async () => {
    const db = await open();
    const timers = timersOf(db.adapter);
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 4 }),
        fc.integer({ min: 0, max: 20 }),
        async (dueSeconds, limits, nowSeconds) => {
          const machine = `Round${round++}`;
          for (const [i, due] of dueSeconds.entries()) {
            await timers.scheduleTimers(entry(`E${i}`, { Cancelled: due * 1000 }, { machine }));
          }
          const now = at(nowSeconds * 1000);
          const batches = await Promise.all(
            limits.map((limit) => timers.claimDueTimers({ machine, now, limit, leaseMs: LEASE })),
          );
          // A claimer may skip rows another one merely looked at (InnoDB locks what it scans),
          // so the batches may hold fewer than the limits allow; a claim after them takes the rest.
          const rest = await timers.claimDueTimers({ machine, now, limit: 100, leaseMs: LEASE });
          const claimed = [...batches.flat(), ...rest].map((t) => t.entityId);
          const due = dueSeconds.flatMap((s, i) => (s <= nowSeconds ? [`E${i}`] : []));
          expect(claimed.toSorted()).toEqual(due.toSorted());
          expect(due.length === 0 || batches.some((batch) => batch.length > 0)).toBe(true);
          for (const [i, batch] of batches.entries()) {
            expect(batch.length).toBeLessThanOrEqual(limits[i] ?? 0);
            const times = batch.map((t) => t.nextAttemptAt.getTime());
            expect(times).toEqual(times.toSorted((a, b) => a - b));
          }
        },
      ),
      propertyOptions(db.dialect === 'memory' || db.dialect === 'sqlite' ? 40 : 15),
    );
  });
});

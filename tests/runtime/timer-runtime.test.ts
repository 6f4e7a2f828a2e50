// What the conformance suite (tests/conformance/timers-runtime.test.ts) does not cover: an adapter
// without timer operations, runDueTimers' and startTimerWorker's options, the worker's rounds and
// stop, its reports of failed firings and of reporters that throw, the backoff, and the
// development entry's check of `after`.
import { describe, expect, it, vi } from 'vitest';
import {
  createMachine,
  HandlerError,
  MemoryAdapter,
  UsageError,
  type MachineConfig,
  type ORMAdapter,
  type TimerOperations,
} from 'state-machine-framework';
import { timerBackoffMs } from '../../runtime/due-timers.js';
import { freshMachine } from '../support/fresh-machine.js';
import { TimedMachine } from '../conformance/timers/timed-job.machine.gen.js';

const HOUR = 3_600_000;

/** The adapter's row operations and transactions, and nothing else: no timers, no log. */
function withoutTimers(adapter: ORMAdapter): ORMAdapter {
  return {
    create: (model, data) => adapter.create(model, data),
    get: (model, filters, options) => adapter.get(model, filters, options),
    filter: (model, filters, options) => adapter.filter(model, filters, options),
    update: (model, filters, changes) => adapter.update(model, filters, changes),
    delete: (model, filters) => adapter.delete(model, filters),
    transaction: (fn) => adapter.transaction((tx) => fn(withoutTimers(tx))),
  };
}

const memory = () => new MemoryAdapter({}, { transitionLog: true, keys: { Job: 'jobId' } });

async function waiting(adapter: ORMAdapter, id: string, timed = freshMachine(TimedMachine)) {
  await timed.run({ adapter }, async (wf) => {
    const opened = await wf.transitionTo('Open', { Job: { jobId: id } });
    await opened.transitionTo('Waiting');
  });
  return timed;
}

describe('durable timers without timer operations', () => {
  it('refuses the first transition into a state with timers, naming the machine and state', async () => {
    const adapter = withoutTimers(memory());
    const timed = freshMachine(TimedMachine);
    // Open has no timers and Timed's other states are not reached: no timer operation is needed.
    await timed.run({ adapter }, (wf) => wf.transitionTo('Open', { Job: { jobId: 'J1' } }));
    const entering = timed.load({ adapter, id: 'J1' }, async (wf) => {
      if (!wf.is('Open')) throw new Error(`expected Open, got ${wf.state}`);
      await wf.transitionTo('Waiting');
    });
    await expect(entering).rejects.toThrow(UsageError);
    await expect(entering).rejects.toThrow(
      "Timed: state 'Waiting' has durable timers (after), but the adapter has no timer operations",
    );
    expect((await adapter.get('Job', { jobId: 'J1' }))['status']).toBe('open');
  });

  it('refuses runDueTimers and startTimerWorker on such an adapter', async () => {
    const adapter = withoutTimers(memory());
    const timed = freshMachine(TimedMachine);
    await expect(timed.runDueTimers({ adapter })).rejects.toThrow(
      'Timed.runDueTimers: the adapter has no timer operations (scheduleTimers, cancelTimers, claimDueTimers, markTimerFired, markTimerFailed)',
    );
    expect(() => timed.startTimerWorker({ adapter, intervalMs: 10 })).toThrow(
      'Timed.startTimerWorker: the adapter has no timer operations',
    );
  });

  it('machines without timers never call them', async () => {
    const adapter = withoutTimers(memory());
    const plain: MachineConfig = {
      name: 'Plain',
      models: { Job: { stateField: 'status', identifierField: 'jobId' } },
      states: {
        Open: { models: { Job: 'open' }, to: ['Closed'], start: true },
        Closed: { models: { Job: 'closed' }, terminal: true },
      },
    };
    const machine = createMachine(plain);
    await machine.run({ adapter }, async (wf: any) => {
      const opened = await wf.transitionTo('Open', { Job: { jobId: 'P1' } });
      await opened.transitionTo('Closed');
    });
    expect((await adapter.get('Job', { jobId: 'P1' }))['status']).toBe('closed');
  });
});

describe('runDueTimers', () => {
  it('refuses bad options with a UsageError naming the option', async () => {
    const adapter = memory();
    const timed = freshMachine(TimedMachine);
    await expect(timed.runDueTimers({ adapter, now: new Date('nope') })).rejects.toThrow(
      'Timed.runDueTimers: now must be a valid Date',
    );
    await expect(timed.runDueTimers({ adapter, limit: 0 })).rejects.toThrow(
      'limit must be a whole number from 1 to 1000, got 0',
    );
    await expect(timed.runDueTimers({ adapter, leaseMs: 1.5 })).rejects.toThrow(
      'leaseMs must be a positive whole number of milliseconds, got 1.5',
    );
    await expect(timed.runDueTimers({} as never)).rejects.toThrow(
      'Timed.runDueTimers: options.adapter must be an ORMAdapter',
    );
  });

  it('backs off 1 s, doubling per failed attempt, at most an hour', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 50].map(timerBackoffMs)).toEqual([
      1000,
      2000,
      4000,
      8000,
      1_024_000,
      2_048_000,
      HOUR,
      HOUR,
    ]);
  });

  it('drops a timer whose entity row is gone, and one left over from a state the entity left', async () => {
    const adapter = memory();
    const timed = await waiting(adapter, 'J1');
    await waiting(adapter, 'J2', timed);
    const due = (await adapter.readTimers('Timed', 'J2'))[0]!.dueAt;
    await adapter.delete('Job', { jobId: 'J1' });
    // J2 moves on behind the runtime's back: its Waiting timers are left over.
    await adapter.update('Job', { jobId: 'J2' }, { status: 'open' });
    const result = await timed.runDueTimers({ adapter, now: new Date(due.getTime() + 2 * HOUR) });
    expect(result.fired).toEqual([]);
    expect(result.dropped.map((d) => [d.entityId, d.to, d.reason])).toEqual([
      ['J1', 'Reminded', 'entity-missing'],
      ['J2', 'Reminded', 'state-left'],
      ['J1', 'Expired', 'entity-missing'],
      ['J2', 'Expired', 'state-left'],
    ]);
    expect(await adapter.readTimers('Timed', 'J1')).toEqual([]);
    expect(await adapter.readTimers('Timed', 'J2')).toEqual([]);
  });

  it('finds an entity with a numeric identifier, which timers store as text', async () => {
    const adapter = new MemoryAdapter({}, { transitionLog: true, keys: { Job: 'jobId' } });
    const timed = freshMachine(TimedMachine);
    await timed.run({ adapter }, async (wf) => {
      const opened = await wf.transitionTo('Open', { Job: { jobId: 7 as never } });
      await opened.transitionTo('Waiting');
    });
    const due = (await adapter.readTimers('Timed', 7))[0]!.dueAt;
    const result = await timed.runDueTimers({ adapter, now: due });
    expect(result.fired.map((f) => [f.entityId, f.to])).toEqual([['7', 'Reminded']]);
    expect((await adapter.get('Job', { jobId: 7 }))['status']).toBe('reminded');
  });
});

/** Reschedules each entity's Waiting timers as one to Reminded that was due two hours ago. */
async function dueNow(adapter: MemoryAdapter, ids: readonly string[]): Promise<void> {
  const ops = adapter as MemoryAdapter & TimerOperations;
  for (const id of ids) {
    const [first] = await ops.readTimers('Timed', id);
    await ops.cancelTimers('Timed', id);
    await ops.scheduleTimers({
      machine: 'Timed',
      entityId: id,
      state: 'Waiting',
      entrySeq: first!.entrySeq,
      enteredAt: new Date(Date.now() - 3 * HOUR),
      timers: [{ target: 'Reminded', dueAt: new Date(Date.now() - 2 * HOUR) }],
    });
  }
}

/** Lets pending promise jobs and process events (unhandledRejection among them) run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('startTimerWorker', () => {
  it('fires what is due in rounds until stopped; stop waits for the running round', async () => {
    const adapter = memory();
    const timed = freshMachine(TimedMachine);
    // Entered an hour and more ago, as far as the timers know: due now.
    await waiting(adapter, 'J1', timed);
    await waiting(adapter, 'J2', timed);
    await dueNow(adapter, ['J1', 'J2']);
    let committed = 0;
    const done = new Promise<void>((resolve) => {
      timed.afterCommit('Reminded', () => {
        committed += 1;
        if (committed === 2) resolve();
      });
    });
    const errors: unknown[] = [];
    const stop = timed.startTimerWorker({
      adapter,
      intervalMs: 5,
      limit: 1,
      onError: (error) => errors.push(error),
    });
    await done;
    await stop();
    expect(errors).toEqual([]);
    expect((await adapter.filter('Job', {})).map((row) => row['status'])).toEqual([
      'reminded',
      'reminded',
    ]);
    await stop();
  });

  it('reports a round that throws and goes on', async () => {
    const adapter = memory();
    const timed = freshMachine(TimedMachine);
    let calls = 0;
    const failing = Object.assign(Object.create(adapter) as MemoryAdapter, {
      claimDueTimers: () => {
        calls += 1;
        return Promise.reject(new Error(`claim ${calls} failed`));
      },
    });
    const errors: unknown[] = [];
    let stop: (() => Promise<void>) | undefined;
    await new Promise<void>((resolve) => {
      stop = timed.startTimerWorker({
        adapter: failing,
        intervalMs: 1,
        onError: (error) => {
          errors.push(error);
          if (errors.length === 2) resolve();
        },
      });
    });
    await stop!();
    expect(errors.slice(0, 2).map((e) => (e as Error).message)).toEqual([
      'claim 1 failed',
      'claim 2 failed',
    ]);
  });

  it('reports each failed firing to onError with what the transition threw', async () => {
    const adapter = memory();
    const timed = freshMachine(TimedMachine);
    await waiting(adapter, 'J1', timed);
    await dueNow(adapter, ['J1']);
    const refusal = new Error('reminders are switched off');
    timed.hook('Reminded', () => {
      throw refusal;
    });
    const errors: unknown[] = [];
    let stop: (() => Promise<void>) | undefined;
    await new Promise<void>((resolve) => {
      stop = timed.startTimerWorker({
        adapter,
        intervalMs: 5,
        onError: (error) => {
          errors.push(error);
          resolve();
        },
      });
    });
    await stop!();
    expect(errors[0]).toBeInstanceOf(Error);
    expect(errors[0]).toBeInstanceOf(HandlerError);
    expect((errors[0] as HandlerError).cause).toBe(refusal);
    expect((await adapter.get('Job', { jobId: 'J1' }))['status']).toBe('waiting');
    const [timer] = await adapter.readTimers('Timed', 'J1');
    expect(timer!.attempts).toBe(1);
  });

  it('wraps a thrown value that is not an Error', async () => {
    const adapter = memory();
    const timed = freshMachine(TimedMachine);
    await waiting(adapter, 'J1', timed);
    await dueNow(adapter, ['J1']);
    timed.hook('Reminded', () => {
      throw 'no' as unknown as Error;
    });
    let stop: (() => Promise<void>) | undefined;
    const reported = await new Promise<unknown>((resolve) => {
      stop = timed.startTimerWorker({ adapter, intervalMs: 5, onError: resolve });
    });
    await stop!();
    expect(reported).toBeInstanceOf(Error);
  });

  it('logs an onError that throws, with no unhandled rejection, and goes on', async () => {
    const adapter = memory();
    const timed = freshMachine(TimedMachine);
    await waiting(adapter, 'J1', timed);
    await waiting(adapter, 'J2', timed);
    await dueNow(adapter, ['J1', 'J2']);
    timed.hook('Reminded', () => {
      throw new Error('hook failed');
    });
    let claims = 0;
    // Two failed firings in the first round, then rounds that throw.
    const flaky = Object.assign(Object.create(adapter) as MemoryAdapter, {
      claimDueTimers: (...args: Parameters<MemoryAdapter['claimDueTimers']>) => {
        claims += 1;
        return claims === 1
          ? adapter.claimDueTimers(...args)
          : Promise.reject(new Error(`claim ${claims} failed`));
      },
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const logged: unknown[] = [];
    const log = vi.spyOn(console, 'error').mockImplementation((error: unknown) => {
      logged.push(error);
    });
    const seen: string[] = [];
    let stop: (() => Promise<void>) | undefined;
    try {
      await new Promise<void>((resolve) => {
        stop = timed.startTimerWorker({
          adapter: flaky,
          intervalMs: 1,
          onError: (error) => {
            seen.push((error as Error).message);
            if (seen.length === 4) resolve();
            throw new Error(`onError ${seen.length} threw`);
          },
        });
      });
      await stop!();
      await settle();
    } finally {
      process.off('unhandledRejection', onUnhandled);
      log.mockRestore();
    }
    expect(unhandled).toEqual([]);
    expect(seen.slice(2, 4)).toEqual(['claim 2 failed', 'claim 3 failed']);
    expect(logged.slice(0, 4).map((e) => (e as Error).message)).toEqual([
      'onError 1 threw',
      'onError 2 threw',
      'onError 3 threw',
      'onError 4 threw',
    ]);
  });

  it('logs an onAfterCommitError that throws, with no unhandled rejection', async () => {
    const adapter = memory();
    const timed = freshMachine(TimedMachine);
    await waiting(adapter, 'J1', timed);
    await dueNow(adapter, ['J1']);
    timed.afterCommit('Reminded', () => {
      throw new Error('after commit failed');
    });
    // Without onCommit the afterCommit handlers run once the firing's transaction has ended.
    const noCommitHooks = <A extends object>(target: A): A =>
      new Proxy(target, {
        get: (of, key) => {
          if (key === 'onCommit') return undefined;
          if (key === 'transaction') {
            return (fn: (tx: object) => unknown) =>
              (of as unknown as ORMAdapter).transaction((tx) => fn(noCommitHooks(tx)) as never);
          }
          const value: unknown = Reflect.get(of, key, of);
          return typeof value === 'function' ? value.bind(of) : value;
        },
      });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const logged: unknown[] = [];
    const log = vi.spyOn(console, 'error').mockImplementation((error: unknown) => {
      logged.push(error);
    });
    const errors: unknown[] = [];
    let stop: (() => Promise<void>) | undefined;
    try {
      await new Promise<void>((resolve) => {
        stop = timed.startTimerWorker({
          adapter: noCommitHooks(adapter),
          intervalMs: 5,
          onError: (error) => {
            errors.push(error);
            resolve();
          },
          onAfterCommitError: () => {
            resolve();
            throw new Error('onAfterCommitError threw');
          },
        });
      });
      await stop!();
      await settle();
    } finally {
      process.off('unhandledRejection', onUnhandled);
      log.mockRestore();
    }
    expect(unhandled).toEqual([]);
    expect(errors).toEqual([]);
    expect(logged.map((e) => (e as Error).message)).toEqual(['onAfterCommitError threw']);
    expect((await adapter.get('Job', { jobId: 'J1' }))['status']).toBe('reminded');
  });

  it('refuses a missing intervalMs and a now', () => {
    const adapter = memory();
    const timed = freshMachine(TimedMachine);
    expect(() => timed.startTimerWorker({ adapter } as never)).toThrow(
      'Timed.startTimerWorker: intervalMs must be a positive number of milliseconds',
    );
    expect(() =>
      timed.startTimerWorker({ adapter, intervalMs: 5, now: new Date() } as never),
    ).toThrow('takes no now');
  });
});

/** Door, whose Open state has the timers `after` (and `extra`). */
const config = (after: unknown, extra: object = {}): MachineConfig =>
  ({
    name: 'Door',
    models: { Door: { stateField: 'status', identifierField: 'id' } },
    states: {
      Open: { models: { Door: 'open' }, to: ['Shut'], start: true, after, ...extra },
      Shut: { models: { Door: 'shut' }, terminal: true },
    },
  }) as MachineConfig;

describe('the development entry checks after', () => {
  it('accepts timers to targets of the state', () => {
    expect(createMachine(config([{ afterMs: 1000, to: 'Shut' }])).name).toBe('Door');
  });

  it('refuses a timer to a state that is not a target, a bad duration, a terminal state', () => {
    expect(() => createMachine(config([{ afterMs: 1000, to: 'Open' }]))).toThrow(
      "Door: 'Open' has a timer to Open, which is not one of its targets (to)",
    );
    expect(() => createMachine(config([{ afterMs: 0, to: 'Shut' }]))).toThrow(
      'afterMs is not a positive whole number',
    );
    expect(() =>
      createMachine(config([{ afterMs: 10, to: 'Shut' }], { terminal: true, to: [] })),
    ).toThrow("Door: 'Open' is terminal and cannot have timers (after)");
  });
});

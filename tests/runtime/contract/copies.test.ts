// What the workflow copies and what it cannot (found by the attack pass): an accessor in a value
// passed in is read once, so a handler's write never reaches the caller's closure; validators get
// copies of Dates, Maps and Sets, whose methods cannot work through a read-only proxy; a class
// instance is shared as it is (documented, not copied).
import { expect, it } from 'vitest';
import { TransitionRejectedError } from 'state-machine-framework';
import { describeEachDatabase, failureOf } from './support/contract-databases.js';
import { CountingMachine } from './support/counter.machine.gen.js';
import { freshMachine } from '../../support/fresh-machine.js';

describeEachDatabase('copies of what the caller passes, on %s', (_name, open) => {
  it('an accessor in a context value is copied as the value it read: writes never reach the caller', async () => {
    const db = await open();
    const counting = freshMachine(CountingMachine);
    let backing = 1;
    const limits = {
      get max() {
        return backing;
      },
      set max(value: number) {
        backing = value;
      },
    };
    counting.preTransition('Open', (_data, context) => {
      if (context.settings) context.settings.limits.max = 99;
    });
    counting.validator('Open', function refuse() {
      throw new Error('no');
    });
    const error = await failureOf(() =>
      counting.run({ adapter: db.adapter, context: { settings: { limits, tags: [] } } }, (wf) =>
        wf.transitionTo('Open', { Job: { jobId: 'J1' } }),
      ),
    );
    expect(error).toBeInstanceOf(TransitionRejectedError);
    expect(backing).toBe(1);
  });

  it('validators read Dates, Maps and Sets through copies: methods work, changes reach nothing', async () => {
    const db = await open();
    const counting = freshMachine(CountingMachine);
    const when = new Date('2026-01-01T00:00:00Z');
    const seen: unknown[] = [];
    counting.validator('Open', function inspect(_data, context) {
      const settings = context.settings as unknown as {
        when: Date;
        byName: Map<string, number>;
        names: Set<string>;
      };
      seen.push(settings.when.getTime(), settings.byName.get('a'), settings.names.has('b'));
      settings.when.setFullYear(1999);
      settings.byName.set('a', 2);
    });
    const context = {
      settings: {
        limits: { max: 1 },
        tags: [],
        when,
        byName: new Map([['a', 1]]),
        names: new Set(['b']),
      },
    };
    const after = await counting.run({ adapter: db.adapter, context }, async (wf) => {
      await wf.transitionTo('Open', { Job: { jobId: 'J1' } });
      const settings = wf.context.settings as unknown as {
        when: Date;
        byName: Map<string, number>;
      };
      return [settings.when.getUTCFullYear(), settings.byName.get('a')];
    });
    expect(seen).toEqual([when.getTime(), 1, true]);
    expect(after).toEqual([2026, 1]);
    expect(when.getUTCFullYear()).toBe(2026);
  });
});

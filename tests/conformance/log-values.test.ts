// What the transition log keeps of awkward identifiers, metadata and results, alike on every
// adapter: identifiers that differ only in case are two entities, a long identifier is logged,
// and text some database's JSON cannot hold is logged as a description instead of failing the step.
import { expect, it } from 'vitest';
import type { ORMAdapter } from 'state-machine-framework';
import { CountingMachine } from '../runtime/contract/support/counter.machine.gen.js';
import { freshMachine } from '../support/fresh-machine.js';
import { describeEachDatabase } from './registry.js';

const openJob = (adapter: ORMAdapter, jobId: string, metadata: Record<string, unknown> = {}) =>
  freshMachine(CountingMachine).run({ adapter }, (wf) =>
    wf.transitionTo('Open', { Job: { jobId } }, { metadata }),
  );

const steps = async (adapter: ORMAdapter, id: string) =>
  (await freshMachine(CountingMachine).history({ adapter, id })).map((e) => `${e.seq} ${e.to}`);

const DESCRIBED =
  /^\[not storable as JSON: it holds text with a NUL character or half a surrogate pair\]$/;

describeEachDatabase('the transition log’s awkward values on %s', (_name, open) => {
  it('keeps identifiers that differ only in case apart', async () => {
    const { adapter } = await open();
    await openJob(adapter, 'job-a');
    await openJob(adapter, 'JOB-A');
    expect(await steps(adapter, 'job-a')).toEqual(['1 Open']);
    expect(await steps(adapter, 'JOB-A')).toEqual(['1 Open']);
  });

  it('logs an identifier of 250 characters', async () => {
    const { adapter } = await open();
    const id = `J${'x'.repeat(249)}`;
    await openJob(adapter, id);
    expect(await steps(adapter, id)).toEqual(['1 Open']);
  });

  it('logs metadata and results holding NUL or half a surrogate pair as a description, and the step commits', async () => {
    const { adapter, rows } = await open();
    const machine = freshMachine(CountingMachine);
    machine.hook('Open', function echo() {
      return { lone: '\ud800', fine: 'ok ✓' };
    });
    await machine.run({ adapter }, (wf) =>
      wf.transitionTo(
        'Open',
        { Job: { jobId: 'J1' } },
        { metadata: { by: 'a\u0000b', ticket: 7, nested: { deep: ['\udc00'] } } },
      ),
    );
    const [entry] = await machine.history({ adapter, id: 'J1' });
    expect(entry?.metadata).toEqual({
      by: expect.stringMatching(DESCRIBED),
      ticket: 7,
      nested: expect.stringMatching(DESCRIBED),
    });
    expect(entry?.results).toEqual({ echo: expect.stringMatching(DESCRIBED) });
    expect(await rows('Job')).toEqual([{ jobId: 'J1', status: 'open' }]);
  });
});

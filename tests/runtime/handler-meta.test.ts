// What a pre-transition handler or validator writes into its `meta` stays there: the hooks get
// a meta of their own, and a hook's failure names the transition as it is.
import { describe, expect, it } from 'vitest';
import { MemoryAdapter } from 'state-machine-framework';
import { freshCounting } from './contract/support/counting-machine.js';
import { seedBusyJob } from './contract/support/counter-seeds.js';

describe('handler meta', () => {
  it("a pre-transition handler's or validator's changes to meta do not reach the hooks", async () => {
    const adapter = new MemoryAdapter();
    await seedBusyJob(adapter, { versioned: false });
    const counting = freshCounting({ versioned: false });
    const seen: unknown[] = [];
    counting.preTransition('Closed', (_data, _context, meta) => {
      const writable = meta as unknown as Record<string, unknown>;
      writable['dryRun'] = true;
      writable['to'] = 'Elsewhere';
    });
    counting.validator('Closed', (_data, _context, meta) => {
      (meta as unknown as Record<string, unknown>)['adapter'] = null;
    });
    counting.hook('Closed', (_instances, _context, meta) => {
      seen.push({ dryRun: meta.dryRun, to: meta.to, adapter: meta.adapter === null });
      throw new Error('hook failed');
    });
    const counter = await adapter.get('Counter', { counterId: 'C1' });
    const error = await counting
      .load({ adapter, id: 'J1', instances: { Counter: counter as never } }, async (wf) => {
        if (!wf.is('Busy')) throw new Error('expected Busy');
        await wf.transitionTo('Closed');
      })
      .catch((e: unknown) => e);
    expect((error as Error).message).toContain('failed on Busy → Closed');
    expect(seen).toEqual([{ dryRun: false, to: 'Closed', adapter: false }]);
  });
});

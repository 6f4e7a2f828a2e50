import type { ORMAdapter } from 'state-machine-framework';
import { freshCounting } from './counting-machine.js';

/**
 * Commits job `jobId` in Busy with its counter `counterId` at `count: 0` (created by the
 * workflow, so a versioned counter starts at version 1).
 */
export async function seedBusyJob(
  adapter: ORMAdapter,
  options: { readonly versioned: boolean; readonly jobId?: string; readonly counterId?: string },
): Promise<void> {
  const { versioned, jobId = 'J1', counterId = 'C1' } = options;
  await freshCounting({ versioned }).run({ adapter }, async (wf) => {
    const open = await wf.transitionTo('Open', { Job: { jobId } });
    await open.transitionTo('Busy', { Counter: { counterId, count: 0, meta: { notes: [] } } });
  });
}

import { MemoryAdapter } from 'state-machine-framework';
import { CycleMachine, type CycleWorkflow } from './cycle.machine.gen.js';

/** The validator (≈ XState guard) and hook (≈ XState action) of the benchmark machine. */
CycleMachine.validator('Approved', function hasId(data, context) {
  if (context.requestId === '' || data.Item?.id === '') throw new Error('an id is required');
});
CycleMachine.hook('Published', function describe(instances, context) {
  return `${instances.Item.id}:${context.requestId}`;
});

const context = { requestId: 'R1' };

async function cycle(from: CycleWorkflow<'Published'>): Promise<CycleWorkflow<'Published'>> {
  const draft = await from.transitionTo('Draft');
  const review = await draft.transitionTo('Review');
  const approved = await review.transitionTo('Approved');
  return approved.transitionTo('Published');
}

/** One workflow (one `run`, one transaction) making `transitions` transitions (a multiple of 4). */
export async function oursSteady(transitions: number): Promise<number> {
  const adapter = new MemoryAdapter();
  await CycleMachine.run({ adapter, context }, async (wf) => {
    const draft = await wf.transitionTo('Draft', { Item: { id: 'I1' } });
    const review = await draft.transitionTo('Review');
    const approved = await review.transitionTo('Approved');
    let at = await approved.transitionTo('Published');
    for (let done = 4; done < transitions; done += 4) at = await cycle(at);
  });
  return transitions;
}

/** `workflows` separate workflows, each created, walked Draft → Published and committed. */
export async function oursLifecycle(workflows: number): Promise<number> {
  for (let i = 0; i < workflows; i++) {
    const adapter = new MemoryAdapter();
    await CycleMachine.run({ adapter, context }, async (wf) => {
      const draft = await wf.transitionTo('Draft', { Item: { id: `I${i}` } });
      const review = await draft.transitionTo('Review');
      const approved = await review.transitionTo('Approved');
      await approved.transitionTo('Published');
    });
  }
  return workflows;
}

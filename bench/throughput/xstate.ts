import { createActor, setup } from 'xstate';

interface CycleContext {
  requestId: string;
  itemId: string;
}
type CycleEvent =
  { type: 'GO_Draft' } | { type: 'GO_Review' } | { type: 'GO_Approved' } | { type: 'GO_Published' };

/** The throughput machine in XState v5: the same cycle, one guard and one action. */
export const cycleMachine = setup({
  types: {
    context: {} as CycleContext,
    events: {} as CycleEvent,
    input: {} as { itemId: string },
  },
  guards: {
    hasId: ({ context }) => context.requestId !== '' && context.itemId !== '',
  },
  actions: {
    describe: ({ context }) => `${context.itemId}:${context.requestId}`,
  },
}).createMachine({
  id: 'cycle',
  initial: 'Draft',
  context: ({ input }) => ({ requestId: 'R1', itemId: input.itemId }),
  states: {
    Draft: { on: { GO_Review: 'Review' } },
    Review: { on: { GO_Approved: { target: 'Approved', guard: 'hasId' } } },
    Approved: { on: { GO_Published: { target: 'Published', actions: 'describe' } } },
    Published: { on: { GO_Draft: 'Draft' } },
  },
});

const CYCLE = [
  { type: 'GO_Review' },
  { type: 'GO_Approved' },
  { type: 'GO_Published' },
  { type: 'GO_Draft' },
] as const satisfies readonly CycleEvent[];

/** One actor making `transitions` transitions. */
export function xstateSteady(transitions: number): number {
  const actor = createActor(cycleMachine, { input: { itemId: 'I1' } }).start();
  for (let done = 0; done < transitions; done++) actor.send(CYCLE[done % 4] ?? CYCLE[0]);
  if (actor.getSnapshot().value !== 'Draft' && transitions % 4 === 0)
    throw new Error('lost a transition');
  actor.stop();
  return transitions;
}

/** `workflows` actors, each started in Draft, sent to Published and stopped. */
export function xstateLifecycle(workflows: number): number {
  for (let i = 0; i < workflows; i++) {
    const actor = createActor(cycleMachine, { input: { itemId: `I${i}` } }).start();
    actor.send({ type: 'GO_Review' });
    actor.send({ type: 'GO_Approved' });
    actor.send({ type: 'GO_Published' });
    if (actor.getSnapshot().value !== 'Published') throw new Error('lost a transition');
    actor.stop();
  }
  return workflows;
}

// The two-model workload in XState v5: the context holds the parcel's and the label's states, and
// one action per event sets both (as the runtime sets both rows' state fields).
import { assign, createActor, setup } from 'xstate';

type Step = 'GO_Shipped' | 'GO_Delivered' | 'GO_Booked';
interface LabelledContext {
  parcel: { id: string; status: string };
  label: { labelId: string; state: string };
}

const labelledMachine = setup({
  types: { context: {} as LabelledContext, events: {} as { type: Step } },
  actions: {
    move: assign(({ context }, params: { status: string; state: string }) => ({
      parcel: { ...context.parcel, status: params.status },
      label: { ...context.label, state: params.state },
    })),
  },
}).createMachine({
  id: 'labelled',
  initial: 'Booked',
  context: { parcel: { id: 'P1', status: 'booked' }, label: { labelId: 'L1', state: 'printed' } },
  states: {
    Booked: {
      on: {
        GO_Shipped: {
          target: 'Shipped',
          actions: { type: 'move', params: { status: 'shipped', state: 'scanned' } },
        },
      },
    },
    Shipped: {
      on: {
        GO_Delivered: {
          target: 'Delivered',
          actions: { type: 'move', params: { status: 'delivered', state: 'filed' } },
        },
      },
    },
    Delivered: {
      on: {
        GO_Booked: {
          target: 'Booked',
          actions: { type: 'move', params: { status: 'booked', state: 'printed' } },
        },
      },
    },
  },
});

const CYCLE = [{ type: 'GO_Shipped' }, { type: 'GO_Delivered' }, { type: 'GO_Booked' }] as const;

/** One actor; `transitions` (1 + a multiple of 3) counts its start as ours counts the creation. */
export function xstateTwoModel(transitions: number): number {
  const actor = createActor(labelledMachine).start();
  for (let done = 1; done < transitions; done++) actor.send(CYCLE[(done - 1) % 3] ?? CYCLE[0]);
  actor.stop();
  return transitions;
}

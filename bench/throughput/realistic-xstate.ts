// The realistic workloads in XState v5: one guard and one action per event, doing the same data
// work as ours (the action merges the event's data into the context, as the runtime merges it
// into the row, and computes the hook's result).
import { assign, createActor, setup, type SnapshotFrom } from 'xstate';
import type { Parcel } from '../workloads/models.js';
import { checkLocation, describeParcel } from '../workloads/parcel-handlers.js';

type Scan = Pick<Parcel, 'location' | 'scans'>;
type ParcelEvent = {
  type: 'GO_Received' | 'GO_Sorted' | 'GO_InTransit' | 'GO_Delivered' | 'SCAN';
  data: Scan;
};
interface ParcelContext {
  parcel: Pick<Parcel, 'id' | 'location' | 'scans'>;
  described: string;
}

const on = (target: string) => ({ target, guard: 'hasLocation', actions: 'record' }) as const;

const parcelMachine = setup({
  types: { context: {} as ParcelContext, events: {} as ParcelEvent, input: {} as { id: string } },
  guards: {
    hasLocation: ({ event }) => {
      checkLocation(event.data.location);
      return true;
    },
  },
  actions: {
    record: assign(({ context, event }) => ({
      parcel: { ...context.parcel, ...event.data },
      described: describeParcel(context.parcel.id, event.data.location),
    })),
  },
}).createMachine({
  id: 'parcel',
  initial: 'Received',
  context: ({ input }) => ({ parcel: { id: input.id, location: 'L0', scans: 0 }, described: '' }),
  states: {
    Received: { on: { GO_Sorted: on('Sorted') } },
    Sorted: { on: { GO_InTransit: on('InTransit') } },
    InTransit: { on: { SCAN: on('InTransit'), GO_Delivered: on('Delivered') } },
    Delivered: { on: { GO_Received: on('Received') } },
  },
});

const ROUND = ['GO_Sorted', 'GO_InTransit', 'GO_Delivered', 'GO_Received'] as const;
const event = (type: ParcelEvent['type'], k: number): ParcelEvent => ({
  type,
  data: { location: `L${k % 64}`, scans: k },
});

export function xstateData(transitions: number): number {
  const actor = createActor(parcelMachine, { input: { id: 'P1' } }).start();
  for (let k = 0; k < transitions; k++) actor.send(event(ROUND[k % 4] ?? 'GO_Sorted', k));
  if (actor.getSnapshot().context.parcel.scans !== transitions - 1)
    throw new Error('lost a transition');
  actor.stop();
  return transitions;
}

export function xstateSelfLoop(transitions: number): number {
  const actor = createActor(parcelMachine, { input: { id: 'P1' } }).start();
  actor.send(event('GO_Sorted', 1));
  actor.send(event('GO_InTransit', 2));
  for (let k = 3; k < transitions; k++) actor.send(event('SCAN', k));
  if (actor.getSnapshot().context.parcel.scans !== transitions - 1)
    throw new Error('lost a transition');
  actor.stop();
  return transitions;
}

type Persisted = ReturnType<
  ReturnType<typeof createActor<typeof parcelMachine>>['getPersistedSnapshot']
>;
const LOADED = 1_000;
const store = new Map<string, Persisted>();
for (let i = 0; i < LOADED; i++) {
  const actor = createActor(parcelMachine, { input: { id: `P${i}` } }).start();
  actor.send(event('GO_Sorted', 0));
  actor.send(event('GO_InTransit', 0));
  store.set(`P${i}`, actor.getPersistedSnapshot());
  actor.stop();
}
let nextLoad = 0;

/** load: restore a persisted snapshot, send one scan, persist the new snapshot. */
export function xstateLoad(workflows: number): number {
  for (let i = 0; i < workflows; i++, nextLoad++) {
    const id = `P${nextLoad % LOADED}`;
    const snapshot = store.get(id) as SnapshotFrom<typeof parcelMachine>;
    const actor = createActor(parcelMachine, { snapshot, input: { id } }).start();
    const scans = actor.getSnapshot().context.parcel.scans;
    actor.send(event('SCAN', scans + 1));
    if (actor.getSnapshot().context.parcel.scans !== scans + 1) throw new Error('lost a scan');
    store.set(id, actor.getPersistedSnapshot());
    actor.stop();
  }
  return workflows;
}

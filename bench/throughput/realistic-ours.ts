// The realistic workloads through our runtime on a MemoryAdapter (XState: realistic-xstate.ts).
import { MemoryAdapter } from 'state-machine-framework';
import { LabelledMachine } from '../workloads/labelled.machine.gen.js';
import { labelledRows } from '../workloads/labelled-rows.js';
import { parcelMachine, scanData } from '../workloads/parcel-handlers.js';
import type { ParcelWorkflow } from '../workloads/parcel.machine.gen.js';

const context = {};

async function round(from: ParcelWorkflow<'Delivered'>, k: number) {
  const received = await from.transitionTo('Received', scanData(k));
  const sorted = await received.transitionTo('Sorted', scanData(k + 1));
  const moving = await sorted.transitionTo('InTransit', scanData(k + 2));
  return moving.transitionTo('Delivered', scanData(k + 3));
}

/** data: one workflow making `transitions` (a multiple of 4) transitions, each with data, a validator and a hook. */
export async function oursData(transitions: number): Promise<number> {
  await parcelMachine.run({ adapter: new MemoryAdapter(), context }, async (wf) => {
    const received = await wf.transitionTo('Received', {
      Parcel: { id: 'P1', ...scanData(0).Parcel },
    });
    const sorted = await received.transitionTo('Sorted', scanData(1));
    const moving = await sorted.transitionTo('InTransit', scanData(2));
    let at = await moving.transitionTo('Delivered', scanData(3));
    for (let k = 4; k < transitions; k += 4) at = await round(at, k);
  });
  return transitions;
}

/** self-loop: one workflow created, taken to InTransit, then scanned `transitions - 3` times. */
export async function oursSelfLoop(transitions: number): Promise<number> {
  await parcelMachine.run({ adapter: new MemoryAdapter(), context }, async (wf) => {
    const received = await wf.transitionTo('Received', {
      Parcel: { id: 'P1', ...scanData(0).Parcel },
    });
    const sorted = await received.transitionTo('Sorted', scanData(1));
    let at = await sorted.transitionTo('InTransit', scanData(2));
    for (let k = 3; k < transitions; k++) at = await at.transitionTo('InTransit', scanData(k));
  });
  return transitions;
}

/** two-model: one workflow whose `transitions` (1 + a multiple of 3) each write a parcel and its label. */
export async function oursTwoModel(transitions: number): Promise<number> {
  await LabelledMachine.run({ adapter: new MemoryAdapter(), context }, async (wf) => {
    let at = await wf.transitionTo('Booked', labelledRows(1));
    for (let done = 1; done < transitions; done += 3) {
      const shipped = await at.transitionTo('Shipped');
      const delivered = await shipped.transitionTo('Delivered');
      at = await delivered.transitionTo('Booked');
    }
  });
  return transitions;
}

export const LOADED_PARCELS = 1_000;
const seeded = Array.from({ length: LOADED_PARCELS }, (_, i) => ({
  id: `P${i}`,
  status: 'in_transit',
  location: 'L0',
  scans: 0,
}));
const loadAdapter = new MemoryAdapter({ Parcel: seeded });
let nextLoad = 0;

/** load: `workflows` workflows, each loading a parcel, scanning it once and committing. */
export async function oursLoad(workflows: number): Promise<number> {
  for (let i = 0; i < workflows; i++, nextLoad++) {
    const id = `P${nextLoad % LOADED_PARCELS}`;
    await parcelMachine.load({ adapter: loadAdapter, id, context }, async (wf) => {
      if (!wf.is('InTransit')) throw new Error(`${id} is in ${wf.state}`);
      await wf.transitionTo('InTransit', scanData(wf.instances.Parcel.scans + 1));
    });
  }
  return workflows;
}

// Type test for Fulfilment: built by tests/types/build-usage-file.ts (refresh with `vitest -u`).
// Each @ts-expect-error line must stay an error: tsc fails on one that is no longer needed.
import type { FreshWorkflow, ORMAdapter } from 'state-machine-framework';
import {
  FULFILMENT_EDGES,
  FulfilmentMachine,
  FULFILMENT_STATES,
  FULFILMENT_TRANSITIONS,
  type FulfilmentState,
  type FulfilmentTransitions,
  type FulfilmentTypes,
  type FulfilmentWorkflow,
} from '../../generator/goldens/multi-model/fulfilment.machine.gen.js';

declare const fresh: FreshWorkflow<FulfilmentTypes>;
declare const loaded: FulfilmentWorkflow;
declare const inNew: FulfilmentWorkflow<'New'>;
declare const inPaid: FulfilmentWorkflow<'Paid'>;
declare const inShipped: FulfilmentWorkflow<'Shipped'>;
declare const inReturned: FulfilmentWorkflow<'Returned'>;
declare const inClosed: FulfilmentWorkflow<'Closed'>;

export const stateList: readonly FulfilmentState[] = FULFILMENT_STATES;
export const edgeList: readonly (readonly [FulfilmentState, FulfilmentState])[] = FULFILMENT_EDGES;
export const targetsOfNew: readonly FulfilmentTransitions['New'][] = FULFILMENT_TRANSITIONS.New;
export const targetsOfPaid: readonly FulfilmentTransitions['Paid'][] = FULFILMENT_TRANSITIONS.Paid;
export const targetsOfShipped: readonly FulfilmentTransitions['Shipped'][] =
  FULFILMENT_TRANSITIONS.Shipped;
export const targetsOfReturned: readonly FulfilmentTransitions['Returned'][] =
  FULFILMENT_TRANSITIONS.Returned;
export const targetsOfClosed: readonly FulfilmentTransitions['Closed'][] =
  FULFILMENT_TRANSITIONS.Closed;

export async function legalTransitions(): Promise<readonly unknown[]> {
  const step0: FulfilmentWorkflow<'New'> = await fresh.transitionTo('New');
  const step1: FulfilmentWorkflow<'Paid'> = await inNew.transitionTo('Paid');
  const step2: FulfilmentWorkflow<'Closed'> = await inNew.transitionTo('Closed');
  const step3: FulfilmentWorkflow<'New'> = await inPaid.transitionTo('New');
  const step4: FulfilmentWorkflow<'Paid'> = await inPaid.transitionTo('Paid');
  const step5: FulfilmentWorkflow<'Shipped'> = await inPaid.transitionTo('Shipped');
  const step6: FulfilmentWorkflow<'Returned'> = await inPaid.transitionTo('Returned');
  const step7: FulfilmentWorkflow<'Closed'> = await inPaid.transitionTo('Closed');
  const step8: FulfilmentWorkflow<'Returned'> = await inShipped.transitionTo('Returned');
  const step9: FulfilmentWorkflow<'Closed'> = await inShipped.transitionTo('Closed');
  const step10: FulfilmentWorkflow<'Closed'> = await inReturned.transitionTo('Closed');
  if (loaded.is('New')) await loaded.transitionTo('Paid');
  return [step0, step1, step2, step3, step4, step5, step6, step7, step8, step9, step10];
}

export async function forbiddenTransitions(): Promise<void> {
  // @ts-expect-error New → New is not an edge
  await inNew.transitionTo('New');
  // @ts-expect-error New → Shipped is not an edge
  await inNew.transitionTo('Shipped');
  // @ts-expect-error New → Returned is not an edge
  await inNew.transitionTo('Returned');
  // @ts-expect-error Shipped → New is not an edge
  await inShipped.transitionTo('New');
  // @ts-expect-error Shipped → Paid is not an edge
  await inShipped.transitionTo('Paid');
  // @ts-expect-error Shipped → Shipped is not an edge
  await inShipped.transitionTo('Shipped');
  // @ts-expect-error Returned → New is not an edge
  await inReturned.transitionTo('New');
  // @ts-expect-error Returned → Paid is not an edge
  await inReturned.transitionTo('Paid');
  // @ts-expect-error Returned → Shipped is not an edge
  await inReturned.transitionTo('Shipped');
  // @ts-expect-error Returned → Returned is not an edge
  await inReturned.transitionTo('Returned');
  // @ts-expect-error Closed → New is not an edge
  await inClosed.transitionTo('New');
  // @ts-expect-error Closed → Paid is not an edge
  await inClosed.transitionTo('Paid');
  // @ts-expect-error Closed → Shipped is not an edge
  await inClosed.transitionTo('Shipped');
  // @ts-expect-error Closed → Returned is not an edge
  await inClosed.transitionTo('Returned');
  // @ts-expect-error Closed → Closed is not an edge
  await inClosed.transitionTo('Closed');
  // @ts-expect-error a fresh workflow enters only a start state, not Paid
  await fresh.transitionTo('Paid');
  // @ts-expect-error a fresh workflow enters only a start state, not Shipped
  await fresh.transitionTo('Shipped');
  // @ts-expect-error a fresh workflow enters only a start state, not Returned
  await fresh.transitionTo('Returned');
  // @ts-expect-error a fresh workflow enters only a start state, not Closed
  await fresh.transitionTo('Closed');
  // @ts-expect-error NotAState is not a state
  await inNew.transitionTo('NotAState');
  // @ts-expect-error NotAState is not a state
  await fresh.transitionTo('NotAState');
}

export async function loadedBeforeNarrowing(): Promise<void> {
  // @ts-expect-error New is not a target of every state, so the loaded workflow must be narrowed first
  await loaded.transitionTo('New');
  // @ts-expect-error Paid is not a target of every state, so the loaded workflow must be narrowed first
  await loaded.transitionTo('Paid');
  // @ts-expect-error Shipped is not a target of every state, so the loaded workflow must be narrowed first
  await loaded.transitionTo('Shipped');
  // @ts-expect-error Returned is not a target of every state, so the loaded workflow must be narrowed first
  await loaded.transitionTo('Returned');
  // @ts-expect-error Closed is not a target of every state, so the loaded workflow must be narrowed first
  await loaded.transitionTo('Closed');
  switch (loaded.state) {
    case 'New':
      await loaded.transitionTo('Paid');
      break;
    case 'Paid':
      await loaded.transitionTo('New');
      break;
    case 'Shipped':
      await loaded.transitionTo('Returned');
      break;
    case 'Returned':
      await loaded.transitionTo('Closed');
      break;
  }
}

export function handlerInstances(): void {
  FulfilmentMachine.hook('New', (instances) => instances.Order.id);
  FulfilmentMachine.hook('New', (instances) => instances.Payment.paymentId);
  // @ts-expect-error New does not map Shipment, so it may not exist yet
  FulfilmentMachine.hook('New', (instances) => instances.Shipment.trackingNumber);
  FulfilmentMachine.hook('Paid', (instances) => instances.Order.id);
  FulfilmentMachine.hook('Paid', (instances) => instances.Payment.paymentId);
  // @ts-expect-error Paid does not map Shipment, so it may not exist yet
  FulfilmentMachine.hook('Paid', (instances) => instances.Shipment.trackingNumber);
  FulfilmentMachine.hook('Shipped', (instances) => instances.Order.id);
  // @ts-expect-error Shipped does not map Payment, so it may not exist yet
  FulfilmentMachine.hook('Shipped', (instances) => instances.Payment.paymentId);
  FulfilmentMachine.hook('Shipped', (instances) => instances.Shipment.trackingNumber);
  FulfilmentMachine.hook('Returned', (instances) => instances.Order.id);
  FulfilmentMachine.hook('Returned', (instances) => instances.Payment.paymentId);
  FulfilmentMachine.hook('Returned', (instances) => instances.Shipment.trackingNumber);
  FulfilmentMachine.hook('Closed', (instances) => instances.Order.id);
  // @ts-expect-error Closed does not map Payment, so it may not exist yet
  FulfilmentMachine.hook('Closed', (instances) => instances.Payment.paymentId);
  // @ts-expect-error Closed does not map Shipment, so it may not exist yet
  FulfilmentMachine.hook('Closed', (instances) => instances.Shipment.trackingNumber);
}

export async function persistedHistory(adapter: ORMAdapter): Promise<void> {
  for (const entry of await FulfilmentMachine.history({ adapter, id: 1 })) {
    const to: FulfilmentState = entry.to;
    const from: FulfilmentState | null = entry.from;
    const step: [number, Date, unknown, unknown] = [
      entry.seq,
      entry.at,
      entry.results,
      entry.metadata,
    ];
    void [to, from, step];
    // @ts-expect-error NotAState is never a logged state
    if (entry.to === 'NotAState') return;
  }
  await inNew.transitionTo('Paid', undefined, { metadata: { by: 'u1' } });
  // @ts-expect-error metadata is an object of who/why, not a string
  await inNew.transitionTo('Paid', undefined, { metadata: 'u1' });
}

export function unknownStateNames(): void {
  // @ts-expect-error NotAState is not a state
  FulfilmentMachine.validator('NotAState', () => undefined);
  // @ts-expect-error NotAState is not a state
  const state: FulfilmentState = 'NotAState';
  void state;
}

// Type test for Order: built by tests/types/build-usage-file.ts (refresh with `vitest -u`).
// Each @ts-expect-error line must stay an error: tsc fails on one that is no longer needed.
import type { FreshWorkflow, ORMAdapter } from 'state-machine-framework';
import {
  ORDER_EDGES,
  OrderMachine,
  ORDER_STATES,
  ORDER_TRANSITIONS,
  type OrderState,
  type OrderTransitions,
  type OrderTypes,
  type OrderWorkflow,
} from '../../generator/goldens/order/order.machine.gen.js';

declare const fresh: FreshWorkflow<OrderTypes>;
declare const loaded: OrderWorkflow;
declare const inPending: OrderWorkflow<'Pending'>;
declare const inProcessing: OrderWorkflow<'Processing'>;
declare const inCompleted: OrderWorkflow<'Completed'>;
declare const inCancelled: OrderWorkflow<'Cancelled'>;

export const stateList: readonly OrderState[] = ORDER_STATES;
export const edgeList: readonly (readonly [OrderState, OrderState])[] = ORDER_EDGES;
export const targetsOfPending: readonly OrderTransitions['Pending'][] = ORDER_TRANSITIONS.Pending;
export const targetsOfProcessing: readonly OrderTransitions['Processing'][] =
  ORDER_TRANSITIONS.Processing;
export const targetsOfCompleted: readonly OrderTransitions['Completed'][] =
  ORDER_TRANSITIONS.Completed;
export const targetsOfCancelled: readonly OrderTransitions['Cancelled'][] =
  ORDER_TRANSITIONS.Cancelled;

export async function legalTransitions(): Promise<readonly unknown[]> {
  const step0: OrderWorkflow<'Pending'> = await fresh.transitionTo('Pending');
  const step1: OrderWorkflow<'Processing'> = await inPending.transitionTo('Processing');
  const step2: OrderWorkflow<'Cancelled'> = await inPending.transitionTo('Cancelled');
  const step3: OrderWorkflow<'Completed'> = await inProcessing.transitionTo('Completed');
  const step4: OrderWorkflow<'Cancelled'> = await inProcessing.transitionTo('Cancelled');
  if (loaded.is('Pending')) await loaded.transitionTo('Processing');
  return [step0, step1, step2, step3, step4];
}

export async function forbiddenTransitions(): Promise<void> {
  // @ts-expect-error Pending → Pending is not an edge
  await inPending.transitionTo('Pending');
  // @ts-expect-error Pending → Completed is not an edge
  await inPending.transitionTo('Completed');
  // @ts-expect-error Processing → Pending is not an edge
  await inProcessing.transitionTo('Pending');
  // @ts-expect-error Processing → Processing is not an edge
  await inProcessing.transitionTo('Processing');
  // @ts-expect-error Completed → Pending is not an edge
  await inCompleted.transitionTo('Pending');
  // @ts-expect-error Completed → Processing is not an edge
  await inCompleted.transitionTo('Processing');
  // @ts-expect-error Completed → Completed is not an edge
  await inCompleted.transitionTo('Completed');
  // @ts-expect-error Completed → Cancelled is not an edge
  await inCompleted.transitionTo('Cancelled');
  // @ts-expect-error Cancelled → Pending is not an edge
  await inCancelled.transitionTo('Pending');
  // @ts-expect-error Cancelled → Processing is not an edge
  await inCancelled.transitionTo('Processing');
  // @ts-expect-error Cancelled → Completed is not an edge
  await inCancelled.transitionTo('Completed');
  // @ts-expect-error Cancelled → Cancelled is not an edge
  await inCancelled.transitionTo('Cancelled');
  // @ts-expect-error a fresh workflow enters only a start state, not Processing
  await fresh.transitionTo('Processing');
  // @ts-expect-error a fresh workflow enters only a start state, not Completed
  await fresh.transitionTo('Completed');
  // @ts-expect-error a fresh workflow enters only a start state, not Cancelled
  await fresh.transitionTo('Cancelled');
  // @ts-expect-error NotAState is not a state
  await inPending.transitionTo('NotAState');
  // @ts-expect-error NotAState is not a state
  await fresh.transitionTo('NotAState');
}

export async function loadedBeforeNarrowing(): Promise<void> {
  // @ts-expect-error Pending is not a target of every state, so the loaded workflow must be narrowed first
  await loaded.transitionTo('Pending');
  // @ts-expect-error Processing is not a target of every state, so the loaded workflow must be narrowed first
  await loaded.transitionTo('Processing');
  // @ts-expect-error Completed is not a target of every state, so the loaded workflow must be narrowed first
  await loaded.transitionTo('Completed');
  // @ts-expect-error Cancelled is not a target of every state, so the loaded workflow must be narrowed first
  await loaded.transitionTo('Cancelled');
  switch (loaded.state) {
    case 'Pending':
      await loaded.transitionTo('Processing');
      break;
    case 'Processing':
      await loaded.transitionTo('Completed');
      break;
  }
}

export function handlerInstances(): void {
  OrderMachine.hook('Pending', (instances) => instances.Order.orderId);
  OrderMachine.hook('Processing', (instances) => instances.Order.orderId);
  OrderMachine.hook('Completed', (instances) => instances.Order.orderId);
  OrderMachine.hook('Cancelled', (instances) => instances.Order.orderId);
}

export async function persistedHistory(adapter: ORMAdapter): Promise<void> {
  for (const entry of await OrderMachine.history({ adapter, id: 1 })) {
    const to: OrderState = entry.to;
    const from: OrderState | null = entry.from;
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
  await inPending.transitionTo('Processing', undefined, { metadata: { by: 'u1' } });
  // @ts-expect-error metadata is an object of who/why, not a string
  await inPending.transitionTo('Processing', undefined, { metadata: 'u1' });
}

export function unknownStateNames(): void {
  // @ts-expect-error NotAState is not a state
  OrderMachine.validator('NotAState', () => undefined);
  // @ts-expect-error NotAState is not a state
  const state: OrderState = 'NotAState';
  void state;
}

// Type tests for the typestate, checked by `tsc --noEmit` over tests/ (npm run typecheck).
// Every forbidden edge is a `@ts-expect-error`: if one ever became legal, tsc would report the
// unused directive and the check would fail.
import { MemoryAdapter } from 'state-machine-framework';
import {
  OrderMachine,
  type OrderState,
  type OrderTransitions,
  type OrderWorkflow,
} from './support/order.machine.gen.js';

declare const adapter: MemoryAdapter;
declare function handle<S extends OrderState>(state: S): OrderWorkflow<S>;
const input = { customerId: 'C1', orderData: { amount: 1, customerEmail: 'a@b.co' } };

export async function legalEdges(): Promise<void> {
  await handle('Pending').transitionTo('Cancelled');
  await handle('Pending').transitionTo('Processing');
  await handle('Processing').transitionTo('Cancelled');
  await handle('Processing').transitionTo('Shipped');
  await handle('Shipped').transitionTo('Delivered');
}

export async function forbiddenEdges(): Promise<void> {
  // @ts-expect-error Pending → Pending is not an edge
  await handle('Pending').transitionTo('Pending');
  // @ts-expect-error Pending → Shipped is not an edge
  await handle('Pending').transitionTo('Shipped');
  // @ts-expect-error Pending → Delivered is not an edge
  await handle('Pending').transitionTo('Delivered');
  // @ts-expect-error Processing → Pending is not an edge
  await handle('Processing').transitionTo('Pending');
  // @ts-expect-error Processing → Processing is not an edge
  await handle('Processing').transitionTo('Processing');
  // @ts-expect-error Processing → Delivered is not an edge
  await handle('Processing').transitionTo('Delivered');
  // @ts-expect-error Shipped → Pending is not an edge
  await handle('Shipped').transitionTo('Pending');
  // @ts-expect-error Shipped → Processing is not an edge
  await handle('Shipped').transitionTo('Processing');
  // @ts-expect-error Shipped → Shipped is not an edge
  await handle('Shipped').transitionTo('Shipped');
  // @ts-expect-error Shipped → Cancelled is not an edge
  await handle('Shipped').transitionTo('Cancelled');
  // @ts-expect-error Delivered → Pending is not an edge
  await handle('Delivered').transitionTo('Pending');
  // @ts-expect-error Delivered → Processing is not an edge
  await handle('Delivered').transitionTo('Processing');
  // @ts-expect-error Delivered → Shipped is not an edge
  await handle('Delivered').transitionTo('Shipped');
  // @ts-expect-error Delivered → Delivered is not an edge
  await handle('Delivered').transitionTo('Delivered');
  // @ts-expect-error Delivered → Cancelled is not an edge
  await handle('Delivered').transitionTo('Cancelled');
  // @ts-expect-error Cancelled → Pending is not an edge
  await handle('Cancelled').transitionTo('Pending');
  // @ts-expect-error Cancelled → Processing is not an edge
  await handle('Cancelled').transitionTo('Processing');
  // @ts-expect-error Cancelled → Shipped is not an edge
  await handle('Cancelled').transitionTo('Shipped');
  // @ts-expect-error Cancelled → Delivered is not an edge
  await handle('Cancelled').transitionTo('Delivered');
  // @ts-expect-error Cancelled → Cancelled is not an edge
  await handle('Cancelled').transitionTo('Cancelled');
}

export async function freshWorkflows(): Promise<void> {
  await OrderMachine.run({ adapter, context: input }, async (wf) => {
    // @ts-expect-error a fresh workflow enters only start states, not Processing
    await wf.transitionTo('Processing');
    // @ts-expect-error a fresh workflow enters only start states, not Shipped
    await wf.transitionTo('Shipped');
    // @ts-expect-error a fresh workflow enters only start states, not Delivered
    await wf.transitionTo('Delivered');
    // @ts-expect-error a fresh workflow enters only start states, not Cancelled
    await wf.transitionTo('Cancelled');
    const pending = await wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 1 } });
    const processing = await pending.transitionTo('Processing');
    const shipped: OrderWorkflow<'Shipped'> = await processing.transitionTo('Shipped');
    // @ts-expect-error the handle of Pending still only accepts Pending's targets
    await pending.transitionTo('Shipped');
    // @ts-expect-error 'Teleported' is no state
    await shipped.transitionTo('Teleported');
    // @ts-expect-error transition data only names declared models
    await shipped.transitionTo('Delivered', { Invoice: {} });
    // @ts-expect-error model fields keep their types
    await shipped.transitionTo('Delivered', { Order: { amount: 'lots' } });
    const state: 'Shipped' = shipped.state;
    return state;
  });
}

export async function loadedWorkflows(): Promise<void> {
  await OrderMachine.load({ adapter, id: 'O1', context: input }, async (wf) => {
    const unknownState: OrderState = wf.state;
    // @ts-expect-error an unnarrowed handle only accepts targets some state has
    await wf.transitionTo('Pending');
    // @ts-expect-error Cancelled is a target of Pending and Processing, not of every state
    await wf.transitionTo('Cancelled');
    // @ts-expect-error Shipped is a target of Processing only
    await wf.transitionTo('Shipped');
    // @ts-expect-error the dry run is held to the same rule
    await wf.canTransitionTo('Cancelled');
    switch (wf.state) {
      case 'Pending':
        await wf.transitionTo('Cancelled');
        // @ts-expect-error narrowed by the switch to Pending: Shipped is not a target
        await wf.transitionTo('Shipped');
        break;
      case 'Shipped':
        await wf.transitionTo('Delivered');
        break;
    }
    if (wf.is('Processing')) {
      await wf.transitionTo('Shipped');
      // @ts-expect-error narrowed to Processing: Delivered is not a target
      await wf.transitionTo('Delivered');
    }
    // @ts-expect-error 'Lost' is no state
    wf.is('Lost');
    return unknownState;
  });
}

export async function contextOnLoad(): Promise<void> {
  // @ts-expect-error load needs the context handlers read, as run does
  await OrderMachine.load({ adapter, id: 'O1' }, async () => undefined);
  // @ts-expect-error customerId is required on load too
  await OrderMachine.load({ adapter, id: 'O1', context: { orderData: input.orderData } }, () => 1);
  await OrderMachine.run(
    // @ts-expect-error the primary row is never passed to run: an existing Order is loaded
    { adapter, context: { ...input, order: { orderId: 'O1', status: 'pending', amount: 1 } } },
    async () => undefined,
  );
}

export function handlerInstances(): void {
  OrderMachine.hook('Processing', (instances) => instances.Payment.paymentId);
  OrderMachine.afterCommit('Shipped', (instances) => instances.Payment.amount);
  // @ts-expect-error no Payment is guaranteed when Pending is entered
  OrderMachine.hook('Pending', (instances) => instances.Payment.paymentId);
  // @ts-expect-error nor when Cancelled is (a Pending order is cancelled without one)
  OrderMachine.afterCommit('Cancelled', (instances) => instances.Payment.amount);
  OrderMachine.hook(
    'Cancelled',
    (instances) => instances.Payment?.amount ?? instances.Order.amount,
  );
  OrderMachine.state('Processing', {
    hooks: [(instances) => instances.Payment.amount],
    // @ts-expect-error Machine.state types its handlers by the same state
    afterCommit: [(instances) => instances.Order.nope],
  });
  OrderMachine.preTransition('Pending', (_data, _context, meta) => {
    const dryRun: boolean = meta.dryRun;
    const to: 'Pending' = meta.to;
    return [dryRun, to];
  });
}

export function registration(): void {
  OrderMachine.validator('Pending', (data, context) => {
    const amount: number | undefined = data.Order?.amount;
    const customer: string = context.customerId;
    return [amount, customer];
  });
  OrderMachine.afterCommit('Delivered', (instances) => instances.Order.customerEmail);
  // @ts-expect-error handlers attach to states only
  OrderMachine.hook('Nowhere', () => undefined);
  OrderMachine.preTransition('Pending', (data) => {
    // @ts-expect-error validators and pre-transition handlers get typed data
    data.Order = { amount: 'free' };
  });
}

export const terminalTargets: OrderTransitions['Delivered'][] = [];

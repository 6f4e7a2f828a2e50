// Hand-written in the shape smf-gen emits (compare tests/generator/goldens), so the SQLite adapter
// is exercised through the real runtime without depending on the generator.
import {
  createMachine,
  type MachineConfig,
  type Machine,
  type Workflow,
} from 'state-machine-framework';
import type { Order, Payment } from './order-models.js';

export const ORDER_STATES = ['Pending', 'Processing', 'Shipped', 'Delivered', 'Cancelled'] as const;
export type OrderState = 'Pending' | 'Processing' | 'Shipped' | 'Delivered' | 'Cancelled';
export type OrderStartState = 'Pending';
export type OrderTerminalState = 'Delivered' | 'Cancelled';

export interface OrderTransitions {
  Pending: 'Processing' | 'Cancelled';
  Processing: 'Shipped' | 'Cancelled';
  Shipped: 'Delivered';
  Delivered: never;
  Cancelled: never;
}

export interface OrderModels {
  Order: Order;
  Payment: Payment;
}
export interface OrderContext {
  customerId: string;
  order: Order;
  payment?: Payment | undefined;
}
export interface OrderContextInput {
  customerId: string;
  payment?: Payment | undefined;
}
export interface OrderStateInstances {
  Pending: { Order: Order; Payment?: Payment | undefined };
  Processing: { Order: Order; Payment: Payment };
  Shipped: { Order: Order; Payment: Payment };
  Delivered: { Order: Order; Payment?: Payment | undefined };
  Cancelled: { Order: Order; Payment?: Payment | undefined };
}
export interface OrderTypes {
  state: OrderState;
  start: OrderStartState;
  transitions: Pick<OrderTransitions, OrderState>;
  anyStateTargets: never;
  models: OrderModels;
  stateInstances: Pick<OrderStateInstances, OrderState>;
  context: OrderContext;
  contextInput: OrderContextInput;
  contextOption: { context: OrderContextInput };
}
export type OrderWorkflow<S extends OrderState = OrderState> = Workflow<OrderTypes, S>;

export const ORDER_CONFIG: MachineConfig = {
  name: 'Order',
  models: {
    Order: { stateField: 'status', identifierField: 'orderId' },
    Payment: { stateField: 'state', identifierField: 'paymentId' },
  },
  states: {
    Pending: { models: { Order: 'pending' }, to: ['Processing', 'Cancelled'], start: true },
    Processing: {
      models: { Order: 'processing', Payment: 'authorized' },
      to: ['Shipped', 'Cancelled'],
    },
    Shipped: { models: { Order: 'shipped', Payment: 'captured' }, to: ['Delivered'] },
    Delivered: { models: { Order: 'delivered' }, to: [], terminal: true },
    Cancelled: { models: { Order: 'cancelled' }, to: [], terminal: true },
  },
  context: {
    customerId: { kind: 'value', required: true, type: 'string' },
    order: { kind: 'instance', required: true, model: 'Order', createdIn: 'Pending' },
    payment: { kind: 'instance', required: false, model: 'Payment', createdIn: 'Processing' },
  },
};

/** A machine of its own per test, so handlers registered by one test never reach another. */
export function createOrderMachine(): Machine<OrderTypes> {
  return createMachine<OrderTypes>(ORDER_CONFIG);
}

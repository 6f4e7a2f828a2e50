// Hand-written in the exact shape smf-gen emits (DESIGN §3), so the runtime is tested without the
// generator. Order is the primary model; Payment joins in Processing.
import {
  createMachine,
  transitionEdges,
  type MachineConfig,
  type SchemaInput,
  type SchemaOutput,
  type Workflow,
} from 'state-machine-framework';
import type { Order, Payment } from './order-models.js';
import { OrderData } from './order-schema.js';

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
export const ORDER_TRANSITIONS = {
  Pending: ['Processing', 'Cancelled'],
  Processing: ['Shipped', 'Cancelled'],
  Shipped: ['Delivered'],
  Delivered: [],
  Cancelled: [],
} as const;
export const ORDER_EDGES = transitionEdges(ORDER_TRANSITIONS) as readonly (readonly [
  OrderState,
  OrderState,
])[];

export interface OrderModels {
  Order: Order;
  Payment: Payment;
}
export interface OrderContext {
  customerId: string;
  note?: string | undefined;
  order: Order;
  payment?: Payment | undefined;
  orderData: SchemaOutput<typeof OrderData>;
}
export interface OrderContextInput {
  customerId: string;
  note?: string | undefined;
  payment?: Payment | undefined;
  orderData: SchemaInput<typeof OrderData>;
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
    note: { kind: 'value', required: false, type: 'string' },
    order: { kind: 'instance', required: true, model: 'Order', createdIn: 'Pending' },
    payment: { kind: 'instance', required: false, model: 'Payment', createdIn: 'Processing' },
    orderData: { kind: 'schema', required: true, schema: OrderData },
  },
};

export const OrderMachine = createMachine<OrderTypes>(ORDER_CONFIG);

/** A fresh machine with no handlers, so each test registers only its own. */
export const createOrderMachine = () => createMachine<OrderTypes>(ORDER_CONFIG);

/**
 * Type tests for `state-machine-framework/dsl`: checked by `npx tsc -p tsconfig.json`. Every
 * `@ts-expect-error` marks a misspelling the author's editor must flag; if the DSL stopped
 * catching it, the unused directive would fail the type check.
 */
import { defineMachine, instanceOf, model, schema, value } from 'state-machine-framework/dsl';

interface Order {
  orderId: string;
  status: 'pending' | 'processing' | 'completed' | 'cancelled';
  amount: number;
}

interface Payment {
  paymentId: number;
  state: string;
}

// Any Standard Schema; taken from the DSL so this file depends on nothing else.
declare const OrderData: Parameters<typeof schema>[0];

export const valid = defineMachine({
  name: 'Order',
  models: {
    Order: model<Order>({ stateField: 'status', identifierField: 'orderId' }),
    Payment: model<Payment>({ stateField: 'state', identifierField: 'paymentId' }),
  },
  states: {
    Pending: { start: true, models: { Order: 'pending' }, to: ['Processing', 'Cancelled'] },
    Processing: { models: { Order: 'processing', Payment: 'open' }, to: '*' },
    Completed: { terminal: true, models: { Order: 'completed' } },
    Cancelled: { terminal: true, models: { Order: 'cancelled' } },
  },
  context: {
    customerId: value<string>(),
    note: value<string>({ required: false }),
    order: instanceOf('Order', { createdIn: 'Pending' }),
    payment: instanceOf('Payment', { createdIn: 'Processing', required: false }),
    orderData: schema(OrderData),
    optionalData: schema(OrderData, { required: false }),
  },
});

export const misspeltTarget = defineMachine({
  name: 'Order',
  models: { Order: model<Order>({ stateField: 'status', identifierField: 'orderId' }) },
  states: {
    // @ts-expect-error 'Procesing' is not a state
    Pending: { start: true, models: { Order: 'pending' }, to: ['Procesing'] },
    Processing: { terminal: true, models: { Order: 'processing' } },
  },
});

export const misspeltStateModel = defineMachine({
  name: 'Order',
  models: { Order: model<Order>({ stateField: 'status', identifierField: 'orderId' }) },
  states: {
    // @ts-expect-error 'Ordr' is not a declared model
    Pending: { start: true, models: { Ordr: 'pending' }, to: '*' },
  },
});

export const misspeltCreatedInState = defineMachine({
  name: 'Order',
  models: { Order: model<Order>({ stateField: 'status', identifierField: 'orderId' }) },
  states: {
    Pending: { start: true, models: { Order: 'pending' }, to: '*' },
  },
  context: {
    // @ts-expect-error 'Pendng' is not a state
    order: instanceOf('Order', { createdIn: 'Pendng' }),
  },
});

export const misspeltInstanceModel = defineMachine({
  name: 'Order',
  models: { Order: model<Order>({ stateField: 'status', identifierField: 'orderId' }) },
  states: {
    Pending: { start: true, models: { Order: 'pending' }, to: '*' },
  },
  context: {
    // @ts-expect-error 'Ordr' is not a declared model
    order: instanceOf('Ordr', { createdIn: 'Pending' }),
  },
});

// @ts-expect-error 'state' is not a key of Order
export const misspeltStateField = model<Order>({ stateField: 'state', identifierField: 'orderId' });

export const misspeltIdentifierField = model<Order>({
  stateField: 'status',
  // @ts-expect-error 'id' is not a key of Order
  identifierField: 'id',
});

export const versioned = model<Order>({
  stateField: 'status',
  identifierField: 'orderId',
  versionField: 'amount',
});

export const stringVersionField = model<Order>({
  stateField: 'status',
  identifierField: 'orderId',
  // @ts-expect-error a version field must be a `number` property ('orderId' is a string)
  versionField: 'orderId',
});

export const optionalVersionField = model<Order & { revision?: number }>({
  stateField: 'status',
  identifierField: 'orderId',
  // @ts-expect-error an optional property cannot be the version field
  versionField: 'revision',
});

export const misspeltVersionField = model<Order>({
  stateField: 'status',
  identifierField: 'orderId',
  // @ts-expect-error 'version' is not a key of Order
  versionField: 'version',
});

export const linked = model<Payment>({
  stateField: 'state',
  identifierField: 'paymentId',
  linkedBy: 'state',
});

export const misspeltLinkedBy = model<Payment>({
  stateField: 'state',
  identifierField: 'paymentId',
  // @ts-expect-error 'orderId' is not a key of Payment
  linkedBy: 'orderId',
});

// @ts-expect-error `required` must be a boolean
export const badRequired = value<string>({ required: 'no' });

export const timers = defineMachine({
  name: 'Order',
  models: { Order: model<Order>({ stateField: 'status', identifierField: 'orderId' }) },
  states: {
    Pending: {
      start: true,
      models: { Order: 'pending' },
      to: ['Processing', 'Cancelled'],
      after: { '500ms': 'Processing', '30s': 'Processing', '15m': 'Cancelled', 90000: 'Cancelled' },
    },
    Processing: { models: { Order: 'processing' }, to: '*', after: { '48h': 'Cancelled' } },
    Cancelled: { terminal: true, models: { Order: 'cancelled' } },
  },
});

export const misspeltTimerTarget = defineMachine({
  name: 'Order',
  models: { Order: model<Order>({ stateField: 'status', identifierField: 'orderId' }) },
  states: {
    Pending: {
      start: true,
      models: { Order: 'pending' },
      to: ['Cancelled'],
      // @ts-expect-error 'Canceled' is not a state
      after: { '48h': 'Canceled' },
    },
    Cancelled: { terminal: true, models: { Order: 'cancelled' } },
  },
});

export const timerKeyWithoutUnit = defineMachine({
  name: 'Order',
  models: { Order: model<Order>({ stateField: 'status', identifierField: 'orderId' }) },
  states: {
    Pending: {
      start: true,
      models: { Order: 'pending' },
      to: ['Cancelled'],
      // @ts-expect-error '2w' is not a duration (weeks are not a unit)
      after: { '2w': 'Cancelled' },
    },
    Cancelled: { terminal: true, models: { Order: 'cancelled' } },
  },
});

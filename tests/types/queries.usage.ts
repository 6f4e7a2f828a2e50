// Type test: Machine.find returns the primary model's rows, typed as the model with no cast (on a
// machine of three models too, and on one whose other model every state maps), and countByState has exactly the machine's state names as keys.
// Every expected error below must stay an error.
import { createMachine, MemoryAdapter, type MachineTypes } from 'state-machine-framework';
import type { Machine, VendTransaction } from '../../examples/vending-machine/models.js';
import { VendingMachine } from '../../examples/vending-machine/vending.machine.gen.js';
import type { Order as FulfilmentOrder } from '../generator/fixtures/valid/multi-model/models.js';
import type { Order } from '../generator/fixtures/valid/order/models.js';
import {
  FulfilmentMachine,
  type FulfilmentState,
} from '../generator/goldens/multi-model/fulfilment.machine.gen.js';
import {
  OrderMachine,
  type OrderState,
  type OrderTypes,
} from '../generator/goldens/order/order.machine.gen.js';

const adapter = new MemoryAdapter();

export async function findOrders(): Promise<readonly unknown[]> {
  const processing = await OrderMachine.find({ adapter, state: 'Processing' });
  const rows: Order[] = processing;
  const first = processing[0];
  const amount: number | undefined = first?.amount;
  // @ts-expect-error an Order has no such field
  const missing: unknown = first?.shippingAddress;
  // @ts-expect-error amount is a number, not a string
  const wrongType: string | undefined = first?.amount;

  const page = await OrderMachine.find({
    adapter,
    state: ['Pending', 'Processing'],
    limit: 50,
    after: processing.at(-1)?.orderId,
  });
  const all = await OrderMachine.find({ adapter });
  // @ts-expect-error not a state of Order
  await OrderMachine.find({ adapter, state: 'Shipped' });
  // @ts-expect-error a list holds states of Order only
  await OrderMachine.find({ adapter, state: ['Pending', 'pending'] });
  // @ts-expect-error limit is a number
  await OrderMachine.find({ adapter, limit: '10' });
  // @ts-expect-error after is an identifier, not a row
  await OrderMachine.find({ adapter, after: first });
  return [rows, amount, missing, wrongType, page, all];
}

// README "Queries" shows this: every Processing order, 100 at a time, and the counts per state.
export async function everyProcessingOrder(): Promise<readonly unknown[]> {
  const orders: Order[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await OrderMachine.find({ adapter, state: 'Processing', limit: 100, after });
    orders.push(...page);
    if (page.length < 100) break;
    after = page.at(-1)?.orderId;
  }
  const counts = await OrderMachine.countByState({ adapter });
  const open: number = counts.Pending + counts.Processing;
  return [orders, open];
}

export async function findFulfilmentOrders(): Promise<readonly unknown[]> {
  // The primary model of three, not a union of them.
  const shipped = await FulfilmentMachine.find({ adapter, state: 'Shipped' });
  const orders: FulfilmentOrder[] = shipped;
  const status: FulfilmentOrder['status'] | undefined = shipped[0]?.status;
  // @ts-expect-error trackingNumber is a Shipment's, not the primary Order's
  const tracking: unknown = shipped[0]?.trackingNumber;
  return [orders, status, tracking];
}

export async function findVendTransactions(): Promise<readonly unknown[]> {
  // Every vending state maps Machine too: the primary model the types name decides, not a union.
  const purchases = await VendingMachine.find({ adapter, state: 'CoinInserted' });
  const rows: VendTransaction[] = purchases;
  const credit: number | undefined = purchases[0]?.credit;
  // @ts-expect-error location is a Machine's, not the primary VendTransaction's
  const location: unknown = purchases[0]?.location;
  // @ts-expect-error the rows are VendTransactions, not Machines
  const machines: Machine[] = await VendingMachine.find({ adapter });
  return [rows, credit, location, machines];
}

export async function findWithoutPrimaryModel(): Promise<readonly unknown[]> {
  // A types bundle written without primaryModel: the model every state maps is the row type.
  const handWritten = createMachine<Omit<OrderTypes, 'primaryModel'>>(OrderMachine.config);
  const rows: Order[] = await handWritten.find({ adapter });
  const amount: number | undefined = rows[0]?.amount;
  // @ts-expect-error an Order has no such field
  const missing: unknown = rows[0]?.shippingAddress;
  return [amount, missing];
}

export async function findUntyped(): Promise<readonly unknown[]> {
  // A machine typed only as MachineTypes: its rows are records, never `never`.
  const untyped = createMachine<MachineTypes>(OrderMachine.config);
  const rows = await untyped.find({ adapter });
  const field: unknown = rows[0]?.['orderId'];
  // @ts-expect-error a record is not a number
  const wrong: number[] = rows;
  return [field, wrong];
}

export async function countStates(): Promise<readonly unknown[]> {
  const counts = await OrderMachine.countByState({ adapter });
  const exact: Record<OrderState, number> = counts;
  const pending: number = counts.Pending;
  const keys: Record<'Pending' | 'Processing' | 'Completed' | 'Cancelled', number> = counts;
  // @ts-expect-error not a state of Order
  const shipped: unknown = counts.Shipped;
  // @ts-expect-error every state is a key: a count without Cancelled is not one
  const partial: Record<OrderState, number> = { Pending: 0, Processing: 0, Completed: 0 };
  const fulfilment: Record<FulfilmentState, number> = await FulfilmentMachine.countByState({
    adapter,
  });
  // @ts-expect-error Fulfilment's counts have Fulfilment's states, not Order's
  const crossed: Record<OrderState, number> = fulfilment;
  return [exact, pending, keys, shipped, partial, crossed];
}

// The vending workflow's rules, registered from their own module (external registration).
import { randomUUID } from 'node:crypto';
import type { Machine, Product } from './models.js';
import { VendingMachine } from './vending.machine.gen.js';

export interface Motor {
  /** Drops one item from the slot; throws when the slot jams. */
  dispense(productId: string): void;
}

export interface Printer {
  print(line: string): void;
}

const cents = (amount: number) => `${(amount / 100).toFixed(2)}`;

/** Registers every handler of the vending workflow; returns a function that removes them. */
export function registerVendingHandlers(devices: { motor: Motor; printer: Printer }): () => void {
  const { motor, printer } = devices;
  const registrations = [
    VendingMachine.preTransition('Idle', function openTransaction(data, context) {
      data.VendTransaction = {
        transactionId: `TX-${randomUUID().slice(0, 8)}`,
        ...data.VendTransaction,
        machineId: context.machine.machineId,
        credit: 0,
        lastCoin: null,
        productId: null,
        price: null,
        change: null,
      };
    }),
    VendingMachine.validator('Idle', function machineIsReady(_data, context) {
      if (context.machine.status !== 'ready') {
        throw new Error(`machine ${context.machine.machineId} is ${context.machine.status}`);
      }
    }),

    VendingMachine.preTransition('CoinInserted', function addCoinToCredit(data, context) {
      const coin = data.VendTransaction?.lastCoin ?? 0;
      data.VendTransaction = { ...data.VendTransaction, credit: context.purchase.credit + coin };
      return { credit: context.purchase.credit + coin };
    }),
    VendingMachine.validator('CoinInserted', function acceptedCoin(data, context) {
      const coin = data.VendTransaction?.lastCoin;
      if (coin == null || !context.config.acceptedCoins.includes(coin)) {
        throw new Error(
          `coin of ${String(coin)}¢ is not accepted (${context.config.acceptedCoins.join(', ')})`,
        );
      }
    }),
    VendingMachine.validator('CoinInserted', function creditWithinLimit(data, context) {
      if ((data.VendTransaction?.credit ?? 0) > context.config.maxCredit) {
        throw new Error(
          `credit may not exceed ${cents(context.config.maxCredit)} ${context.config.currency}`,
        );
      }
    }),

    VendingMachine.preTransition(
      'ProductSelected',
      async function priceSelection(data, context, meta) {
        const productId = data.VendTransaction?.productId;
        const [product] = (await meta.adapter.filter('Product', {
          productId,
          machineId: context.machine.machineId,
        })) as unknown as Product[];
        data.VendTransaction = { ...data.VendTransaction, price: product ? product.price : null };
      },
    ),
    VendingMachine.validator('ProductSelected', async function inStock(data, context, meta) {
      const [product] = (await meta.adapter.filter('Product', {
        productId: data.VendTransaction?.productId,
        machineId: context.machine.machineId,
      })) as unknown as Product[];
      if (!product)
        throw new Error(`no product ${String(data.VendTransaction?.productId)} in this machine`);
      if (product.stock <= 0) throw new Error(`${product.name} is sold out`);
    }),
    VendingMachine.validator('ProductSelected', function enoughMoney(data, context) {
      const price = data.VendTransaction?.price;
      if (price != null && context.purchase.credit < price) {
        throw new Error(`insert ${cents(price - context.purchase.credit)} more`);
      }
    }),

    VendingMachine.preTransition('Dispensing', function computeChange(data, context) {
      const change = context.purchase.credit - (context.purchase.price ?? 0);
      data.VendTransaction = { ...data.VendTransaction, change };
      return { change };
    }),
    VendingMachine.hook(
      'Dispensing',
      async function decrementStock(instances, _context, meta) {
        const productId = instances.VendTransaction.productId;
        const [product] = (await meta.adapter.filter('Product', {
          productId,
        })) as unknown as Product[];
        if (!product) throw new Error(`product ${String(productId)} vanished`);
        // Compare-and-set on the stock we read: two machines selling the last item cannot both win.
        const changed = await meta.adapter.update(
          'Product',
          { productId: product.productId, stock: product.stock },
          { stock: product.stock - 1 },
        );
        if (changed !== 1) throw new Error(`stock of ${product.name} changed while dispensing`);
        return { stockLeft: product.stock - 1 };
      },
      { order: 1 },
    ),
    VendingMachine.hook(
      'Dispensing',
      function runMotor(instances) {
        motor.dispense(String(instances.VendTransaction.productId));
        return { dispensed: instances.VendTransaction.productId };
      },
      { order: 2 },
    ),

    VendingMachine.afterCommit('Completed', function printReceipt(instances, context) {
      const tx = instances.VendTransaction;
      printer.print(
        `receipt ${tx.transactionId}: ${String(tx.productId)} for ${cents(tx.price ?? 0)} ${context.config.currency}, ` +
          `paid ${cents(tx.credit)}, change ${cents(tx.change ?? 0)}`,
      );
    }),
    // A purchase loaded on its own, as a durable timer loads it, comes without its machine's row
    // (Machine has no linkedBy): the machine to free is the one the purchase names.
    VendingMachine.transition(
      'Cancelled',
      async function releaseMachine(instances, _context, meta) {
        const purchase = instances.VendTransaction;
        if (!purchase) throw new Error('nothing to cancel');
        if (!instances.Machine) {
          const machine = await meta.adapter.get('Machine', { machineId: purchase.machineId });
          meta.setInstance('Machine', machine as unknown as Machine);
        }
        await meta.writeState();
      },
    ),
    VendingMachine.afterCommit('Cancelled', function refundCredit(instances, context, meta) {
      const why = meta.timer ? ` (abandoned: no coin for ${meta.timer.afterMs / 60_000} min)` : '';
      printer.print(
        `refund ${instances.VendTransaction.transactionId}: ${cents(instances.VendTransaction.credit)} ${context.config.currency}${why}`,
      );
    }),
  ];
  return () => registrations.forEach((unregister) => unregister());
}

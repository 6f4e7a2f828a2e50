import { defineMachine, instanceOf, model, schema, value } from 'state-machine-framework/dsl';
import { z } from 'zod';
import type { Machine, VendTransaction } from './models.js';

/** Operator settings for one machine, validated when a purchase starts. */
export const VendingConfig = z.object({
  acceptedCoins: z.array(z.number().int().positive()).nonempty(),
  currency: z.string().length(3),
  maxCredit: z.number().int().positive(),
});

export default defineMachine({
  name: 'Vending',
  models: {
    VendTransaction: model<VendTransaction>({
      stateField: 'status',
      identifierField: 'transactionId',
    }),
    Machine: model<Machine>({ stateField: 'status', identifierField: 'machineId' }),
  },
  states: {
    Idle: {
      start: true,
      models: { VendTransaction: 'idle', Machine: 'ready' },
      to: ['CoinInserted', 'Cancelled'],
    },
    CoinInserted: {
      models: { VendTransaction: 'coin_inserted', Machine: 'busy' },
      to: ['CoinInserted', 'ProductSelected', 'Cancelled'],
      // A purchase abandoned with coins in the machine is cancelled (and refunded) 5 minutes
      // after the last coin: each coin re-enters the state, which starts the timer again.
      after: { '5m': 'Cancelled' },
    },
    ProductSelected: {
      models: { VendTransaction: 'product_selected', Machine: 'busy' },
      to: ['Dispensing', 'CoinInserted', 'Cancelled'],
    },
    Dispensing: {
      models: { VendTransaction: 'dispensing', Machine: 'dispensing' },
      to: ['Completed'],
    },
    Completed: {
      terminal: true,
      models: { VendTransaction: 'completed', Machine: 'ready' },
    },
    Cancelled: {
      terminal: true,
      models: { VendTransaction: 'cancelled', Machine: 'ready' },
    },
  },
  context: {
    machine: instanceOf('Machine', { createdIn: 'Idle' }),
    purchase: instanceOf('VendTransaction', { createdIn: 'Idle' }),
    config: schema(VendingConfig),
    customerId: value<string>({ required: false }),
  },
});

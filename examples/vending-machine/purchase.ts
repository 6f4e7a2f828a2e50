import type { ORMAdapter } from 'state-machine-framework';
import type { Machine } from './models.js';
import { VendingMachine } from './vending.machine.gen.js';

export const OPERATOR_CONFIG = {
  acceptedCoins: [10, 20, 50, 100, 200],
  currency: 'EUR',
  maxCredit: 500,
};

export interface PurchaseRequest {
  readonly machineId: string;
  readonly coins: readonly number[];
  readonly productId: string;
}

/** One customer's purchase as a single workflow: it commits whole or not at all. */
export async function buyProduct(adapter: ORMAdapter, request: PurchaseRequest) {
  const machine = (await adapter.get('Machine', {
    machineId: request.machineId,
  })) as unknown as Machine;
  const [firstCoin, ...moreCoins] = request.coins;
  if (firstCoin === undefined) throw new Error('a purchase needs at least one coin');
  return VendingMachine.run(
    { adapter, context: { machine, config: OPERATOR_CONFIG } },
    async (wf) => {
      const idle = await wf.transitionTo('Idle');
      let paying = await idle.transitionTo('CoinInserted', {
        VendTransaction: { lastCoin: firstCoin },
      });
      for (const coin of moreCoins) {
        paying = await paying.transitionTo('CoinInserted', { VendTransaction: { lastCoin: coin } });
      }
      const selected = await paying.transitionTo('ProductSelected', {
        VendTransaction: { productId: request.productId },
      });
      const dispensing = await selected.transitionTo('Dispensing');
      await dispensing.transitionTo('Completed');
      return wf.historySummary();
    },
  );
}

/** A customer inserts a coin and walks away: the purchase commits in CoinInserted. Returns its id. */
export async function insertCoinAndLeave(
  adapter: ORMAdapter,
  request: { readonly machineId: string; readonly coin: number },
): Promise<string> {
  const machine = (await adapter.get('Machine', {
    machineId: request.machineId,
  })) as unknown as Machine;
  return VendingMachine.run(
    { adapter, context: { machine, config: OPERATOR_CONFIG } },
    async (wf) => {
      const idle = await wf.transitionTo('Idle');
      const paid = await idle.transitionTo('CoinInserted', {
        VendTransaction: { lastCoin: request.coin },
      });
      return paid.instances.VendTransaction.transactionId;
    },
  );
}

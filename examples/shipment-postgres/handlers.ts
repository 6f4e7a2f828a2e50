// Handlers that run the application's own typed Kysely queries in the workflow's transaction.
import type { KyselyAdapter } from 'state-machine-framework/adapters/kysely';
import type { WarehouseDatabase } from './models.js';
import { ShipmentMachine } from './shipment.machine.gen.js';

/** Registers the shipment handlers for `adapter`; returns a function that removes them. */
export function registerShipmentHandlers(adapter: KyselyAdapter<WarehouseDatabase>): () => void {
  const registrations = [
    // Reserving takes the stock in the same transaction: if there is not enough, the hook throws,
    // and the shipment's state write and this UPDATE roll back together.
    ShipmentMachine.hook('Reserved', async function takeStock(instances, _context, meta) {
      const { sku, quantity } = instances.Shipment;
      const taken = await adapter
        .txOf(meta.adapter)
        .updateTable('inventory')
        .set((eb) => ({ on_hand: eb('on_hand', '-', quantity) }))
        .where('sku', '=', sku)
        .where('on_hand', '>=', quantity)
        .executeTakeFirst();
      if (taken.numUpdatedRows !== 1n)
        throw new Error(`not enough ${sku} in stock for ${quantity}`);
      return { taken: quantity };
    }),
    // A cancelled reservation gives its stock back.
    ShipmentMachine.hook('Cancelled', async function returnStock(instances, _context, meta) {
      if (meta.from !== 'Reserved') return { returned: 0 };
      const { sku, quantity } = instances.Shipment;
      await adapter
        .txOf(meta.adapter)
        .updateTable('inventory')
        .set((eb) => ({ on_hand: eb('on_hand', '+', quantity) }))
        .where('sku', '=', sku)
        .execute();
      return { returned: quantity };
    }),
  ];
  return () => registrations.forEach((unregister) => unregister());
}

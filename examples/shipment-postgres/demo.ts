import type { Warehouse } from './database.js';
import { registerShipmentHandlers } from './handlers.js';
import { ShipmentMachine } from './shipment.machine.gen.js';

/** Two shipments of 2 against a stock of 3: one is reserved and shipped, the other refused. */
export async function runShipmentDemo(
  { db, adapter }: Warehouse,
  log: (line: string) => void,
): Promise<void> {
  const unregister = registerShipmentHandlers(adapter);
  try {
    await db.insertInto('inventory').values({ sku: 'WIDGET', on_hand: 3 }).execute();
    const context = { clerk: 'ana@example.com' };
    for (const shipmentId of ['SH-1', 'SH-2']) {
      try {
        await ShipmentMachine.run({ adapter, context }, async (wf) => {
          const requested = await wf.transitionTo('Requested', {
            Shipment: { shipmentId, sku: 'WIDGET', quantity: 2 },
          });
          await requested.transitionTo('Reserved', undefined, { metadata: { by: context.clerk } });
        });
        log(`${shipmentId}: reserved 2 WIDGET`);
      } catch (error) {
        log(`${shipmentId}: refused, nothing written (${(error as Error).message})`);
      }
    }
    await ShipmentMachine.load(
      { adapter, id: 'SH-1', context, retry: { attempts: 3 } },
      async (wf) => {
        if (wf.is('Reserved'))
          await wf.transitionTo('Shipped', undefined, { metadata: { by: 'dock 4' } });
      },
    );
    const stock = await db
      .selectFrom('inventory')
      .select('on_hand')
      .where('sku', '=', 'WIDGET')
      .executeTakeFirstOrThrow();
    const rows = await db
      .selectFrom('shipments')
      .select(['shipmentId', 'status'])
      .orderBy('shipmentId')
      .execute();
    log(
      `shipments: ${rows.map((r) => `${r.shipmentId}=${r.status}`).join(', ')}; WIDGET on hand: ${stock.on_hand}`,
    );
    for (const step of await ShipmentMachine.history({ adapter, id: 'SH-1' })) {
      log(
        `  SH-1 #${step.seq}: ${step.from ?? '(new)'} → ${step.to} ${JSON.stringify(step.metadata)}`,
      );
    }
  } finally {
    unregister();
  }
}

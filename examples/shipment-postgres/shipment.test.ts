import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  DATABASE_URL,
  describeOnServer,
  freshPgSchema,
  type PgSchema,
} from '../../tests/support/servers.js';
import { createSchema, openWarehouse, type Warehouse } from './database.js';
import { runShipmentDemo } from './demo.js';
import { ShipmentMachine } from './shipment.machine.gen.js';

describeOnServer('postgres', 'the shipment example on PostgreSQL through Kysely', () => {
  let schema: PgSchema;
  let warehouse: Warehouse;
  beforeAll(async () => {
    schema = await freshPgSchema();
    warehouse = openWarehouse(DATABASE_URL, schema.schema);
    await createSchema(warehouse.db, schema.schema);
  });
  afterAll(async () => {
    await warehouse?.close();
    await schema?.drop();
  });

  it('reserves, refuses what stock cannot cover with nothing written, ships, and logs who did it', async () => {
    const lines: string[] = [];
    await runShipmentDemo(warehouse, (line) => lines.push(line));
    expect(lines).toEqual([
      'SH-1: reserved 2 WIDGET',
      "SH-2: refused, nothing written (Shipment: hook handler 'takeStock' failed on Requested → Reserved: not enough WIDGET in stock for 2)",
      'shipments: SH-1=shipped; WIDGET on hand: 1',
      '  SH-1 #1: (new) → Requested {}',
      '  SH-1 #2: Requested → Reserved {"by":"ana@example.com"}',
      '  SH-1 #3: Reserved → Shipped {"by":"dock 4"}',
    ]);
    const { db, adapter } = warehouse;
    expect(await db.selectFrom('shipments').selectAll().execute()).toEqual([
      { shipmentId: 'SH-1', status: 'shipped', sku: 'WIDGET', quantity: 2 },
    ]);
    expect(await ShipmentMachine.history({ adapter, id: 'SH-2' })).toEqual([]);
    const logged = await db
      .selectFrom('smf_transitions')
      .select(['entity_id', 'seq'])
      .orderBy('seq')
      .execute();
    expect(logged).toEqual([
      { entity_id: 'SH-1', seq: 1 },
      { entity_id: 'SH-1', seq: 2 },
      { entity_id: 'SH-1', seq: 3 },
    ]);
  });
});

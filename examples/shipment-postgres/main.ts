// The shipment workflow on PostgreSQL through Kysely. Run (PostgreSQL at DATABASE_URL):
//   node --conditions=source --import tsx examples/shipment-postgres/main.ts
import { createSchema, DEFAULT_DATABASE_URL, openWarehouse } from './database.js';
import { runShipmentDemo } from './demo.js';

const schema = 'shipment_example';
const warehouse = openWarehouse(process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL, schema);
try {
  await createSchema(warehouse.db, schema);
  await runShipmentDemo(warehouse, (line) => console.log(line));
} finally {
  await warehouse.close();
}

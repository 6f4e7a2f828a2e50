// The vending machine on an embedded SQLite file: one purchase that succeeds, one whose motor jams
// halfway and rolls back whole. Run it with `npm run demo`.
import { rmSync } from 'node:fs';
import { relative } from 'node:path';
import { StateMachineError } from 'state-machine-framework';
import { dumpTables, openVendingDatabase } from './database.js';
import { LinePrinter, SlotMotor } from './devices.js';
import { registerVendingHandlers } from './handlers.js';
import { buyProduct } from './purchase.js';

const file = new URL('./vending.db', import.meta.url).pathname;
for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
const adapter = await openVendingDatabase(file);
const printer = new LinePrinter();
registerVendingHandlers({ motor: new SlotMotor(['B2']), printer });

const stockOf = async (productId: string) => (await adapter.get('Product', { productId })).stock;
const rowCounts = (dump: Record<string, unknown[]>) =>
  Object.entries(dump)
    .map(([table, rows]) => `${table} ${rows.length}`)
    .join(', ');

console.log(`Vending machine on SQLite file ${relative(process.cwd(), file)}\n`);

console.log('1) Insert 1.00 + 0.20 + 0.10 EUR, buy A1 (Cola, 1.25 EUR)');
const stockBefore = await stockOf('A1');
const summary = await buyProduct(adapter, {
  machineId: 'VM-1',
  coins: [100, 20, 10],
  productId: 'A1',
});
console.log(`   ${summary.path.join(' → ')}`);
for (const step of summary.steps) {
  const results = Object.entries(step.results)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
    .join(' ');
  console.log(`   ${(step.from ?? '(new)').padEnd(15)} → ${step.to.padEnd(15)} ${results}`);
}
console.log(`   stock of A1: ${String(stockBefore)} → ${String(await stockOf('A1'))}`);
for (const line of printer.lines) console.log(`   printed after commit: ${line}`);
const log = (await adapter.readTransitionLog()).filter((e) => e.machine === 'Vending');
console.log(`   persisted transition log: ${log.length} rows\n`);

console.log('2) Insert 1.00, buy B2 (Chips): the motor jams while dispensing');
const before = dumpTables(adapter);
try {
  await buyProduct(adapter, { machineId: 'VM-1', coins: [100], productId: 'B2' });
  console.log('   unexpected: the purchase went through');
  process.exitCode = 1;
} catch (error) {
  if (!(error instanceof StateMachineError)) throw error;
  console.log(`   ✗ ${error.name}: ${error.message}`);
}
const after = dumpTables(adapter);
const unchanged = JSON.stringify(after) === JSON.stringify(before);
console.log(`   rows before: ${rowCounts(before)}`);
console.log(`   rows after:  ${rowCounts(after)}`);
console.log(`   every row identical: ${unchanged ? 'yes — nothing was written' : 'NO'}`);
if (!unchanged) process.exitCode = 1;

adapter.close();

// The vending machine on an embedded SQLite file: one purchase that succeeds, one whose motor jams
// halfway and rolls back whole, and one abandoned that a durable timer cancels and refunds (on a
// clock the demo sets, so nothing waits). Run it with `npm run demo`.
import { rmSync } from 'node:fs';
import { relative } from 'node:path';
import { StateMachineError } from 'state-machine-framework';
import { dumpTables, openVendingDatabase } from './database.js';
import { LinePrinter, SlotMotor } from './devices.js';
import { registerVendingHandlers } from './handlers.js';
import { buyProduct, insertCoinAndLeave, OPERATOR_CONFIG } from './purchase.js';
import { VendingMachine } from './vending.machine.gen.js';

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

console.log('\n3) Insert 0.50 EUR and walk away: a durable timer cancels and refunds after 5 min');
const machineStatus = async () => (await adapter.get('Machine', { machineId: 'VM-1' })).status;
const printedBefore = printer.lines.length;
const abandoned = await insertCoinAndLeave(adapter, { machineId: 'VM-1', coin: 50 });
const [timer] = await adapter.readTimers('Vending', abandoned);
if (!timer) throw new Error(`no timer was scheduled for ${abandoned}`);
const minutes = (ms: number) => `${ms / 60_000} min`;
console.log(
  `   timer row: ${timer.state} → ${timer.target}, due ${minutes(timer.dueAt.getTime() - timer.createdAt.getTime())} after the coin; machine VM-1 ${String(await machineStatus())}`,
);
// The worker's clock, counted from the coin: nothing sleeps, and every run prints the same.
const clock = (ms: number) => new Date(timer.createdAt.getTime() + ms);
const runTimers = async (afterMs: number, label: string) => {
  const result = await VendingMachine.runDueTimers({
    adapter,
    now: clock(afterMs),
    context: { config: OPERATOR_CONFIG },
  });
  const fired = result.fired.map((f) => `${f.from} → ${f.to}`).join(', ') || 'nothing';
  console.log(`   runDueTimers at ${label}: fired ${fired}`);
  for (const failure of result.failed) {
    console.log(`   ✗ ${failure.from} → ${failure.to} failed: ${String(failure.error)}`);
    process.exitCode = 1;
  }
  return result;
};
await runTimers(4 * 60_000, 'coin + 4 min');
await runTimers(5 * 60_000, 'coin + 5 min');
for (const line of printer.lines.slice(printedBefore))
  console.log(`   printed after commit: ${line}`);
const counts = Object.entries(await VendingMachine.countByState({ adapter }))
  .filter(([, count]) => count > 0)
  .map(([state, count]) => `${state} ${count}`)
  .join(', ');
console.log(`   purchases by state: ${counts}; machine VM-1 ${String(await machineStatus())}`);
const timersLeft = dumpTables(adapter).smf_timers?.length;
console.log(
  `   timer rows left: ${String(timersLeft)} (purchase 1 left CoinInserted in time, which deleted its timer)`,
);
const late = await runTimers(24 * 60 * 60_000, 'coin + 1 day');
if (late.fired.length > 0 || timersLeft !== 0) process.exitCode = 1;

adapter.close();

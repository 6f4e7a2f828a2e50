/**
 * SQLite-file throughput of workflows through the runtime + SqliteAdapter vs hand-written
 * better-sqlite3 SQL doing the same writes (DESIGN §7: ours ≥ 85% of hand-written).
 *
 * One workflow = create + 2 transitions (Pending → Processing → Completed) of one order. Both
 * sides use the same transaction structure: one BEGIN IMMEDIATE … COMMIT per workflow and one
 * savepoint per transition, an INSERT, then two UPDATEs with the compare-and-set WHERE clause
 * (`orderId = ? AND status = ?`). The hand-written side is synchronous prepared statements, with
 * a plain INSERT (the runtime's INSERT also returns the row).
 *
 * Run: `npx tsx bench/sqlite-throughput.ts [--workflows 2000] [--rounds 5] [--synchronous FULL,NORMAL]`.
 * Rounds alternate between the two sides on fresh files; each side's median round is reported.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { Database as BetterSqliteDatabase } from 'better-sqlite3';
import { createMachine, type MachineConfig } from '../runtime/index.js';
import { SqliteAdapter } from '../runtime/adapters/sqlite.js';
import { median } from './statistics.js';

const { values } = parseArgs({
  options: {
    workflows: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '5' },
    synchronous: { type: 'string', default: 'FULL,NORMAL' },
  },
});
const WORKFLOWS = Number(values.workflows);
const ROUNDS = Number(values.rounds);
const TRANSITIONS_PER_WORKFLOW = 3;

interface Order {
  orderId: string;
  status: 'pending' | 'processing' | 'completed';
  amount: number;
}
interface BenchTypes {
  state: 'Pending' | 'Processing' | 'Completed';
  start: 'Pending';
  transitions: { Pending: 'Processing'; Processing: 'Completed'; Completed: never };
  models: { Order: Order };
  context: { order: Order };
  contextInput: { order?: Order | undefined };
}
const config: MachineConfig = {
  name: 'Order',
  models: { Order: { stateField: 'status', identifierField: 'orderId' } },
  states: {
    Pending: { models: { Order: 'pending' }, to: ['Processing'], start: true },
    Processing: { models: { Order: 'processing' }, to: ['Completed'] },
    Completed: { models: { Order: 'completed' }, to: [], terminal: true },
  },
  context: { order: { kind: 'instance', required: true, model: 'Order', createdIn: 'Pending' } },
};
const machine = createMachine<BenchTypes>(config);

const SCHEMA =
  'CREATE TABLE orders (orderId TEXT PRIMARY KEY, status TEXT NOT NULL, amount REAL NOT NULL)';

function openDatabase(directory: string, name: string, synchronous: string): BetterSqliteDatabase {
  const db = new Database(join(directory, name));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.exec(SCHEMA);
  return db;
}

async function throughRuntime(db: BetterSqliteDatabase, round: number): Promise<number> {
  const adapter = new SqliteAdapter(db, { tables: { Order: 'orders' } });
  const started = performance.now();
  for (let i = 0; i < WORKFLOWS; i++) {
    await machine.run({ adapter, context: {} }, async (wf) => {
      const pending = await wf.transitionTo('Pending', {
        Order: { orderId: `R${round}-${i}`, amount: 10 },
      });
      const processing = await pending.transitionTo('Processing');
      await processing.transitionTo('Completed');
    });
  }
  const elapsed = performance.now() - started;
  await adapter.close();
  return elapsed;
}

function handWritten(db: BetterSqliteDatabase, round: number): number {
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  const savepoint = db.prepare('SAVEPOINT sp');
  const release = db.prepare('RELEASE sp');
  const insert = db.prepare('INSERT INTO orders (orderId, amount, status) VALUES (?, ?, ?)');
  const update = db.prepare('UPDATE orders SET status = ? WHERE orderId = ? AND status = ?');
  const advance = (orderId: string, from: string, to: string) => {
    savepoint.run();
    if (update.run(to, orderId, from).changes !== 1)
      throw new Error(`${orderId} changed concurrently`);
    release.run();
  };
  const started = performance.now();
  for (let i = 0; i < WORKFLOWS; i++) {
    const orderId = `H${round}-${i}`;
    begin.run();
    try {
      savepoint.run();
      insert.run(orderId, 10, 'pending');
      release.run();
      advance(orderId, 'pending', 'processing');
      advance(orderId, 'processing', 'completed');
      commit.run();
    } catch (error) {
      rollback.run();
      throw error;
    }
  }
  return performance.now() - started;
}

function assertAllCompleted(db: BetterSqliteDatabase, side: string): void {
  const completed = db
    .prepare("SELECT count(*) FROM orders WHERE status = 'completed'")
    .pluck()
    .get();
  if (completed !== WORKFLOWS)
    throw new Error(`${side}: ${String(completed)} of ${WORKFLOWS} orders completed`);
}

const perSecond = (ms: number) => (WORKFLOWS * TRANSITIONS_PER_WORKFLOW * 1000) / ms;

async function compare(synchronous: string): Promise<{ runtime: number; hand: number }> {
  const directory = mkdtempSync(join(tmpdir(), 'smf-sqlite-bench-'));
  const runtimeMs: number[] = [];
  const handMs: number[] = [];
  try {
    for (let round = -1; round < ROUNDS; round++) {
      // Round -1 warms up both sides and is not counted.
      const runtimeDb = openDatabase(directory, `runtime-${round}.db`, synchronous);
      const runtime = await throughRuntime(runtimeDb, round);
      assertAllCompleted(runtimeDb, 'runtime');
      runtimeDb.close();
      const handDb = openDatabase(directory, `hand-${round}.db`, synchronous);
      const hand = handWritten(handDb, round);
      assertAllCompleted(handDb, 'hand-written');
      handDb.close();
      if (round >= 0) {
        runtimeMs.push(runtime);
        handMs.push(hand);
      }
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  return { runtime: perSecond(median(runtimeMs)), hand: perSecond(median(handMs)) };
}

const format = (n: number) => Math.round(n).toLocaleString('en-US').padStart(9);
console.log(
  `${WORKFLOWS} workflows × ${TRANSITIONS_PER_WORKFLOW} transitions per round, median of ${ROUNDS} rounds, WAL`,
);
console.log('synchronous  runtime tr/s  hand-written tr/s  ratio');
for (const synchronous of values.synchronous.split(',')) {
  const { runtime, hand } = await compare(synchronous.trim().toUpperCase());
  const ratio = ((runtime / hand) * 100).toFixed(1);
  console.log(
    `${synchronous.padEnd(11)}  ${format(runtime)}     ${format(hand)}          ${ratio}%`,
  );
}

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
 * Runs the compiled runtime and adapter (dist/, from `npm run build`) as users do.
 * Run: `npx tsx bench/sqlite-throughput.ts [--workflows 3000] [--batch 50] [--synchronous FULL,NORMAL]`.
 * The two sides write to two files side by side and alternate batch by batch (the first side
 * alternating too), so a shared machine's disk and CPU noise falls on both alike; the rates are
 * totals over all batches, after a warm-up batch of each.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { Database as BetterSqliteDatabase } from 'better-sqlite3';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMachine, type MachineConfig } from 'state-machine-framework';
import { SqliteAdapter } from 'state-machine-framework/adapters/sqlite';
import { median } from './statistics.js';
import { assertCompiledRuntimeIsFresh } from './throughput/compiled-runtime.js';

assertCompiledRuntimeIsFresh(resolve(dirname(fileURLToPath(import.meta.url)), '..'));

const { values } = parseArgs({
  options: {
    workflows: { type: 'string', default: '3000' },
    batch: { type: 'string', default: '50' },
    synchronous: { type: 'string', default: 'FULL,NORMAL' },
  },
});
const WORKFLOWS = Number(values.workflows);
const BATCH = Number(values.batch);
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

type Side = (first: number, count: number) => Promise<number>;

/** Runs workflows `first` … `first + count - 1` through the runtime; resolves to elapsed ms. */
function throughRuntime(db: BetterSqliteDatabase): Side {
  const adapter = new SqliteAdapter(db, { tables: { Order: 'orders' } });
  return async (first, count) => {
    const started = performance.now();
    for (let i = first; i < first + count; i++) {
      await machine.run({ adapter, context: {} }, async (wf) => {
        const pending = await wf.transitionTo('Pending', {
          Order: { orderId: `O${i}`, amount: 10 },
        });
        const processing = await pending.transitionTo('Processing');
        await processing.transitionTo('Completed');
      });
    }
    return performance.now() - started;
  };
}

/** The same writes as hand-written, synchronous better-sqlite3 code would do them. */
function handWritten(db: BetterSqliteDatabase): Side {
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
  return async (first, count) => {
    const started = performance.now();
    for (let i = first; i < first + count; i++) {
      const orderId = `O${i}`;
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
  };
}

function assertAllCompleted(db: BetterSqliteDatabase, side: string, expected: number): void {
  const completed = db
    .prepare("SELECT count(*) FROM orders WHERE status = 'completed'")
    .pluck()
    .get();
  if (completed !== expected)
    throw new Error(`${side}: ${String(completed)} of ${expected} orders completed`);
}

const perSecond = (workflows: number, ms: number) =>
  (workflows * TRANSITIONS_PER_WORKFLOW * 1000) / ms;

interface Comparison {
  readonly runtime: number;
  readonly hand: number;
  readonly medianBatchRatio: number;
}

async function compare(synchronous: string): Promise<Comparison> {
  const directory = mkdtempSync(join(tmpdir(), 'smf-sqlite-bench-'));
  const runtimeDb = openDatabase(directory, 'runtime.db', synchronous);
  const handDb = openDatabase(directory, 'hand.db', synchronous);
  try {
    const runtime = throughRuntime(runtimeDb);
    const hand = handWritten(handDb);
    await runtime(0, BATCH); // warm-up, not counted
    await hand(0, BATCH);
    let runtimeMs = 0;
    let handMs = 0;
    const ratios: number[] = [];
    for (let first = BATCH, batch = 0; first < BATCH + WORKFLOWS; first += BATCH, batch++) {
      const count = Math.min(BATCH, BATCH + WORKFLOWS - first);
      const [r, h] =
        batch % 2 === 0
          ? [await runtime(first, count), await hand(first, count)]
          : ([await hand(first, count), await runtime(first, count)].reverse() as [number, number]);
      runtimeMs += r;
      handMs += h;
      ratios.push(h / r);
    }
    assertAllCompleted(runtimeDb, 'runtime', BATCH + WORKFLOWS);
    assertAllCompleted(handDb, 'hand-written', BATCH + WORKFLOWS);
    return {
      runtime: perSecond(WORKFLOWS, runtimeMs),
      hand: perSecond(WORKFLOWS, handMs),
      medianBatchRatio: median(ratios),
    };
  } finally {
    runtimeDb.close();
    handDb.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

const format = (n: number) => Math.round(n).toLocaleString('en-US').padStart(12);
const percent = (n: number) => `${(n * 100).toFixed(1)}%`.padStart(7);
console.log(
  `${WORKFLOWS} workflows (create + 2 transitions) per side, alternating batches of ${BATCH}; WAL journal`,
);
console.log('synchronous   runtime tr/s  hand-written tr/s    ratio  median batch ratio');
for (const synchronous of values.synchronous.split(',')) {
  const { runtime, hand, medianBatchRatio } = await compare(synchronous.trim().toUpperCase());
  console.log(
    `${synchronous.padEnd(11)} ${format(runtime)}       ${format(hand)}  ${percent(runtime / hand)}             ${percent(medianBatchRatio)}`,
  );
}

import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SqliteAdapter, SqliteBusyError } from 'state-machine-framework/adapters/sqlite';
import { dumpTables, execOn, onCleanup, tempDatabasePath } from './support/temp-database.js';

/** Waits for the write lock are served in order, and told truthfully. */

const WORKER = fileURLToPath(new URL('./support/lock-loop-worker.ts', import.meta.url));

function counterFile(): string {
  const file = tempDatabasePath();
  execOn(
    file,
    'CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER NOT NULL); INSERT INTO counter VALUES (1, 0)',
  );
  return file;
}

function open(file: string, busyTimeout = 5000): SqliteAdapter {
  const adapter = new SqliteAdapter(file, { busyTimeout });
  onCleanup(() => adapter.close());
  return adapter;
}

const increment = (adapter: SqliteAdapter) =>
  adapter.transaction(async (tx) => {
    const row = await tx.get('counter', { id: 1 });
    await Promise.resolve();
    await tx.update('counter', { id: 1 }, { value: (row['value'] as number) + 1 });
  });

describe('connections of one process waiting for one file’s write lock', () => {
  it('a connection looping short transactions cannot overtake one already waiting', async () => {
    const file = counterFile();
    const busy = open(file);
    const waiting = open(file);
    const order: string[] = [];
    const loop = (async () => {
      for (let round = 0; round < 50; round++) {
        await increment(busy);
        order.push('loop');
      }
    })();
    // Joins while the loop's first transaction holds the lock.
    const once = increment(waiting).then(() => order.push('waiting'));
    await Promise.all([loop, once]);
    // Served in order: right after the transaction that held the lock when it asked.
    expect(order.indexOf('waiting')).toBe(1);
    expect(dumpTables(file)['counter']).toEqual([{ id: 1, value: 51 }]);
  });

  it('three connections take turns in the order they asked', async () => {
    const file = counterFile();
    const adapters = [open(file), open(file), open(file)];
    const order: number[] = [];
    const rounds = adapters.map(async (adapter, index) => {
      for (let round = 0; round < 5; round++) {
        await increment(adapter);
        order.push(index);
      }
    });
    await Promise.all(rounds);
    expect(order).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]);
  });

  it('a wait behind this process’s own connections that outlasts busyTimeout says it waited', async () => {
    const file = counterFile();
    const holder = open(file);
    const waiter = open(file, 20);
    let release!: () => void;
    const held = holder.transaction(() => new Promise<void>((resolve) => (release = resolve)));
    const error = await increment(waiter).catch((e: unknown) => e);
    release();
    await held;
    expect(error).toBeInstanceOf(SqliteBusyError);
    expect((error as Error).message).toMatch(
      /waited \d+ ms for the write lock .* other connections of this process held it/,
    );
    // Its place in the queue was given up: the next transaction goes through.
    await increment(waiter);
    expect(dumpTables(file)['counter']).toEqual([{ id: 1, value: 1 }]);
  });
});

describe('processes waiting for one file’s write lock', () => {
  it('4 processes × 20 short transactions, generous busyTimeout: none fails, none is lost', async () => {
    const file = counterFile();
    const workers = Array.from({ length: 4 }, () => {
      const child = spawn(
        process.execPath,
        ['--conditions=source', '--import', 'tsx', WORKER, file, '20'],
        { stdio: ['pipe', 'pipe', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
      const next = async () => {
        const { value, done } = await lines.next();
        if (done) throw new Error(`worker exited without output; stderr:\n${stderr}`);
        return value;
      };
      onCleanup(() => child.kill());
      return { child, next };
    });
    for (const worker of workers) expect(await worker.next()).toBe('ready');
    for (const worker of workers) worker.child.stdin.write('go\n');
    const reports = await Promise.all(
      workers.map(
        async (worker) =>
          JSON.parse(await worker.next()) as { committed: number; errors: string[] },
      ),
    );
    expect(reports.flatMap((report) => report.errors)).toEqual([]);
    expect(reports.map((report) => report.committed)).toEqual([20, 20, 20, 20]);
    expect(dumpTables(file)['counter']).toEqual([{ id: 1, value: 80 }]);
  }, 30_000);
});

// One contender of lock-fairness.test.ts: a separate process that, when told "go" on stdin, runs
// short write transactions on the counter row, then prints how many committed and the errors.
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { SqliteAdapter } from 'state-machine-framework/adapters/sqlite';

const [file, rounds] = process.argv.slice(2);
if (!file || !rounds) throw new Error('usage: lock-loop-worker.ts <database file> <rounds>');
const adapter = new SqliteAdapter(file, { busyTimeout: 20_000 });

const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
await once(lines, 'line');
lines.close();

let committed = 0;
const errors: string[] = [];
for (let round = 0; round < Number(rounds); round++) {
  try {
    await adapter.transaction(async (tx) => {
      const row = await tx.get('counter', { id: 1 });
      await new Promise((resolve) => setTimeout(resolve, 1)); // hold the lock a little
      await tx.update('counter', { id: 1 }, { value: (row['value'] as number) + 1 });
    });
    committed++;
  } catch (error) {
    errors.push(`${(error as Error).name}: ${(error as Error).message}`);
  }
}
await adapter.close();
process.stdout.write(`${JSON.stringify({ committed, errors })}\n`);

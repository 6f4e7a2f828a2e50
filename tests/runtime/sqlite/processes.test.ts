import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { OrderMachine } from './support/order.machine.gen.js';
import { freshMachine } from '../../support/fresh-machine.js';
import { orderDatabase } from './support/order-database.js';
import { dumpTables } from './support/temp-database.js';

const WORKER = fileURLToPath(new URL('./support/ship-order-worker.ts', import.meta.url));
const CONTENDERS = 4;

interface Contender {
  readonly child: ChildProcessWithoutNullStreams;
  readonly lines: AsyncIterator<string>;
  stderr: string;
}

function startContender(file: string): Contender {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', WORKER, file], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const contender: Contender = {
    child,
    lines: createInterface({ input: child.stdout })[Symbol.asyncIterator](),
    stderr: '',
  };
  child.stderr.on('data', (chunk: Buffer) => (contender.stderr += chunk.toString()));
  return contender;
}

async function nextLine(contender: Contender): Promise<string> {
  const { value, done } = await contender.lines.next();
  if (done) throw new Error(`worker exited without output; stderr:\n${contender.stderr}`);
  return value;
}

describe('separate processes on one SQLite file', () => {
  it(`${CONTENDERS} processes ship the same order at once: one wins, the others get a StateMachineError`, async () => {
    const { file, adapter } = orderDatabase({ transitionLog: true });
    await freshMachine(OrderMachine).run({ adapter, context: { customerId: 'C1' } }, async (wf) => {
      const pending = await wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 25 } });
      await pending.transitionTo('Processing', {
        Payment: { paymentId: 'P1', orderId: 'O1', amount: 25 },
      });
    });

    const contenders = Array.from({ length: CONTENDERS }, () => startContender(file));
    try {
      for (const contender of contenders) expect(await nextLine(contender)).toBe('ready');
      for (const contender of contenders) contender.child.stdin.write('go\n');
      const outcomes = await Promise.all(
        contenders.map(
          async (c) => JSON.parse(await nextLine(c)) as { ok: boolean; error?: string },
        ),
      );

      expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
      const losers = outcomes.filter((o) => !o.ok).map((o) => o.error);
      expect(losers).toHaveLength(CONTENDERS - 1);
      for (const name of losers)
        expect(['TransitionError', 'ConcurrentTransitionError']).toContain(name);
    } finally {
      for (const { child } of contenders) if (child.exitCode === null) child.kill();
      await Promise.all(
        contenders.map(({ child }) => (child.exitCode === null ? once(child, 'exit') : null)),
      );
    }

    const tables = dumpTables(file);
    expect(tables['orders']).toMatchObject([{ orderId: 'O1', status: 'shipped' }]);
    expect(tables['payments']).toMatchObject([{ paymentId: 'P1', state: 'captured' }]);
    const shipped = (await adapter.readTransitionLog()).filter((entry) => entry.to === 'Shipped');
    expect(shipped).toHaveLength(1);
    // The winner's step follows the run's two; no loser's step was numbered.
    expect((await adapter.readTransitions!('Order', 'O1')).map((e) => [e.seq, e.to])).toEqual([
      [1, 'Pending'],
      [2, 'Processing'],
      [3, 'Shipped'],
    ]);
  });
});

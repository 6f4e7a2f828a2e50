// One contending process (forked by harness.ts): runs `workflows` random workflows on the shared
// tallies through the adapter factory's adapter, then sends its outcomes and exits.
import type { Move, WorkflowOutcome } from './tally-workflows.js';
import { registerCountingHook, runWorkflow } from './tally-workflows.js';
import type { AdapterFactory, WorkerMessage, WorkerTask } from './worker-protocol.js';

const MOVES: readonly Move[] = ['self', 'self', 'cycle', 'cycle', 'rest'];
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

async function main(task: WorkerTask): Promise<void> {
  const factory = (await import(task.factory)) as AdapterFactory;
  const adapter = await factory.openAdapter(task.url, task.schema);
  registerCountingHook();
  const outcomes: WorkflowOutcome[] = [];
  try {
    for (let i = 0; i < task.workflows; i++) {
      const op = `w${task.worker}-${i}`;
      outcomes.push(await runWorkflow(adapter, pick(task.tallies), op, pick(MOVES), task.options));
    }
  } finally {
    await factory.closeAdapter(adapter);
  }
  const message: WorkerMessage = { outcomes };
  process.send!(message, () => process.disconnect());
}

main(JSON.parse(process.argv[2] ?? '{}') as WorkerTask).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

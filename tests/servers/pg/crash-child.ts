// The process sigkill.test.ts kills: runs Tally workflows (each transition writes the tally, its
// mirror and a log row in one transaction) in several lanes at once, forever, telling the parent
// each time it starts one.
import { closeAdapter, openAdapter } from '../contention/pg-factory.js';
import { registerCountingHook, runWorkflow, type Move } from '../contention/tally-workflows.js';

export interface CrashTask {
  readonly url: string;
  readonly schema: string;
  readonly tallies: readonly string[];
  readonly lanes: number;
  readonly round: number;
}

const MOVES: readonly Move[] = ['self', 'cycle', 'rest'];

async function main(task: CrashTask): Promise<void> {
  const adapter = await openAdapter(task.url, task.schema);
  registerCountingHook();
  let started = 0;
  const lane = async (index: number) => {
    for (let i = 0; ; i++) {
      process.send!({ started: ++started });
      const tally = task.tallies[(i + index) % task.tallies.length] as string;
      const move = MOVES[(i * 7 + index) % MOVES.length] as Move;
      await runWorkflow(adapter, tally, `r${task.round}-l${index}-${i}`, move, {
        lock: 'wait',
        retry: true,
      });
    }
  };
  try {
    await Promise.all(Array.from({ length: task.lanes }, (_, index) => lane(index)));
  } finally {
    await closeAdapter(adapter);
  }
}

main(JSON.parse(process.argv[2] ?? '{}') as CrashTask).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

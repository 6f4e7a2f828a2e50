import {
  ConcurrentTransitionError,
  DatabaseConflictError,
  type ORMAdapter,
} from 'state-machine-framework';
import { TallyMachine } from './tally.machine.gen.js';

/** What one workflow asks of a tally that is counting: count again, go round, or rest. */
export type Move = 'self' | 'cycle' | 'rest';

export interface WorkflowOutcome {
  readonly tally: string;
  readonly op: string;
  readonly ok: boolean;
  /** Of the run that committed: the transitions it made, as `${op}/${step}`, and its increments. */
  readonly steps: readonly string[];
  readonly increments: number;
  readonly runs: number;
  /** A failure: the error's class and, for a database conflict, its reason. */
  readonly error?: { readonly kind: string; readonly message: string };
}

let registered = false;

/**
 * The Counting hook writes count + 1, from the count `load` read, to the tally and its mirror (a
 * workflow counts at most once). Two workflows that both loaded the same count would lose an
 * update: only the row lock load takes keeps them apart, self-loops and cycles included, since a
 * compare-and-set on the state value cannot tell.
 */
export function registerCountingHook(): void {
  if (registered) return;
  registered = true;
  TallyMachine.hook('Counting', async function countOnce(instances, _context, meta) {
    const count = instances.Tally.count + 1;
    await meta.adapter.update('Tally', { tallyId: instances.Tally.tallyId }, { count });
    await meta.adapter.update('Mirror', { mirrorId: instances.Mirror.mirrorId }, { count });
  });
}

/** The tally `id` and its mirror, in Ready with count 0 (logged as step 1). */
export async function seedTally(adapter: ORMAdapter, id: string): Promise<void> {
  await TallyMachine.run({ adapter }, (wf) =>
    wf.transitionTo(
      'Ready',
      { Tally: { tallyId: id, count: 0 }, Mirror: { mirrorId: `m-${id}`, tallyId: id, count: 0 } },
      { metadata: { op: 'seed', step: 1 } },
    ),
  );
}

export interface RunOptions {
  readonly lock: 'wait' | 'nowait';
  readonly retry: boolean;
}

/** Loads tally `id` and makes `move`, reporting what the committed run did or how it failed. */
export async function runWorkflow(
  adapter: ORMAdapter,
  id: string,
  op: string,
  move: Move,
  options: RunOptions,
): Promise<WorkflowOutcome> {
  let steps: string[] = [];
  let increments = 0;
  let runs = 0;
  const metadata = (step: number) => ({ metadata: { op, step } });
  try {
    await TallyMachine.load(
      {
        adapter,
        id,
        lock: options.lock,
        ...(options.retry && { retry: { attempts: 8, backoffMs: 5 } }),
      },
      async (wf) => {
        runs++;
        steps = [];
        increments = 0;
        if (wf.is('Ready')) {
          await wf.transitionTo('Counting', {}, metadata(1));
          steps.push(`${op}/1`);
          increments = 1;
        } else if (wf.is('Counting')) {
          if (move === 'rest' || move === 'cycle') {
            const ready = await wf.transitionTo('Ready', {}, metadata(1));
            steps.push(`${op}/1`);
            if (move === 'cycle') {
              await ready.transitionTo('Counting', {}, metadata(2));
              steps.push(`${op}/2`);
              increments = 1;
            }
          } else {
            await wf.transitionTo('Counting', {}, metadata(1));
            steps.push(`${op}/1`);
            increments = 1;
          }
        }
      },
    );
    return { tally: id, op, ok: true, steps, increments, runs };
  } catch (error) {
    return { tally: id, op, ok: false, steps: [], increments: 0, runs, error: describe(error) };
  }
}

function describe(error: unknown): { kind: string; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof DatabaseConflictError) return { kind: `conflict:${error.reason}`, message };
  if (error instanceof ConcurrentTransitionError)
    return { kind: 'ConcurrentTransitionError', message };
  return { kind: `untyped:${error instanceof Error ? error.name : typeof error}`, message };
}

/**
 * Multi-process contention harness, generic over the database: it forks worker processes
 * (worker.ts, through tsx) that run contended Tally workflows (tally.machine.ts: self-loops,
 * cycles, a count raised by a hook, with and without `load({ retry })`, `lock` 'wait' and
 * 'nowait') on the same few rows, then reads the rows and the transition log and counts what went
 * wrong. The database comes from an ADAPTER FACTORY: a module (given by absolute path or file
 * URL) exporting the functions of `AdapterFactory` below — pg-factory.ts for PgAdapter; a factory
 * for KyselyAdapter on MariaDB needs only its own four functions (contention-tables.ts has the
 * MySQL tables) and a test calling `runContention({ factory, url })` and `expectNoAnomalies`.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ORMAdapter } from 'state-machine-framework';
import { TallyMachine } from './tally.machine.gen.js';
import { seedTally, type RunOptions, type WorkflowOutcome } from './tally-workflows.js';
import type { AdapterFactory, WorkerMessage, WorkerTask } from './worker-protocol.js';

export interface ContentionOptions {
  readonly factory: string;
  readonly url: string;
  readonly workers?: number;
  readonly workflowsPerWorker?: number;
  readonly tallies?: number;
  /** How long the workers may take in all before they are killed and the run fails. */
  readonly deadlineMs?: number;
}

/** Each tally as the database holds it afterwards, and what the workers said they did to it. */
export interface TallyReport {
  readonly id: string;
  readonly count: number;
  readonly mirrorCount: number;
  readonly status: string;
  readonly mirrorStatus: string;
  readonly reportedIncrements: number;
  readonly reportedTransitions: number;
  readonly log: Awaited<ReturnType<typeof TallyMachine.history>>;
}

export interface ContentionResult {
  readonly outcomes: readonly WorkflowOutcome[];
  readonly tallies: readonly TallyReport[];
}

const WORKER = fileURLToPath(new URL('./worker.js', import.meta.url)).replace(/\.js$/, '.ts');
const TSX = ['--conditions=source', '--import', 'tsx'];

/** Worker i's settings: half wait for locks, half fail fast; every other one retries. */
const optionsOf = (worker: number): RunOptions => ({
  lock: worker % 4 < 2 ? 'wait' : 'nowait',
  retry: worker % 2 === 0,
});

export async function runContention(options: ContentionOptions): Promise<ContentionResult> {
  const { factory: factoryPath, url, workers = 8, workflowsPerWorker = 40, tallies = 3 } = options;
  const factory = (await import(factoryPath)) as AdapterFactory;
  const schema = await factory.createSchema(url);
  const ids = Array.from({ length: tallies }, (_, i) => `t${i + 1}`);
  try {
    const adapter = await factory.openAdapter(url, schema);
    try {
      for (const id of ids) await seedTally(adapter, id);
      const tasks = Array.from({ length: workers }, (_, worker): WorkerTask => ({
        factory: factoryPath,
        url,
        schema,
        worker,
        workflows: workflowsPerWorker,
        tallies: ids,
        options: optionsOf(worker),
      }));
      const outcomes = (await runWorkers(tasks, options.deadlineMs ?? 120_000)).flatMap(
        (message) => message.outcomes,
      );
      return {
        outcomes,
        tallies: await Promise.all(ids.map((id) => report(adapter, id, outcomes))),
      };
    } finally {
      await factory.closeAdapter(adapter);
    }
  } finally {
    await factory.dropSchema(url, schema);
  }
}

async function report(
  adapter: ORMAdapter,
  id: string,
  outcomes: readonly WorkflowOutcome[],
): Promise<TallyReport> {
  const tally = await adapter.get('Tally', { tallyId: id });
  const mirror = await adapter.get('Mirror', { tallyId: id });
  const mine = outcomes.filter((o) => o.ok && o.tally === id);
  return {
    id,
    count: tally['count'] as number,
    mirrorCount: mirror['count'] as number,
    status: tally['status'] as string,
    mirrorStatus: mirror['status'] as string,
    reportedIncrements: mine.reduce((sum, o) => sum + o.increments, 0),
    reportedTransitions: mine.reduce((sum, o) => sum + o.steps.length, 0),
    log: await TallyMachine.history({ adapter, id }),
  };
}

/** Forks every worker at once; any that is not done by the deadline is killed and fails the run. */
function runWorkers(tasks: readonly WorkerTask[], deadlineMs: number): Promise<WorkerMessage[]> {
  return Promise.all(
    tasks.map(
      (task) =>
        new Promise<WorkerMessage>((resolve, reject) => {
          const child = fork(WORKER, [JSON.stringify(task)], { execArgv: TSX, stdio: 'inherit' });
          let message: WorkerMessage | undefined;
          const timer = setTimeout(() => {
            child.kill('SIGKILL');
            reject(
              new Error(`worker ${task.worker} did not finish within ${deadlineMs} ms (a hang)`),
            );
          }, deadlineMs);
          child.on('message', (m) => (message = m as WorkerMessage));
          child.on('exit', (code) => {
            clearTimeout(timer);
            if (message && code === 0) resolve(message);
            else reject(new Error(`worker ${task.worker} exited with ${code} without its report`));
          });
        }),
    ),
  );
}

/** What a run must show: every count is one of the anomalies the test expects to be zero. */
export interface Anomalies {
  readonly lostUpdates: number;
  readonly mirrorsDisagreeing: number;
  readonly stepsLoggedTwice: number;
  readonly logRowsMissingOrExtra: number;
  readonly seqGapsOrDuplicates: number;
  readonly untypedFailures: readonly string[];
}

export function anomaliesOf(result: ContentionResult): Anomalies {
  // Every logged step names the workflow (op) and its step within it; the seed's is one per tally.
  const stepKeys = result.tallies.flatMap((t) =>
    t.log.map((e) => {
      const op = String(e.metadata['op']);
      return `${op === 'seed' ? `seed-${t.id}` : op}/${String(e.metadata['step'])}`;
    }),
  );
  const reportedSteps = new Set(result.outcomes.flatMap((o) => o.steps));
  const loggedOps = stepKeys.filter((key) => !key.startsWith('seed-'));
  return {
    lostUpdates: result.tallies.reduce((n, t) => n + Math.abs(t.count - t.reportedIncrements), 0),
    mirrorsDisagreeing: result.tallies.filter(
      (t) => t.count !== t.mirrorCount || t.status !== t.mirrorStatus,
    ).length,
    stepsLoggedTwice: stepKeys.length - new Set(stepKeys).size,
    logRowsMissingOrExtra:
      loggedOps.filter((key) => !reportedSteps.has(key)).length +
      [...reportedSteps].filter((key) => !loggedOps.includes(key)).length +
      result.tallies.reduce((n, t) => n + Math.abs(t.log.length - 1 - t.reportedTransitions), 0),
    seqGapsOrDuplicates: result.tallies.filter((t) =>
      t.log.some((entry, index) => entry.seq !== index + 1),
    ).length,
    untypedFailures: result.outcomes
      .filter((o) => o.error?.kind.startsWith('untyped'))
      .map((o) => `${o.op}: ${o.error?.message ?? ''}`),
  };
}

/** Counts per outcome kind, for the printed summary. */
export function outcomeCounts(result: ContentionResult): Record<string, number> {
  const counts: Record<string, number> = {};
  const add = (key: string, n = 1) => (counts[key] = (counts[key] ?? 0) + n);
  for (const o of result.outcomes) {
    add('workflows');
    const { lock, retry } = optionsOf(Number(/^w(\d+)-/.exec(o.op)?.[1]));
    const mode = `lock ${lock}, ${retry ? 'retry' : 'no retry'}`;
    add(o.ok ? `succeeded (${mode})` : `failed ${o.error?.kind ?? ''} (${mode})`);
    add('transitions committed', o.steps.length);
    add('callback runs (retries included)', o.runs);
  }
  for (const t of result.tallies) add('log rows', t.log.length);
  return Object.fromEntries(Object.entries(counts).toSorted(([a], [b]) => a.localeCompare(b)));
}

import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { DATABASE_URL, describeOnServer } from '../../support/servers.js';
import { closeAdapter, createSchema, dropSchema, openAdapter } from '../contention/pg-factory.js';
import { TallyMachine } from '../contention/tally.machine.gen.js';
import { seedTally } from '../contention/tally-workflows.js';
import type { CrashTask } from './crash-child.js';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const TALLIES = ['t1', 't2', 't3'];
const ROUNDS = 3;
const KILL_AFTER_STARTED = 60;

/** Forks the child, kills it with SIGKILL once it has started `KILL_AFTER_STARTED` workflows. */
function runAndKill(task: CrashTask): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [JSON.stringify(task)], {
      execArgv: ['--conditions=source', '--import', 'tsx'],
      stdio: 'inherit',
    });
    let started = 0;
    child.on('message', (message) => {
      started = (message as { started: number }).started;
      if (started === KILL_AFTER_STARTED) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(started);
      else
        reject(new Error(`the child exited by itself (code ${code}) after ${started} workflows`));
    });
  });
}

describeOnServer('postgres', 'PgAdapter: a process killed mid-workflow', () => {
  it('leaves no half-applied multi-model transition: rows, mirrors and log agree', async () => {
    const schema = await createSchema(DATABASE_URL);
    const adapter = await openAdapter(DATABASE_URL, schema);
    try {
      for (const id of TALLIES) await seedTally(adapter, id);
      for (let round = 1; round <= ROUNDS; round++) {
        const started = await runAndKill({
          url: DATABASE_URL,
          schema,
          tallies: TALLIES,
          lanes: 4,
          round,
        });
        expect(started).toBeGreaterThanOrEqual(KILL_AFTER_STARTED);
        const seen: string[] = [];
        for (const id of TALLIES) {
          const tally = await adapter.get('Tally', { tallyId: id });
          const mirror = await adapter.get('Mirror', { tallyId: id });
          const log = await TallyMachine.history({ adapter, id });
          const counted = log.filter((entry) => entry.to === 'Counting').length;
          const last = log.at(-1);
          seen.push(
            `${id} ${tally['status'] as string} count ${tally['count'] as number} log ${log.length}`,
          );
          expect({ status: mirror['status'], count: mirror['count'] }).toEqual({
            status: tally['status'],
            count: tally['count'],
          });
          expect(tally['count']).toBe(counted);
          expect(last?.to.toLowerCase()).toBe(tally['status']);
          expect(log.map((entry) => entry.seq)).toEqual(log.map((_, index) => index + 1));
        }
        console.log(
          `killed after ${started} workflows started (round ${round}): ${seen.join('; ')}`,
        );
      }
    } finally {
      await closeAdapter(adapter);
      await dropSchema(DATABASE_URL, schema);
    }
  }, 120_000);
});

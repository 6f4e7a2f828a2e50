// A workflow on the KyselyAdapter, on each dialect: a hook runs its own typed Kysely query on the
// transition's transaction (meta.adapter.db), which commits with the transition and rolls back
// with it; the transition log gives the machine's history.
import type { Generated, Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { HandlerError } from 'state-machine-framework';
import {
  KyselyAdapter,
  type KyselyTransactionAdapter,
} from 'state-machine-framework/adapters/kysely';
import type { Counter } from '../../runtime/contract/support/models.js';
import { CountingMachine } from '../../runtime/contract/support/counter.machine.gen.js';
import { freshMachine } from '../../support/fresh-machine.js';
import { describeEachDialect, openDatabase, type Dialect } from './support/kysely-databases.js';

interface AuditTable {
  id: Generated<number>;
  jobId: string;
  note: string;
}
interface DB {
  jobs: { jobId: string; status: string };
  counters: {
    counterId: string;
    phase: string;
    count: number;
    version: number | null;
    meta: unknown;
  };
  audit: AuditTable;
}

const TABLES = {
  jobs: { jobId: 'key', status: 'text not null' },
  counters: {
    counterId: 'key',
    phase: 'text not null',
    count: 'int not null',
    version: 'int',
    meta: 'json',
  },
  audit: { id: 'autoKey', jobId: 'text not null', note: 'text not null' },
} as const;

async function counting(dialect: Dialect) {
  const database = await openDatabase(dialect, TABLES);
  const db = database.db as Kysely<DB>;
  const options = { tables: { Job: 'jobs', Counter: 'counters' }, transitionLog: true };
  const adapter = new KyselyAdapter(db, options);
  const notes = async () =>
    (
      await (database.other() as Kysely<DB>)
        .selectFrom('audit')
        .select('note')
        .orderBy('id')
        .execute()
    ).map((row) => row.note);
  return { adapter, notes };
}

describeEachDialect('a workflow on KyselyAdapter (%s)', (dialect) => {
  it("a hook's own Kysely query commits with its transition and rolls back with it", async () => {
    const { adapter, notes } = await counting(dialect);
    const machine = freshMachine(CountingMachine);
    machine.hook('Busy', async function writeAudit(instances, _context, meta) {
      const trx = adapter.txOf(meta.adapter);
      await trx
        .insertInto('audit')
        .values({ jobId: instances.Job.jobId, note: `count ${instances.Counter.count}` })
        .execute();
      const mine = await (meta.adapter as KyselyTransactionAdapter<DB>).db
        .selectFrom('audit')
        .select('id')
        .where('jobId', '=', instances.Job.jobId)
        .execute();
      return mine.length;
    });
    machine.hook(
      'Busy',
      function refuseOnRequest(_instances, context) {
        if (context.label === 'refuse') throw new Error('refused by the test');
      },
      { order: 1 },
    );
    const committed: string[] = [];
    machine.afterCommit('Busy', (instances) => {
      committed.push(`${instances.Job.jobId} ${instances.Counter.count}`);
    });

    await machine.run({ adapter }, async (wf) => {
      const opened = await wf.transitionTo('Open', { Job: { jobId: 'J1' } });
      await opened.transitionTo(
        'Busy',
        { Counter: { counterId: 'K1', count: 0, meta: { notes: ['ü'] } } },
        { metadata: { by: 'the test' } },
      );
    });

    const counter = (await adapter.get('Counter', { counterId: 'K1' })) as unknown as Counter;
    expect(counter).toEqual({
      counterId: 'K1',
      phase: 'counting',
      count: 0,
      version: null,
      meta: { notes: ['ü'] },
    });
    const refused = await machine
      .load(
        { adapter, id: 'J1', context: { label: 'refuse' }, instances: { Counter: counter } },
        (wf) => (wf.is('Busy') ? wf.transitionTo('Busy', { Counter: { count: 1 } }) : undefined),
      )
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(HandlerError);
    expect(refused).toMatchObject({ stage: 'hook', handler: 'refuseOnRequest' });

    await machine.load({ adapter, id: 'J1', instances: { Counter: counter } }, async (wf) => {
      if (!wf.is('Busy')) throw new Error(`expected Busy, got ${wf.state}`);
      await wf.transitionTo('Busy', { Counter: { count: 5 } });
    });

    expect(await notes()).toEqual(['count 0', 'count 5']);
    expect(await adapter.get('Counter', { counterId: 'K1' })).toMatchObject({ count: 5 });
    expect(committed).toEqual(['J1 0', 'J1 5']);

    const history = await machine.history({ adapter, id: 'J1' });
    expect(history.map((entry) => `${entry.seq} ${entry.from ?? '(new)'} → ${entry.to}`)).toEqual([
      '1 (new) → Open',
      '2 Open → Busy',
      '3 Busy → Busy',
    ]);
    expect(history[1]).toMatchObject({ results: { writeAudit: 1 }, metadata: { by: 'the test' } });
    expect(history[2]).toMatchObject({ results: { writeAudit: 2 } });
    expect(history[0]?.at).toBeInstanceOf(Date);
  });

  it('a transition that fails inside a run leaves no trace, and the run goes on', async () => {
    const { adapter, notes } = await counting(dialect);
    const machine = freshMachine(CountingMachine);
    machine.hook('Busy', async function writeAudit(_instances, context, meta) {
      await adapter
        .txOf(meta.adapter)
        .insertInto('audit')
        .values({ jobId: 'J1', note: 'attempt' })
        .execute();
      if (context.limit === undefined) throw new Error('no limit yet');
    });

    await machine.run({ adapter }, async (wf) => {
      const opened = await wf.transitionTo('Open', { Job: { jobId: 'J1' } });
      const error = await opened
        .transitionTo('Busy', { Counter: { counterId: 'K1', count: 0 } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HandlerError);
      await opened.transitionTo('Closed');
    });

    expect(await notes()).toEqual([]);
    expect(await adapter.filter('Counter', {})).toEqual([]);
    expect(await adapter.get('Job', { jobId: 'J1' })).toEqual({ jobId: 'J1', status: 'closed' });
    expect((await machine.history({ adapter, id: 'J1' })).map((entry) => entry.to)).toEqual([
      'Open',
      'Closed',
    ]);
  });
});

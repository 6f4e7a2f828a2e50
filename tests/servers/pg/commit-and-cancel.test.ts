import { expect, it } from 'vitest';
import {
  createMachine,
  DatabaseConflictError,
  UniqueViolationError,
  type MachineConfig,
  type ORMAdapter,
} from 'state-machine-framework';
import { PgAdapter, PgAdapterError } from 'state-machine-framework/adapters/pg';
import { describeOnServer } from '../../support/servers.js';
import { pgSchemaForFile } from './pg-schema.js';
import { poolWith } from './server-helpers.js';

const jobs: MachineConfig = {
  name: 'Jobs',
  models: { Job: { stateField: 'status', identifierField: 'jobId' } },
  states: {
    Open: { models: { Job: 'open' }, to: ['Closed'], start: true },
    Closed: { models: { Job: 'closed' }, to: [] },
  },
};

/** Creates a Job whose identifier is taken, and swallows the error. */
const swallow = (tx: ORMAdapter) =>
  tx.create('Job', { jobId: 'taken', status: 'x' }).catch(() => undefined);

describeOnServer('postgres', 'PgAdapter: errors at COMMIT, and canceled statements', () => {
  const schema = pgSchemaForFile([
    `CREATE TABLE jobs ("jobId" TEXT PRIMARY KEY, status TEXT NOT NULL)`,
    `CREATE TABLE audit (id SERIAL PRIMARY KEY, note TEXT UNIQUE DEFERRABLE INITIALLY DEFERRED)`,
    `CREATE TABLE shadow (note TEXT UNIQUE DEFERRABLE INITIALLY DEFERRED)`,
    `CREATE FUNCTION twice() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN INSERT INTO shadow VALUES (NEW.note), (NEW.note); RETURN NEW; END $$`,
    `CREATE TABLE echoed (note TEXT)`,
    `CREATE TRIGGER echoed_twice AFTER INSERT ON echoed FOR EACH ROW EXECUTE FUNCTION twice()`,
  ]);
  const adapter = () =>
    new PgAdapter(schema().pool(), { tables: { Job: 'jobs', Audit: 'audit', Echo: 'echoed' } });

  it('a caught error leaves a transaction that cannot commit: the error names its model', async () => {
    const db = adapter();
    await db.create('Job', { jobId: 'taken', status: 'open' });
    // COMMIT answers ROLLBACK; and, with a savepoint to release first, RELEASE fails (25P02).
    const plain = db.transaction(async (tx) => {
      await tx.create('Job', { jobId: 'lost 1', status: 'open' });
      await swallow(tx);
    });
    const released = db.transaction(async (tx) => {
      await tx.create('Job', { jobId: 'lost 2', status: 'open' });
      await tx.transaction((inner) => swallow(inner));
    });
    // Both run at once: take both failures together, or the second rejects unhandled while the
    // first is awaited.
    const errors = await Promise.all([plain, released].map((p) => p.catch((e: unknown) => e)));
    for (const error of errors) {
      expect(error).toBeInstanceOf(PgAdapterError);
      expect((error as Error).message).toMatch(
        /^PgAdapter: the transaction could not commit: a statement on Job failed \(duplicate key value violates unique constraint "jobs_pkey"\), and its error was caught/,
      );
      expect((error as Error).cause).toMatchObject({ code: '23505' });
    }
    expect(await db.filter('Job', { status: 'open' })).toEqual([
      { jobId: 'taken', status: 'open' },
    ]);
  });

  it('a deferred unique constraint failing at COMMIT is UniqueViolationError naming the model', async () => {
    const db = adapter();
    const error = await db
      .transaction(async (tx) => {
        await tx.create('Audit', { note: 'dup' });
        await tx.create('Audit', { note: 'dup' });
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UniqueViolationError);
    expect(error).toMatchObject({ model: 'Audit', fields: { note: 'dup' } });
    expect((error as Error).message).toMatch(/^Audit \{/);
  });

  it('a workflow whose COMMIT fails rejects with the error naming its machine', async () => {
    const machine = createMachine(jobs);
    machine.hook('Open', async function auditTwice(_instances, _context, meta) {
      await meta.adapter.create('Audit', { note: 'opened' });
      await meta.adapter.create('Audit', { note: 'opened' });
    });
    const db = adapter();
    const error = await machine
      .run({ adapter: db }, (wf) => wf.transitionTo('Open', { Job: { jobId: 'deferred' } }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UniqueViolationError);
    expect(error).toMatchObject({ machine: 'Jobs', model: 'Audit' });
    expect((error as Error).message).toMatch(/^Jobs: Audit \{/);
    expect(await db.filter('Job', { jobId: 'deferred' })).toEqual([]);
  });

  it('one on a table no statement of the transaction named is told by that table', async () => {
    const db = adapter();
    const error = await db
      .transaction((tx) => tx.create('Echo', { note: 'twice' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UniqueViolationError);
    expect(error).toMatchObject({ model: 'shadow', fields: { note: 'twice' } });
    expect((error as Error).message).toMatch(/^shadow \{/);
  });

  it('statement_timeout while waiting for a row lock is DatabaseConflictError (lock-timeout)', async () => {
    const db = adapter();
    await db.create('Job', { jobId: 'locked', status: 'open' });
    const impatient = poolWith(schema().schema, { statement_timeout: '100ms' });
    try {
      const waiting = new PgAdapter(impatient, { tables: { Job: 'jobs' } });
      const machine = createMachine(jobs);
      const error = await db.transaction(async (tx) => {
        await tx.update('Job', { jobId: 'locked' }, { status: 'open' });
        return machine
          .load({ adapter: waiting, id: 'locked' }, (wf) => wf.transitionTo('Closed'))
          .catch((e: unknown) => e);
      });
      expect(error).toBeInstanceOf(DatabaseConflictError);
      expect(error).toMatchObject({ reason: 'lock-timeout', code: '57014', model: 'Job' });
      expect((error as Error).message).toMatch(/^Jobs: Job "locked": waited too long for a lock/);
    } finally {
      await impatient.end();
    }
  });

  it('any other statement canceled is a PgAdapterError naming the model and row', async () => {
    const db = adapter();
    const impatient = poolWith(schema().schema, { statement_timeout: '100ms' });
    try {
      const waiting = new PgAdapter(impatient, { tables: { Job: 'jobs' } });
      // The second insert of one key waits for the first transaction to end, past the timeout.
      const error = await db.transaction(async (tx) => {
        await tx.create('Job', { jobId: 'pending', status: 'open' });
        return waiting.create('Job', { jobId: 'pending', status: 'open' }).catch((e: unknown) => e);
      });
      expect(error).toBeInstanceOf(PgAdapterError);
      expect((error as Error).message).toMatch(
        /^PgAdapter: Job "pending": the statement was canceled: canceling statement due to statement timeout/,
      );
      expect((error as Error).cause).toMatchObject({ code: '57014' });
    } finally {
      await impatient.end();
    }
  });
});

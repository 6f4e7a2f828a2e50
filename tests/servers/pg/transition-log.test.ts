import { expect, it } from 'vitest';
import { DatabaseConflictError, type TransitionRecord } from 'state-machine-framework';
import {
  DEFAULT_TRANSITION_LOG_TABLE,
  PgAdapter,
  pgTransitionLogDdl,
} from 'state-machine-framework/adapters/pg';
import { describeOnServer } from '../../support/servers.js';
import { pgSchemaForFile } from './pg-schema.js';
import { untilWaitingForLock } from './server-helpers.js';

const step = (entityId: unknown, to: string, extra: Partial<TransitionRecord> = {}) => ({
  machine: 'Order',
  entityId,
  from: null,
  to,
  at: new Date('2024-01-01T00:00:00.000Z'),
  results: {},
  metadata: {},
  ...extra,
});

describeOnServer('postgres', 'PgAdapter: the transition log', () => {
  const schema = pgSchemaForFile([]);

  it('creates its table on first use and numbers each entity’s steps 1, 2, 3', async () => {
    const db = new PgAdapter(schema().pool(), { transitionLog: true });
    expect(await db.recordTransition!(step('o1', 'A'))).toBe(1);
    expect(await db.recordTransition!(step(1, 'A'))).toBe(1);
    const seqs = await db.transaction(async (tx) => [
      await tx.recordTransition!(step('o1', 'B', { from: 'A' })),
      await tx.transaction((inner) => inner.recordTransition!(step('o1', 'C', { from: 'B' }))),
    ]);
    expect(seqs).toEqual([2, 3]);
    const log = await db.readTransitions!('Order', 'o1');
    expect(log.map((e) => [e.seq, e.from, e.to, e.entityId])).toEqual([
      [1, null, 'A', 'o1'],
      [2, 'A', 'B', 'o1'],
      [3, 'B', 'C', 'o1'],
    ]);
    expect(log[0]?.at).toEqual(new Date('2024-01-01T00:00:00.000Z'));
    expect(await db.readTransitions!('Order', 1)).toHaveLength(1);
    expect(await db.readTransitions!('Other', 'o1')).toEqual([]);
  });

  it('keeps results and metadata as JSON, describing what JSON cannot hold', async () => {
    const db = new PgAdapter(schema().pool(), { transitionLog: { table: 'audit' } });
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    await db.recordTransition!(
      step(new Date('2024-05-01T00:00:00Z'), 'A', {
        results: { total: 5, when: new Date(0), big: 1n, cycle },
        metadata: { by: 'ann', why: ['x'] },
      }),
    );
    const [entry] = await db.readTransitions!('Order', new Date('2024-05-01T00:00:00Z'));
    expect(entry?.metadata).toEqual({ by: 'ann', why: ['x'] });
    expect(entry?.results).toMatchObject({ total: 5, when: '1970-01-01T00:00:00.000Z' });
    expect(entry?.results['big']).toMatch(/not JSON-serialisable/);
    expect(entry?.results['cycle']).toMatch(/not JSON-serialisable/);
  });

  it('a second writer of the same step fails with DatabaseConflictError (duplicate-step)', async () => {
    const [one, two] = [
      new PgAdapter(schema().pool(), { transitionLog: true }),
      new PgAdapter(schema().pool(), { transitionLog: true }),
    ];
    // The second waits on the unique index for the first, which commits; wrapped, so the first
    // transaction does not wait for the second.
    const [second] = await one.transaction(async (tx) => {
      expect(await tx.recordTransition!(step('race', 'A'))).toBe(1);
      const waiting = two
        .transaction((other) => other.recordTransition!(step('race', 'A')))
        .catch((e: unknown) => e);
      await untilWaitingForLock(schema().pool({ max: 1 }), schema().schema, () => waiting);
      return [waiting];
    });
    const error = await second;
    expect(error).toBeInstanceOf(DatabaseConflictError);
    expect(error).toMatchObject({ reason: 'duplicate-step', code: '23505' });
    expect(await one.readTransitions!('Order', 'race')).toHaveLength(1);
  });

  it('many processes’ worth of concurrent first uses create the table once', async () => {
    const fresh = pgSchemaLessTable();
    const adapters = Array.from(
      { length: 6 },
      () => new PgAdapter(schema().pool({ max: 1 }), { transitionLog: { table: fresh } }),
    );
    const seqs = await Promise.all(
      adapters.map((db, i) => db.recordTransition!(step(`e${i}`, 'A'))),
    );
    expect(seqs).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('gives the DDL for migrations', () => {
    expect(DEFAULT_TRANSITION_LOG_TABLE).toBe('smf_transitions');
    expect(pgTransitionLogDdl()).toMatch(
      /CREATE UNIQUE INDEX IF NOT EXISTS "smf_transitions_entity_seq" ON "smf_transitions" \(machine, entity_id, seq\);/,
    );
  });
});

let tables = 0;
const pgSchemaLessTable = () => `log_${++tables}`;

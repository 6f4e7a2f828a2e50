import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TRANSITION_LOG_TABLE,
  transitionLogDdl,
} from 'state-machine-framework/adapters/sqlite';
import { transitionLogStatements } from 'state-machine-framework/adapters/sql/transition-log-ddl';
import { OrderMachine } from './support/order.machine.gen.js';
import { freshMachine } from '../../support/fresh-machine.js';
import { openAdapter, orderDatabase } from './support/order-database.js';
import { dumpTables, tempDatabasePath } from './support/temp-database.js';

const record = (step: 1 | 2, results: Record<string, unknown> = {}) => ({
  machine: 'Order',
  entityId: 'O1',
  from: step === 1 ? null : 'Pending',
  to: step === 1 ? 'Pending' : 'Processing',
  at: new Date('2024-05-01T10:00:00.000Z'),
  results,
  metadata: {},
});

describe('the persisted transition log', () => {
  it('is off by default: no table, no recordTransition, and reading it says how to turn it on', async () => {
    const { file, adapter } = orderDatabase();
    expect(adapter.recordTransition).toBeUndefined();
    expect(adapter.readTransitions).toBeUndefined();
    expect(await adapter.transaction(async (tx) => tx.recordTransition)).toBeUndefined();
    expect(Object.keys(dumpTables(file))).toEqual(['orders', 'payments']);
    await expect(adapter.readTransitionLog()).rejects.toThrow(
      /transition log is off; create the adapter with \{ transitionLog: true \}/,
    );
  });

  it('creates smf_transitions when turned on, and stores each column as documented', async () => {
    const { file, adapter } = orderDatabase({ transitionLog: true });
    const logged = { ...record(1, { check: { ok: true } }), metadata: { by: 'clerk' } };
    expect(await adapter.recordTransition!(logged)).toBe(1);
    expect(DEFAULT_TRANSITION_LOG_TABLE).toBe('smf_transitions');
    expect(dumpTables(file)['smf_transitions']).toEqual([
      {
        id: 1,
        machine: 'Order',
        entity_id: 'O1',
        seq: 1,
        from_state: null,
        to_state: 'Pending',
        at: '2024-05-01T10:00:00.000Z',
        results: '{"check":{"ok":true}}',
        metadata: '{"by":"clerk"}',
      },
    ]);
    expect(await adapter.readTransitionLog()).toEqual([{ ...logged, seq: 1 }]);
    expect(await adapter.readTransitions!('Order', 'O1')).toEqual([{ ...logged, seq: 1 }]);
    expect(indexesOf(file)).toContainEqual({
      name: 'smf_transitions_entity_seq',
      unique: 1,
      columns: ['machine', 'entity_id', 'seq'],
    });
  });

  it('is written in the transition’s own transaction: a rolled-back transition leaves no entry and no seq', async () => {
    const { adapter } = orderDatabase({ transitionLog: true });
    const machine = freshMachine(OrderMachine);
    const unregister = machine.hook('Processing', function refuse() {
      throw new Error('no');
    });
    const payment = { Payment: { paymentId: 'P1', orderId: 'O1', amount: 5 } };
    await machine.run({ adapter, context: { customerId: 'C1' } }, async (wf) => {
      const pending = await wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 5 } });
      await pending.transitionTo('Processing', payment).catch(() => undefined);
    });
    expect((await adapter.readTransitionLog()).map((e) => e.to)).toEqual(['Pending']);
    unregister();
    await machine.load({ adapter, id: 'O1', context: { customerId: 'C1' } }, async (wf) => {
      if (wf.is('Pending')) await wf.transitionTo('Processing', payment);
    });
    expect((await adapter.readTransitions!('Order', 'O1')).map((e) => [e.seq, e.to])).toEqual([
      [1, 'Pending'],
      [2, 'Processing'],
    ]);
  });

  it('numbers steps per machine and entity, keeps results and metadata apart, and logs unserialisable values as text', async () => {
    const { adapter } = orderDatabase({ transitionLog: true });
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    const seqs = await adapter.transaction(async (tx) => [
      await tx.recordTransition!(record(1)),
      await tx.recordTransition!({ ...record(1), entityId: 'O2' }),
      await tx.recordTransition!({
        ...record(2, { big: 1n, cyclic, fine: [1], when: new Date(0) }),
        metadata: { reason: 'paid', undone: undefined },
      }),
      await tx.recordTransition!({ ...record(1), machine: 'Other' }),
    ]);
    expect(seqs).toEqual([1, 1, 2, 1]);
    const [first, second, ...rest] = await adapter.readTransitions!('Order', 'O1');
    expect(rest).toEqual([]);
    expect(first).toEqual({ ...record(1), seq: 1 });
    expect(second?.results).toEqual({
      big: expect.stringMatching(/^\[not JSON-serialisable: .*BigInt/),
      cyclic: expect.stringMatching(/^\[not JSON-serialisable: .*circular/),
      fine: [1],
      when: '1970-01-01T00:00:00.000Z',
    });
    expect(second?.metadata).toEqual({ reason: 'paid' });
    expect((await adapter.readTransitions!('Order', 'O2')).map((e) => e.seq)).toEqual([1]);
    expect((await adapter.readTransitions!('Other', 'O1')).map((e) => e.seq)).toEqual([1]);
    expect(await adapter.readTransitions!('Order', 'O3')).toEqual([]);
    const all = await adapter.readTransitionLog();
    expect(all.map((e) => [e.machine, e.entityId, e.seq])).toEqual([
      ['Order', 'O1', 1],
      ['Order', 'O2', 1],
      ['Order', 'O1', 2],
      ['Other', 'O1', 1],
    ]);
  });

  it('takes a table name of its own, and its DDL is exported for migrations', async () => {
    const file = tempDatabasePath();
    const db = new Database(file);
    db.exec(transitionLogDdl('audit_log'));
    db.close();
    expect(transitionLogDdl('audit_log')).toBe(
      transitionLogStatements('sqlite', 'audit_log').join('\n'),
    );
    const adapter = openAdapter(file, { transitionLog: { table: 'audit_log' } });
    expect(await adapter.recordTransition!(record(1))).toBe(1);
    expect(Object.keys(dumpTables(file))).toEqual(['audit_log']);
    expect(await adapter.readTransitionLog()).toHaveLength(1);
    expect(indexesOf(file, 'audit_log').map((index) => index.name)).toEqual([
      'audit_log_entity_seq',
    ]);
  });
});

function indexesOf(
  file: string,
  table = 'smf_transitions',
): { name: string; unique: number; columns: string[] }[] {
  const db = new Database(file, { readonly: true });
  try {
    const list = db.prepare(`PRAGMA index_list("${table}")`).all() as {
      name: string;
      unique: number;
      origin: string;
    }[];
    return list
      .filter((index) => index.origin === 'c')
      .map(({ name, unique }) => ({
        name,
        unique,
        columns: (db.prepare(`PRAGMA index_info("${name}")`).all() as { name: string }[]).map(
          (column) => column.name,
        ),
      }));
  } finally {
    db.close();
  }
}

describe('createTable, the helper for tests and demos', () => {
  it('creates the model’s table (through the tables mapping) once', async () => {
    const file = tempDatabasePath();
    const adapter = openAdapter(file, { tables: { Widget: 'widgets' } });
    const columns = {
      id: 'INTEGER PRIMARY KEY',
      name: 'TEXT NOT NULL',
      active: 'BOOLEAN NOT NULL DEFAULT 1',
    };
    await adapter.createTable('Widget', columns);
    await adapter.createTable('Widget', columns);
    expect(await adapter.create('Widget', { name: 'w' })).toEqual({
      id: 1,
      name: 'w',
      active: true,
    });
    expect(Object.keys(dumpTables(file))).toEqual(['widgets']);
  });
});

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TRANSITION_LOG_TABLE,
  SqliteAdapterError,
  transitionLogDdl,
} from 'state-machine-framework/adapters/sqlite';
import { createOrderMachine } from './support/order.machine.gen.js';
import { openAdapter, orderDatabase } from './support/order-database.js';
import { dumpTables, tempDatabasePath } from './support/temp-database.js';

const entry = (seq: number, metadata: Record<string, unknown> = {}) => ({
  machine: 'Order',
  entityId: 'O1',
  seq,
  from: seq === 1 ? null : 'Pending',
  to: seq === 1 ? 'Pending' : 'Processing',
  at: new Date('2024-05-01T10:00:00.000Z'),
  metadata,
});

describe('the persisted transition log', () => {
  it('is off by default: no table, no recordTransition, and reading it says how to turn it on', async () => {
    const { file, adapter } = orderDatabase();
    expect(adapter.recordTransition).toBeUndefined();
    expect(await adapter.transaction(async (tx) => tx.recordTransition)).toBeUndefined();
    expect(Object.keys(dumpTables(file))).toEqual(['orders', 'payments']);
    await expect(adapter.readTransitionLog()).rejects.toThrow(
      /transition log is off; create the adapter with \{ transitionLog: true \}/,
    );
  });

  it('creates smf_transitions when turned on, and stores each column as documented', async () => {
    const { file, adapter } = orderDatabase({ transitionLog: true });
    await adapter.recordTransition!(entry(1, { check: { ok: true } }));
    expect(DEFAULT_TRANSITION_LOG_TABLE).toBe('smf_transitions');
    expect(dumpTables(file)['smf_transitions']).toEqual([
      {
        id: 1,
        machine: 'Order',
        entity_id: 'O1',
        entity_id_type: null,
        seq: 1,
        from_state: null,
        to_state: 'Pending',
        at: '2024-05-01T10:00:00.000Z',
        metadata: '{"check":{"ok":true}}',
      },
    ]);
    expect(await adapter.readTransitionLog()).toEqual([entry(1, { check: { ok: true } })]);
  });

  it('is written in the transition’s own transaction: a rolled-back transition leaves no entry', async () => {
    const { adapter } = orderDatabase({ transitionLog: true });
    const machine = createOrderMachine();
    machine.hook('Processing', function refuse() {
      throw new Error('no');
    });
    await machine.run({ adapter, context: { customerId: 'C1' } }, async (wf) => {
      const pending = await wf.transitionTo('Pending', { Order: { orderId: 'O1', amount: 5 } });
      await pending
        .transitionTo('Processing', { Payment: { paymentId: 'P1', orderId: 'O1', amount: 5 } })
        .catch(() => undefined);
    });
    expect((await adapter.readTransitionLog()).map((e) => e.to)).toEqual(['Pending']);
  });

  it('keeps the identifier’s type, filters by machine and entity, and logs unserialisable results as text', async () => {
    const { adapter } = orderDatabase({ transitionLog: true });
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    await adapter.transaction(async (tx) => {
      await tx.recordTransition!({ ...entry(1), entityId: 42 });
      await tx.recordTransition!({ ...entry(2), metadata: { big: 1n, cyclic, fine: [1] } });
      await tx.recordTransition!({ ...entry(1), machine: 'Other' });
    });
    const byNumber = await adapter.readTransitionLog({ entityId: 42 });
    expect(byNumber.map((e) => e.entityId)).toEqual([42]);
    const [logged] = await adapter.readTransitionLog({ machine: 'Order', entityId: 'O1' });
    expect(logged?.metadata).toEqual({
      big: expect.stringMatching(/^\[not JSON-serialisable: .*BigInt/),
      cyclic: expect.stringMatching(/^\[not JSON-serialisable: .*circular/),
      fine: [1],
    });
  });

  it('takes a table name of its own, and its DDL is exported for migrations', async () => {
    const file = tempDatabasePath();
    const db = new Database(file);
    db.exec(transitionLogDdl('audit_log'));
    db.close();
    const adapter = openAdapter(file, { transitionLog: { table: 'audit_log' } });
    await adapter.recordTransition!(entry(1));
    expect(Object.keys(dumpTables(file))).toEqual(['audit_log']);
    expect(await adapter.readTransitionLog()).toHaveLength(1);
  });

  it('refuses, when created, an existing log table that lacks the log’s columns', () => {
    const file = tempDatabasePath();
    const db = new Database(file);
    db.exec('CREATE TABLE smf_transitions (id INTEGER PRIMARY KEY, machine TEXT, at TEXT)');
    db.close();
    expect(() => openAdapter(file, { transitionLog: true })).toThrow(
      new SqliteAdapterError(
        'the transition log table "smf_transitions" exists but lacks column(s) entity_id, seq, from_state, to_state, metadata; it needs the columns of transitionLogDdl(\'smf_transitions\')',
      ),
    );
  });
});

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

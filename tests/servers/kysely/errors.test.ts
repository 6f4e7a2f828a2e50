// Driver errors as the runtime's typed errors, for the codes a test cannot easily provoke on a
// real server (the rest are provoked in conflicts.test.ts and crud.test.ts), and the adapter's
// own refusals: a MySQL pool that reports changed rather than matched rows, an adapter called
// from inside its own transaction after an await and one waiting lockTimeout (SQLite), plugins of
// the Kysely instance.
import { CamelCasePlugin, Kysely, MysqlDialect } from 'kysely';
import mysql from 'mysql2';
import { describe, expect, it } from 'vitest';
import {
  AdapterReentryError,
  DatabaseConflictError,
  UniqueViolationError,
} from 'state-machine-framework';
import { KyselyAdapter, KyselyAdapterError } from 'state-machine-framework/adapters/kysely';
import { typedError } from '../../../runtime/adapters/kysely/driver-errors.js';
import { mysqlOptions, MYSQL_URL } from '../../support/server-urls.js';
import { describeEachDialect, openDatabase } from './support/kysely-databases.js';

const on = (dialect: 'postgres' | 'mysql' | 'sqlite', error: object, nowait = false) =>
  typedError(error, { dialect, model: 'Order', id: 'O1', nowait, logTable: 'smf_transitions' });

describe('driver errors as typed errors', () => {
  it.each([
    ['postgres', { code: '40001' }, false, 'serialization'],
    ['postgres', { code: '40P01' }, false, 'deadlock'],
    ['postgres', { code: '55P03' }, true, 'lock-unavailable'],
    ['postgres', { code: '55P03' }, false, 'lock-timeout'],
    ['postgres', { code: '23505', table: 'smf_transitions' }, false, 'duplicate-step'],
    ['mysql', { errno: 1213, code: 'ER_LOCK_DEADLOCK' }, false, 'deadlock'],
    ['mysql', { errno: 1205, code: 'ER_LOCK_WAIT_TIMEOUT' }, false, 'lock-timeout'],
    ['mysql', { errno: 1205, code: 'ER_LOCK_WAIT_TIMEOUT' }, true, 'lock-unavailable'],
    ['mysql', { errno: 3572, code: 'ER_LOCK_NOWAIT' }, true, 'lock-unavailable'],
    ['mysql', { errno: 1020, code: 'ER_CHECKREAD' }, false, 'serialization'],
    [
      'mysql',
      { errno: 1062, message: "Duplicate entry 'Order-O1-2' for key 'smf_transitions_entity_seq'" },
      false,
      'duplicate-step',
    ],
    ['sqlite', { code: 'SQLITE_BUSY' }, false, 'lock-timeout'],
    [
      'sqlite',
      {
        code: 'SQLITE_CONSTRAINT_UNIQUE',
        message:
          'UNIQUE constraint failed: smf_transitions.machine, smf_transitions.entity_id, smf_transitions.seq',
      },
      false,
      'duplicate-step',
    ],
  ] as const)('%s %o (nowait: %s) → %s', (dialect, error, nowait, reason) => {
    const typed = on(dialect, error, nowait);
    expect(typed).toBeInstanceOf(DatabaseConflictError);
    expect(typed).toMatchObject({
      reason,
      model: 'Order',
      id: 'O1',
      retryable: true,
      cause: error,
    });
  });

  it('unique violations name the fields the database names', () => {
    const pg = on('postgres', {
      code: '23505',
      table: 'orders',
      detail: 'Key ("orderId", region)=(O1, eu) already exists.',
    });
    expect(pg).toBeInstanceOf(UniqueViolationError);
    expect(pg).toMatchObject({ model: 'Order', fields: { orderId: undefined, region: undefined } });
    const sqlite = typedError(
      { code: 'SQLITE_CONSTRAINT_PRIMARYKEY', message: 'UNIQUE constraint failed: orders.orderId' },
      { dialect: 'sqlite', model: 'Order', values: { orderId: 'O1' } },
    );
    expect(sqlite).toMatchObject({ fields: { orderId: 'O1' } });
    const mysqlError = typedError(
      { errno: 1062, message: "Duplicate entry 'O1' for key 'PRIMARY'" },
      { dialect: 'mysql', model: 'Order', values: { orderId: 'O1' }, primaryKey: ['orderId'] },
    );
    expect(mysqlError).toMatchObject({ fields: { orderId: 'O1' } });
  });

  it('anything else passes unchanged', () => {
    const error = Object.assign(new Error('syntax'), { code: '42601' });
    expect(on('postgres', error)).toBe(error);
    expect(on('mysql', { errno: 1064 })).toEqual({ errno: 1064 });
  });
});

describeEachDialect(
  'KyselyAdapter on %s with a pool that reports changed rows',
  () => {
    it('refuses to count an update it cannot count as matched rows', async () => {
      const database = await openDatabase('mysql', { t: { id: 'key', n: 'int' } });
      const pool = mysql.createPool({
        ...mysqlOptions(MYSQL_URL, database.name),
        flags: ['-FOUND_ROWS'],
      });
      const db = new Kysely<any>({ dialect: new MysqlDialect({ pool }) });
      try {
        const adapter = new KyselyAdapter(db);
        await adapter.create('t', { id: 'a', n: 1 });
        const error = await adapter.update('t', { id: 'a' }, { n: 1 }).catch((e) => e);
        expect(error).toBeInstanceOf(KyselyAdapterError);
        expect((error as Error).message).toMatch(/FOUND_ROWS flag is off/);
      } finally {
        await db.destroy();
      }
    });
  },
  ['mysql'],
);

describeEachDialect(
  'KyselyAdapter on %s, one connection',
  (dialect) => {
    it('the adapter called on itself inside its own transaction after an await fails at once; a call from outside waits lockTimeout, then fails', async () => {
      const database = await openDatabase(dialect, { t: { id: 'key' } });
      const adapter = new KyselyAdapter(database.db, { lockTimeout: 50 });
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let inside: unknown;
      const held = adapter.transaction(async (tx) => {
        await tx.filter('t', {});
        inside = await adapter.filter('t', {}).catch((e) => e);
        await gate;
      });
      const outside = await adapter.filter('t', {}).catch((e) => e);
      release();
      await held;
      expect(inside).toBeInstanceOf(AdapterReentryError);
      expect((inside as Error).message).toMatch(/called on the adapter itself/);
      expect(outside).toBeInstanceOf(AdapterReentryError);
      expect((outside as Error).message).toMatch(/lockTimeout 50 ms/);
    });
  },
  ['sqlite'],
);

describeEachDialect('KyselyAdapter on %s with plugins', (dialect) => {
  it("ignores the instance's plugins for its own queries; the handle's db keeps them", async () => {
    const database = await openDatabase(dialect, { notes: { note_id: 'key', body_text: 'text' } });
    const db = database.db.withPlugin(new CamelCasePlugin());
    const adapter = new KyselyAdapter(db);
    await adapter.transaction(async (tx) => {
      await tx.create('notes', { note_id: 'a', body_text: 'x' });
      const [row] = await tx.db.selectFrom('notes').selectAll().execute();
      expect(row).toEqual({ noteId: 'a', bodyText: 'x' });
    });
    expect(await adapter.filter('notes', { body_text: 'x' })).toEqual([
      { note_id: 'a', body_text: 'x' },
    ]);
  });
});

import { expect, it } from 'vitest';
import { ObjectNotFound, UniqueViolationError } from 'state-machine-framework';
import { PgAdapter, PgAdapterError } from 'state-machine-framework/adapters/pg';
import { describeOnServer } from '../../support/servers.js';
import { pgSchemaForFile } from './pg-schema.js';

describeOnServer('postgres', 'PgAdapter: rows', () => {
  const schema = pgSchemaForFile([
    `CREATE TABLE orders (id TEXT PRIMARY KEY, status TEXT NOT NULL, amount INTEGER, note TEXT,
       region TEXT, UNIQUE (region, note))`,
    `CREATE TABLE "Weird ""Table""" ("Odd Column" TEXT PRIMARY KEY, n INTEGER)`,
    `CREATE TABLE counters (id SERIAL PRIMARY KEY, n INTEGER NOT NULL DEFAULT 7)`,
  ]);
  const adapter = () => new PgAdapter(schema().pool());

  it('creates with RETURNING *, gets one row, filters, updates and deletes with counts', async () => {
    const db = adapter();
    const row = await db.create('orders', { id: 'o1', status: 'new', amount: 5 });
    expect(row).toEqual({ id: 'o1', status: 'new', amount: 5, note: null, region: null });
    await db.create('orders', { id: 'o2', status: 'new', amount: 7, note: undefined });
    expect(await db.get('orders', { id: 'o2' })).toMatchObject({ amount: 7 });
    expect((await db.filter('orders', { status: 'new' })).map((r) => r['id']).toSorted()).toEqual([
      'o1',
      'o2',
    ]);
    expect(await db.filter('orders', { note: null, id: 'o1' })).toHaveLength(1);
    expect(await db.update('orders', { status: 'new' }, { status: 'paid' })).toBe(2);
    expect(await db.update('orders', { id: 'missing' }, { status: 'paid' })).toBe(0);
    expect(await db.update('orders', { status: 'paid' }, {})).toBe(2);
    expect(await db.delete('orders', { id: 'o1' })).toBe(1);
    expect(await db.delete('orders', { id: 'o1' })).toBe(0);
    await db.delete('orders', {});
  });

  it('get: ObjectNotFound for no row, a clear error for several', async () => {
    const db = adapter();
    await expect(db.get('orders', { id: 'nope' })).rejects.toBeInstanceOf(ObjectNotFound);
    await db.create('orders', { id: 'a', status: 's' });
    await db.create('orders', { id: 'b', status: 's' });
    await expect(db.get('orders', { status: 's' })).rejects.toThrow(/more than one row matches/);
    await db.delete('orders', {});
  });

  it('quotes table and column names, maps models to tables, takes column defaults', async () => {
    const db = new PgAdapter(schema().pool(), {
      tables: { Weird: 'Weird "Table"', Counter: 'counters' },
    });
    expect(await db.create('Weird', { 'Odd Column': 'x"y', n: 1 })).toEqual({
      'Odd Column': 'x"y',
      n: 1,
    });
    expect(await db.get('Weird', { 'Odd Column': 'x"y' })).toMatchObject({ n: 1 });
    expect(await db.create('Counter', {})).toEqual({ id: 1, n: 7 });
  });

  it('refuses unknown tables and columns, naming what exists', async () => {
    const db = adapter();
    await expect(db.get('nothing', { id: 1 })).rejects.toThrow(/no table "nothing"/);
    await expect(db.create('orders', { id: 'x', status: 's', colour: 'red' })).rejects.toThrow(
      /orders\.colour: no such column .*columns: id, status, amount, note, region/,
    );
    await expect(db.filter('orders', { id: undefined })).rejects.toBeInstanceOf(PgAdapterError);
  });

  it('a unique violation names the model and the fields', async () => {
    const db = adapter();
    await db.create('orders', { id: 'u1', status: 's', region: 'eu', note: 'n' });
    const duplicateId = await db.create('orders', { id: 'u1', status: 's' }).catch((e) => e);
    expect(duplicateId).toBeInstanceOf(UniqueViolationError);
    expect(duplicateId).toMatchObject({ model: 'orders', fields: { id: 'u1' } });
    expect((duplicateId as Error).cause).toMatchObject({ code: '23505' });
    const pair = await db
      .create('orders', { id: 'u2', status: 's', region: 'eu', note: 'n' })
      .catch((e) => e);
    expect(pair).toMatchObject({ model: 'orders', fields: { region: 'eu', note: 'n' } });
    await db.delete('orders', {});
  });
});

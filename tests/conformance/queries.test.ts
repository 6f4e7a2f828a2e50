// Machine.find and Machine.countByState on every adapter: primary rows in one state, a list of
// states or every state, ordered by identifier (text and numbers) and paged by `after` + `limit`;
// counts per state in one grouped query; both through a transaction handle; both reading the
// state values the generated config carries. Fixtures without findPage/countGrouped (the
// TransactionalAdapter drivers) run the runtime's fallback on `filter`.
import { expect, it } from 'vitest';
import {
  createMachine,
  MemoryAdapter,
  TransactionalAdapter,
  UsageError,
  type MachineConfig,
  type MachineTypes,
  type ORMAdapter,
  type Row,
} from 'state-machine-framework';
import { LedgerMachine } from './queries/ledger.machine.gen.js';
import { LedgerMachine as RenamedLedgerMachine } from './queries/ledger-renamed.machine.gen.js';
import { StockMachine } from './queries/stock.machine.gen.js';
import { describeEachDatabase } from './registry.js';

/** Invoices in every Ledger state but Void, plus one whose status is no Ledger value. */
const INVOICES = [
  { invoiceId: 'i9', status: 'sent', total: 9, version: 1 },
  { invoiceId: 'i10', status: 'draft', total: 10, version: 1 },
  { invoiceId: 'j', status: 'paid', total: 0, version: 3 },
  { invoiceId: 'i100', status: 'sent', total: 100, version: 2 },
  { invoiceId: 'i1', status: 'draft', total: 1, version: 1 },
  { invoiceId: 'i2', status: 'bogus', total: 2, version: 1 },
  { invoiceId: 'h', status: 'sent', total: 7, version: 1 },
];

const ids = (rows: readonly { invoiceId: string }[]) => rows.map((row) => row.invoiceId);

async function seedInvoices(adapter: ORMAdapter, rows: readonly Row[] = INVOICES): Promise<void> {
  for (const row of rows) await adapter.create('Invoice', row);
}

/** Items identified by qty: numeric order puts 9 before 10, text order would not. */
async function seedItems(adapter: ORMAdapter): Promise<void> {
  const items: [number, string][] = [
    [10, 'stocked'],
    [9, 'stocked'],
    [100, 'sold'],
    [2, 'stocked'],
    [1, 'sold'],
    [20, 'stocked'],
  ];
  for (const [qty, kind] of items) {
    await adapter.create('Item', { itemId: `item-${qty}`, kind, label: null, qty });
  }
}

/** Every page of `find`, `limit` rows at a time, until a short page. */
async function allPages<R>(
  read: (after: R[keyof R] | undefined) => Promise<R[]>,
  key: keyof R,
  limit: number,
): Promise<R[][]> {
  const pages: R[][] = [];
  let after: R[keyof R] | undefined;
  while (pages.length < 50) {
    const page = await read(after);
    pages.push(page);
    if (page.length < limit) return pages;
    after = page.at(-1)?.[key];
  }
  throw new Error(`still paging after 50 pages of ${limit}: after is not applied`);
}

/** `adapter`, recording the name of each method called on it. */
function recording(adapter: ORMAdapter, calls: string[]): ORMAdapter {
  return new Proxy(adapter, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function' || key === 'transaction') return value;
      return (...args: unknown[]) => {
        calls.push(String(key));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

const filterCalls = (n: number): string[] => Array.from({ length: n }, () => 'filter');

/** The message of the UsageError `call` rejects with. */
async function refused(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  return (error as Error).message;
}

/** Ledger with a state that maps no Invoice value and one that shares Draft's: hand-written. */
function looseLedger() {
  const states = LedgerMachine.config.states;
  const config: MachineConfig = {
    ...LedgerMachine.config,
    states: {
      ...states,
      Draft: { ...states['Draft']!, to: ['Sent', 'Void', 'Archived', 'Reopened'] },
      Archived: { models: {}, terminal: true, to: [] },
      Reopened: { models: { Invoice: 'draft' }, to: ['Sent'] },
    },
  };
  return createMachine<MachineTypes>(config);
}

describeEachDatabase('Machine.find and countByState on %s', (name, open) => {
  // The TransactionalAdapter fixtures' drivers have neither, as a user's own adapter may not.
  const native = !name.startsWith('TransactionalAdapter');

  it(`reads ${native ? 'in one findPage / countGrouped call' : 'through filter'}, on the adapter and a handle`, async () => {
    const db = await open();
    await seedInvoices(db.adapter);
    const calls: string[] = [];
    const adapter = recording(db.adapter, calls);
    expect(ids(await LedgerMachine.find({ adapter, state: ['Draft', 'Sent'], limit: 2 }))).toEqual([
      'h',
      'i1',
    ]);
    expect(await LedgerMachine.countByState({ adapter })).toEqual({
      Draft: 2,
      Sent: 3,
      Paid: 1,
      Void: 0,
    });
    const inside: string[] = [];
    await db.adapter.transaction(async (tx) => {
      const handle = recording(tx, inside);
      await LedgerMachine.find({ adapter: handle, state: 'Paid' });
      await LedgerMachine.countByState({ adapter: handle });
    });
    // Without them: one filter per value, 2 for find and 4 for the count (1 and 4 inside).
    expect(calls).toEqual(native ? ['findPage', 'countGrouped'] : filterCalls(6));
    expect(inside).toEqual(native ? ['findPage', 'countGrouped'] : filterCalls(5));
  });

  it('finds the rows of one state, by identifier, typed as the model', async () => {
    const db = await open();
    await seedInvoices(db.adapter);
    const sent = await LedgerMachine.find({ adapter: db.adapter, state: 'Sent' });
    expect(sent).toEqual([
      { invoiceId: 'h', status: 'sent', total: 7, version: 1 },
      { invoiceId: 'i100', status: 'sent', total: 100, version: 2 },
      { invoiceId: 'i9', status: 'sent', total: 9, version: 1 },
    ]);
    expect(await LedgerMachine.find({ adapter: db.adapter, state: 'Void' })).toEqual([]);
  });

  it('finds the rows of a list of states, and of every state when none is given', async () => {
    const db = await open();
    await seedInvoices(db.adapter);
    const adapter = db.adapter;
    expect(ids(await LedgerMachine.find({ adapter, state: ['Paid', 'Draft'] }))).toEqual([
      'i1',
      'i10',
      'j',
    ]);
    expect(ids(await LedgerMachine.find({ adapter, state: ['Draft', 'Draft'] }))).toEqual([
      'i1',
      'i10',
    ]);
    expect(await LedgerMachine.find({ adapter, state: [] })).toEqual([]);
    // i2's status is no Ledger value, so it is in no state of the machine.
    expect(ids(await LedgerMachine.find({ adapter }))).toEqual([
      'h',
      'i1',
      'i10',
      'i100',
      'i9',
      'j',
    ]);
  });

  it('orders a numeric identifier as numbers (9 before 10) and pages it', async () => {
    const db = await open();
    await seedItems(db.adapter);
    const adapter = db.adapter;
    const stocked = await StockMachine.find({ adapter, state: 'Stocked' });
    expect(stocked.map((item) => item.qty)).toEqual([2, 9, 10, 20]);
    expect(stocked[0]).toEqual({ itemId: 'item-2', kind: 'stocked', label: null, qty: 2 });
    const after9 = await StockMachine.find({ adapter, after: 9, limit: 3 });
    expect(after9.map((item) => item.qty)).toEqual([10, 20, 100]);
  });

  it('pages with after and limit, every row exactly once, in order', async () => {
    const db = await open();
    const many = Array.from({ length: 23 }, (_, i) => ({
      invoiceId: `p${String(i).padStart(2, '0')}`,
      status: i % 3 === 0 ? 'paid' : 'sent',
      total: i,
      version: 1,
    }));
    await seedInvoices(db.adapter, many.toReversed());
    const adapter = db.adapter;
    const pages = await allPages(
      (after) => LedgerMachine.find({ adapter, state: ['Sent', 'Paid'], limit: 5, after }),
      'invoiceId',
      5,
    );
    expect(pages.map((page) => page.length)).toEqual([5, 5, 5, 5, 3]);
    expect(pages.flat()).toEqual(many);

    const sentPages = await allPages(
      (after) => LedgerMachine.find({ adapter, state: 'Sent', limit: 4, after }),
      'invoiceId',
      4,
    );
    expect(sentPages.flat()).toEqual(many.filter((row) => row.status === 'sent'));
    expect(sentPages.at(-1)?.length).toBeLessThan(4);
  });

  it('pages a numeric identifier across pages', async () => {
    const db = await open();
    await seedItems(db.adapter);
    const adapter = db.adapter;
    const pages = await allPages(
      (after) => StockMachine.find({ adapter, limit: 2, after }),
      'qty',
      2,
    );
    expect(pages.map((page) => page.map((item) => item.qty))).toEqual([
      [1, 2],
      [9, 10],
      [20, 100],
      [],
    ]);
  });

  it('follows the state value the generated config maps, renamed and regenerated', async () => {
    const db = await open();
    await seedInvoices(db.adapter, [
      { invoiceId: 'a', status: 'sent', total: 1, version: 1 },
      { invoiceId: 'b', status: 'issued', total: 2, version: 1 },
      { invoiceId: 'c', status: 'issued', total: 3, version: 1 },
      { invoiceId: 'd', status: 'draft', total: 4, version: 1 },
    ]);
    const adapter = db.adapter;
    expect(ids(await LedgerMachine.find({ adapter, state: 'Sent' }))).toEqual(['a']);
    expect(ids(await RenamedLedgerMachine.find({ adapter, state: 'Sent' }))).toEqual(['b', 'c']);
    expect(ids(await RenamedLedgerMachine.find({ adapter }))).toEqual(['b', 'c', 'd']);
    expect(await LedgerMachine.countByState({ adapter })).toEqual({
      Draft: 1,
      Sent: 1,
      Paid: 0,
      Void: 0,
    });
    expect(await RenamedLedgerMachine.countByState({ adapter })).toEqual({
      Draft: 1,
      Sent: 2,
      Paid: 0,
      Void: 0,
    });
  });

  it('counts the rows of every state, exactly the machine’s states as keys, 0 for none', async () => {
    const db = await open();
    const adapter = db.adapter;
    const empty = await LedgerMachine.countByState({ adapter });
    expect(empty).toEqual({ Draft: 0, Sent: 0, Paid: 0, Void: 0 });
    await seedInvoices(adapter);
    const counts = await LedgerMachine.countByState({ adapter });
    expect(Object.keys(counts)).toEqual(['Draft', 'Sent', 'Paid', 'Void']);
    expect(counts).toEqual({ Draft: 2, Sent: 3, Paid: 1, Void: 0 });
    expect(await StockMachine.countByState({ adapter })).toEqual({ Stocked: 0, Sold: 0 });
  });

  it('counts a row once, under the state load reads it as; a state with no primary value is 0', async () => {
    const db = await open();
    await seedInvoices(db.adapter);
    const loose = looseLedger();
    // Reopened shares Draft's value and comes later, so load reads a 'draft' row as Reopened.
    expect(await loose.countByState({ adapter: db.adapter })).toEqual({
      Draft: 0,
      Sent: 3,
      Paid: 1,
      Void: 0,
      Archived: 0,
      Reopened: 2,
    });
    // find goes by the value: Draft and Reopened both stand for 'draft'.
    const draft = (await loose.find({ adapter: db.adapter, state: 'Draft' })) as Row[];
    const reopened = (await loose.find({ adapter: db.adapter, state: 'Reopened' })) as Row[];
    expect(draft.map((row) => row['invoiceId'])).toEqual(['i1', 'i10']);
    expect(reopened).toEqual(draft);
  });

  it('sees a transaction’s own uncommitted writes through its handle, and nothing after rollback', async () => {
    const db = await open();
    const adapter = db.adapter;
    await seedInvoices(adapter, INVOICES.slice(0, 3));
    const seen = await adapter
      .transaction(async (tx) => {
        await LedgerMachine.run({ adapter: tx }, (wf) =>
          wf.transitionTo('Draft', { Invoice: { invoiceId: 'i0', total: 5, version: 1 } }),
        );
        await tx.create('Invoice', { invoiceId: 'k', status: 'void', total: 0, version: 1 });
        const inside = {
          counts: await LedgerMachine.countByState({ adapter: tx }),
          drafts: ids(await LedgerMachine.find({ adapter: tx, state: 'Draft' })),
          nested: await tx.transaction(async (inner) =>
            ids(await LedgerMachine.find({ adapter: inner, state: ['Void', 'Draft'], limit: 2 })),
          ),
        };
        throw Object.assign(new Error('roll back'), { seen: inside });
      })
      .catch((error: { seen?: unknown }) => error.seen);
    expect(seen).toEqual({
      counts: { Draft: 2, Sent: 1, Paid: 1, Void: 1 },
      drafts: ['i0', 'i10'],
      nested: ['i0', 'i10'],
    });
    expect(await LedgerMachine.countByState({ adapter })).toEqual({
      Draft: 1,
      Sent: 1,
      Paid: 1,
      Void: 0,
    });
    expect(ids(await LedgerMachine.find({ adapter, state: 'Draft' }))).toEqual(['i10']);
  });

  it('reads values back as get and filter do (bigint, decimal, boolean, Date, JSON)', async () => {
    const db = await open();
    const sample = {
      sampleId: 'S1',
      i: 7,
      big: 9007199254740993n,
      dec: '12345.67',
      flag: true,
      at: new Date('2024-05-01T10:20:30.456Z'),
      obj: { a: [1, 'two', null], nested: { ok: true } },
      arr: [1, 'x'],
      txt: 'open',
    };
    await db.adapter.create('Sample', sample);
    await db.adapter.create('Sample', { ...sample, sampleId: 'S2', big: -3n, txt: 'shut' });
    const samples = createMachine<MachineTypes>({
      name: 'Samples',
      models: { Sample: { stateField: 'txt', identifierField: 'big' } },
      states: {
        Open: { models: { Sample: 'open' }, start: true, to: ['Shut'] },
        Shut: { models: { Sample: 'shut' }, terminal: true, to: [] },
      },
    });
    const found = (await samples.find({ adapter: db.adapter })) as Row[];
    const filtered = await db.adapter.filter('Sample', { sampleId: 'S1' });
    expect(found).toEqual([
      await db.adapter.get('Sample', { sampleId: 'S2' }),
      await db.adapter.get('Sample', { sampleId: 'S1' }),
    ]);
    expect(found[1]).toEqual(filtered[0]);
    expect(found[1]).toEqual(sample);
    expect((await samples.find({ adapter: db.adapter, after: -3n })) as Row[]).toEqual(filtered);
  });

  it('refuses bad options with a UsageError that says what is wrong, before any query', async () => {
    const db = await open();
    const adapter = db.adapter;
    const find = (options: object) => LedgerMachine.find({ adapter, ...options } as never);
    expect(await refused(find({ state: 'Sant' }))).toBe(
      'Ledger.find: state must be a state of Ledger or a list of them, got "Sant"; states: Draft, Sent, Paid, Void',
    );
    expect(await refused(find({ state: ['Sent', 3] }))).toMatch(/got 3; states: Draft, Sent/);
    for (const limit of [0, -1, 1.5, 1001, Number.NaN, '10']) {
      expect(await refused(find({ limit }))).toMatch(
        /^Ledger\.find: limit must be a whole number from 1 to 1000, got /,
      );
    }
    expect(await refused(find({ after: null }))).toMatch(
      /^Ledger\.find: after must be an identifier \(Invoice\.invoiceId: .*got null$/,
    );
    expect(await refused(looseLedger().find({ adapter, state: 'Archived' }))).toBe(
      "Ledger.find: the state 'Archived' maps no Invoice value, so no Invoice row can be found in it",
    );
    expect(await refused(LedgerMachine.find({} as never))).toMatch(
      /^Ledger\.find: options\.adapter/,
    );
    expect(await refused(LedgerMachine.countByState({ adapter: {} } as never))).toMatch(
      /^Ledger\.countByState: options\.adapter must be an ORMAdapter/,
    );
    expect(await LedgerMachine.find({ adapter, limit: 1000 })).toEqual([]);
  });
});

it('TransactionalAdapter reads through its driver’s findPage and countGrouped when it has them', async () => {
  const memory = new MemoryAdapter();
  await seedInvoices(memory);
  const calls: string[] = [];
  const driver = recording(memory, calls);
  const adapter = new TransactionalAdapter({
    create: (model, data) => driver.create(model, data),
    get: (model, filters) => driver.get(model, filters),
    filter: (model, filters) => driver.filter(model, filters),
    update: (model, filters, changes) => driver.update(model, filters, changes),
    delete: (model, filters) => driver.delete(model, filters),
    findPage: (model, query) => driver.findPage!(model, query),
    countGrouped: (model, field, values) => driver.countGrouped!(model, field, values),
    begin: async () => undefined,
    commit: async () => undefined,
    rollback: async () => undefined,
  });
  expect(ids(await LedgerMachine.find({ adapter, state: 'Sent' }))).toEqual(['h', 'i100', 'i9']);
  const counts = await adapter.transaction((tx) => LedgerMachine.countByState({ adapter: tx }));
  expect(counts).toEqual({ Draft: 2, Sent: 3, Paid: 1, Void: 0 });
  expect(calls).toEqual(['findPage', 'countGrouped']);
});

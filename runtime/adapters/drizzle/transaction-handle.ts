import { sql } from 'drizzle-orm';
import { CommitCallbacks } from '../commit-callbacks.js';
import { withCurrentTransaction } from '../current-transaction.js';
import type { Filters, ORMAdapter, ReadOptions, Row, AdapterMethod } from '../../orm-adapter.js';
import type { SqlDialect } from '../sql/transition-log-ddl.js';
import type { ConnectionDriver } from './connection-driver.js';
import { DrizzleAdapterError } from './drizzle-adapter-error.js';
import type { DrizzleDatabase, DrizzleTransactionOf, QueryDb } from './drizzle-types.js';
import type { ModelTables } from './model-tables.js';
import { rawSql, type RawSql } from './raw-sql.js';
import { DrizzleRows } from './row-operations.js';
import type { DrizzleTransitionLog } from './transition-log.js';

/** What an adapter and every handle of its transactions share. */
export interface AdapterContext {
  readonly dialect: SqlDialect;
  readonly tables: ModelTables;
  readonly log: DrizzleTransitionLog | undefined;
  readonly driver: ConnectionDriver;
}

/** Shared by the handles of one outermost transaction: once it has ended, they all have. */
export interface TransactionRun {
  ended: boolean;
}

function settled<R>(operation: () => Promise<R>): Promise<R> {
  try {
    return operation();
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * The adapter a Drizzle transaction (or a savepoint in it) hands out: `db` is the live Drizzle
 * transaction object, for queries of your own that commit or roll back with the workflow. The
 * handle, `db` included, refuses work once its transaction (or savepoint) has ended. Nested
 * transactions are savepoints (`smf_sp_<depth>`); their `onCommit` callbacks join the enclosing
 * transaction's when released and are dropped when rolled back.
 */
export class DrizzleTransaction<TDb = DrizzleDatabase> implements ORMAdapter {
  /** The Drizzle transaction: `tx.select()…`, `tx.insert(…)…`, typed as `db.transaction` gives it. */
  readonly db: DrizzleTransactionOf<TDb>;
  readonly recordTransition?: AdapterMethod<'recordTransition'>;
  readonly readTransitions?: AdapterMethod<'readTransitions'>;
  readonly #context: AdapterContext;
  readonly #run: TransactionRun;
  readonly #depth: number;
  /** The Drizzle transaction object behind `db`; savepoints run on the same one. */
  readonly #tx: object;
  readonly #raw: RawSql;
  readonly #rows: DrizzleRows;
  #ended = false;
  #commitCallbacks: CommitCallbacks | undefined;

  /** @internal Made by DrizzleAdapter.transaction() and by nesting. */
  constructor(context: AdapterContext, tx: object, depth: number, run: TransactionRun) {
    this.#context = context;
    this.#run = run;
    this.#depth = depth;
    this.#tx = tx;
    this.#raw = rawSql(tx, context.dialect);
    this.#rows = new DrizzleRows(tx as QueryDb, context.dialect, context.tables);
    this.db = new Proxy(tx, {
      get: (target, key) => {
        if (key !== 'then') this.#assertOpen();
        return Reflect.get(target, key) as unknown;
      },
    }) as DrizzleTransactionOf<TDb>;
    const log = context.log;
    if (log !== undefined) {
      this.recordTransition = (entry) => this.#op(() => log.record(this.#raw, entry));
      this.readTransitions = (machine, entityId) =>
        this.#op(() => log.read(this.#raw, machine, entityId));
    }
  }

  /** True until the transaction (or savepoint) this handle stands for has ended. */
  get active(): boolean {
    return !this.#ended && !this.#run.ended;
  }

  /** Whether this is a live handle of the adapter whose shared context is `context`. */
  isOpenOn(context: AdapterContext): boolean {
    return this.#context === context && this.active;
  }

  create(model: string, data: Row): Promise<Row> {
    return this.#op(() => this.#rows.create(model, data));
  }
  get(model: string, filters: Filters, options?: ReadOptions): Promise<Row> {
    return this.#op(() => this.#rows.get(model, filters, options));
  }
  filter(model: string, filters: Filters, options?: ReadOptions): Promise<Row[]> {
    return this.#op(() => this.#rows.filter(model, filters, options));
  }
  update(model: string, filters: Filters, changes: Row): Promise<number> {
    return this.#op(() => this.#rows.update(model, filters, changes));
  }
  delete(model: string, filters: Filters): Promise<number> {
    return this.#op(() => this.#rows.delete(model, filters));
  }

  /** Runs `callback` after the outermost transaction commits (see `ORMAdapter.onCommit`). */
  onCommit(callback: (adapter: ORMAdapter) => unknown): void {
    this.#assertOpen();
    (this.#commitCallbacks ??= new CommitCallbacks()).add(callback);
  }

  /** A savepoint: rolled back alone when `fn` rejects, released into this transaction otherwise. */
  transaction<R>(fn: (tx: DrizzleTransaction<TDb>) => Promise<R>): Promise<R> {
    return this.#op(() => this.#savepoint(fn));
  }

  /** @internal The outermost handle's callbacks, once its transaction committed. */
  takeCommitCallbacks(): CommitCallbacks | undefined {
    const callbacks = this.#commitCallbacks;
    this.#commitCallbacks = undefined;
    return callbacks !== undefined && callbacks.size > 0 ? callbacks : undefined;
  }

  /** @internal Called by whoever opened this handle's transaction, once it ends. */
  end(): void {
    this.#ended = true;
  }

  async #savepoint<R>(fn: (tx: DrizzleTransaction<TDb>) => Promise<R>): Promise<R> {
    const name = sql.raw(`smf_sp_${this.#depth}`);
    const driver = this.#context.driver;
    await this.#raw.run(sql`SAVEPOINT ${name}`);
    const nested = new DrizzleTransaction<TDb>(this.#context, this.#tx, this.#depth + 1, this.#run);
    let value: R;
    try {
      value = await withCurrentTransaction(nested, () => fn(nested));
    } catch (error) {
      nested.end();
      // Once the whole transaction has ended, the savepoint went with it.
      if (!this.#run.ended && driver.transactionOpen()) {
        try {
          await this.#raw.run(sql`ROLLBACK TO SAVEPOINT ${name}`);
          await this.#raw.run(sql`RELEASE SAVEPOINT ${name}`);
        } catch {
          // The transaction is lost (a broken connection, say): its COMMIT will fail and tell.
        }
      }
      throw error;
    }
    nested.end();
    if (this.#run.ended) {
      throw new DrizzleAdapterError(
        'a nested transaction ended after the transaction it belongs to; its writes and onCommit callbacks went with that transaction. Await nested transactions (and transitions) before the transaction callback returns',
      );
    }
    await this.#raw.run(sql`RELEASE SAVEPOINT ${name}`);
    nested.takeCommitCallbacks()?.moveInto((this.#commitCallbacks ??= new CommitCallbacks()));
    return value;
  }

  #assertOpen(): void {
    if (this.active) return;
    throw new DrizzleAdapterError(
      'this transaction handle (or its db) was used after its transaction ended (committed or rolled back); use the adapter, or the handle of a transaction that is still open',
    );
  }

  #op<R>(run: () => Promise<R>): Promise<R> {
    return settled(() => {
      this.#assertOpen();
      return run();
    });
  }
}

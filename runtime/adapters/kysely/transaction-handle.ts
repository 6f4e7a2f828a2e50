import type { Transaction } from 'kysely';
import { CommitCallbacks } from '../commit-callbacks.js';
import { withCurrentTransaction } from '../current-transaction.js';
import type {
  Filters,
  ModelDescription,
  ORMAdapter,
  ReadOptions,
  Row,
  AdapterMethod,
} from '../../orm-adapter.js';
import { KyselyAdapterError } from './kysely-adapter-error.js';
import { execute, type QueryRunner } from './raw-query.js';
import type { RowStore } from './row-store.js';
import type { TransitionLogTable } from './transition-log.js';

/** A transaction (or savepoint) of a `KyselyAdapter`, as handlers get it in `meta.adapter`. */
export interface KyselyTransactionAdapter<DB> extends ORMAdapter {
  /** The live Kysely transaction: queries on it run in the workflow's transaction. */
  readonly db: Transaction<DB>;
  transaction<R>(fn: (tx: KyselyTransactionAdapter<DB>) => Promise<R>): Promise<R>;
  onCommit(callback: (adapter: ORMAdapter) => unknown): void;
}

/** What every handle of one outermost transaction shares: once it has ended, they all have. */
export interface TransactionRun {
  ended: boolean;
  nextSavepoint: number;
  /** The adapter's connection lane: a call on the adapter itself inside it would wait forever. */
  readonly lane: object;
}

export class KyselyTransaction<DB> implements KyselyTransactionAdapter<DB> {
  readonly db: Transaction<DB>;
  readonly #runner: QueryRunner;
  readonly #store: RowStore;
  readonly #run: TransactionRun;
  readonly #log: TransitionLogTable | undefined;
  #ended = false;
  #commitCallbacks: CommitCallbacks | undefined;
  readonly recordTransition?: AdapterMethod<'recordTransition'>;
  readonly readTransitions?: AdapterMethod<'readTransitions'>;

  constructor(
    db: Transaction<DB>,
    runner: QueryRunner,
    store: RowStore,
    run: TransactionRun,
    log: TransitionLogTable | undefined,
  ) {
    this.db = db;
    this.#runner = runner;
    this.#store = store;
    this.#run = run;
    this.#log = log;
    if (log !== undefined) {
      this.recordTransition = (entry) => this.#op(() => log.record(runner, entry));
      this.readTransitions = (machine, id) => this.#op(() => log.read(runner, machine, id));
    }
  }

  get ended(): boolean {
    return this.#ended || this.#run.ended;
  }

  isOpenOn(lane: object): boolean {
    return this.#run.lane === lane && !this.ended;
  }

  create(model: string, data: Row): Promise<Row> {
    return this.#op(() => this.#store.create(this.#runner, model, data));
  }
  get(model: string, filters: Filters, options?: ReadOptions): Promise<Row> {
    return this.#op(() => this.#store.getOne(this.#runner, model, filters, options));
  }
  filter(model: string, filters: Filters, options?: ReadOptions): Promise<Row[]> {
    return this.#op(() => this.#store.select(this.#runner, model, filters, options));
  }
  update(model: string, filters: Filters, changes: Row): Promise<number> {
    return this.#op(() => this.#store.update(this.#runner, model, filters, changes));
  }
  delete(model: string, filters: Filters): Promise<number> {
    return this.#op(() => this.#store.delete(this.#runner, model, filters));
  }
  describeModel(model: string, description: ModelDescription): void {
    this.#store.describe(model, description.identifierField);
  }

  onCommit(callback: (adapter: ORMAdapter) => unknown): void {
    this.#assertOpen();
    (this.#commitCallbacks ??= new CommitCallbacks()).add(callback);
  }

  takeCommitCallbacks(): CommitCallbacks | undefined {
    const callbacks = this.#commitCallbacks;
    this.#commitCallbacks = undefined;
    return callbacks !== undefined && callbacks.size > 0 ? callbacks : undefined;
  }

  /** A savepoint: rolled back alone when `fn` rejects, released into this transaction otherwise. */
  async transaction<R>(fn: (tx: KyselyTransactionAdapter<DB>) => Promise<R>): Promise<R> {
    this.#assertOpen();
    const name = `smf_sp_${this.#run.nextSavepoint++}`;
    await execute(this.#runner, `SAVEPOINT ${name}`);
    const nested = new KyselyTransaction(this.db, this.#runner, this.#store, this.#run, this.#log);
    let value: R;
    try {
      value = await withCurrentTransaction(nested, () => fn(nested));
    } catch (error) {
      nested.#ended = true;
      await this.#rollbackTo(name);
      throw error;
    }
    nested.#ended = true;
    if (this.#run.ended) {
      throw new KyselyAdapterError(
        'a nested transaction ended after the transaction it belongs to; its onCommit callbacks were dropped. Await nested transactions (and transitions) before the transaction callback returns',
      );
    }
    await execute(this.#runner, `RELEASE SAVEPOINT ${name}`);
    nested.takeCommitCallbacks()?.moveInto((this.#commitCallbacks ??= new CommitCallbacks()));
    return value;
  }

  /**
   * Undoes the savepoint's work. Where the database already ended the whole transaction (MySQL
   * after a deadlock) or it has ended anyway, there is nothing left to undo: the error that got
   * here is what the caller needs, not the failed ROLLBACK TO.
   */
  async #rollbackTo(name: string): Promise<void> {
    if (this.#run.ended) return;
    try {
      await execute(this.#runner, `ROLLBACK TO SAVEPOINT ${name}`);
      await execute(this.#runner, `RELEASE SAVEPOINT ${name}`);
    } catch {
      // The transaction is beyond saving; its outermost call rolls it back.
    }
  }

  #assertOpen(): void {
    if (this.ended) {
      throw new KyselyAdapterError(
        'transaction already ended: this handle was used after its transaction committed or rolled back; use the adapter, or the handle of a transaction that is still open',
      );
    }
  }

  async #op<R>(run: () => Promise<R>): Promise<R> {
    this.#assertOpen();
    return run();
  }
}

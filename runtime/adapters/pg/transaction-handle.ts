import { AdapterReentryError } from '../../errors.js';
import { CommitCallbacks } from '../commit-callbacks.js';
import { currentTransaction, withCurrentTransaction } from '../current-transaction.js';
import type {
  Filters,
  ModelDescription,
  ORMAdapter,
  PageQuery,
  ReadOptions,
  Row,
  AdapterMethod,
} from '../../orm-adapter.js';
import { SerialQueue, type WaitLimit } from '../serial-queue.js';
import { PgAdapterError } from './pg-adapter-error.js';
import type { PgRows } from './row-operations.js';
import type { PgSession } from './session.js';
import type { PgTransitionLog } from './transition-log.js';
import { sqlTimerBackend, type SqlTimers } from '../sql/timer-sql.js';
import { handleTimerMethods } from '../timer-methods.js';
import type { TimerOperations } from '../../timer-operations.js';
import { pgTimerRunner } from './pg-timers.js';

/** What every handle of one adapter shares. */
export interface HandleShared {
  readonly rows: PgRows;
  readonly log: PgTransitionLog | undefined;
  readonly timers: SqlTimers;
}

/**
 * How long a call on a handle waits while a nested transaction runs on that handle. Past it, the
 * likely cause is a call on the outer handle from inside the nested transaction, waiting for
 * itself.
 */
const NESTED_WAIT: WaitLimit = {
  ms: 60_000,
  error: (waitedMs, heldMs) =>
    new AdapterReentryError(
      'PgAdapter',
      `a call on a transaction handle waited ${waitedMs} ms while a nested transaction on that handle ran (for ${heldMs} ms). Inside a nested transaction, use its own handle: a call on the outer one waits for the nested transaction to end`,
    ),
};

// Its timer operations are assigned in the constructor (see `handleTimerMethods`).
// oxlint-disable-next-line typescript/no-unsafe-declaration-merging
export interface PgTransactionHandle extends TimerOperations {}

/**
 * The adapter a transaction (or savepoint) hands out: its operations run on the transaction's
 * client, one at a time. `transaction()` nests as a savepoint; two started at once run one after
 * the other (each savepoint holds the handle until it ends), and an operation called on a handle
 * while a nested transaction runs on it waits for that to end, so no write lands in a savepoint
 * it was not made in. A handle refuses work once its transaction has ended.
 */
export class PgTransactionHandle implements ORMAdapter {
  readonly #session: PgSession;
  readonly #shared: HandleShared;
  readonly #parent: PgTransactionHandle | undefined;
  readonly #turns = new SerialQueue(NESTED_WAIT);
  #ended = false;
  #nestedOpen = false;
  #commitCallbacks: CommitCallbacks | undefined;
  readonly recordTransition?: AdapterMethod<'recordTransition'>;
  readonly readTransitions?: AdapterMethod<'readTransitions'>;

  constructor(session: PgSession, shared: HandleShared, parent?: PgTransactionHandle) {
    this.#session = session;
    this.#shared = shared;
    this.#parent = parent;
    const timers = sqlTimerBackend(shared.timers, pgTimerRunner(session.run, shared.timers.table));
    Object.assign(
      this,
      handleTimerMethods(
        (job) => this.#op(async () => job()),
        () => timers,
      ),
    );
    const log = shared.log;
    if (log !== undefined) {
      this.recordTransition = (entry) => this.#op(() => log.record(session.run, entry));
      this.readTransitions = (machine, entityId) =>
        this.#op(() => log.read(session.run, machine, entityId));
    }
  }

  /** True until this handle's transaction or savepoint has ended. */
  get open(): boolean {
    return !this.#ended && !this.#session.ended;
  }

  /** Whether this handle is one of the adapter's that shares `shared`. */
  shares(shared: HandleShared): boolean {
    return this.#shared === shared;
  }

  create(model: string, data: Row): Promise<Row> {
    return this.#op(() => this.#shared.rows.create(this.#session.run, model, data));
  }
  get(model: string, filters: Filters, options?: ReadOptions): Promise<Row> {
    return this.#op(() => this.#shared.rows.get(this.#session.run, model, filters, options));
  }
  filter(model: string, filters: Filters, options?: ReadOptions): Promise<Row[]> {
    return this.#op(() => this.#shared.rows.filter(this.#session.run, model, filters, options));
  }
  update(model: string, filters: Filters, changes: Row): Promise<number> {
    return this.#op(() => this.#shared.rows.update(this.#session.run, model, filters, changes));
  }
  delete(model: string, filters: Filters): Promise<number> {
    return this.#op(() => this.#shared.rows.delete(this.#session.run, model, filters));
  }
  findPage(model: string, query: PageQuery): Promise<Row[]> {
    return this.#op(() => this.#shared.rows.page(this.#session.run, model, query));
  }
  countGrouped(model: string, field: string, values: readonly unknown[]): Promise<number[]> {
    return this.#op(() => this.#shared.rows.countGrouped(this.#session.run, model, field, values));
  }

  describeModel(model: string, description: ModelDescription): void {
    this.#shared.rows.identifiers.set(model, description.identifierField);
  }

  onCommit(callback: (adapter: ORMAdapter) => unknown): void {
    this.#assertOpen();
    (this.#commitCallbacks ??= new CommitCallbacks()).add(callback);
  }

  /** The callbacks queued here and in released savepoints, once the outermost has committed. */
  takeCommitCallbacks(): CommitCallbacks | undefined {
    const callbacks = this.#commitCallbacks;
    this.#commitCallbacks = undefined;
    return callbacks !== undefined && callbacks.size > 0 ? callbacks : undefined;
  }

  end(): void {
    this.#ended = true;
  }

  /** A savepoint: undone alone when `fn` rejects, joined to this transaction when it resolves. */
  transaction<R>(fn: (tx: ORMAdapter) => Promise<R>): Promise<R> {
    return this.#op(() => this.#savepoint(fn));
  }

  async #savepoint<R>(fn: (tx: ORMAdapter) => Promise<R>): Promise<R> {
    const session = this.#session;
    const name = session.openSavepoint();
    const nested = new PgTransactionHandle(session, this.#shared, this);
    this.#nestedOpen = true;
    let value: R;
    try {
      value = await withCurrentTransaction(nested, () => fn(nested));
    } catch (error) {
      nested.end();
      // Once the whole transaction has ended, the savepoint went with it.
      if (!session.ended) session.rollbackTo(name);
      throw error;
    } finally {
      this.#nestedOpen = false;
    }
    nested.end();
    if (session.ended) {
      throw new PgAdapterError(
        'a nested transaction ended after the transaction it belongs to; its work and its onCommit callbacks went with that transaction. Await nested transactions (and transitions) before the transaction callback returns',
      );
    }
    session.release(name);
    nested.takeCommitCallbacks()?.moveInto((this.#commitCallbacks ??= new CommitCallbacks()));
    return value;
  }

  /** Runs `job` in this handle's turn: after calls made before it, never inside a nested one. */
  #op<R>(job: () => Promise<R>): Promise<R> {
    try {
      this.#assertOpen();
      if (this.#nestedOpen && this.#calledFromNested()) {
        throw new AdapterReentryError(
          'PgAdapter',
          'an outer transaction handle was called from inside a nested transaction running on it; it would wait for that nested transaction to end. Use the nested transaction’s handle',
        );
      }
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#turns.run(() => {
      this.#assertOpen();
      return job();
    });
  }

  /** The current handle (see current-transaction.ts) is one nested in this one. */
  #calledFromNested(): boolean {
    const current = currentTransaction();
    if (!(current instanceof PgTransactionHandle)) return false;
    for (let h = current.#parent; h !== undefined; h = h.#parent) if (h === this) return true;
    return false;
  }

  #assertOpen(): void {
    if (this.open) return;
    throw new PgAdapterError(
      'this transaction handle was used after its transaction ended (committed or rolled back); use the adapter, or the handle of a transaction that is still open',
    );
  }
}

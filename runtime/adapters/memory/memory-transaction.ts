import { isThenable } from '../../step-driver.js';
import { CommitCallbacks } from '../commit-callbacks.js';
import { currentTransaction, withCurrentTransaction } from '../current-transaction.js';
import { nestedReentryError } from '../nested-turns.js';
import { SerialQueue, type WaitLimit } from '../serial-queue.js';
import { handleTimerMethods } from '../timer-methods.js';
import type {
  Filters,
  ModelDescription,
  ORMAdapter,
  PageQuery,
  Row,
  AdapterMethod,
} from '../../orm-adapter.js';
import { MemoryAdapterError } from './memory-adapter-error.js';
import { memoryTimersOf } from './memory-timers.js';
import { countGroupedIn, findPageIn } from './memory-queries.js';
import type { MemoryStore } from './memory-store.js';
import type { TimerOperations } from '../../timer-operations.js';
import { MemorySyncOps, type SyncOwner } from './memory-sync-ops.js';

/** What every handle of one outermost transaction shares: once it has ended, they all have. */
export interface TransactionRun {
  ended: boolean;
  /** How long a call on a handle may wait for the nested transactions running on it. */
  readonly nestedWait: WaitLimit | undefined;
}

/** `operation`'s outcome as a promise, a throw included. */
function settled<R>(operation: () => R | Promise<R>): Promise<R> {
  try {
    return Promise.resolve(operation());
  } catch (error) {
    return Promise.reject(error);
  }
}

// Its timer operations are assigned in the constructor (see `handleTimerMethods`).
// oxlint-disable-next-line typescript/no-unsafe-declaration-merging
export interface MemoryTransaction extends TimerOperations {}

/**
 * The adapter a MemoryAdapter transaction (or savepoint) hands out. It refuses work once its own
 * savepoint or its outermost transaction has ended, so a late write never lands outside it.
 *
 * A savepoint is a mark in the store's one undo list, so two savepoints open at once on one
 * handle would undo each other's writes. Nested transactions on a handle therefore run one after
 * the other: one still open across an await holds the handle's turn, and a nested transaction or
 * call started on the handle meanwhile waits for it (bounded by the adapter's lockTimeout); the
 * synchronous operations, which cannot wait, refuse. A call on the handle from inside the nested
 * transaction running on it would wait for itself and fails at once.
 */
export class MemoryTransaction implements ORMAdapter, SyncOwner {
  readonly #store: MemoryStore;
  readonly #run: TransactionRun;
  readonly #parent: MemoryTransaction | undefined;
  #ended = false;
  /** The savepoint open on this handle: until it ends, this handle's own work waits. */
  #nested: MemoryTransaction | undefined;
  /** Made when a savepoint first stays open across an await: who holds the turn, who waits. */
  #turns: SerialQueue | undefined;
  #commitCallbacks: CommitCallbacks | undefined;
  readonly recordTransition?: AdapterMethod<'recordTransition'>;
  readonly readTransitions?: AdapterMethod<'readTransitions'>;
  readonly sync: MemorySyncOps;

  constructor(store: MemoryStore, run: TransactionRun, parent?: MemoryTransaction) {
    this.#store = store;
    this.#run = run;
    this.#parent = parent;
    this.sync = new MemorySyncOps(this, store);
    Object.assign(
      this,
      handleTimerMethods(
        (job) =>
          this.#op(() => {
            this.assertUsable();
            return job();
          }) as Promise<never>,
        () => memoryTimersOf(store),
      ),
    );
    const record = this.sync.recordTransition;
    if (record) {
      this.recordTransition = (entry) => this.#op(() => record(entry));
      this.readTransitions = (machine, entityId) =>
        this.#op(() => {
          this.assertUsable();
          return store.readTransitions(machine, entityId);
        });
    }
  }

  get ended(): boolean {
    return this.#ended || this.#run.ended;
  }

  /** Whether this is a still-open handle of a transaction on `store`. */
  isOpenOn(store: MemoryStore): boolean {
    return this.#store === store && !this.ended;
  }

  end(): void {
    this.#ended = true;
  }

  assertOpen(): void {
    if (this.ended) {
      throw new MemoryAdapterError(
        'transaction already ended: this handle was used after its transaction committed or rolled back; use the adapter, or the handle of a transaction that is still open',
      );
    }
  }

  /** `assertOpen`, and no savepoint is open on the handle (its writes would land in that one). */
  assertUsable(): void {
    if (this.#nested === undefined && !this.#ended && !this.#run.ended) return;
    this.assertOpen();
    if (this.#nested !== undefined) {
      throw new MemoryAdapterError(
        'this transaction has a nested transaction open; its writes would land in that nested transaction. Use the nested transaction’s handle, or this handle’s async methods, which wait for it to end',
      );
    }
  }

  onCommit(callback: (adapter: ORMAdapter) => unknown): void {
    this.assertOpen();
    (this.#commitCallbacks ??= new CommitCallbacks()).add(callback);
  }

  describeModel(model: string, description: ModelDescription): void {
    this.assertOpen();
    this.#store.describeModel(model, description.identifierField);
  }

  /** The callbacks queued on this handle and on its released savepoints, handed over once. */
  takeCommitCallbacks(): CommitCallbacks | undefined {
    const callbacks = this.#commitCallbacks;
    this.#commitCallbacks = undefined;
    return callbacks !== undefined && callbacks.size > 0 ? callbacks : undefined;
  }

  create(model: string, data: Row): Promise<Row> {
    return this.#op(() => this.sync.create(model, data));
  }
  get(model: string, filters: Filters): Promise<Row> {
    return this.#op(() => this.sync.get(model, filters));
  }
  filter(model: string, filters: Filters): Promise<Row[]> {
    return this.#op(() => this.sync.filter(model, filters));
  }
  update(model: string, filters: Filters, changes: Row): Promise<number> {
    return this.#op(() => this.sync.update(model, filters, changes));
  }
  delete(model: string, filters: Filters): Promise<number> {
    return this.#op(() => this.sync.delete(model, filters));
  }
  findPage(model: string, query: PageQuery): Promise<Row[]> {
    return this.#op(() => {
      this.assertUsable();
      return findPageIn(this.#store, model, query);
    });
  }
  countGrouped(model: string, field: string, values: readonly unknown[]): Promise<number[]> {
    return this.#op(() => {
      this.assertUsable();
      return countGroupedIn(this.#store, model, field, values);
    });
  }

  /** A savepoint: its writes are undone alone if `fn` fails. */
  transaction<R>(fn: (tx: ORMAdapter) => Promise<R>): Promise<R> {
    return settled(() => this.savepoint(fn));
  }

  /**
   * Runs `fn` in a savepoint, as plain code while it returns a plain value; a thenable result
   * keeps the savepoint open until it settles, and the outcome is returned as a promise. While a
   * savepoint on this handle is still open across an await, a new one waits for its turn and the
   * outcome is a promise too.
   */
  savepoint<R>(fn: (tx: ORMAdapter) => R): R {
    this.assertOpen();
    if (this.#nested === undefined && this.#turns?.busy !== true) return this.#open(fn, false);
    return this.#inTurn(() => this.#open(fn, true)) as R;
  }

  /** The savepoint itself; `inTurn` when it runs as a job of `#turns`, which it then holds. */
  #open<R>(fn: (tx: ORMAdapter) => R, inTurn: boolean): R {
    const mark = this.#store.undo.length;
    const nested = new MemoryTransaction(this.#store, this.#run, this);
    this.#nested = nested;
    let result: R;
    try {
      result = withCurrentTransaction(nested, () => fn(nested));
    } catch (error) {
      this.#close(nested, mark, false);
      throw error;
    }
    if (!isThenable(result)) {
      this.#close(nested, mark, true);
      return result;
    }
    const outcome = Promise.resolve(result).then(
      (value) => {
        this.#close(nested, mark, true);
        return value;
      },
      (error: unknown) => {
        this.#close(nested, mark, false);
        throw error;
      },
    );
    if (inTurn) return outcome as R;
    // Nothing holds the turn (see `savepoint`) and `fn`'s synchronous part could not take it (see
    // `#inTurn`), so the savepoint takes it now and keeps it until it ends.
    return this.#queue().run(() => outcome) as R;
  }

  /** An async operation: at once when the handle is free, else once its turn comes. */
  #op<R>(operation: () => R): Promise<R> {
    if (this.#nested === undefined && this.#turns?.busy !== true) return settled(operation);
    return settled(() => this.#inTurn(operation));
  }

  /**
   * `job` after the savepoint running on this handle and the work queued before it; throws at
   * once when the call comes from inside that savepoint, which would then wait for itself.
   */
  #inTurn<R>(job: () => R | Promise<R>): Promise<R> {
    this.assertOpen();
    // A savepoint open while nothing holds the turn is still in its synchronous part: the call
    // comes from inside it, as does one whose current transaction is nested in this handle.
    if (this.#nested !== undefined && (this.#turns?.busy !== true || this.#calledFromNested())) {
      throw nestedReentryError('MemoryAdapter');
    }
    return this.#queue().run(() => {
      this.assertOpen();
      return job();
    });
  }

  #queue(): SerialQueue {
    return (this.#turns ??= new SerialQueue(this.#run.nestedWait));
  }

  /** The current handle (see current-transaction.ts) is one nested in this one. */
  #calledFromNested(): boolean {
    const current = currentTransaction();
    if (!(current instanceof MemoryTransaction)) return false;
    for (let h = current.#parent; h !== undefined; h = h.#parent) if (h === this) return true;
    return false;
  }

  /** Releases the savepoint into this transaction, or undoes its writes. */
  #close(nested: MemoryTransaction, mark: number, succeeded: boolean): void {
    nested.end();
    this.#nested = undefined;
    if (this.#run.ended) {
      // The outermost transaction ended first and took the savepoint's writes with it; the undo
      // list may hold a later transaction's entries by now, so the store is left alone.
      if (succeeded) {
        throw new MemoryAdapterError(
          'a nested transaction ended after the transaction it belongs to; its writes went with that transaction and its onCommit callbacks were dropped. Await nested transactions (and transitions) before the transaction callback returns',
        );
      }
      return;
    }
    if (!succeeded) {
      this.#store.rollbackTo(mark);
      return;
    }
    const callbacks = nested.takeCommitCallbacks();
    if (callbacks) callbacks.moveInto((this.#commitCallbacks ??= new CommitCallbacks()));
  }
}

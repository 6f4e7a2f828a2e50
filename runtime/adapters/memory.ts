import type { CommitCallbacks } from './commit-callbacks.js';
import { currentTransaction, withCurrentTransaction } from './current-transaction.js';
import { lockTimeoutLimit, reentryError } from './lock-timeout.js';
import { nestedWaitLimit } from './nested-turns.js';
import type { WaitLimit } from './serial-queue.js';
import { MemoryStore, TRANSITION_LOG_TABLE, type Seed } from './memory/memory-store.js';
import { MemoryTransaction, type TransactionRun } from './memory/memory-transaction.js';
import { copyOut } from './memory/row-copy.js';
import { adapterTimerMethods } from './timer-methods.js';
import type { TimerOperations } from '../timer-operations.js';
import { countGroupedIn, findPageIn } from './memory/memory-queries.js';
import type {
  Filters,
  ModelDescription,
  ORMAdapter,
  PageQuery,
  Row,
  TransitionLogEntry,
  AdapterMethod,
} from '../orm-adapter.js';

export { MemoryAdapterError } from './memory/memory-adapter-error.js';

export interface MemoryAdapterOptions {
  /** Keep a persisted transition log (table `smf_transitions`). Off by default: it costs memory. */
  readonly transitionLog?: boolean;
  /**
   * Each model's identifier field (`{ Order: 'orderId' }`): a write that would repeat one fails
   * with `UniqueViolationError`, as `describeModel` makes it for the models a machine maps.
   */
  readonly keys?: Readonly<Record<string, string>>;
  /**
   * How long (ms) a call on the adapter, or a transaction, may wait while one transaction keeps
   * running before it fails with `AdapterReentryError`; default 2000, `Infinity` for no limit.
   * The same bounds a call on a transaction handle waiting for a nested transaction on it.
   */
  readonly lockTimeout?: number;
}

const NAME = 'MemoryAdapter';

// Its timer operations are assigned in the constructor (see `adapterTimerMethods`).
// oxlint-disable-next-line typescript/no-unsafe-declaration-merging
export interface MemoryAdapter extends TimerOperations {}

/**
 * An in-memory database with real transaction semantics: writes are undone on rollback (nested
 * transactions roll back alone), and top-level transactions are serialised, so two workflows
 * never see each other's uncommitted writes. Nested transactions started together on one handle
 * run one after the other, each committing or rolling back alone. Rows are deep-copied in and out; callers never
 * share them. Calling the adapter itself from inside its own transaction fails at once with
 * `AdapterReentryError` (use the transaction's handle); any other wait is bounded by
 * `lockTimeout`. Durable timers (`TimerOperations`) are rows of its `smf_timers` table, written
 * and undone like any other row.
 */
export class MemoryAdapter implements ORMAdapter {
  readonly #store: MemoryStore;
  readonly #nestedWait: WaitLimit | undefined;
  readonly recordTransition?: AdapterMethod<'recordTransition'>;
  readonly readTransitions?: AdapterMethod<'readTransitions'>;

  constructor(seed: Seed = {}, options: MemoryAdapterOptions = {}) {
    const lockWait = lockTimeoutLimit(NAME, options.lockTimeout);
    const store = new MemoryStore(seed, options.transitionLog ?? false, lockWait);
    this.#store = store;
    this.#nestedWait = lockWait && nestedWaitLimit(NAME, lockWait.ms);
    Object.assign(
      this,
      adapterTimerMethods((fn) => this.transaction(fn)),
    );
    for (const [model, field] of Object.entries(options.keys ?? {})) {
      store.describeModel(model, field);
    }
    if (store.keepsTransitionLog) {
      this.recordTransition = (entry) =>
        this.#outside('recordTransition', () => store.recordTransition(entry));
      this.readTransitions = (machine, entityId) =>
        this.#outside('readTransitions', () => store.readTransitions(machine, entityId));
    }
  }

  /** A deep copy of every table, for tests and demos. */
  snapshot(): Record<string, Row[]> {
    const out: Record<string, Row[]> = {};
    for (const [model, rows] of this.#store.tables) out[model] = rows.map(copyOut);
    return out;
  }

  /** A copy of the persisted transition log, oldest first (empty unless `transitionLog` is on). */
  get transitionLog(): readonly TransitionLogEntry[] {
    const rows = this.#store.tables.get(TRANSITION_LOG_TABLE) ?? [];
    return rows.map(copyOut) as unknown as TransitionLogEntry[];
  }

  /** Makes `identifierField` unique within `model` (existing rows must already agree). */
  describeModel(model: string, description: ModelDescription): void {
    this.#store.describeModel(model, description.identifierField);
  }

  create(model: string, data: Row): Promise<Row> {
    return this.#outside('create', () => this.#store.create(model, data));
  }
  get(model: string, filters: Filters): Promise<Row> {
    return this.#outside('get', () => this.#store.get(model, filters));
  }
  filter(model: string, filters: Filters): Promise<Row[]> {
    return this.#outside('filter', () => this.#store.filter(model, filters));
  }
  update(model: string, filters: Filters, changes: Row): Promise<number> {
    return this.#outside('update', () => this.#store.update(model, filters, changes));
  }
  delete(model: string, filters: Filters): Promise<number> {
    return this.#outside('delete', () => this.#store.delete(model, filters));
  }
  findPage(model: string, query: PageQuery): Promise<Row[]> {
    return this.#outside('findPage', () => findPageIn(this.#store, model, query));
  }
  countGrouped(model: string, field: string, values: readonly unknown[]): Promise<number[]> {
    return this.#outside('countGrouped', () => countGroupedIn(this.#store, model, field, values));
  }

  /**
   * Commits when `fn` resolves, rolls back when it rejects. `onCommit` callbacks queued in it
   * run after the commit, once the next transaction may start, before this promise resolves.
   */
  transaction<R>(fn: (tx: ORMAdapter) => Promise<R>): Promise<R> {
    const refused = this.#reentry('transaction');
    if (refused) return Promise.reject(refused);
    const store = this.#store;
    let committed: CommitCallbacks | undefined;
    const outcome = store.queue.run(async () => {
      const run: TransactionRun = { ended: false, nestedWait: this.#nestedWait };
      const tx = new MemoryTransaction(store, run);
      try {
        const value = await withCurrentTransaction(tx, () => fn(tx));
        committed = tx.takeCommitCallbacks();
        return value;
      } catch (error) {
        store.rollbackTo(0);
        throw error;
      } finally {
        run.ended = true;
        store.undo.length = 0;
      }
    });
    return outcome.then((value) => (committed ? committed.runAll(this).then(() => value) : value));
  }

  /** Operations outside a transaction wait for the running one, as a database connection would. */
  #outside<R>(operation: string, run: () => R): Promise<R> {
    const refused = this.#reentry(operation);
    if (refused) return Promise.reject(refused);
    const store = this.#store;
    // A write outside a transaction commits at once: its undo actions must not stay queued for
    // the next transaction's rollback to run.
    return store.queue.run(() => {
      try {
        return run();
      } finally {
        store.undo.length = 0;
      }
    });
  }

  /** A call from inside one of this adapter's own open transactions would wait forever. */
  #reentry(operation: string): Error | undefined {
    const current = currentTransaction();
    if (current instanceof MemoryTransaction && current.isOpenOn(this.#store)) {
      return reentryError(NAME, operation);
    }
    return undefined;
  }
}

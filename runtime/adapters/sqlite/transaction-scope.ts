import { isThenable } from '../../step-driver.js';
import { CommitCallbacks } from '../commit-callbacks.js';
import { withCurrentTransaction } from '../current-transaction.js';
import type { Filters, ORMAdapter, Row, AdapterMethod } from '../../orm-adapter.js';
import type { PageQuery } from '../../orm-adapter.js';
import type { ConnectionLane } from './connection-lane.js';
import type { SavepointStatements, SqliteConnection } from './connection.js';
import { SqliteAdapterError } from './sqlite-errors.js';
import { SqliteSyncOps, type SyncScope } from './transaction-sync-ops.js';
import { sqlTimerBackend } from '../sql/timer-sql.js';
import { handleTimerMethods } from '../timer-methods.js';
import type { TimerOperations } from '../../timer-operations.js';
import { sqliteTimerRunner } from './sqlite-timers.js';

type ScopeState = 'open' | 'nested' | 'ended';

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
export interface SqliteTransactionScope extends TimerOperations {}

/**
 * The handle a transaction callback receives. better-sqlite3 runs each statement synchronously,
 * so the handle offers its operations synchronously too (`sync`), and its async methods are
 * those, complete before their promise is returned. A handle refuses work once its transaction
 * has ended, and while a nested transaction is open on it (the nested handle is the one to use
 * then; mixing both would put this handle's writes inside the nested savepoint). `onCommit`
 * callbacks of a savepoint's handle join its parent's when it is released and are dropped when
 * it is rolled back; the outermost transaction runs them after COMMIT.
 */
export class SqliteTransactionScope implements ORMAdapter, SyncScope {
  readonly #connection: SqliteConnection;
  readonly #depth: number;
  #state: ScopeState = 'open';
  #nested: SqliteTransactionScope | undefined;
  #commitCallbacks: CommitCallbacks | undefined;
  readonly sync: SqliteSyncOps;
  readonly recordTransition?: AdapterMethod<'recordTransition'>;
  readonly readTransitions?: AdapterMethod<'readTransitions'>;

  constructor(connection: SqliteConnection, depth: number) {
    this.#connection = connection;
    this.#depth = depth;
    this.sync = new SqliteSyncOps(this, connection);
    const timers = sqlTimerBackend(connection.timers, sqliteTimerRunner(connection.db));
    const inScope = <R>(job: () => R | Promise<R>): Promise<R> =>
      settled(() => {
        this.assertOpen();
        return job();
      });
    Object.assign(
      this,
      handleTimerMethods(inScope, () => timers),
    );
    const record = this.sync.recordTransition;
    const log = connection.transitionLog;
    if (record && log) {
      this.recordTransition = (entry) => settled(() => record(entry));
      this.readTransitions = (machine, entityId) =>
        settled(() => {
          this.assertOpen();
          return log.read(machine, entityId);
        });
    }
  }

  /** The connection this handle's transaction holds, to tell the adapter it was called from inside. */
  get lane(): ConnectionLane {
    return this.#connection.lane;
  }

  /** True until the transaction this handle belongs to has ended. */
  get active(): boolean {
    return this.#state !== 'ended';
  }

  /** Runs `callback` after the outermost transaction commits (see `ORMAdapter.onCommit`). */
  onCommit(callback: (adapter: ORMAdapter) => unknown): void {
    this.assertOpen();
    (this.#commitCallbacks ??= new CommitCallbacks()).add(callback);
  }

  /** The outermost handle's callbacks, once its transaction committed. */
  takeCommitCallbacks(): CommitCallbacks | undefined {
    const callbacks = this.#commitCallbacks;
    this.#commitCallbacks = undefined;
    return callbacks !== undefined && callbacks.size > 0 ? callbacks : undefined;
  }

  create(model: string, data: Row): Promise<Row> {
    return settled(() => this.sync.create(model, data));
  }
  get(model: string, filters: Filters): Promise<Row> {
    return settled(() => this.sync.get(model, filters));
  }
  filter(model: string, filters: Filters): Promise<Row[]> {
    return settled(() => this.sync.filter(model, filters));
  }
  update(model: string, filters: Filters, changes: Row): Promise<number> {
    return settled(() => this.sync.update(model, filters, changes));
  }
  delete(model: string, filters: Filters): Promise<number> {
    return settled(() => this.sync.delete(model, filters));
  }
  findPage(model: string, query: PageQuery): Promise<Row[]> {
    return settled(() => {
      this.assertOpen();
      return this.#connection.queries.page(model, query);
    });
  }
  countGrouped(model: string, field: string, values: readonly unknown[]): Promise<number[]> {
    return settled(() => {
      this.assertOpen();
      return this.#connection.queries.countGrouped(model, field, values);
    });
  }

  /** A savepoint: rolled back alone when `fn` throws, released into this transaction otherwise. */
  transaction<R>(fn: (tx: ORMAdapter) => Promise<R>): Promise<R> {
    return settled(() => this.inSavepoint(fn));
  }

  /**
   * SAVEPOINT, then `fn` with the nested handle; RELEASE when it returns, ROLLBACK TO + RELEASE
   * when it throws. A thenable result keeps the savepoint open until it settles.
   */
  inSavepoint<R>(fn: (tx: ORMAdapter) => R): R {
    this.assertOpen();
    const savepoint = this.#connection.savepoint(this.#depth);
    savepoint.open.run();
    const nested = new SqliteTransactionScope(this.#connection, this.#depth + 1);
    this.#state = 'nested';
    this.#nested = nested;
    let result: R;
    try {
      result = withCurrentTransaction(nested, () => fn(nested));
    } catch (error) {
      this.#closeSavepoint(nested, savepoint, false);
      throw error;
    }
    if (!isThenable(result)) {
      this.#closeSavepoint(nested, savepoint, true);
      return result;
    }
    const outcome = Promise.resolve(result).then(
      (value) => {
        this.#closeSavepoint(nested, savepoint, true);
        return value;
      },
      (error: unknown) => {
        this.#closeSavepoint(nested, savepoint, false);
        throw error;
      },
    );
    return outcome as R;
  }

  /** Called by whoever opened this handle's transaction, once it commits or rolls back. */
  end(): void {
    this.#state = 'ended';
    // A savepoint whose callback was not awaited: its handle must not write outside the transaction.
    this.#nested?.end();
  }

  assertOpen(): void {
    if (this.#state === 'open') return;
    throw new SqliteAdapterError(
      this.#state === 'ended'
        ? 'this transaction handle was used after its transaction ended (committed or rolled back); use the adapter, or the handle of a transaction that is still open'
        : 'this transaction has a nested transaction open; use the nested transaction’s handle until it ends',
    );
  }

  #closeSavepoint(
    nested: SqliteTransactionScope,
    savepoint: SavepointStatements,
    succeeded: boolean,
  ): void {
    nested.end();
    if (this.#state === 'ended') {
      // The whole transaction ended first: nothing is left to release, and the savepoint's name
      // may be a later transaction's by now. Its writes went with the transaction.
      if (succeeded) this.assertOpen();
      return;
    }
    this.#nested = undefined;
    this.#state = 'open';
    const callbacks = nested.#commitCallbacks;
    if (succeeded) {
      savepoint.release.run();
      if (callbacks !== undefined)
        callbacks.moveInto((this.#commitCallbacks ??= new CommitCallbacks()));
    } else if (this.#connection.db.inTransaction) {
      savepoint.rollbackTo.run();
      savepoint.release.run();
    }
  }
}

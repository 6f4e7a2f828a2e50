import type { Filters, ORMAdapter, Row, TransitionLogEntry } from '../orm-adapter.js';
import type { SqliteConnection } from './connection.js';
import { SqliteAdapterError } from './sqlite-errors.js';
import { toLogRow } from './transition-log.js';

type ScopeState = 'open' | 'nested' | 'ended';

/**
 * The handle a transaction callback receives. better-sqlite3 runs each statement synchronously,
 * so an operation completes before its promise is returned. A handle refuses work once its
 * transaction has ended, and while a nested transaction is open on it (the nested handle is the
 * one to use then; mixing both would put this handle's writes inside the nested savepoint).
 */
export class SqliteTransactionScope implements ORMAdapter {
  readonly #connection: SqliteConnection;
  readonly #depth: number;
  #state: ScopeState = 'open';
  readonly recordTransition?: (entry: TransitionLogEntry) => Promise<void>;

  constructor(connection: SqliteConnection, depth: number) {
    this.#connection = connection;
    this.#depth = depth;
    const log = connection.transitionLog;
    if (log !== undefined) {
      this.recordTransition = (entry) => {
        try {
          this.#assertOpen();
          connection.rows.append(log, toLogRow(entry));
          return Promise.resolve();
        } catch (error) {
          return Promise.reject(error);
        }
      };
    }
  }

  create(model: string, data: Row): Promise<Row> {
    try {
      this.#assertOpen();
      return Promise.resolve(this.#connection.rows.insert(model, data));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  get(model: string, filters: Filters): Promise<Row> {
    try {
      this.#assertOpen();
      return Promise.resolve(this.#connection.rows.getOne(model, filters));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  filter(model: string, filters: Filters): Promise<Row[]> {
    try {
      this.#assertOpen();
      return Promise.resolve(this.#connection.rows.select(model, filters));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  update(model: string, filters: Filters, changes: Row): Promise<number> {
    try {
      this.#assertOpen();
      return Promise.resolve(this.#connection.rows.update(model, filters, changes));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  delete(model: string, filters: Filters): Promise<number> {
    try {
      this.#assertOpen();
      return Promise.resolve(this.#connection.rows.delete(model, filters));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** A savepoint: rolled back alone when `fn` throws, released into this transaction otherwise. */
  async transaction<R>(fn: (tx: ORMAdapter) => Promise<R>): Promise<R> {
    this.#assertOpen();
    const savepoint = this.#connection.savepoint(this.#depth);
    savepoint.open.run();
    const nested = new SqliteTransactionScope(this.#connection, this.#depth + 1);
    this.#state = 'nested';
    try {
      const result = await fn(nested);
      nested.end();
      savepoint.release.run();
      return result;
    } catch (error) {
      nested.end();
      if (this.#connection.db.inTransaction) {
        savepoint.rollbackTo.run();
        savepoint.release.run();
      }
      throw error;
    } finally {
      this.#state = 'open';
    }
  }

  /** Called by whoever opened this handle's transaction, once it commits or rolls back. */
  end(): void {
    this.#state = 'ended';
  }

  #assertOpen(): void {
    if (this.#state === 'open') return;
    throw new SqliteAdapterError(
      this.#state === 'ended'
        ? 'this transaction handle was used after its transaction ended (committed or rolled back); use the adapter, or the handle of a transaction that is still open'
        : 'this transaction has a nested transaction open; use the nested transaction’s handle until it ends',
    );
  }
}

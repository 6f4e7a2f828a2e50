import type {
  Filters,
  ORMAdapter,
  Row,
  SyncAdapterOps,
  TransitionRecord,
} from '../../orm-adapter.js';
import type { SqliteConnection } from './connection.js';

/** The part of a transaction handle its synchronous operations need. */
export interface SyncScope extends ORMAdapter {
  /** Throws unless the handle may be used now (its transaction open, no savepoint open on it). */
  assertOpen(): void;
  /** Runs `fn` in a savepoint of this handle's transaction (see `SyncAdapterOps.savepointSync`). */
  inSavepoint<R>(fn: (tx: ORMAdapter) => R): R;
}

/**
 * A SQLite transaction handle's operations without promises: better-sqlite3 runs each statement
 * synchronously, so a transition on the handle can run as plain code. The handle's async methods
 * are these, wrapped in a promise.
 */
export class SqliteSyncOps implements SyncAdapterOps {
  readonly adapter: SyncScope;
  readonly #connection: SqliteConnection;
  readonly recordTransition?: (entry: TransitionRecord) => number;

  constructor(adapter: SyncScope, connection: SqliteConnection) {
    this.adapter = adapter;
    this.#connection = connection;
    const log = connection.transitionLog;
    if (log !== undefined) {
      this.recordTransition = (entry) => {
        adapter.assertOpen();
        return log.record(entry);
      };
    }
  }

  create(model: string, data: Row): Row {
    this.adapter.assertOpen();
    return this.#connection.rows.insert(model, data);
  }
  get(model: string, filters: Filters): Row {
    this.adapter.assertOpen();
    return this.#connection.rows.getOne(model, filters);
  }
  filter(model: string, filters: Filters): Row[] {
    this.adapter.assertOpen();
    return this.#connection.rows.select(model, filters);
  }
  update(model: string, filters: Filters, changes: Row): number {
    this.adapter.assertOpen();
    return this.#connection.rows.update(model, filters, changes);
  }
  delete(model: string, filters: Filters): number {
    this.adapter.assertOpen();
    return this.#connection.rows.delete(model, filters);
  }
  savepointSync<R>(fn: (tx: ORMAdapter) => R): R {
    return this.adapter.inSavepoint(fn);
  }
}

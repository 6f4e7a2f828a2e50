import type { TimerOperations } from './timer-operations.js';

export type Row = Record<string, unknown>;
export type Filters = Readonly<Record<string, unknown>>;

/** One transition as the runtime hands it to an adapter's persisted transition log. */
export interface TransitionRecord {
  readonly machine: string;
  /** The primary row's identifier. */
  readonly entityId: unknown;
  readonly from: string | null;
  readonly to: string;
  readonly at: Date;
  /** Each handler's return value, by handler name. */
  readonly results: Readonly<Record<string, unknown>>;
  /** What the caller passed as `transitionTo(target, data, { metadata })` (who, why); `{}` if none. */
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** A logged transition: its record and its place in the entity's log (1, 2, 3, … per entity). */
export interface TransitionLogEntry extends TransitionRecord {
  readonly seq: number;
}

/**
 * How `get` and `filter` read. `lock` asks an adapter whose transactions can run side by side
 * (a server database) to lock the rows it reads until the transaction ends (`SELECT … FOR
 * UPDATE`), so two transactions loading one workflow run one after the other; with `'nowait'` it
 * fails at once with `ConcurrentTransitionError` (a `DatabaseConflictError`) instead of waiting.
 * Adapters whose transactions exclude each other anyway (memory, SQLite) ignore it.
 */
export interface ReadOptions {
  readonly lock?: 'wait' | 'nowait';
}

/**
 * What `findPage` reads for `Machine.find`: the rows whose `field` holds one of `values` (never
 * empty), ordered by `orderBy` ascending as the database orders that column (text by its
 * collation), only those whose `orderBy` is greater than `after` when it is given, at most `limit`
 * of them. `values` and `after` are encoded as filter values are, rows decoded as `filter`'s.
 */
export interface PageQuery {
  readonly field: string;
  readonly values: readonly unknown[];
  readonly orderBy: string;
  readonly after?: unknown;
  readonly limit: number;
}

/** What `describeModel` tells an adapter about a model. */
export interface ModelDescription {
  readonly identifierField: string;
}

/**
 * The row operations, declared once: `ORMAdapter` offers them, transaction drivers supply them,
 * and `SyncAdapterOps` has their synchronous twins. Filters are field equality; `update` and
 * `delete` return how many rows they changed, which is what makes compare-and-set possible.
 */
export interface RowOperations {
  create(model: string, data: Row): Promise<Row>;
  /** Exactly one row or `ObjectNotFound`. */
  get(model: string, filters: Filters, options?: ReadOptions): Promise<Row>;
  filter(model: string, filters: Filters, options?: ReadOptions): Promise<Row[]>;
  update(model: string, filters: Filters, changes: Row): Promise<number>;
  delete(model: string, filters: Filters): Promise<number>;
}

/** `Ops` with each operation returning its result instead of a promise of it. */
export type Synchronous<Ops> = {
  [K in keyof Ops]: Ops[K] extends (...args: infer A) => Promise<infer R>
    ? (...args: A) => R
    : Ops[K];
};

/**
 * What the runtime needs from a database: the row operations, transactions, and options. The
 * durable-timer operations (`TimerOperations`: `scheduleTimers`, `cancelTimers`, `claimDueTimers`,
 * `markTimerFired`, `markTimerFailed`, `readTimers`) are optional, all or none: on a transaction's
 * handle they run in its transaction, on the adapter itself each in a transaction of its own.
 */
export interface ORMAdapter extends RowOperations, Partial<TimerOperations> {
  /** Runs `fn` in a transaction; called on a transaction's adapter it nests as a savepoint. */
  transaction<R>(fn: (tx: ORMAdapter) => Promise<R>): Promise<R>;
  /**
   * Optional persisted transition log, written in the transition's own transaction. The adapter
   * gives the entry the entity's next `seq` (one more than the highest logged for this machine
   * and entity id, 1 for the first) and returns it. A unique index on (machine, entity id, seq)
   * makes a second writer of the same step fail (`DatabaseConflictError`, retryable) rather than
   * log it twice.
   */
  recordTransition?(entry: TransitionRecord): Promise<number>;
  /** With `recordTransition`: one entity's logged transitions, ordered by `seq`. */
  readTransitions?(machine: string, entityId: unknown): Promise<TransitionLogEntry[]>;
  /**
   * Optional: one page of rows in one query (see `PageQuery`). Without it `Machine.find` reads
   * every matching row through `filter` and pages them itself.
   */
  findPage?(model: string, query: PageQuery): Promise<Row[]>;
  /**
   * Optional: how many rows hold each of `values` in `field`, in the order of `values`, in one
   * grouped query (a group whose value equals none of `values` exactly is not counted). Without
   * it `Machine.countByState` counts `filter`'s rows, one call per value.
   */
  countGrouped?(model: string, field: string, values: readonly unknown[]): Promise<number[]>;
  /**
   * Optional, on a transaction's handle: queues `callback` to run once the outermost transaction
   * this handle belongs to has committed — after COMMIT, outside the transaction, before the
   * outermost `transaction()` call resolves. It is dropped if this handle's transaction or any
   * transaction enclosing it rolls back. Callbacks run one at a time in the order queued; one that
   * throws is reported with `console.error` and does not stop the others. Each gets the adapter
   * whose outermost transaction committed (the handle it was queued on has ended by then). Without
   * this capability the runtime runs a workflow's afterCommit handlers when its own
   * `transaction()` resolves.
   */
  onCommit?(callback: (adapter: ORMAdapter) => unknown): void;
  /**
   * Optional: the runtime tells the adapter which field identifies a model's rows before it first
   * writes that model or loads a workflow of it, so an adapter without a schema (MemoryAdapter)
   * can refuse a duplicate identifier with `UniqueViolationError` and find rows by identifier
   * without scanning. Adapters with a schema may ignore it.
   */
  describeModel?(model: string, description: ModelDescription): void;
  /**
   * Optional: the same operations run synchronously, for adapters that never wait (in memory).
   * The runtime then runs a transition as plain code, with no promise per step.
   */
  readonly sync?: SyncAdapterOps;
}

/** One of `ORMAdapter`'s optional operations, for a class that has it only on some connections. */
export type AdapterMethod<K extends keyof ORMAdapter> = NonNullable<ORMAdapter[K]>;

/**
 * Synchronous twins of an adapter's operations, valid as long as that adapter is. `recordTransition`
 * is present exactly when the adapter's own is.
 */
export interface SyncAdapterOps extends Synchronous<RowOperations> {
  /**
   * The adapter these operations belong to. The runtime uses them only when it holds this very
   * object, so a wrapper that forwards property reads (a Proxy, say) is never bypassed.
   */
  readonly adapter: ORMAdapter;
  recordTransition?(entry: TransitionRecord): number;
  /**
   * Runs `fn` in a savepoint whose writes are undone if it throws. Should `fn` return a thenable,
   * the savepoint stays open until it settles, is undone if it rejects, and the thenable's outcome
   * is returned as a promise.
   */
  savepointSync<R>(fn: (tx: ORMAdapter) => R): R;
}

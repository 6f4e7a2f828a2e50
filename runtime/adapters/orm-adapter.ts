export type Row = Record<string, unknown>;
export type Filters = Readonly<Record<string, unknown>>;

/** One transition as the optional persisted transition log stores it. */
export interface TransitionLogEntry {
  readonly machine: string;
  readonly entityId: unknown;
  readonly seq: number;
  readonly from: string | null;
  readonly to: string;
  readonly at: Date;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/**
 * What the runtime needs from a database. Filters are field equality; `update` and `delete`
 * return how many rows they changed, which is what makes compare-and-set possible.
 */
export interface ORMAdapter {
  create(model: string, data: Row): Promise<Row>;
  /** Exactly one row or `ObjectNotFound`. */
  get(model: string, filters: Filters): Promise<Row>;
  filter(model: string, filters: Filters): Promise<Row[]>;
  update(model: string, filters: Filters, changes: Row): Promise<number>;
  delete(model: string, filters: Filters): Promise<number>;
  /** Runs `fn` in a transaction; called on a transaction's adapter it nests as a savepoint. */
  transaction<R>(fn: (tx: ORMAdapter) => Promise<R>): Promise<R>;
  /** Optional persisted transition log, written in the transition's own transaction. */
  recordTransition?(entry: TransitionLogEntry): Promise<void>;
}

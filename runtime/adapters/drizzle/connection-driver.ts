/**
 * How the adapter runs transactions on one kind of Drizzle database: Postgres through Drizzle's
 * own `db.transaction`, better-sqlite3 with BEGIN IMMEDIATE on its one connection.
 */
export interface ConnectionDriver {
  /**
   * BEGIN; `fn` with the Drizzle transaction object; COMMIT when it resolves, ROLLBACK when it
   * (or the COMMIT) fails.
   */
  outermost<R>(fn: (tx: object) => Promise<R>): Promise<R>;
  /**
   * Runs `job` in this connection's turn: after the transactions running on a connection that
   * only one may use at a time (better-sqlite3, a single pg Client); at once on a pool.
   */
  turn<R>(job: () => Promise<R>): Promise<R>;
  /** False when the database rolled the whole transaction back by itself (SQLite may). */
  transactionOpen(): boolean;
}

import type { PgDatabase } from 'drizzle-orm/pg-core';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';

/** A Drizzle database the adapter works with: PostgreSQL (any driver) or better-sqlite3. */
export type DrizzleDatabase = PgDatabase<any, any, any> | BaseSQLiteDatabase<'sync', any, any, any>;

/** The transaction object `db.transaction(tx => …)` hands its callback, for the db given. */
export type DrizzleTransactionOf<TDb> = TDb extends {
  transaction(callback: (tx: infer Tx) => any, ...rest: any[]): any;
}
  ? Tx
  : never;

/** How the adapter itself reaches a Drizzle database: only the calls it makes, loosely typed. */
export interface QueryDb {
  select(fields?: object): { from(table: unknown): SelectQuery };
  insert(table: unknown): {
    values(values: unknown): { returning(fields?: object): PromiseLike<unknown[]> };
  };
  update(table: unknown): { set(values: unknown): WhereQuery };
  delete(table: unknown): WhereQuery;
}

export interface SelectQuery extends PromiseLike<unknown[]> {
  where(condition: unknown): SelectQuery;
  limit(count: number): SelectQuery;
  orderBy(...columns: unknown[]): SelectQuery;
  groupBy(...columns: unknown[]): SelectQuery;
  for(strength: 'update', config?: { noWait?: boolean }): SelectQuery;
}

export interface WhereQuery extends PromiseLike<unknown> {
  where(condition: unknown): PromiseLike<unknown>;
}

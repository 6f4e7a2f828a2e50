import { asc, and, gt, inArray, sql, type Column, type SQL } from 'drizzle-orm';
import type { PageQuery, Row } from '../../orm-adapter.js';
import { countsInOrder, limitSql } from '../sql/page-query.js';
import { typedDatabaseError } from './database-errors.js';
import { DrizzleAdapterError } from './drizzle-adapter-error.js';
import type { QueryDb } from './drizzle-types.js';
import type { ModelTable, ModelTables } from './model-tables.js';
import { checkValue } from './value-checks.js';

/** A field of the table, checked as the row operations check one. */
function columnOf(table: ModelTable, key: string): Column {
  const column = Object.hasOwn(table.columns, key) ? table.columns[key] : undefined;
  if (column === undefined) {
    throw new DrizzleAdapterError(
      `${table.model}.${key} is not a field of the table "${table.name}" (its fields: ${Object.keys(table.columns).join(', ')})`,
    );
  }
  return column;
}

/** `field IN (values)`, each value checked as a filter value is. */
function inValues(table: ModelTable, field: string, values: readonly unknown[]): SQL {
  const column = columnOf(table, field);
  for (const value of values) checkValue(table.model, field, column, value);
  return inArray(column, [...values]);
}

/**
 * `findPage` and `countGrouped` through Drizzle's query builder on one database or transaction
 * object, so values go through the columns' own modes and rows read back as `filter`'s do.
 */
export class DrizzleQueries {
  readonly #db: QueryDb;
  readonly #tables: ModelTables;

  constructor(db: QueryDb, tables: ModelTables) {
    this.#db = db;
    this.#tables = tables;
  }

  async page(model: string, query: PageQuery): Promise<Row[]> {
    const table = this.#tables.get(model);
    const { field, values, orderBy, after, limit } = query;
    const order = columnOf(table, orderBy);
    let where = inValues(table, field, values);
    if (after !== undefined) {
      checkValue(model, orderBy, order, after);
      where = and(where, gt(order, after)) as SQL;
    }
    const select = this.#db
      .select(table.selection)
      .from(table.table)
      .where(where)
      .orderBy(asc(order))
      .limit(Number(limitSql(limit)));
    try {
      return (await select) as Row[];
    } catch (error) {
      throw typedDatabaseError(error, { table });
    }
  }

  async countGrouped(model: string, field: string, values: readonly unknown[]): Promise<number[]> {
    const table = this.#tables.get(model);
    const column = columnOf(table, field);
    const select = this.#db
      .select({ value: table.selection?.[field] ?? column, n: sql<number>`count(*)` })
      .from(table.table)
      .where(inValues(table, field, values))
      .groupBy(column);
    try {
      const groups = (await select) as { value: unknown; n: unknown }[];
      return countsInOrder(
        values,
        groups.map(({ value, n }) => [value, n]),
      );
    } catch (error) {
      throw typedDatabaseError(error, { table });
    }
  }
}

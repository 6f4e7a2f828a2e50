import type { PageQuery } from '../../orm-adapter.js';
import { limitSql } from '../sql/page-query.js';
import { encodeValue, selectList } from './row-sql.js';
import type { Parameters, SqlText } from './sql-text.js';
import type { TableColumns } from './table-columns.js';

/** Where one query reads: its SQL text, parameters, model, table (quoted) and columns. */
export interface QueryTarget {
  readonly text: SqlText;
  readonly params: Parameters;
  readonly model: string;
  readonly table: string;
  readonly columns: TableColumns;
}

/** `"field" IN (…)`, each value encoded by the column's codec as a filter value is. */
function inList(target: QueryTarget, field: string, values: readonly unknown[]): string {
  const { text, params, model, columns } = target;
  const column = columns.get(field)!;
  const placeholders = values.map((value) => params.add(encodeValue(model, column, value)));
  return `${text.name(field)} IN (${placeholders.join(', ')})`;
}

/**
 * `findPage`'s SELECT. ORDER BY names the table's column, not the select list's output column
 * of the same name, which a codec may read as text (and text orders 10 before 9).
 */
export function pageSql(target: QueryTarget, query: PageQuery): string {
  const { text, params, model, table, columns } = target;
  const { field, values, orderBy, after, limit } = query;
  const order = `${table}.${text.name(orderBy)}`;
  // Parameters are added in the order they appear: MySQL and SQLite bind `?` by position.
  let where = inList(target, field, values);
  if (after !== undefined) {
    where += ` AND ${order} > ${params.add(encodeValue(model, columns.get(orderBy)!, after))}`;
  }
  return `SELECT ${selectList(text, columns)} FROM ${table} WHERE ${where} ORDER BY ${order} LIMIT ${limitSql(limit)}`;
}

/** `countGrouped`'s SELECT: `value` (read as the column is read) and `n`, one row per group. */
export function countSql(target: QueryTarget, field: string, values: readonly unknown[]): string {
  const { text, table, columns } = target;
  const column = `${table}.${text.name(field)}`;
  const read = columns.get(field)!.codec.read?.(column) ?? column;
  return `SELECT ${read} AS ${text.name('value')}, COUNT(*) AS ${text.name('n')} FROM ${table} WHERE ${inList(target, field, values)} GROUP BY ${column}`;
}

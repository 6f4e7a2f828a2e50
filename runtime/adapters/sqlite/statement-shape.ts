import type { Filters, Row } from '../../orm-adapter.js';
import { SqliteAdapterError } from './sqlite-errors.js';
import { quoteIdentifier } from './table-schema.js';

export type Operation = 'insert' | 'select' | 'selectTwo' | 'update' | 'count' | 'delete';

/** The columns one call binds: values to write, filters compared with `=`, filters that are null. */
export interface Shape {
  readonly values: readonly string[];
  readonly equal: readonly string[];
  readonly isNull: readonly string[];
}

const undefinedFilter = (model: string, column: string) =>
  new SqliteAdapterError(`the filter on ${model}.${column} is undefined; pass null to match NULL`);

/**
 * Names the prepared statement a call needs: operation, model, the columns given values (an
 * undefined value is left out, so the column default applies) and the filters, null ones apart.
 * It is all a call computes when its statement is cached.
 */
export function shapeKey(
  operation: Operation,
  model: string,
  values: Row | undefined,
  filters: Filters | undefined,
): string {
  let key = `${operation}\0${model}`;
  for (const column in values) if (values[column] !== undefined) key += `\0v${column}`;
  for (const column in filters) {
    const value = filters[column];
    if (value === undefined) throw undefinedFilter(model, column);
    key += value === null ? `\0n${column}` : `\0f${column}`;
  }
  return key;
}

export function shapeOf(values: Row | undefined, filters: Filters | undefined): Shape {
  const shape = { values: [] as string[], equal: [] as string[], isNull: [] as string[] };
  for (const column in values) if (values[column] !== undefined) shape.values.push(column);
  for (const column in filters)
    (filters[column] === null ? shape.isNull : shape.equal).push(column);
  return shape;
}

function whereSql(shape: Shape): string {
  const terms = [
    ...shape.equal.map((c) => `${quoteIdentifier(c)} = ?`),
    ...shape.isNull.map((c) => `${quoteIdentifier(c)} IS NULL`),
  ];
  return terms.length > 0 ? ` WHERE ${terms.join(' AND ')}` : '';
}

/** Parameters bind in order: the value columns, then the `=` filters. */
export function sqlFor(operation: Operation, table: string, shape: Shape): string {
  const columns = shape.values.map(quoteIdentifier);
  const where = whereSql(shape);
  switch (operation) {
    case 'insert': {
      const body = columns.length
        ? `(${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`
        : 'DEFAULT VALUES';
      return `INSERT INTO ${table} ${body} RETURNING *`;
    }
    case 'select':
      return `SELECT * FROM ${table}${where}`;
    case 'selectTwo':
      return `SELECT * FROM ${table}${where} LIMIT 2`;
    case 'update':
      return `UPDATE ${table} SET ${columns.map((c) => `${c} = ?`).join(', ')}${where}`;
    case 'count':
      return `SELECT count(*) FROM ${table}${where}`;
    case 'delete':
      return `DELETE FROM ${table}${where}`;
  }
}

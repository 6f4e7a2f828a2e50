import type { PageQuery } from '../../orm-adapter.js';
import { limitSql } from '../sql/page-query.js';
import { StatementBuilder, type Built } from './row-statements.js';
import { quoteIdentifier } from './sql-text.js';
import type { TableSchema } from './table-schema.js';

/** `findPage` and `countGrouped` statements: the row statements' builder, with `IN`. */
class QueryBuilder extends StatementBuilder {
  /** ` WHERE "field" IN ($1, $2, …)` */
  whereIn(field: string, values: readonly unknown[]): this {
    this.statement.text(` WHERE ${quoteIdentifier(field)} IN (`);
    values.forEach((value, i) => {
      if (i > 0) this.statement.text(', ');
      this.value(field, value);
    });
    this.statement.text(')');
    return this;
  }
}

/** `findPage`: the rows in the values, after `after`, by `orderBy`, `limit` of them. */
export function pageStatement(schema: TableSchema, query: PageQuery): Built {
  const { field, values, orderBy, after, limit } = query;
  const b = new QueryBuilder(schema);
  b.statement.text(`SELECT * FROM ${schema.quoted}`);
  b.statement.readsPinnedValues = schema.readsPinnedValues;
  b.whereIn(field, values);
  const order = quoteIdentifier(orderBy);
  if (after !== undefined) {
    b.statement.text(` AND ${order} > `);
    b.value(orderBy, after);
  } else if (!schema.columns.has(orderBy)) b.unknown.push(orderBy);
  b.statement.text(` ORDER BY ${order} LIMIT ${limitSql(limit)}`);
  return b.built();
}

/** `countGrouped`: one row per value present, `value` and its count `n`. */
export function countStatement(
  schema: TableSchema,
  field: string,
  values: readonly unknown[],
): Built {
  const b = new QueryBuilder(schema);
  const name = quoteIdentifier(field);
  b.statement.text(`SELECT ${name} AS value, count(*)::int AS n FROM ${schema.quoted}`);
  b.statement.readsPinnedValues = schema.readsPinnedValues;
  b.whereIn(field, values);
  b.statement.text(` GROUP BY ${name}`);
  return b.built();
}

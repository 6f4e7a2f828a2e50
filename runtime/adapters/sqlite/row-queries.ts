import type { Database, Statement } from 'better-sqlite3';
import type { PageQuery, Row } from '../../orm-adapter.js';
import { countsInOrder, limitSql } from '../sql/page-query.js';
import type { ColumnCodec, Decoder, SqliteValue } from './column-codec.js';
import { SchemaCache, quoteIdentifier, type TableSchema } from './table-schema.js';

/**
 * `findPage` and `countGrouped` as prepared statements (one per model, columns and number of
 * values), values encoded and rows decoded by the same column codecs as the row operations.
 */
export class RowQueries {
  readonly #db: Database;
  readonly #schemas: SchemaCache;
  readonly #statements = new Map<string, Statement<unknown[]>>();

  constructor(db: Database, tableFor: (model: string) => string) {
    this.#db = db;
    this.#schemas = new SchemaCache(db, tableFor);
  }

  page(model: string, query: PageQuery): Row[] {
    const { field, values, orderBy, after, limit } = query;
    const schema = this.#schema(model, [field, orderBy]);
    const bound = encodeAll(schema, field, values);
    if (after !== undefined) bound.push(encode(schema, orderBy, after));
    bound.push(Number(limitSql(limit)));
    const sql = () =>
      `SELECT * FROM ${schema.sqlName} WHERE ${inList(field, values.length)}${
        after === undefined ? '' : ` AND ${quoteIdentifier(orderBy)} > ?`
      } ORDER BY ${quoteIdentifier(orderBy)} LIMIT ?`;
    const key = `page\0${model}\0${field}\0${orderBy}\0${values.length}\0${after !== undefined}`;
    const rows = this.#statement(key, schema, sql).all(bound) as Row[];
    for (const row of rows) {
      for (const [column, decode] of schema.decoders) row[column] = decode(row[column]);
    }
    return rows;
  }

  countGrouped(model: string, field: string, values: readonly unknown[]): number[] {
    const schema = this.#schema(model, [field]);
    const name = quoteIdentifier(field);
    const sql = () =>
      `SELECT ${name} AS value, count(*) AS n FROM ${schema.sqlName} WHERE ${inList(field, values.length)} GROUP BY ${name}`;
    const key = `count\0${model}\0${field}\0${values.length}`;
    const groups = this.#statement(key, schema, sql).all(encodeAll(schema, field, values)) as {
      value: unknown;
      n: unknown;
    }[];
    const decode: Decoder | undefined = schema.decoders.find(([column]) => column === field)?.[1];
    return countsInOrder(
      values,
      groups.map((group) => [decode ? decode(group.value) : group.value, group.n] as const),
    );
  }

  /** The table's schema, read again once when a column is missing (the table may have changed). */
  #schema(model: string, columns: readonly string[]): TableSchema {
    let schema = this.#schemas.get(model);
    const missing = (s: TableSchema) => columns.find((column) => !s.columns.has(column));
    if (missing(schema) !== undefined) {
      schema = this.#schemas.reload(model);
      this.#statements.clear();
      const column = missing(schema);
      if (column !== undefined) throw this.#schemas.unknownColumn(schema, column);
    }
    return schema;
  }

  #statement(key: string, schema: TableSchema, sql: () => string): Statement<unknown[]> {
    let statement = this.#statements.get(key);
    if (statement === undefined) {
      statement = this.#db.prepare<unknown[]>(sql());
      if (schema.readsIntegers) statement.safeIntegers(true);
      this.#statements.set(key, statement);
    }
    return statement;
  }
}

const inList = (field: string, count: number): string =>
  `${quoteIdentifier(field)} IN (${Array.from({ length: count }, () => '?').join(', ')})`;

function encode(schema: TableSchema, column: string, value: unknown): SqliteValue {
  return (schema.columns.get(column) as ColumnCodec).encode(value, `${schema.model}.${column}`);
}

function encodeAll(schema: TableSchema, column: string, values: readonly unknown[]): SqliteValue[] {
  return values.map((value) => encode(schema, column, value));
}

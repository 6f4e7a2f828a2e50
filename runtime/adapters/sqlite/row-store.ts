import type { Database, Statement } from 'better-sqlite3';
import { ObjectNotFound } from '../../errors.js';
import type { Filters, Row } from '../orm-adapter.js';
import type { ColumnCodec, SqliteValue } from './codecs.js';
import { SqliteAdapterError } from './sqlite-errors.js';
import { quoteIdentifier, SchemaCache, type TableSchema } from './table-schema.js';

/** The columns one call binds: values to write, filters compared with `=`, filters that are null. */
interface Shape {
  readonly key: string;
  readonly values: readonly string[];
  readonly equal: readonly string[];
  readonly isNull: readonly string[];
}

interface Prepared {
  readonly statement: Statement<unknown[]>;
  readonly schema: TableSchema;
  /** One per bound parameter: the value columns' codecs, then the `=` filters'. */
  readonly codecs: readonly ColumnCodec[];
}

type Operation = 'insert' | 'append' | 'select' | 'selectTwo' | 'update' | 'count' | 'delete';

function shapeOf(model: string, values: Row | undefined, filters: Filters | undefined): Shape {
  const valueColumns: string[] = [];
  const equal: string[] = [];
  const isNull: string[] = [];
  let key = `${model}\0`;
  for (const column in values) {
    if (values[column] === undefined) continue;
    valueColumns.push(column);
    key += `${column}\0`;
  }
  key += '\0';
  for (const column in filters) {
    const value = filters[column];
    if (value === undefined) {
      throw new SqliteAdapterError(
        `the filter on ${model}.${column} is undefined; pass null to match NULL`,
      );
    }
    if (value === null) {
      isNull.push(column);
      key += `${column}\0null\0`;
    } else {
      equal.push(column);
      key += `${column}\0`;
    }
  }
  return { key, values: valueColumns, equal, isNull };
}

function whereSql(shape: Shape): string {
  const terms = [
    ...shape.equal.map((c) => `${quoteIdentifier(c)} = ?`),
    ...shape.isNull.map((c) => `${quoteIdentifier(c)} IS NULL`),
  ];
  return terms.length > 0 ? ` WHERE ${terms.join(' AND ')}` : '';
}

function sqlFor(operation: Operation, table: string, shape: Shape): string {
  const columns = shape.values.map(quoteIdentifier);
  const where = whereSql(shape);
  switch (operation) {
    case 'insert':
    case 'append': {
      const body = columns.length
        ? `(${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`
        : 'DEFAULT VALUES';
      return `INSERT INTO ${table} ${body}${operation === 'insert' ? ' RETURNING *' : ''}`;
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

const READS: ReadonlySet<Operation> = new Set(['insert', 'select', 'selectTwo', 'count']);

/**
 * Row operations as prepared statements, one per (operation, model, columns) shape. A shape's
 * columns are checked against the table once, when its statement is first prepared.
 */
export class RowStore {
  readonly #db: Database;
  readonly #schemas: SchemaCache;
  readonly #statements = new Map<string, Prepared>();

  constructor(db: Database, tableFor: (model: string) => string) {
    this.#db = db;
    this.#schemas = new SchemaCache(db, tableFor);
  }

  insert(model: string, data: Row): Row {
    const shape = shapeOf(model, data, undefined);
    const prepared = this.#prepared('insert', model, shape);
    return decode(
      prepared.schema,
      prepared.statement.get(params(prepared, shape, data, undefined)) as Row,
    );
  }

  /** An insert whose row the caller does not need back. */
  append(model: string, data: Row): void {
    const shape = shapeOf(model, data, undefined);
    const prepared = this.#prepared('append', model, shape);
    prepared.statement.run(params(prepared, shape, data, undefined));
  }

  /** Exactly one row, or `ObjectNotFound`. */
  getOne(model: string, filters: Filters): Row {
    const rows = this.select(model, filters, true);
    if (rows.length === 1) return rows[0] as Row;
    if (rows.length === 0) throw new ObjectNotFound(model, filters);
    throw new SqliteAdapterError(
      `get('${model}', ${JSON.stringify(filters)}) matched more than one row; use filter() or filter on a unique column`,
    );
  }

  select(model: string, filters: Filters, limitTwo = false): Row[] {
    const operation = limitTwo ? 'selectTwo' : 'select';
    const shape = shapeOf(model, undefined, filters);
    const prepared = this.#prepared(operation, model, shape);
    const rows = prepared.statement.all(params(prepared, shape, undefined, filters)) as Row[];
    for (const row of rows) decode(prepared.schema, row);
    return rows;
  }

  update(model: string, filters: Filters, changes: Row): number {
    const shape = shapeOf(model, changes, filters);
    // Nothing to set: report how many rows matched, as an update of those fields would.
    const operation = shape.values.length === 0 ? 'count' : 'update';
    const prepared = this.#prepared(operation, model, shape);
    const bound = params(prepared, shape, changes, filters);
    if (operation === 'count') return Number(prepared.statement.get(bound));
    return prepared.statement.run(bound).changes;
  }

  delete(model: string, filters: Filters): number {
    const shape = shapeOf(model, undefined, filters);
    const prepared = this.#prepared('delete', model, shape);
    return prepared.statement.run(params(prepared, shape, undefined, filters)).changes;
  }

  #prepared(operation: Operation, model: string, shape: Shape): Prepared {
    const key = `${operation}\0${shape.key}`;
    return this.#statements.get(key) ?? this.#prepare(key, operation, model, shape);
  }

  #prepare(key: string, operation: Operation, model: string, shape: Shape): Prepared {
    let schema = this.#schemas.get(model);
    const columns = [...shape.values, ...shape.equal, ...shape.isNull];
    const missing = (s: TableSchema) => columns.find((column) => !s.columns.has(column));
    if (missing(schema) !== undefined) {
      // The table may have changed since it was read; statements prepared against it go too.
      schema = this.#schemas.reload(model);
      this.#statements.clear();
      const column = missing(schema);
      if (column !== undefined) throw this.#schemas.unknownColumn(schema, column);
    }
    const statement = this.#db.prepare<unknown[]>(sqlFor(operation, schema.sqlName, shape));
    if (READS.has(operation) && schema.readsBigints) statement.safeIntegers(true);
    if (operation === 'count') statement.pluck();
    const codecs = [...shape.values, ...shape.equal].map((column) => schema.columns.get(column)!);
    const prepared: Prepared = { statement, schema, codecs };
    this.#statements.set(key, prepared);
    return prepared;
  }
}

function params(
  prepared: Prepared,
  shape: Shape,
  values: Row | undefined,
  filters: Filters | undefined,
): SqliteValue[] {
  const bound: SqliteValue[] = [];
  const { codecs, schema } = prepared;
  let index = 0;
  for (const column of shape.values) {
    bound.push(codecs[index++]!.encode(values![column], `${schema.model}.${column}`));
  }
  for (const column of shape.equal) {
    bound.push(codecs[index++]!.encode(filters![column], `${schema.model}.${column}`));
  }
  return bound;
}

function decode(schema: TableSchema, row: Row): Row {
  for (const [column, decodeValue] of schema.decoders) row[column] = decodeValue(row[column]);
  return row;
}

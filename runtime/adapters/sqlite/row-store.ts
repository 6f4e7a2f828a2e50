import type { Database, Statement } from 'better-sqlite3';
import { ObjectNotFound } from '../../errors.js';
import type { Filters, Row } from '../../orm-adapter.js';
import type { ColumnCodec, SqliteValue } from './column-codec.js';
import { SqliteAdapterError } from './sqlite-errors.js';
import { shapeKey, shapeOf, sqlFor, type Operation, type Shape } from './statement-shape.js';
import { SchemaCache, type TableSchema } from './table-schema.js';
import { uniqueViolationOr } from './unique-violation.js';

interface Prepared {
  readonly statement: Statement<unknown[]>;
  readonly schema: TableSchema;
  readonly valueColumns: readonly string[];
  readonly filterColumns: readonly string[];
  /** One per bound parameter, in binding order: value columns, then `=` filters. */
  readonly codecs: readonly ColumnCodec[];
  /** `Model.column` per bound parameter, for error messages. */
  readonly labels: readonly string[];
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
    const prepared = this.#prepared('insert', model, data, undefined);
    const bound = bind(prepared, data, undefined);
    try {
      return decode(prepared.schema, prepared.statement.get(bound) as Row);
    } catch (error) {
      throw uniqueViolationOr(error, model, data, undefined);
    }
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
    const prepared = this.#prepared(limitTwo ? 'selectTwo' : 'select', model, undefined, filters);
    const rows = prepared.statement.all(bind(prepared, undefined, filters)) as Row[];
    for (const row of rows) decode(prepared.schema, row);
    return rows;
  }

  update(model: string, filters: Filters, changes: Row): number {
    const prepared = this.#prepared('update', model, changes, filters);
    const bound = bind(prepared, changes, filters);
    // Nothing to set: report how many rows matched, as an update of no fields would.
    if (prepared.valueColumns.length === 0) return Number(prepared.statement.get(bound));
    try {
      return prepared.statement.run(bound).changes;
    } catch (error) {
      throw uniqueViolationOr(error, model, changes, filters);
    }
  }

  delete(model: string, filters: Filters): number {
    const prepared = this.#prepared('delete', model, undefined, filters);
    return prepared.statement.run(bind(prepared, undefined, filters)).changes;
  }

  #prepared(
    operation: Operation,
    model: string,
    values: Row | undefined,
    filters: Filters | undefined,
  ): Prepared {
    const key = shapeKey(operation, model, values, filters);
    return (
      this.#statements.get(key) ?? this.#prepare(key, operation, model, shapeOf(values, filters))
    );
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
    const sqlOperation = operation === 'update' && shape.values.length === 0 ? 'count' : operation;
    const statement = this.#db.prepare<unknown[]>(sqlFor(sqlOperation, schema.sqlName, shape));
    if (READS.has(sqlOperation) && schema.readsIntegers) statement.safeIntegers(true);
    if (sqlOperation === 'count') statement.pluck();
    const bound = [...shape.values, ...shape.equal];
    const prepared: Prepared = {
      statement,
      schema,
      valueColumns: shape.values,
      filterColumns: shape.equal,
      codecs: bound.map((column) => schema.columns.get(column) as ColumnCodec),
      labels: bound.map((column) => `${model}.${column}`),
    };
    this.#statements.set(key, prepared);
    return prepared;
  }
}

function bind(
  prepared: Prepared,
  values: Row | undefined,
  filters: Filters | undefined,
): SqliteValue[] {
  const { valueColumns, filterColumns, codecs, labels } = prepared;
  const bound: SqliteValue[] = [];
  let index = 0;
  for (const column of valueColumns) {
    bound.push(
      (codecs[index] as ColumnCodec).encode((values as Row)[column], labels[index] as string),
    );
    index++;
  }
  for (const column of filterColumns) {
    bound.push(
      (codecs[index] as ColumnCodec).encode((filters as Filters)[column], labels[index] as string),
    );
    index++;
  }
  return bound;
}

function decode(schema: TableSchema, row: Row): Row {
  for (const [column, decodeValue] of schema.decoders) row[column] = decodeValue(row[column]);
  return row;
}

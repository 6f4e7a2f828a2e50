import type { Filters, ReadOptions, Row } from '../../orm-adapter.js';
import { PgAdapterError } from './pg-adapter-error.js';
import { quoteIdentifier, SqlStatement } from './sql-text.js';
import type { TableSchema } from './table-schema.js';

/** A statement built for a table, or the columns it names that the table lacks. */
export type Built = { readonly statement: SqlStatement } | { readonly unknown: string[] };

/**
 * Writes `values` (undefined ones left out, so the column default applies) and compares
 * `filters` (`=`, or `IS NULL` for null; undefined refused) through the table's column codecs.
 */
export class StatementBuilder {
  readonly statement = new SqlStatement();
  readonly unknown: string[] = [];
  readonly #schema: TableSchema;

  constructor(schema: TableSchema) {
    this.#schema = schema;
    this.statement.subject = { model: schema.model, table: schema.table };
  }

  value(column: string, value: unknown): this {
    const codec = this.#schema.columns.get(column);
    if (codec === undefined) this.unknown.push(column);
    else this.statement.value(codec.encode(value, `${this.#schema.model}.${column}`));
    return this;
  }

  where(filters: Filters): this {
    let first = true;
    for (const column of Object.keys(filters)) {
      const value = filters[column];
      if (value === undefined) {
        throw new PgAdapterError(
          `the filter on ${this.#schema.model}.${column} is undefined; pass null to match NULL`,
        );
      }
      this.statement.text(`${first ? ' WHERE ' : ' AND '}${quoteIdentifier(column)}`);
      first = false;
      if (value === null) {
        if (!this.#schema.columns.has(column)) this.unknown.push(column);
        this.statement.text(' IS NULL');
      } else {
        this.statement.text(' = ');
        this.value(column, value);
      }
    }
    return this;
  }

  built(): Built {
    return this.unknown.length > 0 ? { unknown: this.unknown } : { statement: this.statement };
  }
}

const definedKeys = (row: Row) => Object.keys(row).filter((key) => row[key] !== undefined);

export function insertStatement(schema: TableSchema, data: Row): Built {
  const b = new StatementBuilder(schema);
  const columns = definedKeys(data);
  b.statement.text(`INSERT INTO ${schema.quoted} `);
  if (columns.length === 0) b.statement.text('DEFAULT VALUES');
  else {
    b.statement.text(`(${columns.map(quoteIdentifier).join(', ')}) VALUES (`);
    columns.forEach((column, i) => {
      if (i > 0) b.statement.text(', ');
      b.value(column, data[column]);
    });
    b.statement.text(')');
  }
  b.statement.text(' RETURNING *');
  b.statement.readsPinnedValues = schema.readsPinnedValues;
  return b.built();
}

/** `limit` 2 for `get`, which must tell one row from several. */
export function selectStatement(
  schema: TableSchema,
  filters: Filters,
  options: ReadOptions | undefined,
  limit?: number,
): Built {
  const b = new StatementBuilder(schema);
  b.statement.text(`SELECT * FROM ${schema.quoted}`);
  b.statement.readsPinnedValues = schema.readsPinnedValues;
  b.where(filters);
  if (limit !== undefined) b.statement.text(` LIMIT ${limit}`);
  const lock = options?.lock;
  if (lock === 'wait') b.statement.text(' FOR UPDATE');
  else if (lock === 'nowait') b.statement.text(' FOR UPDATE NOWAIT');
  else if (lock !== undefined) {
    throw new PgAdapterError(`lock must be 'wait' or 'nowait', got ${JSON.stringify(lock)}`);
  }
  return b.built();
}

/** With no changes it counts the rows that match, which is what an update of them would return. */
export function updateStatement(schema: TableSchema, filters: Filters, changes: Row): Built {
  const b = new StatementBuilder(schema);
  const columns = definedKeys(changes);
  if (columns.length === 0) b.statement.text(`SELECT count(*)::int AS n FROM ${schema.quoted}`);
  else {
    b.statement.text(`UPDATE ${schema.quoted} SET `);
    columns.forEach((column, i) => {
      b.statement.text(`${i === 0 ? '' : ', '}${quoteIdentifier(column)} = `);
      b.value(column, changes[column]);
    });
  }
  b.where(filters);
  return b.built();
}

export function deleteStatement(schema: TableSchema, filters: Filters): Built {
  const b = new StatementBuilder(schema);
  b.statement.text(`DELETE FROM ${schema.quoted}`);
  b.where(filters);
  return b.built();
}

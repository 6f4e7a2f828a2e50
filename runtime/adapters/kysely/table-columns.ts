import type { ColumnCodec } from './column-codec.js';

/** One column of a model's table, as the adapter reads and writes it. */
export interface ColumnInfo {
  readonly name: string;
  readonly codec: ColumnCodec;
  readonly primaryKey: boolean;
  /** The database assigns it (AUTO_INCREMENT), so a create may leave it out. */
  readonly autoIncrement: boolean;
}

/** A table's columns by name, in table order; empty when the table does not exist. */
export type TableColumns = ReadonlyMap<string, ColumnInfo>;

export function columnsOf(columns: readonly ColumnInfo[]): TableColumns {
  return new Map(columns.map((column) => [column.name, column]));
}

/** `schema.table` split; the schema is undefined for a bare table name. */
export function splitTableName(table: string): { schema: string | undefined; name: string } {
  const dot = table.lastIndexOf('.');
  return dot < 0
    ? { schema: undefined, name: table }
    : { schema: table.slice(0, dot), name: table.slice(dot + 1) };
}

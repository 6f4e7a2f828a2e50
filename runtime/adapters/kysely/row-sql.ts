import type { Filters, Row } from '../../orm-adapter.js';
import { KyselyAdapterError } from './kysely-adapter-error.js';
import { Parameters, type SqlText } from './sql-text.js';
import type { ColumnInfo, TableColumns } from './table-columns.js';

/** Every column, each read through its codec's expression, under its own name. */
export function selectList(text: SqlText, columns: TableColumns): string {
  return [...columns.values()]
    .map((column) => {
      const name = text.name(column.name);
      const read = column.codec.read?.(name);
      return read === undefined ? name : `${read} AS ${name}`;
    })
    .join(', ');
}

export function encodeValue(model: string, column: ColumnInfo, value: unknown): unknown {
  return value === null ? null : column.codec.encode(value, `${model}.${column.name}`);
}

/** ` WHERE a = $1 AND b IS NULL`, or nothing for no filters; an undefined filter is refused. */
export function whereClause(
  text: SqlText,
  params: Parameters,
  model: string,
  columns: TableColumns,
  filters: Filters,
): string {
  const terms: string[] = [];
  for (const [field, value] of Object.entries(filters)) {
    if (value === undefined) {
      throw new KyselyAdapterError(
        `${model}: the filter on '${field}' is undefined; leave it out to match any value, or pass null for IS NULL`,
      );
    }
    const name = text.name(field);
    terms.push(
      value === null
        ? `${name} IS NULL`
        : `${name} = ${params.add(encodeValue(model, columns.get(field)!, value))}`,
    );
  }
  return terms.length === 0 ? '' : ` WHERE ${terms.join(' AND ')}`;
}

/** The fields a row sets: undefined values are left out, so the column's default applies. */
export function definedEntries(row: Row): [string, unknown][] {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) {
    throw new KyselyAdapterError(`a row must be a plain object of column values`);
  }
  return Object.entries(row).filter(([, value]) => value !== undefined);
}

export function decodeRow(model: string, columns: TableColumns, row: Row): Row {
  const decoded: Row = {};
  for (const [key, value] of Object.entries(row)) {
    const column = columns.get(key);
    decoded[key] =
      value === null || value === undefined || column === undefined
        ? (value ?? null)
        : column.codec.decode(value, `${model}.${key}`);
  }
  return decoded;
}

export { Parameters };

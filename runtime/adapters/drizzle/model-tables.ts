import { and, eq, getTableColumns, getTableName, is, isNull, Table } from 'drizzle-orm';
import type { Column, SQL } from 'drizzle-orm';
import type { Filters, Row } from '../../orm-adapter.js';
import { DrizzleAdapterError } from './drizzle-adapter-error.js';
import { datetimeSelection } from './pg-datetime-selection.js';
import { checkValue } from './value-checks.js';

/** One model's Drizzle table, with what the adapter needs to know of it. */
export class ModelTable {
  readonly model: string;
  readonly table: Table;
  /** The table's name in the database. */
  readonly name: string;
  /** JS key → column, as the table object declares them. */
  readonly columns: Readonly<Record<string, Column>>;
  /**
   * The fields to select and return: the columns, PostgreSQL Date columns read as ISO text
   * (see `datetimeSelection`); undefined for all columns as Drizzle reads them.
   */
  readonly selection: Record<string, Column | SQL> | undefined;
  /** The field that identifies a row (from describeModel, else the single primary-key column). */
  identifierField: string | undefined;
  readonly #keyOfColumn = new Map<string, string>();

  constructor(model: string, table: Table) {
    this.model = model;
    this.table = table;
    this.name = getTableName(table);
    this.columns = getTableColumns(table);
    this.selection = datetimeSelection(this.columns);
    const primary: string[] = [];
    for (const [key, column] of Object.entries(this.columns)) {
      this.#keyOfColumn.set(column.name, key);
      if (column.primary) primary.push(key);
    }
    this.identifierField = primary.length === 1 ? primary[0] : undefined;
  }

  /** The JS key of a database column name (as a driver's error names it). */
  keyOfColumn(name: string): string {
    return this.#keyOfColumn.get(name) ?? name;
  }

  /** The row's identifier as far as `values` (or else `filters`) tell it. */
  idOf(values: Row | Filters | undefined, filters?: Filters): unknown {
    const field = this.identifierField;
    if (field === undefined) return undefined;
    if (values !== undefined && Object.hasOwn(values, field)) return values[field];
    if (filters !== undefined && Object.hasOwn(filters, field)) return filters[field];
    return undefined;
  }

  /** The defined fields of `row`, each a column of the table; `undefined` ones are left out. */
  values(row: Row, what: string): Row {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new DrizzleAdapterError(`${this.model}: ${what} must be an object of fields`);
    }
    const values: Row = {};
    for (const [key, value] of Object.entries(row)) {
      checkValue(this.model, key, this.#column(key), value);
      if (value !== undefined) values[key] = value;
    }
    return values;
  }

  /** Field equality, `null` as IS NULL; undefined when there are no filters (every row). */
  where(filters: Filters): SQL | undefined {
    if (typeof filters !== 'object' || filters === null || Array.isArray(filters)) {
      throw new DrizzleAdapterError(`${this.model}: filters must be an object of fields`);
    }
    const conditions: SQL[] = [];
    for (const [key, value] of Object.entries(filters)) {
      const column = this.#column(key);
      if (value === undefined) {
        throw new DrizzleAdapterError(
          `${this.model}.${key}: the filter is undefined; leave the field out to match any value, or pass null to match NULL`,
        );
      }
      checkValue(this.model, key, column, value);
      conditions.push(value === null ? isNull(column) : eq(column, value));
    }
    if (conditions.length === 0) return undefined;
    return conditions.length === 1 ? conditions[0] : and(...conditions);
  }

  #column(key: string): Column {
    const column = Object.hasOwn(this.columns, key) ? this.columns[key] : undefined;
    if (column === undefined) {
      throw new DrizzleAdapterError(
        `${this.model}.${key} is not a field of the table "${this.name}" (its fields: ${Object.keys(this.columns).join(', ')})`,
      );
    }
    return column;
  }
}

/** Model name → its table, as the `tables` option gives them. */
export class ModelTables {
  readonly #byModel = new Map<string, ModelTable>();

  constructor(tables: Readonly<Record<string, unknown>>) {
    if (typeof tables !== 'object' || tables === null) {
      throw new DrizzleAdapterError('options.tables must map each model to its Drizzle table');
    }
    for (const [model, table] of Object.entries(tables)) {
      if (!is(table, Table)) {
        throw new DrizzleAdapterError(
          `tables.${model} is not a Drizzle table (pass the object pgTable()/sqliteTable() returned)`,
        );
      }
      this.#byModel.set(model, new ModelTable(model, table));
    }
  }

  get(model: string): ModelTable {
    const table = this.#byModel.get(model);
    if (table === undefined) {
      const known = [...this.#byModel.keys()].join(', ') || 'none';
      throw new DrizzleAdapterError(
        `no table for the model ${model}: add it to the tables option (models with tables: ${known})`,
      );
    }
    return table;
  }

  /** The model stored in the database table `name`, if one is. */
  byTableName(name: string | undefined): ModelTable | undefined {
    for (const table of this.#byModel.values()) if (table.name === name) return table;
    return undefined;
  }
}

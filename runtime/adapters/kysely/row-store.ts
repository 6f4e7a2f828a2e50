import { ObjectNotFound } from '../../errors.js';
import type { Filters, ReadOptions, Row } from '../../orm-adapter.js';
import type { PageQuery } from '../../orm-adapter.js';
import { countsInOrder } from '../sql/page-query.js';
import type { SqlDialect } from './dialect.js';
import { typedError, type FailureContext } from './driver-errors.js';
import { FoundRowsCheck } from './found-rows.js';
import { countSql, pageSql, type QueryTarget } from './query-sql.js';
import { KyselyAdapterError } from './kysely-adapter-error.js';
import { execute, type QueryRunner } from './raw-query.js';
import {
  decodeRow,
  definedEntries,
  encodeValue,
  Parameters,
  selectList,
  whereClause,
} from './row-sql.js';
import type { SqlText } from './sql-text.js';
import type { TableColumns } from './table-columns.js';
import type { TableSchemas } from './table-schemas.js';

const LOCKS = { wait: ' FOR UPDATE', nowait: ' FOR UPDATE NOWAIT' } as const;

/**
 * The row operations of one adapter, on whichever runner (the root instance or a transaction)
 * the caller holds. Statements are written per dialect; values pass through column codecs.
 */
export class RowStore {
  readonly #text: SqlText;
  readonly #schemas: TableSchemas;
  readonly #identifiers = new Map<string, string>();
  readonly #foundRows = new FoundRowsCheck();
  readonly logTable: string | undefined;

  constructor(text: SqlText, schemas: TableSchemas, logTable: string | undefined) {
    this.#text = text;
    this.#schemas = schemas;
    this.logTable = logTable;
  }

  get dialect(): SqlDialect {
    return this.#text.dialect;
  }

  describe(model: string, identifierField: string): void {
    this.#identifiers.set(model, identifierField);
  }

  async create(runner: QueryRunner, model: string, data: Row): Promise<Row> {
    const entries = definedEntries(data);
    const columns = await this.#columns(
      runner,
      model,
      entries.map(([field]) => field),
    );
    const context = this.#context(model, columns, this.#idIn(model, data), data);
    const text = this.#text;
    const params = new Parameters(text);
    const names = entries.map(([field]) => text.name(field)).join(', ');
    const values = entries.map(([f, v]) => params.add(encodeValue(model, columns.get(f)!, v)));
    const table = text.table(this.#schemas.tableOf(model));
    const insert =
      entries.length > 0
        ? `INSERT INTO ${table} (${names}) VALUES (${values.join(', ')})`
        : text.dialect === 'mysql'
          ? `INSERT INTO ${table} () VALUES ()`
          : `INSERT INTO ${table} DEFAULT VALUES`;
    return this.#guard(context, async () => {
      if (text.dialect !== 'mysql') {
        const { rows } = await execute<Row>(
          runner,
          `${insert} RETURNING ${selectList(text, columns)}`,
          params.values,
        );
        return decodeRow(model, columns, rows[0]!);
      }
      const result = await execute(runner, insert, params.values);
      const found = await this.#select(
        runner,
        model,
        columns,
        this.#keyOf(model, columns, data, result.insertId),
      );
      if (found.length !== 1) {
        throw new KyselyAdapterError(`${model}: the row just created could not be read back`);
      }
      return found[0]!;
    });
  }

  async select(
    runner: QueryRunner,
    model: string,
    filters: Filters,
    options?: ReadOptions,
  ): Promise<Row[]> {
    const columns = await this.#columns(runner, model, Object.keys(filters));
    const context = this.#context(model, columns, this.#idIn(model, filters), filters, options);
    return this.#guard(context, () => this.#select(runner, model, columns, filters, options));
  }

  async getOne(
    runner: QueryRunner,
    model: string,
    filters: Filters,
    options?: ReadOptions,
  ): Promise<Row> {
    const rows = await this.select(runner, model, filters, options);
    if (rows.length === 0) throw new ObjectNotFound(model, filters);
    if (rows.length > 1) {
      throw new KyselyAdapterError(
        `${model}: get() found ${rows.length} rows for ${JSON.stringify(filters, bigintText)}, expected exactly one; use filter() for several`,
      );
    }
    return rows[0]!;
  }

  async update(
    runner: QueryRunner,
    model: string,
    filters: Filters,
    changes: Row,
  ): Promise<number> {
    const entries = definedEntries(changes);
    const fields = [...entries.map(([field]) => field), ...Object.keys(filters)];
    const columns = await this.#columns(runner, model, fields);
    const context = this.#context(model, columns, this.#idIn(model, filters), changes);
    if (entries.length === 0) {
      return (await this.select(runner, model, filters)).length;
    }
    const text = this.#text;
    const params = new Parameters(text);
    const sets = entries.map(
      ([f, v]) => `${text.name(f)} = ${params.add(encodeValue(model, columns.get(f)!, v))}`,
    );
    const where = whereClause(text, params, model, columns, filters);
    const table = text.table(this.#schemas.tableOf(model));
    return this.#guard(context, async () => {
      const result = await execute(
        runner,
        `UPDATE ${table} SET ${sets.join(', ')}${where}`,
        params.values,
      );
      if (text.dialect === 'mysql') await this.#foundRows.assertMatchedRows(runner, result);
      return Number(result.numAffectedRows ?? 0n);
    });
  }

  async delete(runner: QueryRunner, model: string, filters: Filters): Promise<number> {
    const columns = await this.#columns(runner, model, Object.keys(filters));
    const context = this.#context(model, columns, this.#idIn(model, filters), filters);
    const params = new Parameters(this.#text);
    const where = whereClause(this.#text, params, model, columns, filters);
    const table = this.#text.table(this.#schemas.tableOf(model));
    return this.#guard(context, async () => {
      const result = await execute(runner, `DELETE FROM ${table}${where}`, params.values);
      return Number(result.numAffectedRows ?? 0n);
    });
  }

  async page(runner: QueryRunner, model: string, query: PageQuery): Promise<Row[]> {
    const target = await this.#target(runner, model, [query.field, query.orderBy]);
    const sql = pageSql(target, query);
    return this.#guard(this.#context(model, target.columns, undefined, {}), async () => {
      const { rows } = await execute<Row>(runner, sql, target.params.values);
      return rows.map((row) => decodeRow(model, target.columns, row));
    });
  }

  async countGrouped(
    runner: QueryRunner,
    model: string,
    field: string,
    values: readonly unknown[],
  ): Promise<number[]> {
    const target = await this.#target(runner, model, [field]);
    const sql = countSql(target, field, values);
    const column = target.columns.get(field)!;
    return this.#guard(this.#context(model, target.columns, undefined, {}), async () => {
      const { rows } = await execute<{ value: unknown; n: unknown }>(
        runner,
        sql,
        target.params.values,
      );
      return countsInOrder(
        values,
        rows.map(({ value, n }) => [
          value === null || value === undefined
            ? null
            : column.codec.decode(value, `${model}.${field}`),
          n,
        ]),
      );
    });
  }

  async #target(runner: QueryRunner, model: string, fields: string[]): Promise<QueryTarget> {
    const columns = await this.#columns(runner, model, fields);
    const text = this.#text;
    const table = text.table(this.#schemas.tableOf(model));
    return { text, params: new Parameters(text), model, table, columns };
  }

  async #select(
    runner: QueryRunner,
    model: string,
    columns: TableColumns,
    filters: Filters,
    options?: ReadOptions,
  ): Promise<Row[]> {
    const text = this.#text;
    const params = new Parameters(text);
    const where = whereClause(text, params, model, columns, filters);
    const lock =
      options?.lock !== undefined && text.dialect !== 'sqlite' ? LOCKS[options.lock] : '';
    const table = text.table(this.#schemas.tableOf(model));
    const { rows } = await execute<Row>(
      runner,
      `SELECT ${selectList(text, columns)} FROM ${table}${where}${lock}`,
      params.values,
    );
    return rows.map((row) => decodeRow(model, columns, row));
  }

  /**
   * Where MySQL's create finds its row again: the model's identifier (or primary key) as
   * written, or the AUTO_INCREMENT value the database assigned.
   */
  #keyOf(model: string, columns: TableColumns, data: Row, insertId: bigint | undefined): Filters {
    const described = this.#identifiers.get(model);
    const keys =
      described !== undefined
        ? [described]
        : [...columns.values()].filter((c) => c.primaryKey).map((c) => c.name);
    const key: Record<string, unknown> = {};
    for (const field of keys) {
      if (data[field] !== undefined && data[field] !== null) key[field] = data[field];
      else if (columns.get(field)?.autoIncrement && insertId !== undefined) key[field] = insertId;
    }
    if (keys.length === 0 || Object.keys(key).length !== keys.length) {
      throw new KyselyAdapterError(
        `${model}: MySQL returns no row from an INSERT, and this one cannot be found again: give it its identifier${keys.length > 0 ? ` (${keys.join(', ')})` : ''} or an AUTO_INCREMENT primary key`,
      );
    }
    return key;
  }

  #columns(runner: QueryRunner, model: string, fields: Iterable<string>): Promise<TableColumns> {
    return this.#schemas.columns(runner, model, fields);
  }

  #idIn(model: string, values: Filters): unknown {
    const field = this.#identifiers.get(model);
    return field === undefined ? undefined : values[field];
  }

  #context(
    model: string,
    columns: TableColumns,
    id: unknown,
    values: Filters,
    options?: ReadOptions,
  ): FailureContext {
    return {
      dialect: this.#text.dialect,
      model,
      id,
      nowait: options?.lock === 'nowait',
      locking: options?.lock !== undefined,
      values,
      logTable: this.logTable,
      primaryKey: [...columns.values()].filter((c) => c.primaryKey).map((c) => c.name),
    };
  }

  async #guard<R>(context: FailureContext, run: () => Promise<R>): Promise<R> {
    try {
      return await run();
    } catch (error) {
      throw typedError(error, context);
    }
  }
}

const bigintText = (_key: string, value: unknown) =>
  typeof value === 'bigint' ? `${value}n` : value;

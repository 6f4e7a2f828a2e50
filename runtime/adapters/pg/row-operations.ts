import { ObjectNotFound } from '../../errors.js';
import type { Filters, ReadOptions, Row } from '../../orm-adapter.js';
import type { PageQuery } from '../../orm-adapter.js';
import { countsInOrder } from '../sql/page-query.js';
import type { PgResult } from './driver-types.js';
import { countStatement, pageStatement } from './query-statements.js';
import { mapPgError, type StatementContext } from './error-mapping.js';
import { PgAdapterError } from './pg-adapter-error.js';
import {
  deleteStatement,
  insertStatement,
  selectStatement,
  updateStatement,
  type Built,
} from './row-statements.js';
import type { SqlStatement } from './sql-text.js';
import {
  unknownColumns,
  type RunStatement,
  type SchemaCache,
  type TableSchema,
} from './table-schema.js';

/** The table or a column is gone: read the table's columns again next time. */
const SCHEMA_CHANGED: ReadonlySet<string> = new Set(['42P01', '42703']);

/**
 * The row operations, on whatever runs statements: a transaction's session, or a pooled client
 * in autocommit. Shared by the adapter and all its transaction handles.
 */
export class PgRows {
  readonly #schemas: SchemaCache;
  /** Model → identifier field, from `describeModel`; else a table's one-column primary key. */
  readonly identifiers = new Map<string, string>();

  constructor(schemas: SchemaCache) {
    this.#schemas = schemas;
  }

  async create(run: RunStatement, model: string, data: Row): Promise<Row> {
    const { schema, statement } = await this.#build(run, model, (s) => insertStatement(s, data));
    const result = await this.#execute(run, statement, this.#context(schema, data, undefined));
    return result.rows[0] as Row;
  }

  async get(
    run: RunStatement,
    model: string,
    filters: Filters,
    options?: ReadOptions,
  ): Promise<Row> {
    const { schema, statement } = await this.#build(run, model, (s) =>
      selectStatement(s, filters, options, 2),
    );
    const context = this.#context(schema, undefined, filters, options);
    const { rows } = await this.#execute(run, statement, context);
    if (rows.length === 1) return rows[0] as Row;
    if (rows.length === 0) throw new ObjectNotFound(model, filters);
    throw new PgAdapterError(
      `${model}: more than one row matches ${JSON.stringify(filters, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}, and get() returns exactly one; use filter() to read several, or filter on a unique column`,
    );
  }

  async filter(
    run: RunStatement,
    model: string,
    filters: Filters,
    options?: ReadOptions,
  ): Promise<Row[]> {
    const { schema, statement } = await this.#build(run, model, (s) =>
      selectStatement(s, filters, options),
    );
    return (await this.#execute(run, statement, this.#context(schema, undefined, filters, options)))
      .rows;
  }

  async update(run: RunStatement, model: string, filters: Filters, changes: Row): Promise<number> {
    const { schema, statement } = await this.#build(run, model, (s) =>
      updateStatement(s, filters, changes),
    );
    const result = await this.#execute(run, statement, this.#context(schema, changes, filters));
    return result.command === 'SELECT'
      ? Number(result.rows[0]?.['n'] ?? 0)
      : (result.rowCount ?? 0);
  }

  async delete(run: RunStatement, model: string, filters: Filters): Promise<number> {
    const { schema, statement } = await this.#build(run, model, (s) => deleteStatement(s, filters));
    return (
      (await this.#execute(run, statement, this.#context(schema, undefined, filters))).rowCount ?? 0
    );
  }

  async page(run: RunStatement, model: string, query: PageQuery): Promise<Row[]> {
    const { schema, statement } = await this.#build(run, model, (s) => pageStatement(s, query));
    return (await this.#execute(run, statement, this.#context(schema, undefined, undefined))).rows;
  }

  async countGrouped(
    run: RunStatement,
    model: string,
    field: string,
    values: readonly unknown[],
  ): Promise<number[]> {
    const { schema, statement } = await this.#build(run, model, (s) =>
      countStatement(s, field, values),
    );
    const context = this.#context(schema, undefined, undefined);
    const { rows } = await this.#execute(run, statement, context);
    return countsInOrder(
      values,
      rows.map((row) => [row['value'], row['n']] as const),
    );
  }

  /** Builds with the cached columns; a column they lack sends it to read the table once more. */
  async #build(
    run: RunStatement,
    model: string,
    make: (schema: TableSchema) => Built,
  ): Promise<{ schema: TableSchema; statement: SqlStatement }> {
    const cached = this.#schemas.cached(model);
    if (cached !== undefined) {
      const built = make(cached);
      if ('statement' in built) return { schema: cached, statement: built.statement };
    }
    const schema = await this.#schemas.read(model, run);
    const built = make(schema);
    if ('unknown' in built) throw unknownColumns(schema, built.unknown);
    return { schema, statement: built.statement };
  }

  async #execute(
    run: RunStatement,
    statement: SqlStatement,
    context: StatementContext,
  ): Promise<PgResult> {
    try {
      return await run(statement);
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (typeof code === 'string' && SCHEMA_CHANGED.has(code)) this.#schemas.forget(context.model);
      throw mapPgError(error, context);
    }
  }

  #context(
    schema: TableSchema,
    values: Row | undefined,
    filters: Filters | undefined,
    options?: ReadOptions,
  ): StatementContext {
    const field =
      this.identifiers.get(schema.model) ??
      (schema.primaryKey.length === 1 ? schema.primaryKey[0] : undefined);
    let id: unknown;
    if (field !== undefined) {
      if (filters !== undefined && Object.hasOwn(filters, field)) id = filters[field];
      else if (values !== undefined && Object.hasOwn(values, field)) id = values[field];
    }
    return {
      model: schema.model,
      id,
      values,
      filters,
      nowait: options?.lock === 'nowait',
      locking: options?.lock !== undefined,
    };
  }
}

import { ObjectNotFound } from '../../errors.js';
import type { Filters, ReadOptions, Row } from '../../orm-adapter.js';
import { typedDatabaseError } from './database-errors.js';
import { DrizzleAdapterError } from './drizzle-adapter-error.js';
import type { QueryDb } from './drizzle-types.js';
import type { ModelTable, ModelTables } from './model-tables.js';
import type { SqlDialect } from '../sql/transition-log-ddl.js';

/** How many rows a write changed, whatever the driver calls it. */
function rowsAffected(result: unknown): number {
  const r = (result ?? {}) as Record<string, unknown>;
  const count = r['rowCount'] ?? r['changes'] ?? r['count'] ?? r['rowsAffected'];
  return Number(count ?? 0);
}

/**
 * The adapter's row operations through Drizzle's query builder on one database or transaction
 * object: fields are the table's JS keys and values go through the columns' own modes.
 */
export class DrizzleRows {
  readonly #db: QueryDb;
  readonly #dialect: SqlDialect;
  readonly #tables: ModelTables;

  constructor(db: QueryDb, dialect: SqlDialect, tables: ModelTables) {
    this.#db = db;
    this.#dialect = dialect;
    this.#tables = tables;
  }

  async create(model: string, data: Row): Promise<Row> {
    const table = this.#tables.get(model);
    const values = table.values(data, 'data');
    try {
      const rows = await this.#db.insert(table.table).values(values).returning(table.selection);
      return rows[0] as Row;
    } catch (error) {
      throw typedDatabaseError(error, { table, values });
    }
  }

  async get(model: string, filters: Filters, options?: ReadOptions): Promise<Row> {
    const rows = await this.#select(model, filters, options, 2);
    if (rows.length === 0) throw new ObjectNotFound(model, filters);
    if (rows.length > 1) {
      throw new DrizzleAdapterError(
        `${model}: get() found more than one row for ${describe(filters)}; filter by a unique field (or use filter())`,
      );
    }
    return rows[0] as Row;
  }

  filter(model: string, filters: Filters, options?: ReadOptions): Promise<Row[]> {
    return this.#select(model, filters, options, undefined);
  }

  async update(model: string, filters: Filters, changes: Row): Promise<number> {
    const table = this.#tables.get(model);
    const values = table.values(changes, 'changes');
    const where = table.where(filters);
    // Drizzle refuses an empty SET; changing nothing still tells how many rows match.
    if (Object.keys(values).length === 0) return (await this.#select(model, filters)).length;
    try {
      return rowsAffected(await this.#db.update(table.table).set(values).where(where));
    } catch (error) {
      throw typedDatabaseError(error, { table, values, filters });
    }
  }

  async delete(model: string, filters: Filters): Promise<number> {
    const table = this.#tables.get(model);
    const where = table.where(filters);
    try {
      return rowsAffected(await this.#db.delete(table.table).where(where));
    } catch (error) {
      throw typedDatabaseError(error, { table, filters });
    }
  }

  async #select(
    model: string,
    filters: Filters,
    options?: ReadOptions,
    limit?: number,
  ): Promise<Row[]> {
    const table: ModelTable = this.#tables.get(model);
    let query = this.#db.select(table.selection).from(table.table).where(table.where(filters));
    if (limit !== undefined) query = query.limit(limit);
    const lock = options?.lock;
    // SQLite transactions exclude each other anyway (the write lock is taken at BEGIN).
    if (lock !== undefined && this.#dialect === 'postgres') {
      query = query.for('update', lock === 'nowait' ? { noWait: true } : {});
    }
    try {
      return (await query) as Row[];
    } catch (error) {
      throw typedDatabaseError(error, {
        table,
        filters,
        nowait: lock === 'nowait',
        locking: lock !== undefined,
      });
    }
  }
}

function describe(filters: Filters): string {
  return JSON.stringify(filters, (_key, value: unknown) =>
    typeof value === 'bigint' ? `${value}n` : value,
  );
}

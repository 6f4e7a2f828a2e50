import type { SqlDialect } from './dialect.js';
import { KyselyAdapterError } from './kysely-adapter-error.js';
import { mysqlColumns } from './mysql-columns.js';
import { postgresColumns } from './postgres-columns.js';
import type { QueryRunner } from './raw-query.js';
import { sqliteColumns } from './sqlite-columns.js';
import type { SqlText } from './sql-text.js';
import type { TableColumns } from './table-columns.js';

const INTROSPECT = {
  postgres: postgresColumns,
  mysql: mysqlColumns,
  sqlite: sqliteColumns,
} satisfies Record<SqlDialect, unknown>;

/**
 * Each model's table and its columns, read from the database on first use and kept for the
 * adapter's life. A field the cached columns lack makes it read them again once (a migration
 * may have added it) before it is reported unknown.
 */
export class TableSchemas {
  readonly #text: SqlText;
  readonly #tableFor: (model: string) => string;
  readonly #cache = new Map<string, TableColumns>();

  constructor(text: SqlText, tableFor: (model: string) => string) {
    this.#text = text;
    this.#tableFor = tableFor;
  }

  tableOf(model: string): string {
    return this.#tableFor(model);
  }

  /** The model's columns, known to include every one of `fields`. */
  async columns(
    runner: QueryRunner,
    model: string,
    fields: Iterable<string>,
  ): Promise<TableColumns> {
    const cached = this.#cache.get(model);
    const wanted = [...fields];
    if (cached && wanted.every((field) => cached.has(field))) return cached;
    const columns = await this.#read(runner, model);
    const unknown = wanted.filter((field) => !columns.has(field));
    if (unknown.length > 0) {
      throw new KyselyAdapterError(
        `${model} (table ${this.#tableFor(model)}) has no column ${unknown.map((f) => `'${f}'`).join(', ')}; its columns: ${[...columns.keys()].join(', ')}`,
      );
    }
    return columns;
  }

  async #read(runner: QueryRunner, model: string): Promise<TableColumns> {
    const table = this.#tableFor(model);
    const columns = await INTROSPECT[this.#text.dialect](runner, this.#text, table);
    if (columns.size === 0) {
      throw new KyselyAdapterError(
        `table ${table} for model ${model} does not exist (map models to tables with the tables option)`,
      );
    }
    this.#cache.set(model, columns);
    return columns;
  }
}

import type { Database } from 'better-sqlite3';
import { codecFor, numberFromBigint, type ColumnCodec } from './codecs.js';
import { SqliteAdapterError } from './sqlite-errors.js';

export type Decoder = (value: unknown) => unknown;

/** What the adapter knows about the table behind one model, read once from PRAGMA table_info. */
export interface TableSchema {
  readonly model: string;
  readonly table: string;
  /** The table name as an SQL identifier. */
  readonly sqlName: string;
  readonly columns: ReadonlyMap<string, ColumnCodec>;
  /** A BIGINT column makes the table's reads return integers as bigints (others are converted back). */
  readonly readsBigints: boolean;
  /** Applied to every row read; empty when rows come back exactly as SQLite returns them. */
  readonly decoders: readonly (readonly [column: string, decode: Decoder])[];
}

export const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

interface ColumnRow {
  readonly name: string;
  readonly type: string;
}

/**
 * Model → table schema, cached. Users own their schema, so a table that changed under a running
 * adapter is read again the first time a column is missing before that is reported as an error.
 */
export class SchemaCache {
  readonly #db: Database;
  readonly #tableFor: (model: string) => string;
  readonly #tables = new Map<string, TableSchema>();

  constructor(db: Database, tableFor: (model: string) => string) {
    this.#db = db;
    this.#tableFor = tableFor;
  }

  get(model: string): TableSchema {
    return this.#tables.get(model) ?? this.reload(model);
  }

  reload(model: string): TableSchema {
    const table = this.#tableFor(model);
    const rows = this.#db
      .prepare(`PRAGMA table_info(${quoteIdentifier(table)})`)
      .all() as ColumnRow[];
    if (rows.length === 0) throw this.#unknownTable(model, table);
    const strict = this.#isStrict(table);
    const columns = new Map(rows.map((row) => [row.name, codecFor(row.type, strict)] as const));
    const readsBigints = [...columns.values()].some((codec) => codec.readsBigints === true);
    const decoders: [string, Decoder][] = [];
    for (const [name, codec] of columns) {
      const decode =
        codec.decode ?? (readsBigints && !codec.readsBigints ? numberFromBigint : undefined);
      if (decode) decoders.push([name, decode]);
    }
    const schema: TableSchema = {
      model,
      table,
      sqlName: quoteIdentifier(table),
      columns,
      readsBigints,
      decoders,
    };
    this.#tables.set(model, schema);
    return schema;
  }

  #isStrict(table: string): boolean {
    const listed = this.#db.prepare(`PRAGMA table_list(${quoteIdentifier(table)})`).all() as {
      strict?: number;
    }[];
    return listed.some((entry) => entry.strict === 1);
  }

  unknownColumn(schema: TableSchema, column: string): SqliteAdapterError {
    const known = [...schema.columns.keys()].join(', ');
    return new SqliteAdapterError(
      `model '${schema.model}' has no column '${column}' (table "${schema.table}" has: ${known})`,
    );
  }

  #unknownTable(model: string, table: string): SqliteAdapterError {
    const tables = this.#db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all() as string[];
    const mapped = table === model ? '' : ` (mapped to table "${table}")`;
    return new SqliteAdapterError(
      `model '${model}'${mapped} has no table in ${this.#db.name}; tables: ${tables.join(', ') || 'none'}. Map models to tables with the \`tables\` option, e.g. { tables: { ${model}: '${model.toLowerCase()}s' } }`,
    );
  }
}

import type { Database } from 'better-sqlite3';
import { codecFor } from './codecs.js';
import type { ColumnCodec, Decoder } from './column-codec.js';
import { exactNumberDecoder } from './exact-integers.js';
import { SqliteAdapterError } from './sqlite-errors.js';

/** What the adapter knows about the table behind one model, read once from PRAGMA table_info. */
export interface TableSchema {
  readonly model: string;
  readonly table: string;
  /** The table name as an SQL identifier. */
  readonly sqlName: string;
  readonly columns: ReadonlyMap<string, ColumnCodec>;
  /**
   * Some column may hold integers: reads return them as bigints (better-sqlite3's safe integers),
   * which the decoders turn into exact numbers, except for columns that read bigints.
   */
  readonly readsIntegers: boolean;
  /** Applied to every row read; empty when rows come back exactly as SQLite returns them. */
  readonly decoders: readonly (readonly [column: string, decode: Decoder])[];
}

export const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * The column that is the rowid: the only primary-key column, declared exactly INTEGER
 * (https://sqlite.org/lang_createtable.html#rowid). `INTEGER PRIMARY KEY DESC` is the one
 * exception PRAGMA table_info cannot show; such a column is then held to the rowid's rule.
 */
function rowidColumn(rows: readonly ColumnRow[]): string | undefined {
  const key = rows.filter((row) => row.pk > 0);
  const only = key.length === 1 ? key[0] : undefined;
  return only?.type.trim().toUpperCase() === 'INTEGER' ? only.name : undefined;
}

interface ColumnRow {
  readonly name: string;
  readonly type: string;
  /** The column's position in the primary key, 0 when it is not part of it. */
  readonly pk: number;
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
    const { strict, withoutRowid } = this.#kind(table);
    const rowid = withoutRowid ? undefined : rowidColumn(rows);
    const columns = new Map(
      rows.map((row) => [row.name, codecFor(row.type, strict, row.name === rowid)] as const),
    );
    const readsIntegers = [...columns.values()].some((codec) => !codec.holdsNoIntegers);
    const decoders: [string, Decoder][] = [];
    for (const [name, codec] of columns) {
      const decode =
        codec.holdsNoIntegers || codec.readsBigints
          ? codec.decode
          : exactNumberDecoder(`${model}.${name}`, name === rowid, codec.decode);
      if (decode) decoders.push([name, decode]);
    }
    const schema: TableSchema = {
      model,
      table,
      sqlName: quoteIdentifier(table),
      columns,
      readsIntegers,
      decoders,
    };
    this.#tables.set(model, schema);
    return schema;
  }

  #kind(table: string): { strict: boolean; withoutRowid: boolean } {
    const listed = this.#db.prepare(`PRAGMA table_list(${quoteIdentifier(table)})`).all() as {
      strict?: number;
      wr?: number;
    }[];
    return {
      strict: listed.some((entry) => entry.strict === 1),
      withoutRowid: listed.some((entry) => entry.wr === 1),
    };
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

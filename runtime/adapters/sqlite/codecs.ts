import { SqliteAdapterError } from './sqlite-errors.js';

/** What better-sqlite3 can bind. */
export type SqliteValue = string | number | bigint | Uint8Array | null;

/**
 * How one column's values go into SQLite and come back. The declared column type decides, so a
 * row reads back as it was written when the schema says what a column holds:
 *
 * | declared type          | stored as                      | read back as        |
 * | ---------------------- | ------------------------------ | ------------------- |
 * | BOOLEAN, BOOL          | 1 / 0                          | true / false        |
 * | JSON                   | JSON text of any value         | the parsed value    |
 * | DATETIME, TIMESTAMP    | Date → ISO-8601 text           | Date                |
 * | BIGINT                 | integer                        | bigint              |
 * | anything else          | see `encodeValue`              | what SQLite returns |
 */
export interface ColumnCodec {
  readonly encode: (value: unknown, column: string) => SqliteValue;
  /** Absent when values come back as SQLite returns them. */
  readonly decode?: (value: unknown) => unknown;
}

const isPlainObject = (value: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

function unsupported(column: string, value: unknown, why: string): SqliteAdapterError {
  const kind =
    value === null
      ? 'null'
      : typeof value === 'object'
        ? (value.constructor?.name ?? 'object')
        : typeof value;
  return new SqliteAdapterError(`cannot store a ${kind} in ${column}: ${why}`);
}

/**
 * Any column: strings, numbers, bigints and byte arrays as they are; booleans as 1/0; Dates as
 * ISO-8601 text (UTC); plain objects and arrays as JSON text. Anything else is refused rather
 * than stored as something that will not read back.
 */
export function encodeValue(value: unknown, column: string): SqliteValue {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'bigint':
      return value;
    case 'boolean':
      return value ? 1 : 0;
    case 'object':
      if (value === null) return null;
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime()))
          throw unsupported(column, value, 'it is an invalid Date');
        return value.toISOString();
      }
      if (value instanceof Uint8Array) return value;
      if (Array.isArray(value) || isPlainObject(value)) return toJson(value, column);
      throw unsupported(column, value, 'only plain objects and arrays are stored (as JSON)');
    default:
      throw unsupported(column, value, 'it has no SQLite representation');
  }
}

function toJson(value: unknown, column: string): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    throw unsupported(column, value, `JSON.stringify failed (${(error as Error).message})`);
  }
}

/** Integer columns of a table read with bigints on, other than its BIGINT columns, stay numbers. */
export const numberFromBigint = (value: unknown): unknown =>
  typeof value === 'bigint' ? Number(value) : value;

const plain: ColumnCodec = { encode: encodeValue };

const boolean: ColumnCodec = {
  encode: encodeValue,
  decode: (value) =>
    value === 1 || value === 1n ? true : value === 0 || value === 0n ? false : value,
};

const json: ColumnCodec = {
  encode: (value, column) => (value === null ? null : toJson(value, column)),
  // JSON's NUMERIC affinity turns the text '5' into the integer 5, which is already the value.
  decode: (value) => (typeof value === 'string' ? parseJson(value) : numberFromBigint(value)),
};

/** Text another writer put in a JSON column that is not JSON reads back as the text. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** SQLite's own CURRENT_TIMESTAMP text ('2024-05-01 10:00:00') is UTC without saying so. */
const SQLITE_DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/;

const datetime: ColumnCodec = {
  encode: encodeValue,
  decode: (value) => {
    if (typeof value !== 'string') return value;
    const date = new Date(SQLITE_DATETIME.test(value) ? `${value.replace(' ', 'T')}Z` : value);
    return Number.isNaN(date.getTime()) ? value : date;
  },
};

const bigint: ColumnCodec = { encode: encodeValue, decode: (value) => value };

/** The codec for a column, from its declared type in PRAGMA table_info. */
export function codecFor(declaredType: string): ColumnCodec {
  const base = declaredType
    .trim()
    .toUpperCase()
    .replace(/\s*\(.*$/, '');
  switch (base) {
    case 'BOOLEAN':
    case 'BOOL':
      return boolean;
    case 'JSON':
      return json;
    case 'DATETIME':
    case 'TIMESTAMP':
      return datetime;
    case 'BIGINT':
      return bigint;
    default:
      return plain;
  }
}

export const isBigintCodec = (codec: ColumnCodec): boolean => codec === bigint;

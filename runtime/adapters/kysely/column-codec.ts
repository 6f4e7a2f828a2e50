import { KyselyAdapterError } from './kysely-adapter-error.js';

/**
 * How one column's non-null values go into the database and come back, chosen per column from
 * its type when the table is first used. `where` is `Model.column`, for messages.
 */
export interface ColumnCodec {
  /** What the column holds, for messages ("bigint", "json", …). */
  readonly kind: string;
  /** The SELECT expression for the column given its quoted name; the name itself if absent. */
  readonly read?: (column: string) => string;
  /** A value to bind, or a `KyselyAdapterError` when the column cannot hold it as it is. */
  readonly encode: (value: unknown, where: string) => unknown;
  readonly decode: (value: unknown, where: string) => unknown;
}

/** A value for a message: bigints as `12n`, strings quoted, objects by their class. */
export function describeValue(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Date) return `Date(${value.getTime()})`;
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) {
    const name = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)
      ?.constructor?.name;
    return name && name !== 'Object' ? `a ${name}` : 'an object';
  }
  return String(value);
}

export function refused(where: string, kind: string, value: unknown, hint: string): never {
  throw new KyselyAdapterError(
    `${where} (${kind}) cannot hold ${describeValue(value)}: ${hint}; nothing was written`,
  );
}

const isBytes = (value: unknown): boolean => value instanceof Uint8Array;

/**
 * Text, numbers and types the adapter has no codec for: primitives and bytes go to the driver
 * as they are (through `bind`), objects are refused (only JSON columns take them).
 */
export function plainCodec(
  kind: string,
  bind: (value: unknown) => unknown = (v) => v,
): ColumnCodec {
  return {
    kind,
    encode(value, where) {
      if (typeof value === 'number' && !Number.isFinite(value)) {
        refused(where, kind, value, 'only finite numbers are stored');
      }
      if (typeof value === 'object' && !isBytes(value)) {
        refused(where, kind, value, 'only a JSON column takes objects and arrays');
      }
      return bind(value);
    },
    decode: (value) => value,
  };
}

/** Whatever the driver takes and gives (PostgreSQL arrays, ranges, intervals …). */
export const driverCodec: ColumnCodec = {
  kind: 'driver',
  encode: (value) => value,
  decode: (value) => value,
};

const INTEGER_TEXT = /^-?\d+$/;

/**
 * 64-bit integers read back as bigints, read as text so no driver setting can round them.
 * Bigints, safe integers and integer text are accepted; `bind` turns the bigint into what the
 * driver binds exactly.
 */
export function bigintCodec(
  asText: (column: string) => string,
  bind: (value: bigint) => unknown,
): ColumnCodec {
  return {
    kind: 'bigint',
    read: asText,
    encode(value, where) {
      if (typeof value === 'bigint') return bind(value);
      if (typeof value === 'number' && Number.isSafeInteger(value)) return bind(BigInt(value));
      if (typeof value === 'string' && INTEGER_TEXT.test(value)) return bind(BigInt(value));
      return refused(where, 'bigint', value, 'pass a bigint (or a safe integer)');
    },
    decode: (value) => BigInt(String(value)),
  };
}

/** DECIMAL / NUMERIC: read as text so no digit is lost; numbers and numeric text are written. */
export function decimalCodec(asText: (column: string) => string): ColumnCodec {
  return {
    kind: 'decimal',
    read: asText,
    encode(value, where) {
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      if (typeof value === 'bigint') return String(value);
      if (typeof value === 'string') return value;
      return refused(where, 'decimal', value, 'pass its digits as a string, or a number');
    },
    decode: (value) => String(value),
  };
}

/** Booleans, stored natively or as 1 / 0. */
export function booleanCodec(native: boolean): ColumnCodec {
  return {
    kind: 'boolean',
    encode(value, where) {
      if (typeof value !== 'boolean') return refused(where, 'boolean', value, 'pass a boolean');
      return native ? value : value ? 1 : 0;
    },
    decode: (value) => (typeof value === 'boolean' ? value : Number(value) !== 0),
  };
}

const ZONELESS = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/;

/**
 * Dates. `bind` gives what the driver stores; text read back (SQLite's, or a driver told to
 * return date strings) is parsed, as UTC when `zonelessIsUtc` and it names no zone.
 */
export function datetimeCodec(bind: (value: Date) => unknown, zonelessIsUtc: boolean): ColumnCodec {
  return {
    kind: 'datetime',
    encode(value, where) {
      if (!(value instanceof Date)) return refused(where, 'datetime', value, 'pass a Date');
      if (Number.isNaN(value.getTime())) {
        return refused(where, 'datetime', value, 'it is an invalid Date');
      }
      return bind(value);
    },
    decode(value) {
      if (value instanceof Date) return value;
      if (typeof value === 'number') return new Date(value);
      const text = String(value);
      const iso = text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
      return new Date(zonelessIsUtc && ZONELESS.test(text) ? `${iso}Z` : iso);
    },
  };
}

/**
 * JSON: any value JSON can write, read as text and parsed, so it does not matter whether the
 * driver would parse it itself. null is SQL NULL, not JSON null.
 */
export function jsonCodec(asText: (column: string) => string): ColumnCodec {
  return {
    kind: 'json',
    read: asText,
    encode(value, where) {
      let text: string | undefined;
      try {
        text = JSON.stringify(value);
      } catch (error) {
        return refused(where, 'json', value, (error as Error).message);
      }
      return text ?? refused(where, 'json', value, 'JSON cannot hold it');
    },
    decode: (value) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value),
  };
}

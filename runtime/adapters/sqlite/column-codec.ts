/*
 * Types only, below the codecs and the table schema that use them, so that neither imports the
 * other for a type.
 */

/** What better-sqlite3 can bind. */
export type SqliteValue = string | number | bigint | Uint8Array | null;

/**
 * How one column's values go into SQLite and come back, chosen once per column from its
 * declared type (PRAGMA table_info). Every value either reads back as itself (`toEqual`, -0
 * included) or is refused with a `SqliteAdapterError` naming `Model.column`, the value and
 * what to do, before anything is written. null is NULL everywhere; NaN is refused everywhere.
 *
 * | declared type (affinity)             | accepts                                         | reads back as   |
 * | ------------------------------------ | ----------------------------------------------- | --------------- |
 * | TEXT, VARCHAR, CLOB… (TEXT)          | strings                                         | strings         |
 * | INTEGER, REAL, NUMERIC, DECIMAL…     | numbers but -0 (±Infinity too); strings that    | the same        |
 * |                                      | SQLite would not turn into numbers              |                 |
 * | none, BLOB                           | numbers (-0, ±Infinity too), strings, bytes     | the same; bytes |
 * |                                      |                                                 | as Buffers      |
 * | BOOLEAN, BOOL                        | booleans (stored 1 / 0)                         | booleans        |
 * | JSON                                 | values JSON gives back equal: no Dates, Maps,   | the parsed      |
 * |                                      | class instances, bigints, non-finite numbers,   | value           |
 * |                                      | -0 or undefined array items (undefined          |                 |
 * |                                      | properties are left out)                        |                 |
 * | DATETIME, TIMESTAMP                  | valid Dates (stored as ISO-8601 UTC text)       | Dates           |
 * | BIGINT                               | bigints in 64-bit range (numbers are refused:   | bigints         |
 * |                                      | they would read back as bigints)                |                 |
 * | STRICT INT/INTEGER                   | safe integers but -0                            | numbers         |
 * | STRICT REAL                          | numbers but -0                                  | numbers         |
 * | STRICT TEXT                          | strings                                         | strings         |
 * | STRICT BLOB                          | bytes                                           | Buffers         |
 * | STRICT ANY                           | as a column without a type                      | the same        |
 * | INTEGER PRIMARY KEY (the rowid)      | integer numbers in 64-bit range; null or left   | numbers         |
 * |                                      | out for SQLite to assign one                    |                 |
 *
 * Integers: SQLite's integers are 64-bit, JavaScript numbers hold integers exactly only up to
 * 2^53 (`Number.MAX_SAFE_INTEGER` + 1). Reads get every integer exactly (as a bigint) and give
 * a number when the number is exactly that integer; an integer no number holds (2^53 + 1, say,
 * an id SQLite assigned after 2^53) is never rounded: the read fails with a `SqliteAdapterError`
 * naming `Model.column` and saying to declare the column BIGINT, whose values read as bigints.
 * Where the read was a create's RETURNING, the create rolls back.
 *
 * Filters are encoded by the same codec as writes, so a filter finds what was written with the
 * same value, and a filter value that could not have been written is refused the same way.
 */
export interface ColumnCodec {
  readonly encode: (value: unknown, column: string) => SqliteValue;
  /**
   * Absent when values come back as SQLite returns them. Unless `readsBigints`, an integer
   * reaches it as a number, converted exactly (see `exact-integers.ts`).
   */
  readonly decode?: (value: unknown) => unknown;
  /** Integers reach `decode` (or the caller) as the bigints SQLite holds, unconverted. */
  readonly readsBigints?: true;
  /** SQLite never returns an integer from this column (TEXT or REAL affinity, STRICT BLOB). */
  readonly holdsNoIntegers?: true;
}

/** Turns one column's value as read into the value a row holds. */
export type Decoder = (value: unknown) => unknown;

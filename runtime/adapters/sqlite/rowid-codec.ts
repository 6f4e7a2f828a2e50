import type { ColumnCodec } from './column-codec.js';
import { belongsElsewhere, refusedValue } from './value-refusal.js';

/** 2^63: the first integer past SQLite's 64-bit integers (exact as a double, unlike 2^63 - 1). */
const INT64_LIMIT = 2 ** 63;

/**
 * The `INTEGER PRIMARY KEY` column of a rowid table is the rowid itself, which holds integers
 * only: SQLite refuses anything else with a bare "datatype mismatch" (and would keep numeric text
 * as a number), so this refuses it first, naming the column. null, or leaving the column out,
 * lets SQLite assign the next id.
 */
export function rowidCodec(declared: string): ColumnCodec {
  const described = `${declared} PRIMARY KEY`;
  return {
    encode(value, column) {
      if (value === null) return null;
      if (
        typeof value === 'number' &&
        Number.isInteger(value) &&
        !Object.is(value, -0) &&
        value >= -INT64_LIMIT &&
        value < INT64_LIMIT
      ) {
        // Bound as a double, SQLite does not take -2^63 as a rowid; as an integer it does.
        return Number.isSafeInteger(value) ? value : BigInt(value);
      }
      if (typeof value === 'bigint') {
        throw belongsElsewhere(
          column,
          described,
          value,
          ' (a BIGINT PRIMARY KEY is not the rowid: SQLite assigns it no ids), or pass a number',
        );
      }
      throw refusedValue(
        column,
        described,
        value,
        'this column is the table’s rowid, which holds 64-bit integers only',
        'pass an integer, or null (or leave the column out) to let SQLite assign one',
      );
    },
  };
}

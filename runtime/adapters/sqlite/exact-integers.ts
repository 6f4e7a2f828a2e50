import { SqliteAdapterError } from './sqlite-errors.js';
import type { Decoder } from './column-codec.js';

/**
 * A table whose columns may hold integers is read with better-sqlite3's safe integers on, so an
 * integer arrives as the bigint SQLite holds rather than as a number already rounded. This turns
 * it into the number that is exactly the same integer, and fails where there is none: an integer
 * beyond 2^53 that a double cannot hold (2^53 + 1, say) would otherwise come back as its
 * neighbour, and a create would return the id of another row. `rowid` for an INTEGER PRIMARY
 * KEY, whose fix is not as simple.
 */
export function exactNumberDecoder(label: string, rowid: boolean, then?: Decoder): Decoder {
  const toNumber = (value: unknown): unknown => {
    if (typeof value !== 'bigint') return value;
    const number = Number(value);
    if (Number.isSafeInteger(number) || BigInt(number) === value) return number;
    throw new SqliteAdapterError(
      `${label} holds the integer ${value}, which no JavaScript number holds exactly (it would read back as ${number}); declare the column BIGINT to read its values as bigints${rowid ? ' (a BIGINT PRIMARY KEY is not the rowid, so SQLite no longer assigns ids: give them yourself)' : ''}`,
    );
  };
  return then === undefined ? toNumber : (value) => then(toNumber(value));
}

import type { ColumnCodec, SqliteValue } from './codecs.js';
import { untypedCodec } from './affinity-codecs.js';
import { roundTripJson } from './json-round-trip.js';
import { refusedValue } from './value-refusal.js';

/**
 * How a workflow's identifier is stored in the transition log: `entity_id` (no declared type)
 * holds text, numbers and bytes as they are, and `entity_id_type` says what else the identifier
 * was, so it reads back as that: a bigint (as a 64-bit integer, or as its digits past 64 bits),
 * a boolean (1 / 0), a Date (ISO-8601 text) or a JSON value (its text). NULL for the rest.
 */
export type EntityIdType = 'bigint' | 'boolean' | 'date' | 'json';

export const ENTITY_ID_TYPE_COLUMN = 'entity_id_type';

export interface StoredEntityId {
  readonly value: SqliteValue;
  readonly type: EntityIdType | null;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const plain = untypedCodec('');

/** `column` names the log's entity_id column for a refusal. */
export function storedEntityId(id: unknown, column: string): StoredEntityId {
  switch (typeof id) {
    case 'undefined':
      return { value: null, type: null };
    case 'bigint':
      return { value: id >= INT64_MIN && id <= INT64_MAX ? id : String(id), type: 'bigint' };
    case 'boolean':
      return { value: id ? 1 : 0, type: 'boolean' };
    case 'object':
      if (id === null || id instanceof Uint8Array) return { value: id, type: null };
      if (id instanceof Date) {
        if (Number.isNaN(id.getTime())) {
          throw refusedValue(column, '', id, 'it is an invalid Date', 'identify it otherwise');
        }
        return { value: id.toISOString(), type: 'date' };
      }
      return { value: roundTripJson(id, column, 'JSON'), type: 'json' };
    default:
      return { value: plain.encode(id, column), type: null };
  }
}

/** The identifier a log row stored, as it was logged. */
export function entityIdFrom(value: unknown, type: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (type as EntityIdType | null) {
    case 'bigint':
      return BigInt(value as string | number | bigint);
    case 'boolean':
      return Number(value) === 1;
    case 'date':
      return new Date(String(value));
    case 'json':
      return JSON.parse(String(value)) as unknown;
    default:
      return value;
  }
}

/**
 * The log's entity_id column: written only by the adapter (through `storedEntityId`), so it also
 * takes bigints, and reads integers as bigints until `entityIdFrom` knows what they were. An
 * integer no number holds stays a bigint rather than failing the read: rows logged before
 * entity_id_type existed have no type to say so.
 */
export const loggedEntityIdCodec: ColumnCodec = {
  encode: (value, column) => (typeof value === 'bigint' ? value : plain.encode(value, column)),
  decode: (value) => {
    if (typeof value !== 'bigint') return value;
    const number = Number(value);
    return Number.isSafeInteger(number) || BigInt(number) === value ? number : value;
  },
  readsBigints: true,
};

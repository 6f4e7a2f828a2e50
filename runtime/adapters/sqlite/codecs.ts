import {
  numericCodec,
  strictBlobCodec,
  strictIntegerCodec,
  strictRealCodec,
  textCodec,
  untypedCodec,
} from './affinity-codecs.js';
import { rowidCodec } from './rowid-codec.js';
import { bigintCodec, booleanCodec, datetimeCodec, jsonCodec } from './typed-codecs.js';
import type { ColumnCodec } from './column-codec.js';

/**
 * The codec for a column, from its declared type; `strict` for a STRICT table's columns,
 * `rowid` for the column that is the table's rowid (`INTEGER PRIMARY KEY`).
 */
export function codecFor(declaredType: string, strict = false, rowid = false): ColumnCodec {
  const declared = declaredType.trim();
  const upper = declared.toUpperCase();
  if (rowid) return rowidCodec(declared);
  if (strict) return strictCodecFor(declared, upper);
  switch (upper.replace(/\s*\(.*$/, '')) {
    case 'BOOLEAN':
    case 'BOOL':
      return booleanCodec(declared);
    case 'JSON':
      return jsonCodec(declared);
    case 'DATETIME':
    case 'TIMESTAMP':
      return datetimeCodec(declared);
    case 'BIGINT':
      return bigintCodec(declared);
  }
  // SQLite's affinity rules, in their order (https://sqlite.org/datatype3.html#determination_of_column_affinity).
  if (upper.includes('INT')) return numericCodec(declared);
  if (upper.includes('CHAR') || upper.includes('CLOB') || upper.includes('TEXT')) {
    return textCodec(declared);
  }
  if (upper === '' || upper.includes('BLOB')) return untypedCodec(declared);
  if (upper.includes('REAL') || upper.includes('FLOA') || upper.includes('DOUB')) {
    return { ...numericCodec(declared), holdsNoIntegers: true };
  }
  return numericCodec(declared);
}

/** A STRICT table's columns are one of INT, INTEGER, REAL, TEXT, BLOB, ANY. */
function strictCodecFor(declared: string, upper: string): ColumnCodec {
  switch (upper) {
    case 'INT':
    case 'INTEGER':
      return strictIntegerCodec(declared);
    case 'REAL':
      return strictRealCodec(declared);
    case 'TEXT':
      return textCodec(declared);
    case 'BLOB':
      return strictBlobCodec(declared);
    default:
      return untypedCodec(declared);
  }
}

import type { Filters, Row } from '../../orm-adapter.js';
import { MemoryAdapterError } from './memory-adapter-error.js';
import { sameObjectData, sameStoredValue } from './stored-value-equality.js';

function isPlainObject(value: unknown): value is Row {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an instance of ${value.constructor?.name ?? 'a class'}`;
  return `a ${typeof value}`;
}

function refusedValue(model: string, field: string, what: string, cause?: unknown): never {
  throw new MemoryAdapterError(
    `${model}.${field} holds ${what}, which cannot be stored (values are deep-copied in and out; functions, symbols and the field name __proto__ cannot be)`,
    cause,
  );
}

/**
 * What may be stored of a row or of an update's changes: an object whose object values are deep
 * copies (structuredClone), so nothing the caller holds is shared with the store. A new object
 * when `fresh` or when a value had to be copied; flat changes of primitives are checked and
 * returned as they are (their values are copied when they are assigned). Anything that is not a
 * plain object, or holds a value that cannot be copied, is refused before anything is written.
 */
export function copyIn(model: string, data: unknown, what: string, fresh: boolean): Row {
  if (!isPlainObject(data)) {
    throw new MemoryAdapterError(
      `${model}: ${what} must be a plain object of field values, got ${describeValue(data)}`,
    );
  }
  let row: Row | undefined = fresh ? { ...data } : undefined;
  for (const field in data) {
    // Assigning it would set the row's prototype (on update, and when a rollback restores a row).
    if (field === '__proto__') refusedValue(model, field, 'a value under a reserved name');
    const value = data[field];
    if (typeof value === 'object') {
      if (value === null) continue;
      row ??= { ...data };
      try {
        row[field] = structuredClone(value);
      } catch (cause) {
        refusedValue(model, field, `an object that cannot be copied`, cause);
      }
    } else if (typeof value === 'function' || typeof value === 'symbol') {
      refusedValue(model, field, `a ${typeof value}`);
    }
  }
  return row ?? data;
}

/** A caller's copy of a stored row (its values were checked when they were stored). */
export function copyOut(row: Row): Row {
  const out: Row = { ...row };
  for (const field in out) {
    const value = out[field];
    if (typeof value === 'object' && value !== null) out[field] = structuredClone(value);
  }
  return out;
}

/** Filters are equality on own fields; an undefined value is refused rather than guessed at. */
export function checkFilters(model: string, filters: Filters): void {
  if (typeof filters !== 'object' || filters === null) {
    throw new MemoryAdapterError(
      `${model}: filters must be an object, got ${describeValue(filters)}`,
    );
  }
  for (const field in filters) {
    if (filters[field] === undefined) {
      throw new MemoryAdapterError(
        `${model}: the filter on '${field}' is undefined, which would match every row or none; leave the field out, or filter on null`,
      );
    }
  }
}

/** Filters compare values as data (see `sameStoredValue`); primitives take the cheap branch. */
export function matches(row: Row, filters: Filters): boolean {
  for (const field in filters) {
    const wanted = filters[field];
    if (typeof wanted === 'object' && wanted !== null) {
      // Only an object can equal what a row inherits (__proto__), so the field must be its own.
      if (!Object.hasOwn(row, field) || !sameObjectData(row[field], wanted)) return false;
    } else if (!sameStoredValue(row[field], wanted)) {
      return false;
    }
  }
  return true;
}

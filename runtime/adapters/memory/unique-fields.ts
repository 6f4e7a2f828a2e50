import { UniqueViolationError } from '../../errors.js';
import type { Filters, Row } from '../../orm-adapter.js';
import { MemoryAdapterError } from './memory-adapter-error.js';
import { sameStoredValue } from './stored-value-equality.js';

/** null and undefined never clash, as NULLs do not in a UNIQUE column. */
const comparable = (value: unknown) => value !== undefined && value !== null;

/**
 * A Map key under which values equal by `sameStoredValue` meet: an integer number and a bigint
 * of the same value share one (the number when it is exact, so that a numeric identifier costs no
 * allocation). Objects (compared one by one), NaN (never equal), null and undefined (never
 * unique) get none.
 */
function primitiveKey(value: unknown): unknown {
  if (typeof value === 'object' || value === undefined || Number.isNaN(value)) return undefined;
  if (typeof value === 'bigint') {
    const number = Number(value);
    return Number.isSafeInteger(number) ? number : value;
  }
  return Number.isSafeInteger(value) || !Number.isInteger(value) ? value : BigInt(value as number);
}

function clash(model: string, field: string, value: unknown, detail: string): never {
  throw new UniqueViolationError(model, { [field]: value }, { detail });
}

/** One unique field of a model: its rows by primitive value, the way a database's index is. */
interface FieldIndex {
  readonly field: string;
  readonly rows: Map<unknown, Row>;
}

/**
 * The fields whose values must be unique within a model (its identifier, as described by the
 * runtime or the `keys` option), each with an index of the rows by value, so that a write checks
 * and a read by identifier finds its row without scanning the table. Checks run before a write,
 * so a refused write writes nothing; the store reports every change of a row's indexed values.
 */
export class UniqueFields {
  readonly #byModel = new Map<string, FieldIndex[]>();

  /** Adds `field` to `model`'s unique fields; `rows` (the model's table) must already agree. */
  describe(model: string, field: string, rows: readonly Row[]): void {
    if (typeof field !== 'string' || field === '') {
      throw new MemoryAdapterError(
        `${model}: the identifier field must be a non-empty string, got ${String(field)}`,
      );
    }
    const indexes = this.#byModel.get(model);
    if (indexes?.some((index) => index.field === field)) return;
    const index: FieldIndex = { field, rows: new Map() };
    const objects: unknown[] = [];
    for (const row of rows) {
      const value = row[field];
      if (!comparable(value)) continue;
      const key = primitiveKey(value);
      const shared =
        key === undefined
          ? objects.some((other) => sameStoredValue(other, value))
          : index.rows.has(key);
      if (shared) clash(model, field, value, 'two stored rows share it');
      if (key === undefined) objects.push(value);
      else index.rows.set(key, row);
    }
    if (indexes) indexes.push(index);
    else this.#byModel.set(model, [index]);
  }

  checkCreate(model: string, rows: readonly Row[], data: Row): void {
    for (const { field, rows: byValue } of this.#byModel.get(model) ?? []) {
      const value = data[field];
      if (!comparable(value)) continue;
      const key = primitiveKey(value);
      if (key !== undefined ? byValue.has(key) : this.#storedObject(rows, field, value)) {
        clash(model, field, value, 'create');
      }
    }
  }

  /** `matched` are the rows the update would change; `changes` must not make two rows share. */
  checkUpdate(model: string, rows: readonly Row[], matched: readonly Row[], changes: Row): void {
    for (const { field, rows: byValue } of this.#byModel.get(model) ?? []) {
      const value = changes[field];
      if (!comparable(value)) continue;
      if (matched.length > 1) clash(model, field, value, `update of ${matched.length} rows`);
      const key = primitiveKey(value);
      const holder =
        key !== undefined ? byValue.get(key) : this.#storedObject(rows, field, value, matched[0]);
      if (holder !== undefined && holder !== matched[0]) clash(model, field, value, 'update');
    }
  }

  /**
   * The one row `filters` can match when they hold a unique field's primitive value (null when
   * none holds it); undefined when no index answers them, and the table must be scanned.
   */
  lookup(model: string, filters: Filters): Row | null | undefined {
    const indexes = this.#byModel.get(model);
    if (indexes === undefined) return undefined;
    for (const { field, rows } of indexes) {
      if (!Object.hasOwn(filters, field)) continue;
      const key = primitiveKey(filters[field]);
      if (key !== undefined) return rows.get(key) ?? null;
    }
    return undefined;
  }

  /** Whether `model` has an index that a change of `changes`' fields would touch. */
  touches(model: string, changes: Row): boolean {
    for (const { field } of this.#byModel.get(model) ?? []) {
      if (Object.hasOwn(changes, field)) return true;
    }
    return false;
  }

  added(model: string, row: Row): void {
    for (const { field, rows } of this.#byModel.get(model) ?? []) {
      const key = primitiveKey(row[field]);
      if (key !== undefined) rows.set(key, row);
    }
  }

  removed(model: string, row: Row): void {
    for (const { field, rows } of this.#byModel.get(model) ?? []) {
      const key = primitiveKey(row[field]);
      if (key !== undefined && rows.get(key) === row) rows.delete(key);
    }
  }

  /** `row` changed in place; `before` is a copy of it as it was. */
  changed(model: string, row: Row, before: Row): void {
    for (const { field, rows } of this.#byModel.get(model) ?? []) {
      const old = primitiveKey(before[field]);
      if (old !== undefined && rows.get(old) === row) rows.delete(old);
      const key = primitiveKey(row[field]);
      if (key !== undefined) rows.set(key, row);
    }
  }

  /** Every row of `model` changed at once (a delete or its undo). */
  rebuilt(model: string, table: readonly Row[]): void {
    for (const { field, rows } of this.#byModel.get(model) ?? []) {
      rows.clear();
      for (const row of table) {
        const key = primitiveKey(row[field]);
        if (key !== undefined) rows.set(key, row);
      }
    }
  }

  /** A stored row (other than `except`) whose object value in `field` equals `value`. */
  #storedObject(
    rows: readonly Row[],
    field: string,
    value: unknown,
    except?: Row,
  ): Row | undefined {
    return rows.find((row) => row !== except && sameStoredValue(row[field], value));
  }
}

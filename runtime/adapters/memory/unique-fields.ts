import { UniqueViolationError } from '../../errors.js';
import type { Row } from '../../orm-adapter.js';
import { MemoryAdapterError } from './memory-adapter-error.js';
import { sameStoredValue } from './stored-value-equality.js';

/** null and undefined never clash, as NULLs do not in a UNIQUE column. */
const comparable = (value: unknown) => value !== undefined && value !== null;

/**
 * A Set key under which values equal by `sameStoredValue` meet: an integer number and a bigint
 * of the same value share one. Objects (compared one by one) and NaN (never equal) get none.
 */
function primitiveKey(value: unknown): unknown {
  if (typeof value === 'object' || Number.isNaN(value)) return undefined;
  return Number.isInteger(value) ? BigInt(value as number) : value;
}

function clash(model: string, field: string, value: unknown, detail: string): never {
  throw new UniqueViolationError(model, { [field]: value }, { detail });
}

/**
 * The fields whose values must be unique within a model (its identifier, as described by the
 * runtime or the `keys` option). Checks run before a write, so a refused write writes nothing.
 */
export class UniqueFields {
  readonly #byModel = new Map<string, string[]>();

  /** Adds `field` to `model`'s unique fields; `rows` (the model's table) must already agree. */
  describe(model: string, field: string, rows: readonly Row[]): void {
    if (typeof field !== 'string' || field === '') {
      throw new MemoryAdapterError(
        `${model}: the identifier field must be a non-empty string, got ${String(field)}`,
      );
    }
    const fields = this.#byModel.get(model);
    if (fields?.includes(field)) return;
    const seen = new Set<unknown>();
    const objects: unknown[] = [];
    for (const row of rows) {
      const value = row[field];
      if (!comparable(value)) continue;
      const key = primitiveKey(value);
      const shared =
        key === undefined ? objects.some((other) => sameStoredValue(other, value)) : seen.has(key);
      if (shared) clash(model, field, value, 'two stored rows share it');
      if (key === undefined) objects.push(value);
      else seen.add(key);
    }
    if (fields) fields.push(field);
    else this.#byModel.set(model, [field]);
  }

  checkCreate(model: string, rows: readonly Row[], data: Row): void {
    const fields = this.#byModel.get(model);
    if (!fields) return;
    for (const field of fields) {
      const value = data[field];
      if (!comparable(value)) continue;
      for (const row of rows) {
        if (sameStoredValue(row[field], value)) clash(model, field, value, 'create');
      }
    }
  }

  /** `matched` are the rows the update would change; `changes` must not make two rows share. */
  checkUpdate(model: string, rows: readonly Row[], matched: readonly Row[], changes: Row): void {
    const fields = this.#byModel.get(model);
    if (!fields) return;
    for (const field of fields) {
      const value = changes[field];
      if (!comparable(value)) continue;
      if (matched.length > 1) clash(model, field, value, `update of ${matched.length} rows`);
      for (const row of rows) {
        if (row !== matched[0] && sameStoredValue(row[field], value)) {
          clash(model, field, value, 'update');
        }
      }
    }
  }
}

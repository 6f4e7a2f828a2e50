import { UniqueViolationError } from '../../errors.js';
import type { Row } from '../orm-adapter.js';
import { MemoryAdapterError } from './memory-adapter-error.js';

/** null and undefined never clash, as NULLs do not in a UNIQUE column. */
const comparable = (value: unknown) => value !== undefined && value !== null;

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
    for (const row of rows) {
      const value = row[field];
      if (!comparable(value)) continue;
      if (seen.has(value)) clash(model, field, value, 'two stored rows share it');
      seen.add(value);
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
      for (const row of rows) if (row[field] === value) clash(model, field, value, 'create');
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
        if (row !== matched[0] && row[field] === value) clash(model, field, value, 'update');
      }
    }
  }
}

import type { Row } from './adapters/orm-adapter.js';
import type { CompiledMachine } from './compiled-machine.js';
import { deepCopy } from './deep-copy.js';
import { UsageError } from './errors.js';

function isPlainObject(value: unknown): value is Row {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Checks the data a caller passes to `transitionTo` — model name → fields of that model — and
 * returns a deep copy that handlers may change without touching the caller's objects.
 */
export function prepareData(
  compiled: CompiledMachine,
  to: string,
  data: unknown,
): Record<string, Row> {
  if (data === undefined || data === null) return {};
  const where = `${compiled.name}: transition data for '${to}'`;
  if (!isPlainObject(data)) {
    throw new UsageError(`${where} must be an object of model name → fields, got ${kind(data)}`, {
      machine: compiled.name,
    });
  }
  const copy: Record<string, Row> = {};
  for (const model of Object.keys(data)) {
    const fields = data[model];
    if (!Object.hasOwn(compiled.config.models, model)) {
      throw new UsageError(
        `${where} names '${model}', which is not a model of ${compiled.name} (models: ${compiled.modelNames.join(', ')})`,
        { machine: compiled.name },
      );
    }
    if (fields === undefined) continue;
    if (!isPlainObject(fields)) {
      throw new UsageError(`${where}: ${model} must be an object of fields, got ${kind(fields)}`, {
        machine: compiled.name,
      });
    }
    if (Object.hasOwn(fields, '__proto__')) {
      throw new UsageError(
        `${where}: ${model} has a field named '__proto__', which no row can hold`,
        {
          machine: compiled.name,
        },
      );
    }
    // Model names are the machine's own keys, checked above, never `__proto__`.
    copy[model] = deepCopy(fields);
  }
  return copy;
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `a ${value.constructor?.name ?? 'object'}`;
  return `a ${typeof value} (${JSON.stringify(value)})`;
}

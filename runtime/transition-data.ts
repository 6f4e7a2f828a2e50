import type { Row } from './orm-adapter.js';
import type { CompiledMachine } from './compiled-machine.js';
import { deepCopy } from './deep-copy.js';
import { UsageError } from './errors.js';
import { show } from './message-value.js';

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
  assertDataShape(compiled, to, data);
  const copy: Record<string, Row> = {};
  for (const model of Object.keys(data)) {
    const fields = data[model];
    // Model names are the machine's own keys, checked above, never `__proto__`.
    if (fields !== undefined) copy[model] = deepCopy(fields);
  }
  return copy;
}

/**
 * Data is an object of model name → plain object of fields, with no `__proto__` field. Checked
 * when `transitionTo` is called and again after pre-transition handlers, which may change it.
 */
export function assertDataShape(
  compiled: CompiledMachine,
  to: string,
  data: unknown,
): asserts data is Record<string, Row | undefined> {
  const where = `${compiled.name}: transition data for '${to}'`;
  const refuse = (message: string) => new UsageError(message, { machine: compiled.name });
  if (!isPlainObject(data)) {
    throw refuse(`${where} must be an object of model name → fields, got ${kind(data)}`);
  }
  for (const model of Object.keys(data)) {
    const fields = data[model];
    if (!Object.hasOwn(compiled.config.models, model)) {
      throw refuse(
        `${where} names '${model}', which is not a model of ${compiled.name} (models: ${compiled.modelNames.join(', ')})`,
      );
    }
    if (fields === undefined) continue;
    if (!isPlainObject(fields)) {
      throw refuse(`${where}: ${model} must be an object of fields, got ${kind(fields)}`);
    }
    if (Object.hasOwn(fields, '__proto__')) {
      throw refuse(`${where}: ${model} has a field named '__proto__', which no row can hold`);
    }
  }
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    const name: unknown = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === 'string' && name !== 'Object'
      ? `an instance of ${name}`
      : 'an object with a prototype of its own';
  }
  return `a ${typeof value} (${show(value)})`;
}

const NO_METADATA: Readonly<Record<string, unknown>> = Object.freeze({});

/** `transitionTo`'s options: `{ metadata? }`, the metadata a plain object, copied. */
export function transitionMetadata(
  compiled: CompiledMachine,
  to: string,
  options: unknown,
): Readonly<Record<string, unknown>> {
  if (options === undefined) return NO_METADATA;
  const refuse = (got: string) =>
    new UsageError(
      `${compiled.name}: transitionTo('${to}', data, options): options must be { metadata?: a plain object }, got ${got}`,
      { machine: compiled.name },
    );
  if (!isPlainObject(options)) throw refuse(kind(options));
  const unknown = Object.keys(options).filter((key) => key !== 'metadata');
  if (unknown.length > 0) throw refuse(`an option named '${unknown[0]}'`);
  const metadata = options['metadata'];
  if (metadata === undefined) return NO_METADATA;
  if (!isPlainObject(metadata) || Object.hasOwn(metadata, '__proto__'))
    throw refuse(kind(metadata));
  return deepCopy(metadata);
}

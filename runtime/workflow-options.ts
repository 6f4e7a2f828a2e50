import type { CompiledMachine } from './compiled-machine.js';
import { deepCopy } from './deep-copy.js';
import { UsageError, type HandlerError } from './errors.js';
import type { MachineTypes } from './machine-types.js';
import type { ORMAdapter, ReadOptions, Row } from './orm-adapter.js';
import { checkRetry, type RetryOptions } from './retry.js';
import { missingKeyFields } from './row-key-fields.js';
import type { InstanceTable } from './workflow-state.js';
import { show } from './message-value.js';

interface CommonOptions {
  readonly adapter: ORMAdapter;
  /** Called for each afterCommit handler that throws; the commit stands. Default: console.error. */
  readonly onAfterCommitError?: (error: HandlerError) => void;
}

/** `run`'s options: the adapter, and the context (required when it has a required entry). */
export type RunOptions<T extends MachineTypes> = CommonOptions & T['contextOption'];

/** `load`'s options: the primary row's id, the context as for `run`, other rows if you have them. */
export type LoadOptions<T extends MachineTypes> = CommonOptions &
  T['contextOption'] & {
    /** The primary model's identifier. */
    readonly id: unknown;
    /** Rows of other models this workflow works on, keyed by model name (re-read before written). */
    readonly instances?: Partial<T['models']>;
    /**
     * Run the callback again, in a fresh transaction, when the workflow meets a conflict
     * (`ConcurrentTransitionError`, or an adapter's serialization failure or deadlock).
     */
    readonly retry?: RetryOptions;
    /**
     * On a server database the rows `load` reads are locked until the workflow ends (`SELECT … FOR
     * UPDATE`), so two loads of one workflow run one after the other. `'nowait'` fails at once
     * with `ConcurrentTransitionError` (a `DatabaseConflictError`) when another holds the lock.
     * Default `'wait'`.
     */
    readonly lock?: 'wait' | 'nowait';
  };

/** What `run` and `load` both take, as checked. */
export interface CheckedOptions {
  readonly adapter: ORMAdapter;
  readonly context?: unknown;
  readonly onAfterCommitError?: ((error: HandlerError) => void) | undefined;
}

/** What `load` takes besides, as checked. */
export interface CheckedLoadOptions {
  readonly id: unknown;
  /** Rows of non-primary models passed in `instances`, deep copies. */
  readonly instances: InstanceTable;
  readonly retry: RetryOptions | undefined;
  readonly lock: ReadOptions;
}

/** `options` is an object whose `adapter` is an adapter; `method` names the call in the error. */
export function assertAdapterOption(
  compiled: CompiledMachine,
  method: string,
  options: unknown,
): asserts options is { readonly adapter: ORMAdapter } {
  const where = `${compiled.name}.${method}`;
  if (typeof options !== 'object' || options === null) {
    throw new UsageError(`${where}: options must be an object with an adapter`, {
      machine: compiled.name,
    });
  }
  const adapter = (options as { adapter?: unknown }).adapter;
  if (typeof (adapter as ORMAdapter | null | undefined)?.transaction !== 'function') {
    throw new UsageError(
      `${where}: options.adapter must be an ORMAdapter (MemoryAdapter, SqliteAdapter, a transaction handle…), got ${adapter === null ? 'null' : typeof adapter}`,
      { machine: compiled.name },
    );
  }
}

/** `options.id`, the primary row's identifier `load` and `history` take, is given. */
export function assertIdOption(compiled: CompiledMachine, method: string, id: unknown): void {
  if (id === undefined || id === null) {
    throw new UsageError(
      `${compiled.name}.${method}: options.id must be the ${compiled.primaryModel}'s ${compiled.primary.identifierField}, got ${String(id)}`,
      { machine: compiled.name },
    );
  }
}

/** Refuses what `run`/`load` cannot work with before anything is opened. */
export function assertWorkflowArguments(
  compiled: CompiledMachine,
  method: string,
  options: unknown,
  fn: unknown,
): asserts options is CheckedOptions {
  assertAdapterOption(compiled, method, options);
  if (typeof fn !== 'function') {
    throw new UsageError(
      `${compiled.name}.${method}: the second argument must be the workflow callback, got ${typeof fn}`,
      { machine: compiled.name },
    );
  }
}

/** `load`'s own options, checked; throws `UsageError` naming the first one that is wrong. */
export function checkLoadOptions(compiled: CompiledMachine, options: object): CheckedLoadOptions {
  const given = options as { id?: unknown; instances?: unknown; retry?: unknown; lock?: unknown };
  const { id } = given;
  assertIdOption(compiled, 'load', id);
  return {
    id,
    instances: givenInstances(compiled, given.instances),
    retry: checkRetry(compiled, given.retry),
    lock: checkLock(compiled, given.lock),
  };
}

/** Rows of non-primary models a caller passes to `load` in `instances`, checked and copied. */
function givenInstances(compiled: CompiledMachine, given: unknown): InstanceTable {
  const table: InstanceTable = {};
  if (given === undefined) return table;
  const refuse = (message: string) =>
    new UsageError(`${compiled.name}.load: instances ${message}`, { machine: compiled.name });
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw refuse('must be an object of model name → row');
  }
  for (const model of Object.keys(given)) {
    const row = (given as Record<string, unknown>)[model];
    if (row === undefined) continue;
    if (!Object.hasOwn(compiled.config.models, model)) {
      throw refuse(`names '${model}', which is not a model of ${compiled.name}`);
    }
    if (model === compiled.primaryModel) {
      throw refuse(`holds ${model}, the primary model: load reads it by its id`);
    }
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw refuse(`.${model} must be a ${model} row`);
    }
    const missing = missingKeyFields(compiled, model, row as Row);
    if (missing !== undefined) throw refuse(`.${model}: ${missing}`);
    table[model] = deepCopy(row as Row);
  }
  return table;
}

const WAIT: ReadOptions = Object.freeze({ lock: 'wait' });
const NOWAIT: ReadOptions = Object.freeze({ lock: 'nowait' });

/** `load`'s `lock` option, as the read options `load` passes the adapter. */
function checkLock(compiled: CompiledMachine, lock: unknown): ReadOptions {
  if (lock === undefined || lock === 'wait') return WAIT;
  if (lock === 'nowait') return NOWAIT;
  throw new UsageError(
    `${compiled.name}.load: lock must be 'wait' or 'nowait', got ${show(lock)}`,
    { machine: compiled.name },
  );
}

import type { ORMAdapter, Row, SyncAdapterOps } from './adapters/orm-adapter.js';
import type { CompiledMachine } from './compiled-machine.js';
import type { InstanceTable } from './context.js';
import { ConcurrentTransitionError, StateMachineError } from './errors.js';
import type { StateValue } from './machine-config.js';
import { isThenable, type Steps } from './step-driver.js';

/** The writes step 4 makes: an adapter's own (promises) or its synchronous twins. */
export type StateWriter = Pick<ORMAdapter, 'create' | 'update'> | SyncAdapterOps;

/**
 * May this workflow create `model` on entering `to`? A fresh workflow creates what it has not got;
 * a loaded one only creates a model on entering the state its `instanceOf` entry names, since any
 * other missing instance exists already and must be passed in rather than duplicated.
 */
function mayCreate(compiled: CompiledMachine, model: string, to: string, loaded: boolean): boolean {
  if (!loaded) return true;
  return Object.values(compiled.config.context ?? {}).some(
    (entry) => entry.kind === 'instance' && entry.model === model && entry.createdIn === to,
  );
}

/**
 * The default state write (step 4): per model the target maps, create the row on first entry or
 * update it by compare-and-set on the state value this workflow last saw. Data for a model the
 * target does not map updates that model's existing row without touching its state.
 */
export function* writeStateSteps(
  compiled: CompiledMachine,
  db: StateWriter,
  instances: InstanceTable,
  from: string | null,
  to: string,
  data: Record<string, unknown>,
  loaded: boolean,
): Steps<void> {
  const target = compiled.config.states[to];
  if (!target) throw new StateMachineError(`${compiled.name}: unknown state '${to}'`);
  for (const model in target.models) {
    const value = target.models[model] as StateValue;
    const { stateField, identifierField } = modelConfig(compiled, model);
    const fields = (data[model] ?? {}) as Row;
    const current = instances[model];
    // Copied key by key: `{ ...fields, [stateField]: value }`, or a spread then a store, puts V8 on
    // a path several times slower, once per model per transition.
    const changes: Row = {};
    for (const key in fields) changes[key] = fields[key];
    changes[stateField] = value;
    if (!current) {
      if (!mayCreate(compiled, model, to, loaded)) {
        throw new StateMachineError(
          `${compiled.name}: '${to}' maps ${model}, but this loaded workflow has no ${model} instance; pass it to load() in 'instances' (or through its instanceOf context entry)`,
          { machine: compiled.name },
        );
      }
      const created = db.create(model, changes);
      instances[model] = isThenable(created) ? ((yield created) as Row) : created;
      continue;
    }
    const id = current[identifierField];
    const expected = current[stateField];
    const filters = { [identifierField]: id, [stateField]: expected };
    const updated = db.update(model, filters, changes);
    const count = isThenable(updated) ? ((yield updated) as number) : updated;
    if (count === 0) {
      throw new ConcurrentTransitionError(compiled.name, model, id, from, to, expected);
    }
    instances[model] = { ...current, ...changes };
  }
  for (const model in data) {
    const fields = data[model];
    if (model in target.models || fields === undefined) continue;
    const current = instances[model];
    if (!current) {
      throw new StateMachineError(
        `${compiled.name}: data was given for ${model}, which '${to}' does not map and this workflow has no instance of`,
        { machine: compiled.name },
      );
    }
    const { identifierField } = modelConfig(compiled, model);
    const id = current[identifierField];
    const updated = db.update(model, { [identifierField]: id }, fields as Row);
    if (isThenable(updated)) yield updated;
    instances[model] = { ...current, ...(fields as Row) };
  }
}

function modelConfig(compiled: CompiledMachine, model: string) {
  const config = compiled.config.models[model];
  if (!config) throw new StateMachineError(`${compiled.name}: unknown model '${model}'`);
  return config;
}

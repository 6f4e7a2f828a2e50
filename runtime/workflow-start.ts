import type { ORMAdapter, ReadOptions, Row } from './orm-adapter.js';
import type { CompiledMachine } from './compiled-machine.js';
import { missingKeyFields, type InstanceTable } from './context-input.js';
import { deepCopy } from './deep-copy.js';
import { ObjectNotFound, StateMachineError, StateValidityError, UsageError } from './errors.js';
import type { WorkflowStart } from './workflow-state.js';

/** Rows of non-primary models a caller passes to `load` in `instances`, checked and copied. */
export function givenInstances(compiled: CompiledMachine, given: unknown): InstanceTable {
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

/**
 * What a loaded workflow starts with, read inside its transaction: the primary row by its id (its
 * state field says where the workflow is), then each model with `linkedBy` not passed in, by the
 * primary's id. Rows passed in are kept as the caller's, to be re-read before they are written.
 */
export async function loadStart(
  compiled: CompiledMachine,
  tx: ORMAdapter,
  id: unknown,
  values: Record<string, unknown>,
  outside: InstanceTable,
  lock: ReadOptions,
): Promise<WorkflowStart> {
  const { primaryModel, primary, name } = compiled;
  const filters = { [primary.identifierField]: id };
  let row: Row;
  try {
    row = await tx.get(primaryModel, filters, lock);
  } catch (error) {
    if (error instanceof ObjectNotFound && error.machine === undefined) {
      throw new ObjectNotFound(primaryModel, filters, name);
    }
    throw error;
  }
  const value = row[primary.stateField];
  const state = compiled.stateByPrimaryValue.get(value as never);
  if (state === undefined) {
    throw new StateValidityError(name, primaryModel, id, value, [
      ...compiled.stateByPrimaryValue.keys(),
    ]);
  }
  const instances: InstanceTable = { [primaryModel]: row };
  const outsideRows = new Map<string, Row>();
  for (const model of Object.keys(outside)) {
    instances[model] = outside[model] as Row;
    outsideRows.set(model, deepCopy(outside[model] as Row));
  }
  const absent: string[] = [];
  for (const model of compiled.modelNames) {
    const linkedBy = compiled.config.models[model]?.linkedBy;
    if (linkedBy === undefined || model === primaryModel || Object.hasOwn(instances, model))
      continue;
    const rows = await tx.filter(model, { [linkedBy]: row[primary.identifierField] }, lock);
    if (rows.length === 0) absent.push(model);
    else if (rows.length === 1) instances[model] = rows[0] as Row;
    else {
      throw new StateMachineError(
        `${name}: ${primaryModel} ${JSON.stringify(id)} has ${rows.length} ${model} rows linked by ${linkedBy}; a workflow has one. Pass the one to use in load()'s instances`,
        { machine: name },
      );
    }
  }
  return { state, values, instances, outsideRows, absent };
}

/** What a fresh workflow starts with: no state, the rows passed through `instanceOf` entries. */
export function runStart(values: Record<string, unknown>, outside: InstanceTable): WorkflowStart {
  const instances: InstanceTable = {};
  const outsideRows = new Map<string, Row>();
  for (const model of Object.keys(outside)) {
    instances[model] = outside[model] as Row;
    outsideRows.set(model, deepCopy(outside[model] as Row));
  }
  return { state: null, values, instances, outsideRows, absent: [] };
}

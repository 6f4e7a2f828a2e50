import type { ORMAdapter, ReadOptions, Row } from './orm-adapter.js';
import type { CompiledMachine } from './compiled-machine.js';
import { deepCopy } from './deep-copy.js';
import { ObjectNotFound, StateMachineError, StateValidityError } from './errors.js';
import type { InstanceTable, WorkflowStart } from './workflow-state.js';
import { show } from './message-value.js';

/** What `load` reads its workflow by. */
export interface LoadRequest {
  readonly compiled: CompiledMachine;
  /** The primary row's identifier. */
  readonly id: unknown;
  /** The context's checked values. */
  readonly values: Record<string, unknown>;
  /** Rows passed in (through `instanceOf` entries or `instances`), to be re-read before written. */
  readonly outside: InstanceTable;
  readonly lock: ReadOptions;
}

/**
 * What a loaded workflow starts with, read inside its transaction: the primary row by its id (its
 * state field says where the workflow is), then each model with `linkedBy` not passed in, by the
 * primary's id. Rows passed in are kept as the caller's, to be re-read before they are written.
 */
export async function loadStart(tx: ORMAdapter, request: LoadRequest): Promise<WorkflowStart> {
  const { compiled, id, values, outside, lock } = request;
  const { primaryModel, primary, name } = compiled;
  const filters = { [primary.identifierField]: id };
  // Before the read: an adapter without a schema may then find the row by identifier. Only the
  // primary model: describing makes its identifier unique, which a model load never reads by
  // identifier need not be.
  tx.describeModel?.(primaryModel, primary);
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
        `${name}: ${primaryModel} ${show(id)} has ${rows.length} ${model} rows linked by ${linkedBy}; a workflow has one. Pass the one to use in load()'s instances`,
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

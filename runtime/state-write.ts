import type { ORMAdapter, Row, SyncAdapterOps } from './orm-adapter.js';
import { modelConfigOf, type CompiledMachine } from './compiled-machine.js';
import { ConcurrentTransitionError, StateMachineError } from './errors.js';
import type { ModelConfig } from './machine-config.js';
import { assertIdentified, assertLinkedToPrimary, ownFieldsChecked } from './own-fields.js';
import { isThenable, type Steps } from './step-driver.js';
import type { WorkflowState } from './workflow-state.js';
import { show } from './message-value.js';

/** The operations the state write uses: an adapter's own (promises) or its synchronous twins. */
export type StateWriter =
  Pick<ORMAdapter, 'create' | 'update' | 'get' | 'recordTransition'> | SyncAdapterOps;

/**
 * May this workflow create `model` on entering `to`? A fresh workflow creates what it has not got.
 * A loaded one creates a model only where its `instanceOf` entry says it is created, or when it
 * looked for the row through `linkedBy` and found none: any other missing row may exist already
 * and must be passed in rather than duplicated.
 */
function mayCreate(wf: WorkflowState, model: string, to: string): boolean {
  if (!wf.loaded) return true;
  return wf.absent.has(model) || (wf.compiled.createdIn.get(model)?.has(to) ?? false);
}

/**
 * The compare-and-set filter for one row (identifier, state, version), and its changes put into
 * `changes` (its fields, the version incremented): two objects, no wrapper around them.
 */
function guardedWrite(
  config: ModelConfig,
  current: Row,
  stateFilter: boolean,
  fields: Row,
  changes: Row,
): Row {
  const filters: Row = { [config.identifierField]: current[config.identifierField] };
  if (stateFilter) filters[config.stateField] = current[config.stateField];
  // Copied key by key: a spread then a keyed store puts V8 on a path several times slower.
  for (const key of Object.keys(fields)) changes[key] = fields[key];
  const { versionField } = config;
  if (versionField !== undefined) {
    const version = current[versionField];
    filters[versionField] = version;
    changes[versionField] = typeof version === 'bigint' ? version + 1n : Number(version ?? 0) + 1;
  }
  return filters;
}

/** `{ ...row, ...changes }`, key by key: a spread of two rows is several times slower in V8. */
function merged(row: Row, changes: Row): Row {
  const next: Row = {};
  for (const key of Object.keys(row)) next[key] = row[key];
  for (const key of Object.keys(changes)) next[key] = changes[key];
  return next;
}

function createFields(
  compiled: CompiledMachine,
  wf: WorkflowState,
  model: string,
  config: ModelConfig,
  fields: Row,
): Row {
  const row: Row = {};
  for (const key of Object.keys(fields)) row[key] = fields[key];
  if (config.versionField !== undefined && row[config.versionField] === undefined) {
    row[config.versionField] = 1;
  }
  const primary = wf.instanceTable[compiled.primaryModel];
  if (config.linkedBy !== undefined && primary) {
    const primaryId = primary[compiled.primary.identifierField];
    if (row[config.linkedBy] === undefined) row[config.linkedBy] = primaryId;
    else assertLinkedToPrimary(compiled, model, config, row, primaryId);
  }
  return row;
}

/**
 * The default state write: per model the target maps (the primary first), create the row on first
 * entry or update it by compare-and-set on the state value this workflow last saw, and on the
 * version it holds when the model has a `versionField`. Data for a model the target does not map
 * updates that model's existing row without touching its state (still version-checked).
 */
export function* writeState(
  wf: WorkflowState,
  tx: ORMAdapter,
  db: StateWriter,
  to: string,
  data: Readonly<Record<string, Row>>,
): Steps<void> {
  const { compiled } = wf;
  const instances = wf.instanceTable;
  const target = compiled.config.states[to];
  if (!target) throw new StateMachineError(`${compiled.name}: unknown state '${to}'`);
  for (const { model, config, value } of compiled.writes.get(to) ?? []) {
    const fields: Row = Object.hasOwn(data, model) ? (data[model] as Row) : {};
    const current = Object.hasOwn(instances, model) ? instances[model] : undefined;
    if (!current) {
      if (!mayCreate(wf, model, to)) {
        throw new StateMachineError(
          `${compiled.name}: '${to}' maps ${model}, but this loaded workflow has no ${model} instance; pass it to load() in 'instances'${config.linkedBy === undefined ? `, or declare linkedBy on ${model} so load() reads it` : ''}`,
          { machine: compiled.name },
        );
      }
      const row = createFields(compiled, wf, model, config, fields);
      row[config.stateField] = value;
      tx.describeModel?.(model, { identifierField: config.identifierField });
      const created = db.create(model, row);
      const stored = isThenable(created) ? ((yield created) as Row) : created;
      assertIdentified(compiled, model, config, stored);
      instances[model] = stored;
      continue;
    }
    const own = ownFieldsChecked(compiled, model, config, fields, current, value, wf.state, to);
    const changes: Row = {};
    const filters = guardedWrite(config, current, true, own, changes);
    changes[config.stateField] = value;
    const updated = db.update(model, filters, changes);
    const count = isThenable(updated) ? ((yield updated) as number) : updated;
    if (count === 0) {
      const expected = current[config.stateField];
      throw new ConcurrentTransitionError(
        compiled.name,
        model,
        current[config.identifierField],
        wf.state,
        to,
        expected,
        config.versionField === undefined
          ? undefined
          : {
              message: `expected its state field to be ${show(expected)} and ${config.versionField} ${String(current[config.versionField])}`,
            },
      );
    }
    instances[model] = merged(current, changes);
  }
  for (const model of Object.keys(data)) {
    if (Object.hasOwn(target.models, model)) continue;
    const current = Object.hasOwn(instances, model) ? instances[model] : undefined;
    if (!current) {
      throw new StateMachineError(
        `${compiled.name}: data was given for ${model}, which '${to}' does not map and this workflow has no instance of`,
        { machine: compiled.name },
      );
    }
    const config = modelConfigOf(compiled, model);
    const fields = data[model] as Row;
    const stateNow = current[config.stateField];
    const own = ownFieldsChecked(compiled, model, config, fields, current, stateNow, wf.state, to);
    const changes: Row = {};
    const filters = guardedWrite(config, current, false, own, changes);
    const updated = db.update(model, filters, changes);
    const count = isThenable(updated) ? ((yield updated) as number) : updated;
    if (count === 0) {
      throw new ConcurrentTransitionError(
        compiled.name,
        model,
        current[config.identifierField],
        wf.state,
        to,
        undefined,
        { message: 'its row matched nothing when its fields were written' },
      );
    }
    instances[model] = merged(current, changes);
  }
}

import type { Row } from './orm-adapter.js';
import type { CompiledMachine } from './compiled-machine.js';
import { ConcurrentTransitionError, UsageError } from './errors.js';
import type { ModelConfig } from './machine-config.js';
import { sameData } from './row-difference.js';
import { show } from './message-value.js';

/**
 * Data for a row that exists may change its fields, not what the runtime owns. The identifier may
 * be given only as it is (the row would otherwise leave the workflow); the version only as the
 * row holds it — a caller passing the version it read gets the compare-and-set it expects, and a
 * stale one is a `ConcurrentTransitionError`; the state field only as the value it is about to get;
 * a `linkedBy` field only as it is. Returns the fields without those.
 */
export function ownFieldsChecked(
  compiled: CompiledMachine,
  model: string,
  config: ModelConfig,
  fields: Row,
  current: Row,
  stateValue: unknown,
  from: string | null,
  to: string,
): Row {
  const { identifierField: id, versionField: version, stateField: state, linkedBy } = config;
  // The common case first, without allocating: data names none of these.
  if (
    !Object.hasOwn(fields, id) &&
    !Object.hasOwn(fields, state) &&
    (version === undefined || !Object.hasOwn(fields, version)) &&
    (linkedBy === undefined || !Object.hasOwn(fields, linkedBy))
  ) {
    return fields;
  }
  const given = (field: string | undefined): field is string =>
    field !== undefined && Object.hasOwn(fields, field);
  const refuse = (field: string, why: string) =>
    new UsageError(`${compiled.name}: transition data may not set ${model}.${field}: ${why}`, {
      machine: compiled.name,
    });
  if (given(id) && !sameData(fields[id], current[id])) {
    throw refuse(id, 'it identifies the row, which would leave the workflow');
  }
  if (given(linkedBy) && !sameData(fields[linkedBy], current[linkedBy])) {
    throw refuse(linkedBy, 'it links the row to its workflow, which it would leave');
  }
  if (given(state) && !sameData(fields[state], stateValue)) {
    throw refuse(state, `the transition to '${to}' sets it to ${show(stateValue)}`);
  }
  if (given(version) && !sameData(fields[version], current[version])) {
    throw new ConcurrentTransitionError(compiled.name, model, current[id], from, to, undefined, {
      message: `the ${version} passed (${String(fields[version])}) is not the row's (${String(current[version])}); read it again and retry`,
    });
  }
  const rest: Row = {};
  for (const key of Object.keys(fields)) {
    if (key !== id && key !== version && key !== state && key !== linkedBy) rest[key] = fields[key];
  }
  return rest;
}

/** A created row must come back identified, or the workflow could never find it again. */
export function assertIdentified(
  compiled: CompiledMachine,
  model: string,
  config: ModelConfig,
  row: Row,
): void {
  const id = row[config.identifierField];
  if (id === undefined || id === null) {
    throw new UsageError(
      `${compiled.name}: the created ${model} has no identifier (${model}.${config.identifierField} is ${String(id)}); give it one in the transition data, or let the database assign it`,
      { machine: compiled.name },
    );
  }
}

/** A created linked row must link to this workflow's primary row, which the runtime fills in. */
export function assertLinkedToPrimary(
  compiled: CompiledMachine,
  model: string,
  config: ModelConfig,
  row: Row,
  primaryId: unknown,
): void {
  const { linkedBy } = config;
  if (linkedBy === undefined || sameData(row[linkedBy], primaryId)) return;
  throw new UsageError(
    `${compiled.name}: the created ${model} must link to this workflow's ${compiled.primaryModel} ${show(primaryId)} (${model}.${linkedBy}), not ${show(row[linkedBy])}; leave ${linkedBy} out and it is filled in`,
    { machine: compiled.name },
  );
}

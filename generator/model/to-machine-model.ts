import type { ParseResult } from '../definition/parse-result.js';
import { keySpanAt } from '../definition/span-index.js';
import type { SourceSpan } from '../diagnostics/diagnostic.js';
import type { ValidContextEntry, ValidDefinition, ValidState } from './definition-schema.js';
import { durationLabel, readDuration } from './timer-duration.js';
import type {
  ContextEntryModel,
  MachineModel,
  ModelModel,
  StateModel,
  TimerModel,
} from '../definition/machine-model.js';
import type { TypeReference } from '../definition/type-reference.js';

/** Builds the model of a definition that passed every rule, so nothing here can fail. */
export function toMachineModel(definition: ValidDefinition, parsed: ParseResult): MachineModel {
  const spanOf = (path: readonly (string | number)[]): SourceSpan =>
    keySpanAt(parsed.spans, path) ?? { file: parsed.file, line: 1, column: 1, start: 0, end: 0 };
  const stateNames = Object.keys(definition.states);
  const modelNames = Object.keys(definition.models);

  const models = Object.entries(definition.models).map(([name, call]): ModelModel => {
    const { stateField, identifierField, versionField, linkedBy } = call.args[0];
    return {
      name,
      type: referenceOf(call.typeArgument?.reference),
      stateField,
      identifierField,
      ...(versionField === undefined ? {} : { versionField }),
      ...(linkedBy === undefined ? {} : { linkedBy }),
      span: spanOf(['models', name]),
    };
  });

  const states = Object.entries(definition.states).map(([name, state]): StateModel => {
    const targets =
      state.to === '*' ? stateNames : stateNames.filter((target) => state.to?.includes(target));
    return {
      name,
      start: state.start === true,
      terminal: state.terminal === true,
      values: modelNames.flatMap((model) => {
        const value = Object.hasOwn(state.models, model) ? state.models[model] : undefined;
        return value === undefined ? [] : [{ model, value }];
      }),
      to: targets,
      unrestricted: state.to === '*',
      timers: timersOf(state),
      span: spanOf(['states', name]),
    };
  });

  const context = Object.entries(definition.context ?? {}).map(([key, entry]) =>
    contextEntryModel(key, entry),
  );
  const schemaImports = [
    ...new Set(context.flatMap((entry) => (entry.kind === 'schema' ? [entry.schema] : []))),
  ];

  return {
    name: definition.name,
    sourceFile: parsed.file,
    models,
    states,
    context,
    schemaImports,
  };
}

function contextEntryModel(key: string, entry: ValidContextEntry): ContextEntryModel {
  switch (entry['@call']) {
    case 'value': {
      const required = entry.args[0]?.required ?? true;
      const runtimeType = entry.typeArgument?.runtimeType;
      const type = referenceOf(entry.typeArgument?.reference);
      return runtimeType === undefined
        ? { kind: 'value', key, required, type }
        : { kind: 'value', key, required, type, runtimeType };
    }
    case 'schema':
      return {
        kind: 'schema',
        key,
        required: entry.args[1]?.required ?? true,
        schema: entry.args[0]['@schema'],
      };
    case 'instanceOf': {
      const [model, options] = entry.args;
      return {
        kind: 'instance',
        key,
        required: options.required ?? true,
        model,
        createdIn: options.createdIn,
      };
    }
  }
}

/** Shortest first, so the order does not depend on how the keys were written. */
function timersOf(state: ValidState): TimerModel[] {
  return Object.entries(state.after ?? {})
    .map(([key, to]): TimerModel => {
      const reading = readDuration(key);
      if (!reading.ok) throw new Error(`internal: timer '${key}' passed validation`);
      return { afterMs: reading.ms, to, label: durationLabel(key, reading.ms) };
    })
    .toSorted((a, b) => a.afterMs - b.afterMs);
}

/** Parse reports every type argument it cannot reference, so a model is only built with all of them. */
function referenceOf(reference: TypeReference | undefined): TypeReference {
  if (reference === undefined)
    throw new Error('internal: a type argument without a reference passed validation');
  return reference;
}

import type { SourceSpan } from '../../../generator/diagnostics/diagnostic.js';
import type {
  ContextEntryModel,
  MachineModel,
  ModelModel,
  StateModel,
  TimerModel,
} from '../../../generator/definition/machine-model.js';
import type { TypeReference } from '../../../generator/definition/type-reference.js';

/** A span for hand-built models; emit never reads spans. */
export function spanIn(file: string): SourceSpan {
  return { file, line: 1, column: 1, start: 0, end: 0 };
}

export function modelOf(
  file: string,
  name: string,
  type: TypeReference,
  fields: {
    stateField?: string;
    identifierField?: string;
    versionField?: string;
    linkedBy?: string;
  } = {},
): ModelModel {
  return {
    name,
    type,
    stateField: fields.stateField ?? 'status',
    identifierField: fields.identifierField ?? 'id',
    ...(fields.versionField === undefined ? {} : { versionField: fields.versionField }),
    ...(fields.linkedBy === undefined ? {} : { linkedBy: fields.linkedBy }),
    span: spanIn(file),
  };
}

export interface StateSketch {
  readonly to?: readonly string[] | '*';
  readonly start?: boolean;
  readonly terminal?: boolean;
  readonly values?: Readonly<Record<string, string | number | boolean>>;
  readonly timers?: readonly TimerModel[];
}

/** States from a compact sketch; `to: '*'` expands to every state, as the model stage does. */
export function statesOf(
  file: string,
  sketch: Readonly<Record<string, StateSketch>>,
  primaryModel: string,
): StateModel[] {
  const names = Object.keys(sketch);
  return Object.entries(sketch).map(([name, state]) => ({
    name,
    start: state.start ?? false,
    terminal: state.terminal ?? false,
    values: Object.entries(state.values ?? { [primaryModel]: name.toLowerCase() }).map(
      ([model, value]) => ({ model, value }),
    ),
    to: state.to === '*' ? names : (state.to ?? []),
    unrestricted: state.to === '*',
    timers: state.timers ?? [],
    span: spanIn(file),
  }));
}

export interface MachineSketch {
  readonly name: string;
  readonly sourceFile: string;
  readonly models?: readonly ModelModel[];
  readonly states: Readonly<Record<string, StateSketch>>;
  readonly context?: readonly ContextEntryModel[];
  readonly schemaImports?: readonly string[];
}

export function machineOf(sketch: MachineSketch): MachineModel {
  const models = sketch.models ?? [
    modelOf(sketch.sourceFile, 'Item', { kind: 'import', name: 'Item', from: './models.js' }),
  ];
  return {
    name: sketch.name,
    sourceFile: sketch.sourceFile,
    models,
    states: statesOf(sketch.sourceFile, sketch.states, models[0]?.name ?? 'Item'),
    context: sketch.context ?? [],
    schemaImports: sketch.schemaImports ?? [],
  };
}
